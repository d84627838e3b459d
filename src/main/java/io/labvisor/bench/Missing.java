package io.labvisor.bench;

/**
 * A figure the benchmark tried to measure and could not, with the reason: a report says so next to the figures it
 * has, instead of leaving a blank that reads like "not measured".
 *
 * @param group   the chart the figure belongs to, e.g. "net throughput guest to guest"
 * @param name    the condition, e.g. "nitro"
 * @param reason  what went wrong, as the guest or the host reported it
 * @param command the command that tries again
 */
public record Missing(String group, String name, String reason, String command) {
}
