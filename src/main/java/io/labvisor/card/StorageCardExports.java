package io.labvisor.card;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Exports and withdraws volumes of a running storage card through its QMP monitor, so data volumes come and go
 * without restarting the card (which would stall the root disk). {@link #sync} makes the card export exactly its
 * spec's volumes: the same block graph ({@link CardBlockGraph}) a card started from that spec has.
 */
public final class StorageCardExports {
    private static final Logger log = LoggerFactory.getLogger(StorageCardExports.class);
    /** How long a withdrawn export may stay in use (the guest's QEMU still connected) before it is cut. */
    private static final Duration RELEASE = Duration.ofSeconds(10);

    private final String qemuUser;

    public StorageCardExports(String qemuUser) {
        this.qemuUser = qemuUser;
    }

    /**
     * Adds the exports of {@code spec}'s volumes the running card lacks and removes those of volumes no longer
     * in it; returns what changed ({@code +vol-…}, {@code -vol-…}).
     */
    public List<String> sync(StorageCardSpec spec) {
        if (spec.volumes().size() == 1 && !Files.exists(spec.qmpSocket())) {
            // A card started by a labvisor without monitors: it exports the root volume, which is all it should.
            return List.of();
        }
        try (QmpClient qmp = QmpClient.open(spec.qmpSocket())) {
            Set<String> exported = exportedVolumes(qmp);
            List<String> changes = new java.util.ArrayList<>();
            // Nodes without their export: a withdrawal cut short (labvisord killed between its steps). They would
            // keep the volume's file open and make its next export trip over them: removed first.
            for (String volumeId : volumesWithNodes(qmp)) {
                if (!exported.contains(volumeId)) {
                    deleteGraph(qmp, volumeId);
                    changes.add("~" + volumeId);
                }
            }
            for (CardVolume v : spec.volumes()) {
                if (!exported.contains(v.volumeId())) {
                    add(qmp, spec, v);
                    changes.add("+" + v.volumeId());
                }
            }
            for (String volumeId : exported) {
                if (spec.volume(volumeId).isEmpty()) {
                    remove(qmp, spec, volumeId);
                    changes.add("-" + volumeId);
                }
            }
            if (!changes.isEmpty()) {
                log.info("storage card of {}: exports {}", spec.instanceId(), changes);
            }
            return changes;
        }
    }

    /** Volume ids the card exports now. */
    public Set<String> exported(StorageCardSpec spec) {
        try (QmpClient qmp = QmpClient.open(spec.qmpSocket())) {
            return exportedVolumes(qmp);
        }
    }

    /**
     * The card's per-node block statistics ({@code query-blockstats} with {@code query-nodes}), by node name.
     * Exports use anonymous block backends, which QEMU leaves out of the device-level statistics, so the node
     * level is what there is: its request counters stay zero (QEMU counts requests per block backend), but
     * {@code wr_highest_offset} is the highest offset written through each node.
     */
    public Map<String, JsonNode> nodeStats(StorageCardSpec spec) {
        try (QmpClient qmp = QmpClient.open(spec.qmpSocket())) {
            Map<String, JsonNode> out = new LinkedHashMap<>();
            for (JsonNode s : qmp.execute("query-blockstats", Map.of("query-nodes", true))) {
                if (s.hasNonNull("node-name")) {
                    out.put(s.get("node-name").asText(), s.get("stats"));
                }
            }
            return out;
        }
    }

    private static Set<String> exportedVolumes(QmpClient qmp) {
        Set<String> out = new TreeSet<>();
        for (JsonNode e : qmp.execute("query-block-exports", Map.of())) {
            CardBlockGraph.volumeOfExport(e.path("id").asText()).ifPresent(out::add);
        }
        return out;
    }

    private void add(QmpClient qmp, StorageCardSpec spec, CardVolume v) {
        try {
            Files.createDirectories(v.socket().getParent());
            Files.deleteIfExists(v.socket()); // left by an earlier export of the volume: the server could not bind
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot prepare " + v.socket(), e);
        }
        List<String> nodesAdded = new java.util.ArrayList<>();
        boolean groupAdded = false;
        // a throttle group outliving its nodes (a withdrawal cut short after them) would make object-add fail
        quietly(qmp, "object-del", Map.of("id", CardBlockGraph.throttleGroupId(v.volumeId())));
        try {
            var group = CardBlockGraph.throttleGroup(v);
            if (group.isPresent()) {
                qmp.execute("object-add", group.get());
                groupAdded = true;
            }
            for (Map<String, Object> node : CardBlockGraph.nodes(v)) {
                qmp.execute("blockdev-add", node);
                nodesAdded.add(0, (String) node.get("node-name"));
            }
            qmp.execute("block-export-add", CardBlockGraph.export(v, spec.queues()));
            CardControl.grantQemu(v.socket(), qemuUser);
        } catch (RuntimeException | IOException e) {
            // Leave the card as it was: no half-built graph that a later add would trip over.
            nodesAdded.forEach(n -> quietly(qmp, "blockdev-del", Map.of("node-name", n)));
            if (groupAdded) {
                quietly(qmp, "object-del", Map.of("id", CardBlockGraph.throttleGroupId(v.volumeId())));
            }
            throw new IllegalStateException("the storage card of " + spec.instanceId() + " cannot export "
                    + v.volumeId() + ": " + e.getMessage(), e);
        }
        log.info("storage card of {} exports {} on {}{}", spec.instanceId(), v.volumeId(), v.socket(),
                v.throttle().map(t -> " throttled to " + t.limits()).orElse(""));
    }

    /**
     * Withdraws an export: safely while its client lets go (QEMU disconnects once the guest released the disk),
     * cut ({@code hard}) after {@link #RELEASE}; then its nodes top first and its throttle group.
     */
    private static void remove(QmpClient qmp, StorageCardSpec spec, String volumeId) {
        String exportId = CardBlockGraph.exportId(volumeId);
        long deadline = System.nanoTime() + RELEASE.toNanos();
        while (true) {
            try {
                qmp.execute("block-export-del", Map.of("id", exportId));
                break;
            } catch (QmpClient.QmpException e) {
                if (System.nanoTime() > deadline) {
                    log.warn("export {} of {} still in use after {}: cutting it", exportId, spec.instanceId(), RELEASE);
                    qmp.execute("block-export-del", Map.of("id", exportId, "mode", "hard"));
                    break;
                }
                CardControl.sleep(200);
            }
        }
        // Deletion finishes asynchronously (BLOCK_EXPORT_DELETED); the nodes stay busy until then.
        long gone = System.nanoTime() + RELEASE.toNanos();
        while (exportedVolumes(qmp).contains(volumeId) && System.nanoTime() < gone) {
            CardControl.sleep(100);
        }
        deleteGraph(qmp, volumeId);
        Path socket = spec.qmpSocket().resolveSibling(volumeId + ".sock");
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", socket, e.getMessage());
        }
        log.info("storage card of {} no longer exports {}", spec.instanceId(), volumeId);
    }

    /** Deletes a volume's nodes, top first, and its throttle group (the export is gone). */
    private static void deleteGraph(QmpClient qmp, String volumeId) {
        // Which of the volume's nodes exist: a throttled volume has three, an unthrottled one two.
        Set<String> nodes = nodeNames(qmp);
        for (String name : List.of(volumeId, volumeId + "-qcow2", CardBlockGraph.fileNodeName(volumeId))) {
            if (nodes.contains(name)) {
                qmp.execute("blockdev-del", Map.of("node-name", name));
            }
        }
        quietly(qmp, "object-del", Map.of("id", CardBlockGraph.throttleGroupId(volumeId)));
    }

    private static Set<String> nodeNames(QmpClient qmp) {
        Set<String> nodes = new TreeSet<>();
        for (JsonNode node : qmp.execute("query-named-block-nodes", Map.of("flat", true))) {
            nodes.add(node.path("node-name").asText());
        }
        return nodes;
    }

    /** The volumes that have nodes in the card (named after the volume: vol-…, vol-…-qcow2, vol-…-file). */
    private static Set<String> volumesWithNodes(QmpClient qmp) {
        Set<String> out = new TreeSet<>();
        for (String name : nodeNames(qmp)) {
            if (name.startsWith("vol-")) {
                out.add(name.replaceFirst("-(qcow2|file)$", ""));
            }
        }
        return out;
    }

    private static void quietly(QmpClient qmp, String command, Map<String, ?> args) {
        try {
            qmp.execute(command, args);
        } catch (RuntimeException e) {
            log.debug("{} {}: {}", command, args, e.getMessage());
        }
    }
}
