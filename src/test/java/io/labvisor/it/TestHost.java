package io.labvisor.it;

import io.labvisor.Labvisor;
import io.labvisor.config.LabvisorConfig;
import io.labvisor.image.Image;
import io.labvisor.net.sg.SecurityGroupFilters;
import org.libvirt.Connect;
import org.libvirt.StoragePool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An isolated labvisor for one integration test class: its own state directory, SQLite file and libvirt storage
 * pool on the host's real libvirtd (set up by scripts/setup-host.sh), removed again afterwards.
 * Guests run under TCG unless LABVISOR_ACCEL says otherwise; AccelProbeIT covers the probe itself.
 */
public final class TestHost implements AutoCloseable {
    public static final Path ROOT = Path.of(System.getProperty("labvisor.root", ".")).toAbsolutePath().normalize();
    public static final Path TINY_MANIFEST = ROOT.resolve("images/build/labvisor-tiny/manifest.json");

    private final LabvisorConfig config;
    private final Labvisor labvisor;

    private TestHost(LabvisorConfig config) {
        this.config = config;
        this.labvisor = Labvisor.open(config);
    }

    public static TestHost create() {
        return create(Optional.ofNullable(System.getenv("LABVISOR_ACCEL")).orElse("tcg"));
    }

    /** @param accel kvm, tcg, or auto (probe) */
    public static TestHost create(String accel) {
        return create(newId(), accel);
    }

    public static TestHost create(String id, String accel) {
        return new TestHost(LabvisorConfig.from(environment(id, accel)));
    }

    static String newId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The LABVISOR_* variables of an isolated labvisor, also usable as system properties for the CLI. */
    static Map<String, String> environment(String id, String accel) {
        return Map.of(
                "LABVISOR_HOME", Path.of("/var/lib/labvisor-test", id).toString(),
                "LABVISOR_POOL", "labvisor-test-" + id,
                "LABVISOR_ACCEL", accel);
    }

    /** A second labvisor over the same state and pool, as after a restart of labvisor. */
    public Labvisor reopen() {
        return Labvisor.open(config);
    }

    public Labvisor labvisor() {
        return labvisor;
    }

    public LabvisorConfig config() {
        return config;
    }

    public Image registerTinyAmi() {
        if (!Files.exists(TINY_MANIFEST)) {
            throw new IllegalStateException(TINY_MANIFEST + " is missing: run scripts/setup-host.sh");
        }
        return labvisor.images().findByName("labvisor-tiny")
                .orElseGet(() -> labvisor.images().register(TINY_MANIFEST, Optional.empty(), Optional.empty()));
    }

    @Override
    public void close() {
        for (var i : labvisor.instances().describe(java.util.List.of(), java.util.List.of())) {
            labvisor.instances().terminate(java.util.List.of(i.instanceId()));
        }
        // nwfilters and subnet networks outlive a state in libvirt: remove this state's ones
        for (var g : labvisor.securityGroups().describe(java.util.List.of())) {
            labvisor.libvirt().nwfilters().undefine(SecurityGroupFilters.groupFilter(g.group().groupId()));
        }
        for (var s : labvisor.vpcs().describeSubnets(java.util.List.of())) {
            if (!s.isDefault()) {
                labvisor.libvirt().networks().remove(s.network());
            }
        }
        Connect c = labvisor.libvirt().connect();
        try {
            StoragePool pool = c.storagePoolLookupByName(config.poolName());
            for (String v : pool.listVolumes()) {
                pool.storageVolLookupByName(v).delete(0);
            }
            pool.destroy();
            pool.undefine();
        } catch (Exception e) {
            // pool never created
        }
        labvisor.close();
        try (var walk = Files.walk(config.stateDir())) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // nothing to remove
        }
    }
}
