package io.labvisor.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.Labvisor;

import java.time.Instant;
import java.util.Optional;

/**
 * What {@code labvisor daemon status} shows: which state this daemon owns, since when, its doors, and the capacity
 * it sells.
 */
final class DaemonStatus {
    private final Labvisor labvisor;
    private final Instant started = Instant.now();
    private volatile Optional<String> api = Optional.empty();

    DaemonStatus(Labvisor labvisor) {
        this.labvisor = labvisor;
    }

    void api(String uri) {
        api = Optional.of(uri);
    }

    String json() {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("Pid", ProcessHandle.current().pid());
        n.put("Started", started.toString());
        n.put("StateDir", labvisor.config().stateDir().toString());
        n.put("Libvirt", labvisor.libvirt().uri());
        n.put("LibvirtConnected", labvisor.libvirt().alive());
        n.put("QueryApi", api.orElse("off"));
        n.put("ControlSocket", ControlProtocol.socket(labvisor.config().stateDir()).toString());
        n.put("MetadataServerPid", labvisor.controller().metadataWatch().map(w -> w.pid()).orElse(-1L));
        // what instances may take on this host (RunInstances refuses beyond it), with their cards' memory
        n.put("CapacityVcpus", labvisor.capacity().maxVcpus());
        n.put("CapacityMemoryMiB", labvisor.capacity().instanceMemoryMiB());
        var last = labvisor.reconciled();
        n.put("LastReconcileChanges", last == null ? 0 : last.changes().size());
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
