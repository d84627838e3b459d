package io.labvisor.explain;

/**
 * One host thread serving an instance, read live from /proc.
 *
 * @param cpusAllowed the host CPUs the scheduler may run it on (Cpus_allowed_list), e.g. "1" or "0-1"
 * @param lastCpu     the CPU it last ran on (field 39 of /proc/.../stat)
 */
public record HostThread(int pid, int tid, String name, ThreadRole role, String cpusAllowed, int lastCpu) {
}
