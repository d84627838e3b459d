package io.labvisor.compute;

/** One instance's move, as TerminateInstances, StopInstances and StartInstances report it. */
public record StateChange(String instanceId, InstanceState previous, InstanceState current) {
}
