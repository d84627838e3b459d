package io.labvisor.imds;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which instance a request comes from: the neighbour entries for its source address give (bridge, MAC) pairs, and
 * the registered states say which instance has that MAC and address on that bridge. Exactly one match, or nobody:
 * when the same address is live on two bridges (two VPCs reusing a block), the namespace's single routing table
 * sends the reply to one of them only, so such a request is refused rather than answered for the wrong guest.
 */
final class Callers {
    private static final Logger log = LoggerFactory.getLogger(Callers.class);
    private final StateRegistry registry;

    Callers(StateRegistry registry) {
        this.registry = registry;
    }

    Optional<InstanceMetadata> identify(String sourceIp) {
        try {
            List<InstanceMetadata> found = new ArrayList<>();
            List<Path> states = registry.states();
            for (NeighbourTable.Entry n : NeighbourTable.of(sourceIp)) {
                for (Path state : states) {
                    StateReader.find(state, n.mac(), sourceIp, n.device()).ifPresent(found::add);
                }
            }
            if (found.size() > 1) {
                log.warn("{} is {}: ambiguous, refused", sourceIp,
                        found.stream().map(InstanceMetadata::instanceId).toList());
                return Optional.empty();
            }
            return found.stream().findFirst();
        } catch (Exception e) {
            log.error("cannot identify the caller {}: {}", sourceIp, e.toString());
            return Optional.empty();
        }
    }
}
