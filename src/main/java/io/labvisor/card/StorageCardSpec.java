package io.labvisor.card;

import io.labvisor.compute.CpuSet;
import io.labvisor.store.Json;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance's storage card: a qemu-storage-daemon that opens the instance's volumes and serves each as a
 * vhost-user-blk device, so the disk data path (virtqueue processing, qcow2, host file I/O) runs outside the
 * instance's QEMU process, on the card CPUs. One card per instance, as on Nitro: a card crash touches one
 * instance, and a card can be restarted without stopping any other. Pure: builds the command line.
 *
 * @param instanceId the instance the card serves
 * @param volumes    what it exports
 * @param queues     virtqueues per disk: one per guest vCPU, as QEMU's vhost-user-blk asks for by default
 * @param cpus       host CPUs it may run on (the partition's card CPUs)
 * @param pidFile    written by the daemon once its exports listen: the readiness signal and adoption key
 * @param logFile    the daemon's stdout and stderr
 */
public record StorageCardSpec(String instanceId, List<CardVolume> volumes, int queues, CpuSet cpus, Path pidFile,
                              Path logFile) implements CardSpec {
    public static final String DAEMON = "qemu-storage-daemon";

    public StorageCardSpec {
        volumes = List.copyOf(volumes);
        if (volumes.isEmpty()) {
            throw new IllegalArgumentException("a storage card for " + instanceId + " needs a volume");
        }
        if (queues < 1) {
            throw new IllegalArgumentException("a storage card needs at least one queue per disk");
        }
    }

    /**
     * {@code setsid} keeps the card out of the CLI's process group (a ^C on labvisor must not take disks away
     * from running guests); {@code taskset} pins it, and every thread it starts, to the card CPUs.
     */
    @Override
    public List<String> argv() {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/setsid", "/usr/bin/taskset", "-c", cpus.toString(),
                "/usr/bin/" + DAEMON, "--pidfile", pidFile.toString()));
        for (CardVolume v : volumes) {
            argv.add("--blockdev");
            argv.add(Json.write(fileNode(v)));
            argv.add("--blockdev");
            argv.add(Json.write(qcow2Node(v)));
        }
        for (CardVolume v : volumes) {
            argv.add("--export");
            argv.add(Json.write(export(v, queues)));
        }
        return argv;
    }

    /**
     * The host file, through the host page cache ({@code cache.direct=false}: works on any file system,
     * tmpfs included) with flushes passed on ({@code no-flush=false}): a write the guest has seen complete is
     * in the host kernel, so it survives the card process dying; a guest flush reaches the disk.
     */
    private static Map<String, Object> fileNode(CardVolume v) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("driver", "file");
        node.put("node-name", fileNodeName(v));
        node.put("filename", v.image().toString());
        node.put("cache", Map.of("direct", false, "no-flush", false));
        return node;
    }

    /** The qcow2 overlay; it opens its backing file (the AMI's root volume) read-only by itself, as named in its header. */
    private static Map<String, Object> qcow2Node(CardVolume v) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("driver", "qcow2");
        node.put("node-name", nodeName(v));
        node.put("file", fileNodeName(v));
        return node;
    }

    /**
     * {@code writethrough}: the export completes a write only after flushing it, qcow2 metadata (L2 tables,
     * refcounts) included. QEMU's vhost-user-blk presents the disk to the guest as write-through (the guest's
     * {@code queue/write_cache} reads "write through"), so the guest never sends a flush; without this, the qcow2
     * metadata of completed writes lived only in the card's memory and a killed card lost them
     * (StorageCardIntegrityIT read back other data after a kill -9). Costs a host flush per guest write.
     */
    private static Map<String, Object> export(CardVolume v, int queues) {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("type", "vhost-user-blk");
        export.put("id", "export-" + v.volumeId());
        export.put("node-name", nodeName(v));
        export.put("addr", Map.of("type", "unix", "path", v.socket().toString()));
        export.put("writable", true);
        export.put("writethrough", true);
        export.put("num-queues", queues);
        return export;
    }

    static String nodeName(CardVolume v) {
        return v.volumeId();
    }

    static String fileNodeName(CardVolume v) {
        return v.volumeId() + "-file";
    }

    /** True for the socket file names of volume exports (volume ids start with {@code vol-}). */
    static boolean isVolumeSocket(String fileName) {
        return fileName.startsWith("vol-") && fileName.endsWith(".sock");
    }

    /** True when {@code cmdline} (NUL-separated, from /proc) is this card's daemon, not a reused pid. */
    @Override
    public boolean matchesCmdline(String cmdline) {
        List<String> args = List.of(cmdline.split("\0"));
        return !args.isEmpty() && args.get(0).endsWith(DAEMON) && args.contains(pidFile.toString());
    }
}
