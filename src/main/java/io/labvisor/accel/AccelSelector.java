package io.labvisor.accel;

import io.labvisor.store.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses KVM or TCG. {@code /dev/kvm} and libvirt's capabilities can claim KVM on hosts where it cannot run
 * a stock kernel (a nested or paravirtualized host), so the only trustworthy test is a short probe boot: KVM is
 * used when a guest booted with it reaches its boot marker. The answer is cached per host kernel and QEMU
 * version, and an explicit override wins over both.
 */
public final class AccelSelector {
    private static final Logger log = LoggerFactory.getLogger(AccelSelector.class);
    private static final String KEY_PREFIX = "accel.";

    /** Outcome of a probe boot. */
    public record ProbeResult(boolean booted, String detail) {
    }

    private final Settings settings;
    private final Optional<String> override;
    private final String hostKey;
    private final boolean kvmListed;
    private final Supplier<ProbeResult> kvmProbe;

    /**
     * @param hostKey   what the cached answer depends on (kernel release, QEMU version)
     * @param kvmListed whether {@code /dev/kvm} exists and libvirt lists the kvm domain type
     * @param kvmProbe  boots a tiny guest under KVM with a deadline
     */
    public AccelSelector(Settings settings, Optional<String> override, String hostKey, boolean kvmListed,
                         Supplier<ProbeResult> kvmProbe) {
        this.settings = settings;
        this.override = override;
        this.hostKey = hostKey;
        this.kvmListed = kvmListed;
        this.kvmProbe = kvmProbe;
    }

    public AccelChoice choose() {
        if (override.isPresent()) {
            Accelerator a = Accelerator.parse(override.get());
            return new AccelChoice(a, "override", "explicitly requested");
        }
        Optional<String> cached = settings.get(KEY_PREFIX + hostKey);
        if (cached.isPresent()) {
            String[] parts = cached.get().split("\\|", 2);
            return new AccelChoice(Accelerator.parse(parts[0]), "cached", parts.length > 1 ? parts[1] : "");
        }
        AccelChoice choice = probe();
        settings.put(KEY_PREFIX + hostKey, choice.accelerator().label() + "|" + choice.reason());
        log.info("acceleration: {} ({})", choice.accelerator().label(), choice.reason());
        return choice;
    }

    /** Probes again and replaces the cached answer. */
    public AccelChoice reprobe() {
        settings.remove(KEY_PREFIX + hostKey);
        return choose();
    }

    private AccelChoice probe() {
        if (!kvmListed) {
            return new AccelChoice(Accelerator.TCG, "probe", "/dev/kvm or libvirt's kvm domain type is missing");
        }
        ProbeResult r = kvmProbe.get();
        return r.booted()
                ? new AccelChoice(Accelerator.KVM, "probe", "a KVM probe guest booted: " + r.detail())
                : new AccelChoice(Accelerator.TCG, "probe", "KVM is listed but a KVM probe guest failed: " + r.detail());
    }

    /** The cache key: the answer changes with the host kernel and the QEMU build. */
    public static String hostKey(String hypervisorVersion) {
        String kernel = System.getProperty("os.version", "unknown");
        return kernel + "/qemu-" + hypervisorVersion;
    }

    public static boolean kvmDevicePresent() {
        return Files.exists(Path.of("/dev/kvm"));
    }
}
