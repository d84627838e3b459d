package io.labvisor.compute;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Whether the host kernel can do what libvirt's {@code <bandwidth>} asks of tc: an htb class with an sfq leaf for
 * traffic to the guest, an ingress policer for traffic from it. Without them the domain does not start at all
 * ("Specified qdisc kind is unknown"), so the planner leaves bandwidth out on such hosts (this project's CI kernel
 * is built without sfq and police). Read from the kernel's config (built in or a module).
 */
public final class TrafficShaping {
    static final List<String> NEEDED = List.of("CONFIG_NET_SCH_HTB", "CONFIG_NET_SCH_SFQ", "CONFIG_NET_ACT_POLICE");

    private TrafficShaping() {
    }

    /** True when the running kernel's config has every needed option; true as well when no config can be read. */
    public static boolean hostSupports() {
        String release = System.getProperty("os.version");
        try {
            Path proc = Path.of("/proc/config.gz");
            if (Files.isReadable(proc)) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(proc))) {
                    return supports(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            Path boot = Path.of("/boot/config-" + release);
            if (Files.isReadable(boot)) {
                return supports(Files.readString(boot));
            }
        } catch (IOException e) {
            // fall through: assume a stock kernel
        }
        return true;
    }

    /** Pure: every needed option is {@code y} or {@code m} in {@code config}. */
    static boolean supports(String config) {
        return NEEDED.stream().allMatch(o -> config.contains("\n" + o + "=y") || config.contains("\n" + o + "=m")
                || config.startsWith(o + "=y") || config.startsWith(o + "=m"));
    }
}
