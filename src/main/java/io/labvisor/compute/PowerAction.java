package io.labvisor.compute;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;

import java.util.Set;

/**
 * Which of StopInstances, StartInstances and RebootInstances EC2 allows from which state. Pure, so the state
 * machine is unit-tested: {@code acts} states move the instance, {@code unchanged} states are answered without a
 * move (stopping a stopped instance), every other state is IncorrectInstanceState.
 */
public enum PowerAction {
    STOP("stopped", Set.of(InstanceState.RUNNING), Set.of(InstanceState.STOPPING, InstanceState.STOPPED)),
    START("started", Set.of(InstanceState.STOPPED), Set.of()),
    REBOOT("rebooted", Set.of(InstanceState.RUNNING), Set.of());

    private final String participle;
    private final Set<InstanceState> acts;
    private final Set<InstanceState> unchanged;

    PowerAction(String participle, Set<InstanceState> acts, Set<InstanceState> unchanged) {
        this.participle = participle;
        this.acts = acts;
        this.unchanged = unchanged;
    }

    public boolean acts(InstanceState s) {
        return acts.contains(s);
    }

    /** Throws EC2's IncorrectInstanceState unless the instance may take this action (or is already there). */
    public void require(Instance i) {
        if (!acts.contains(i.state()) && !unchanged.contains(i.state())) {
            throw incorrectState(i.instanceId());
        }
    }

    Ec2Exception incorrectState(String instanceId) {
        return new Ec2Exception(ErrorCode.INCORRECT_INSTANCE_STATE,
                "The instance '" + instanceId + "' is not in a state from which it can be " + participle + ".");
    }
}
