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
 */
public record LabvisorConfig(Path stateDir, String libvirtUri, String poolName, Path poolPath, String netns,
                             Optional<String> accelOverride) {

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
                Optional.ofNullable(env.get("LABVISOR_ACCEL")).filter(s -> !s.isBlank() && !s.equals("auto")));
    }

    public LabvisorConfig withAccelOverride(String accel) {
        Optional<String> value = Optional.ofNullable(accel).filter(s -> !s.isBlank() && !s.equals("auto"));
        return new LabvisorConfig(stateDir, libvirtUri, poolName, poolPath, netns, value);
    }

    public Path databaseFile() {
        return stateDir.resolve("labvisor.db");
    }

    public Path consoleDir() {
        return stateDir.resolve("console");
    }

    public Path instanceDir(String instanceId) {
        return stateDir.resolve("instances").resolve(instanceId);
    }
}
