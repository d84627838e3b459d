package io.labvisor.card;

import io.labvisor.host.CpuSet;
import io.labvisor.store.Json;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One instance's storage card: a qemu-storage-daemon that opens the instance's volumes and serves each as a
 * vhost-user-blk device, so the disk data path (virtqueue processing, qcow2, host file I/O) runs outside the
 * instance's QEMU process, on the card CPUs. One card per instance, as on Nitro: a card crash touches one
 * instance, and a card can be restarted without stopping any other. Its QMP monitor lets labvisor export and
 * withdraw data volumes while it runs ({@link StorageCardExports}). Pure: builds the command line.
 *
 * @param instanceId the instance the card serves
 * @param volumes    what it exports: the root volume first, then the attached data volumes
 * @param queues     virtqueues per disk: one per guest vCPU, as QEMU's vhost-user-blk asks for by default
 * @param cpus       host CPUs it may run on (the partition's card CPUs)
 * @param pidFile    written by the daemon once its exports listen: the readiness signal and adoption key
 * @param logFile    the daemon's stdout and stderr
 * @param qmpSocket  the card's QMP monitor (server side; only root may connect)
 */
public record StorageCardSpec(String instanceId, List<CardVolume> volumes, int queues, CpuSet cpus, Path pidFile,
                              Path logFile, Path qmpSocket) implements CardSpec {
    public static final String DAEMON = "qemu-storage-daemon";
    /** File name of the card's QMP socket, in the instance's socket directory. */
    public static final String QMP_SOCKET_NAME = "storage-card.qmp";

    public StorageCardSpec {
        volumes = List.copyOf(volumes);
        if (volumes.isEmpty()) {
            throw new IllegalArgumentException("a storage card for " + instanceId + " needs a volume");
        }
        if (queues < 1) {
            throw new IllegalArgumentException("a storage card needs at least one queue per disk");
        }
    }

    /** The exported volume {@code volumeId}, if the card exports it. */
    public java.util.Optional<CardVolume> volume(String volumeId) {
        return volumes.stream().filter(v -> v.volumeId().equals(volumeId)).findFirst();
    }

    /**
     * {@code setsid} keeps the card out of the CLI's process group (a ^C on labvisor must not take disks away
     * from running guests); {@code taskset} pins it, and every thread it starts, to the card CPUs. The QMP monitor
     * listens without waiting for a client ({@code wait=off}).
     */
    @Override
    public List<String> argv() {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/setsid", "/usr/bin/taskset", "-c", cpus.toString(),
                "/usr/bin/" + DAEMON, "--pidfile", pidFile.toString(),
                "--chardev", "socket,id=qmp0,path=" + qmpSocket + ",server=on,wait=off",
                "--monitor", "chardev=qmp0,mode=control"));
        for (CardVolume v : volumes) {
            CardBlockGraph.throttleGroup(v).ifPresent(o -> {
                argv.add("--object");
                argv.add(Json.write(o));
            });
            for (Map<String, Object> node : CardBlockGraph.nodes(v)) {
                argv.add("--blockdev");
                argv.add(Json.write(node));
            }
        }
        for (CardVolume v : volumes) {
            argv.add("--export");
            argv.add(Json.write(CardBlockGraph.export(v, queues)));
        }
        return argv;
    }

    /** True for the socket file names of volume exports (volume ids start with {@code vol-}). */
    static boolean isVolumeSocket(String fileName) {
        return fileName.startsWith("vol-") && fileName.endsWith(".sock");
    }

    /** The files a storage card leaves in the socket directory: its exports' sockets and its QMP socket. */
    static boolean isCardSocket(String fileName) {
        return isVolumeSocket(fileName) || fileName.equals(QMP_SOCKET_NAME);
    }

    /** True when {@code cmdline} (NUL-separated, from /proc) is this card's daemon, not a reused pid. */
    @Override
    public boolean matchesCmdline(String cmdline) {
        List<String> args = List.of(cmdline.split("\0"));
        return !args.isEmpty() && args.get(0).endsWith(DAEMON) && args.contains(pidFile.toString());
    }
}
