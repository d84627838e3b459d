package io.labvisor.compute;

import io.labvisor.ec2.ResourceId;
import io.labvisor.virt.DomainEvent;

import java.util.List;

/**
 * Moves instance rows on libvirt lifecycle events: a domain that started is running; a domain that stopped
 * while labvisor was stopping it is stopped; one that stopped on its own (guest shutdown, crash) is stopped
 * too, with EC2's reason. Shutting-down instances are left to the terminator, which waits for the same event.
 */
public final class InstanceLifecycle {
    static final String GUEST_SHUTDOWN = "Client.InstanceInitiatedShutdown: Instance initiated shutdown";
    static final String CRASHED = "Server.InternalError: The instance's emulator stopped unexpectedly";

    private final InstanceRepository instances;

    public InstanceLifecycle(InstanceRepository instances) {
        this.instances = instances;
    }

    public void onEvent(DomainEvent e) {
        if (!ResourceId.INSTANCE.isValid(e.domain())) {
            return; // not one of ours
        }
        switch (e.kind()) {
            case "STARTED", "RESUMED" -> instances.transition(e.domain(),
                    List.of(InstanceState.PENDING, InstanceState.STOPPED), InstanceState.RUNNING, null);
            case "STOPPED" -> {
                instances.transition(e.domain(), List.of(InstanceState.STOPPING), InstanceState.STOPPED,
                        InstanceTerminator.USER_SHUTDOWN);
                String reason = switch (e.detail()) {
                    case "CRASHED", "FAILED" -> CRASHED;
                    default -> GUEST_SHUTDOWN;
                };
                instances.transition(e.domain(), List.of(InstanceState.PENDING, InstanceState.RUNNING),
                        InstanceState.STOPPED, reason);
            }
            default -> {
                // DEFINED, UNDEFINED, SUSPENDED, SHUTDOWN (guest began shutting down) change no EC2 state
            }
        }
    }
}
