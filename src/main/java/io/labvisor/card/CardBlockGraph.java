package io.labvisor.card;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one exported volume is inside the storage card, as QAPI arguments shared by the command line (a card
 * started with its volumes) and QMP (a volume exported at runtime): an optional throttle group, the block nodes
 * from the host file up, and the vhost-user-blk export on the top node. Pure.
 * <pre>
 *   file (vol-X-file) -> qcow2 (vol-X, or vol-X-qcow2 under a throttle) [-> throttle (vol-X)] -> export-vol-X
 * </pre>
 */
public final class CardBlockGraph {
    private CardBlockGraph() {
    }

    /** The {@code throttle-group} object ({@code object-add} / {@code --object}), when the volume is throttled. */
    public static Optional<Map<String, Object>> throttleGroup(CardVolume v) {
        return v.throttle().map(t -> {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("qom-type", "throttle-group");
            object.put("id", throttleGroupId(v.volumeId()));
            object.put("limits", t.limits());
            return object;
        });
    }

    /** The block nodes, bottom first ({@code blockdev-add} / {@code --blockdev} in this order). */
    public static List<Map<String, Object>> nodes(CardVolume v) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        nodes.add(fileNode(v));
        Map<String, Object> qcow2 = new LinkedHashMap<>();
        qcow2.put("driver", "qcow2");
        qcow2.put("node-name", qcow2NodeName(v));
        qcow2.put("file", fileNodeName(v.volumeId()));
        nodes.add(qcow2);
        if (v.throttle().isPresent()) {
            Map<String, Object> throttle = new LinkedHashMap<>();
            throttle.put("driver", "throttle");
            throttle.put("node-name", topNodeName(v.volumeId()));
            throttle.put("throttle-group", throttleGroupId(v.volumeId()));
            throttle.put("file", qcow2NodeName(v));
            nodes.add(throttle);
        }
        return nodes;
    }

    /** Node names top first: the order {@code blockdev-del} removes them in. */
    public static List<String> nodeNamesTopFirst(CardVolume v) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> node : nodes(v)) {
            names.add(0, (String) node.get("node-name"));
        }
        return names;
    }

    /**
     * The host file, through the host page cache ({@code cache.direct=false}: works on any file system,
     * tmpfs included) with flushes passed on ({@code no-flush=false}): a write the guest has seen complete is
     * in the host kernel, so it survives the card process dying; a guest flush reaches the disk.
     */
    private static Map<String, Object> fileNode(CardVolume v) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("driver", "file");
        node.put("node-name", fileNodeName(v.volumeId()));
        node.put("filename", v.image().toString());
        node.put("cache", Map.of("direct", false, "no-flush", false));
        return node;
    }

    /**
     * {@code writethrough}: the export completes a write only after flushing it, qcow2 metadata (L2 tables,
     * refcounts) included. QEMU's vhost-user-blk presents the disk to the guest as write-through (the guest's
     * {@code queue/write_cache} reads "write through"), so the guest never sends a flush; without this, the qcow2
     * metadata of completed writes lived only in the card's memory and a killed card lost them
     * (StorageCardIntegrityIT read back other data after a kill -9). Costs a host flush per guest write. Data
     * volumes get the same, so what a guest saw complete on them also survives a card kill.
     */
    public static Map<String, Object> export(CardVolume v, int queues) {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("type", "vhost-user-blk");
        export.put("id", exportId(v.volumeId()));
        export.put("node-name", topNodeName(v.volumeId()));
        export.put("addr", Map.of("type", "unix", "path", v.socket().toString()));
        export.put("writable", true);
        export.put("writethrough", true);
        export.put("num-queues", queues);
        return export;
    }

    public static String exportId(String volumeId) {
        return "export-" + volumeId;
    }

    /** The node the export serves: the throttle node, or the qcow2 node of an unthrottled volume. */
    public static String topNodeName(String volumeId) {
        return volumeId;
    }

    static String qcow2NodeName(CardVolume v) {
        return v.throttle().isPresent() ? v.volumeId() + "-qcow2" : topNodeName(v.volumeId());
    }

    public static String fileNodeName(String volumeId) {
        return volumeId + "-file";
    }

    public static String throttleGroupId(String volumeId) {
        return "throttle-" + volumeId;
    }

    /** The volume id of an export id this card created, if it is one. */
    static Optional<String> volumeOfExport(String exportId) {
        return exportId.startsWith("export-") ? Optional.of(exportId.substring("export-".length()))
                : Optional.empty();
    }
}
