package io.labvisor.imds;

import io.labvisor.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metadata server reads labvisor's real schema: an instance is found by MAC, address and bridge together. */
class StateReaderTest {
    @TempDir
    Path state;

    @Test
    void findsTheInstanceByMacAddressAndBridgeOnly() throws Exception {
        try (Database db = Database.open(state.resolve(StateRegistry.DATABASE))) {
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO vpcs VALUES ('vpc-1', '10.20.0.0/16', 0, 'now')");
                    s.execute("INSERT INTO subnets VALUES ('subnet-a', 'vpc-1', '10.20.1.0/24', 'labvisor-subnet-a',"
                            + " 'lvbr-aaaaaaaa', 0, 'now')");
                    s.execute("INSERT INTO security_groups VALUES ('sg-2', 'vpc-1', 'web', 'web', 0)");
                    s.execute("INSERT INTO security_groups VALUES ('sg-1', 'vpc-1', 'default', 'default', 1)");
                    s.execute("INSERT INTO instance_groups VALUES ('i-1', 'sg-2'), ('i-1', 'sg-1')");
                    s.execute(instance("i-1", "running", "02:aa:00:00:00:01", "10.20.1.4"));
                    s.execute(instance("i-2", "terminated", "02:aa:00:00:00:02", "10.20.1.5"));
                }
            });
        }
        Path userData = state.resolve("instances/i-1/user-data");
        Files.createDirectories(userData.getParent());
        Files.writeString(userData, "#!/bin/sh\n");

        InstanceMetadata m = StateReader.find(state, "02:aa:00:00:00:01", "10.20.1.4", "lvbr-aaaaaaaa").orElseThrow();
        assertEquals("i-1", m.instanceId());
        assertEquals("t3.nano", m.instanceType());
        assertEquals("subnet-a", m.subnetId());
        assertEquals("10.20.1.0/24", m.subnetCidr());
        assertEquals("10.20.0.0/16", m.vpcCidr());
        assertEquals("2026-11-22T01:00:00Z", m.launchTime());
        assertEquals(List.of("default", "web"), m.groupNames());
        assertEquals(List.of("sg-1", "sg-2"), m.groupIds());
        assertArrayEquals("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), m.userData().orElseThrow());

        assertTrue(StateReader.find(state, "02:aa:00:00:00:01", "10.20.1.4", "lvbr-bbbbbbbb").isEmpty(),
                "same MAC and address on another bridge");
        assertTrue(StateReader.find(state, "02:bb:00:00:00:01", "10.20.1.4", "lvbr-aaaaaaaa").isEmpty(),
                "another MAC with the address");
        assertTrue(StateReader.find(state, "02:aa:00:00:00:02", "10.20.1.5", "lvbr-aaaaaaaa").isEmpty(),
                "terminated");
    }

    @Test
    void registryListsStatesThatStillHaveADatabase(@TempDir Path run) throws Exception {
        StateRegistry registry = new StateRegistry(run.resolve("states"));
        Path gone = run.resolve("gone");
        registry.register(state);
        registry.register(state);
        registry.register(gone);
        Files.createFile(state.resolve(StateRegistry.DATABASE));
        assertEquals(List.of(state.toAbsolutePath()), registry.states());
    }

    private static String instance(String id, String state, String mac, String ip) {
        return "INSERT INTO instances (id, reservation_id, image_id, instance_type, launch_index, state,"
                + " state_changed_at, launch_time, memory_mib, vcpus, accel, io_profile, mac, private_ip, network,"
                + " console_log) VALUES ('" + id + "', 'r-1', 'ami-1', 't3.nano', 0, '" + state + "', 'now',"
                + " '2026-11-22T01:00:00Z',"
                + " 512, 2, 'tcg', 'virtio', '" + mac + "', '" + ip + "', 'labvisor-subnet-a', '/tmp/c.log')";
    }
}
