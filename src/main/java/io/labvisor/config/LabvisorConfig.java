package io.labvisor.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where labvisor keeps things and which libvirt it talks to. Values come from environment variables so the
 * CLI, the API server and the tests can each point at their own state without flags on every command.
 *
 * @param stateDir       SQLite file, console logs and per-instance files ({@code LABVISOR_HOME})
 * @param libvirtUri     libvirt connection URI ({@code LABVISOR_LIBVIRT_URI})
 * @param poolName       libvirt storage pool for AMIs and volumes ({@code LABVISOR_POOL})
 * @param poolPath       directory of that pool
 * @param netns          network namespace that holds guest networks ({@code LABVISOR_NETNS})
 * @param accelOverride  {@code kvm}, {@code tcg} or empty for auto ({@code LABVISOR_ACCEL})
 * @param cardRunDir     where storage cards put their vhost-user sockets ({@code LABVISOR_CARD_RUN_DIR})
 * @param partitionEnv   host partition overrides ({@code LABVISOR_CARD_CPUS}, {@code LABVISOR_INSTANCE_CPUS})
 * @param networkCardOverride {@code vhost-net}, {@code vhost-user} or empty for auto ({@code LABVISOR_NETWORK_CARD})
 */
public record LabvisorConfig(Path stateDir, String libvirtUri, String poolName, Path poolPath, String netns,
                             Optional<String> accelOverride, Path cardRunDir, Map<String, String> partitionEnv,
                             Optional<String> networkCardOverride) {

    public LabvisorConfig {
        partitionEnv = Map.copyOf(partitionEnv);
    }

    /** Environment variables, overridden by Java system properties of the same name (used by tests). */
    public static LabvisorConfig fromEnvironment() {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("LABVISOR_")) {
                env.put(k.toString(), v.toString());
            }
        });
        return from(env);
    }

    public static LabvisorConfig from(Map<String, String> env) {
        Path stateDir = Path.of(env.getOrDefault("LABVISOR_HOME", "/var/lib/labvisor"));
        String pool = env.getOrDefault("LABVISOR_POOL", "labvisor");
        return new LabvisorConfig(
                stateDir,
                env.getOrDefault("LABVISOR_LIBVIRT_URI", "qemu:///system"),
                pool,
                Path.of(env.getOrDefault("LABVISOR_POOL_PATH", stateDir.resolve("pool").toString())),
                env.getOrDefault("LABVISOR_NETNS", "labvisor"),
                Optional.ofNullable(env.get("LABVISOR_ACCEL")).filter(s -> !s.isBlank() && !s.equals("auto")),
                Path.of(env.getOrDefault("LABVISOR_CARD_RUN_DIR", "/run/labvisor/cards")),
                PARTITION_KEYS.stream().filter(env::containsKey)
                        .collect(java.util.stream.Collectors.toMap(k -> k, env::get)),
                Optional.ofNullable(env.get("LABVISOR_NETWORK_CARD")).filter(s -> !s.isBlank()));
    }

    private static final java.util.List<String> PARTITION_KEYS =
            java.util.List.of("LABVISOR_CARD_CPUS", "LABVISOR_INSTANCE_CPUS");

    public LabvisorConfig withAccelOverride(String accel) {
        Optional<String> value = Optional.ofNullable(accel).filter(s -> !s.isBlank() && !s.equals("auto"));
        return new LabvisorConfig(stateDir, libvirtUri, poolName, poolPath, netns, value, cardRunDir, partitionEnv,
                networkCardOverride);
    }

    public Path databaseFile() {
        return stateDir.resolve("labvisor.db");
    }

    public Path consoleDir() {
        return stateDir.resolve("console");
    }

    /** Storage card pidfiles and logs: per state directory, so each labvisor adopts only its own cards. */
    public Path cardStateDir() {
        return stateDir.resolve("cards");
    }

    /**
     * The instance metadata server's pidfile, log and registered states: beside the card sockets
     * ({@code /run/labvisor/imds}), shared by every labvisor state on the host as the namespace is.
     */
    public Path imdsDir() {
        return cardRunDir.resolveSibling("imds");
    }

    public Path instanceDir(String instanceId) {
        return stateDir.resolve("instances").resolve(instanceId);
    }
}
