package io.labvisor.card;

import io.labvisor.host.CpuSet;
import io.labvisor.virtxml.NwFilterBindingSpec;
import io.labvisor.virtxml.NwFilterSpec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One instance's network card: a DPDK testpmd that io-forwards between a vhost-user port (the guest's virtio-net
 * queues, which it reads straight out of guest RAM) and a tap on the subnet's bridge, the host kernel bridge being
 * the "VPC fabric". It runs inside the guest network namespace, so its tap lands there. One card per instance,
 * as for storage. Pure: builds the command line.
 * <p>
 * DPDK busy-polls: the forwarding lcore spins on both ports whether or not packets come. That is why cards get CPUs
 * of their own, apart from the instance CPUs, and why the forwarding threads of all cards share a low CPU weight
 * ({@link PollingPriority}): QEMU emulator threads, storage cards and the cards' control threads on the same card
 * CPUs win when they want to run, so several cards share one card CPU without starving anything.
 *
 * @param instanceId the instance the card serves (also in the socket path and file prefix, so {@code explain}
 *                   finds the process by its arguments)
 * @param socket     vhost-user socket the card listens on (server side); QEMU connects as client
 * @param tap        the tap the card creates in {@code netns}
 * @param netns      network namespace of the guest networks
 * @param bridge     the subnet's bridge the tap joins
 * @param cpus       host CPUs it may run on (the partition's card CPUs)
 * @param pidFile    written by labvisor once the card serves (testpmd has no pidfile option)
 * @param stdin      a FIFO the card opens read-write as its stdin (see {@link #argv()})
 * @param logFile    testpmd's stdout and stderr
 * @param filter     the guest's packet filter (its security groups), bound to the tap whenever the card starts
 */
public record NetworkCardSpec(String instanceId, Path socket, String tap, String netns, String bridge, CpuSet cpus,
                              Path pidFile, Path stdin, Path logFile, Optional<TapFilter> filter) implements CardSpec {
    public static final String TESTPMD = "dpdk-testpmd";
    /** The guest's first (only) interface. */
    public static final String SOCKET_NAME = "eni0.sock";
    /** Linux interface names are at most 15 bytes. */
    static final int IFNAMSIZ = 15;

    public NetworkCardSpec {
        if (tap.length() > IFNAMSIZ) {
            throw new IllegalArgumentException("tap name " + tap + " is longer than " + IFNAMSIZ);
        }
    }

    /**
     * The nwfilter that guards the guest's traffic on the card's tap.
     *
     * @param mac    the guest NIC's MAC address
     * @param filter the filter with its parameters (the guest's {@code IP})
     */
    public record TapFilter(String mac, NwFilterSpec.Ref filter) {
    }

    /**
     * The filter bound to this card's tap. Its owner is the instance, with a UUID derived from the instance id:
     * the card (and so its binding) exists before the instance's domain and its UUID.
     */
    public Optional<NwFilterBindingSpec> binding() {
        return filter.map(f -> new NwFilterBindingSpec(instanceId,
                UUID.nameUUIDFromBytes(instanceId.getBytes(StandardCharsets.UTF_8)).toString(), tap, f.mac(),
                f.filter()));
    }

    /** {@code lvn} and 8 hex digits of the instance id's SHA-256: short enough for Linux, unique per instance. */
    public static String tapName(String instanceId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(instanceId.getBytes(StandardCharsets.UTF_8));
            return "lvn" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DPDK's shared-memory namespace: unique per instance, so cards never see each other's runtime files. */
    public static String filePrefix(String instanceId) {
        return "lv-" + instanceId;
    }

    /**
     * {@code ip netns exec} puts the card (and so its tap) in the guest namespace; {@code setsid} keeps it out of
     * the CLI's process group; {@code taskset} and {@code --lcores} pin the process and both lcores (testpmd's
     * main lcore, which only waits on stdin, and the forwarding lcore, which spins) onto the card CPUs. Every step
     * execs, so the pid labvisor starts is testpmd's.
     * <p>
     * In non-interactive mode testpmd exits when its stdin reaches end of file. A pipe from labvisor would end
     * with the CLI process, so the card opens a FIFO read-write as its stdin: it holds the writing end itself,
     * the pipe never closes, and the card outlives labvisor as the storage card does.
     * <p>
     * {@code --no-huge -m 256}: no hugepages are reserved on the host; {@code --no-pci}: the card owns no device.
     * {@code --no-mlockall}: testpmd otherwise calls {@code mlockall(MCL_FUTURE)}, so the vhost-user mapping of the
     * guest's RAM is populated whole at {@code SET_MEM_TABLE}: the card zeroes every page of a 4 GiB c5.large on
     * the card CPU (measured: its vhost-events thread at 96% of a CPU in {@code clear_page} for seconds) while QEMU
     * waits for the reply, and the instance's whole RAM becomes resident and locked before the guest touches it.
     */
    @Override
    public List<String> argv() {
        return List.of("/usr/bin/ip", "netns", "exec", netns, "/usr/bin/setsid", "/usr/bin/taskset", "-c",
                cpus.toString(), "/bin/sh", "-c", "exec \"$@\" 0<>\"$0\"", stdin.toString(),
                "/usr/bin/" + TESTPMD, "--no-huge", "-m", "256", "--no-pci",
                "--file-prefix=" + filePrefix(instanceId), "--lcores", lcores(cpus),
                "--vdev", "net_vhost0,iface=" + socket + ",client=0",
                "--vdev", "net_tap0,iface=" + tap,
                "--", "--no-mlockall", "--total-num-mbufs=2048", "--forward-mode=io", "--auto-start");
    }

    /** Lcores 0 and 1 both on the card CPUs: {@code 0@0,1@0} for one CPU, {@code 0@(0-1),1@(0-1)} for more. */
    static String lcores(CpuSet cpus) {
        String set = cpus.size() == 1 ? cpus.toString() : "(" + cpus + ")";
        return "0@" + set + ",1@" + set;
    }

    /** True for testpmd serving this instance: after the execs its argv starts at testpmd. */
    @Override
    public boolean matchesCmdline(String cmdline) {
        return isCard(cmdline, instanceId);
    }

    static boolean isCard(String cmdline, String instanceId) {
        List<String> args = List.of(cmdline.split("\0"));
        return !args.isEmpty() && args.get(0).endsWith(TESTPMD)
                && args.contains("--file-prefix=" + filePrefix(instanceId));
    }
}
