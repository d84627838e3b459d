package io.labvisor.compute;

import io.labvisor.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of the {@code instances} table. */
public final class InstanceRepository {
    private static final String COLUMNS = "id, reservation_id, image_id, instance_type, launch_index, state, "
            + "state_reason, state_changed_at, launch_time, memory_mib, vcpus, accel, io_profile, mac, private_ip, "
            + "network, console_log";
    private final Database db;

    public InstanceRepository(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    static void insert(Connection c, Instance i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO instances (" + COLUMNS + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, i.instanceId());
            ps.setString(2, i.reservationId());
            ps.setString(3, i.imageId());
            ps.setString(4, i.instanceType());
            ps.setInt(5, i.launchIndex());
            ps.setString(6, i.state().label());
            ps.setString(7, i.stateReason());
            ps.setString(8, i.stateChangedAt().toString());
            ps.setString(9, i.launchTime().toString());
            ps.setInt(10, i.memoryMiB());
            ps.setInt(11, i.vcpus());
            ps.setString(12, i.accel());
            ps.setString(13, i.ioProfile().label());
            ps.setString(14, i.mac());
            ps.setString(15, i.privateIp().orElse(null));
            ps.setString(16, i.network());
            ps.setString(17, i.consoleLog());
            ps.executeUpdate();
        }
    }

    /** Instances that hold capacity, read inside the caller's transaction. */
    static List<Instance> holdingCapacity(Connection c) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM instances WHERE state IN ('pending','running','stopping','shutting-down')");
    }

    public Optional<Instance> find(String instanceId) {
        return db.read(c -> {
            List<Instance> l = query(c, "SELECT " + COLUMNS + " FROM instances WHERE id = ?", instanceId);
            return l.isEmpty() ? Optional.<Instance>empty() : Optional.of(l.get(0));
        });
    }

    public List<Instance> all() {
        return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM instances ORDER BY launch_time, launch_index"));
    }

    /**
     * Moves an instance to {@code next} only if it is currently in one of {@code from}; returns the updated row,
     * or empty when the instance was elsewhere (another process got there first).
     */
    public Optional<Instance> transition(String instanceId, List<InstanceState> from, InstanceState next,
                                         String reason) {
        return db.inTransaction(c -> transition(c, instanceId, from, next, reason));
    }

    /** As {@link #transition(String, List, InstanceState, String)}, inside the caller's transaction. */
    static Optional<Instance> transition(Connection c, String instanceId, List<InstanceState> from,
                                         InstanceState next, String reason) throws SQLException {
        List<Instance> rows = query(c, "SELECT " + COLUMNS + " FROM instances WHERE id = ?", instanceId);
        if (rows.isEmpty() || !from.contains(rows.get(0).state())) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE instances SET state = ?, state_reason = ?, state_changed_at = ? WHERE id = ?")) {
            ps.setString(1, next.label());
            ps.setString(2, reason);
            ps.setString(3, now.toString());
            ps.setString(4, instanceId);
            ps.executeUpdate();
        }
        return Optional.of(rows.get(0).withState(next, reason, now));
    }

    /** Sets the launch deadline of a pending instance, inside the caller's transaction (reserve, start). */
    static void setLaunchDeadline(Connection c, String instanceId, Instant deadline) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE instances SET launch_deadline = ? WHERE id = ?")) {
            ps.setString(1, deadline.toString());
            ps.setString(2, instanceId);
            ps.executeUpdate();
        }
    }

    /**
     * Pushes the launch deadline of those of {@code instanceIds} that are still pending to {@code deadline};
     * returns them. An instance missing from the answer left pending (terminated meanwhile, or discarded).
     */
    public java.util.Set<String> extendLaunch(java.util.Collection<String> instanceIds, Instant deadline) {
        return db.inTransaction(c -> {
            java.util.Set<String> pending = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE instances SET launch_deadline = ? WHERE id = ? AND state = 'pending'")) {
                for (String id : instanceIds) {
                    ps.setString(1, deadline.toString());
                    ps.setString(2, id);
                    if (ps.executeUpdate() == 1) {
                        pending.add(id);
                    }
                }
            }
            return pending;
        });
    }

    /** The launch deadline of a pending instance; empty for other states and rows older than the column. */
    public Optional<Instant> launchDeadline(String instanceId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT launch_deadline FROM instances "
                    + "WHERE id = ? AND state = 'pending' AND launch_deadline IS NOT NULL")) {
                ps.setString(1, instanceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Instant.parse(rs.getString(1))) : Optional.<Instant>empty();
                }
            }
        });
    }

    /** Gives a stopped instance another type; false when it is not (or no longer) stopped. */
    public boolean changeType(String instanceId, String type, int memoryMiB, int vcpus) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE instances SET instance_type = ?, memory_mib = ?, "
                    + "vcpus = ? WHERE id = ? AND state = 'stopped'")) {
                ps.setString(1, type);
                ps.setInt(2, memoryMiB);
                ps.setInt(3, vcpus);
                ps.setString(4, instanceId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public void setPrivateIp(String instanceId, String ip) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE instances SET private_ip = ? WHERE id = ?")) {
                ps.setString(1, ip);
                ps.setString(2, instanceId);
                ps.executeUpdate();
            }
        });
    }

    public void delete(String instanceId) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM instances WHERE id = ?")) {
                ps.setString(1, instanceId);
                ps.executeUpdate();
            }
        });
    }

    /** Forgets terminated instances older than {@code cutoff}, as EC2 stops showing them after about an hour. */
    public int purgeTerminatedBefore(Instant cutoff) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM instances WHERE state = 'terminated' AND state_changed_at < ?")) {
                ps.setString(1, cutoff.toString());
                return ps.executeUpdate();
            }
        });
    }

    private static List<Instance> query(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<Instance> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Instance(rs.getString("id"), rs.getString("reservation_id"), rs.getString("image_id"),
                            rs.getString("instance_type"), rs.getInt("launch_index"),
                            InstanceState.parse(rs.getString("state")), rs.getString("state_reason"),
                            Instant.parse(rs.getString("state_changed_at")), Instant.parse(rs.getString("launch_time")),
                            rs.getInt("memory_mib"), rs.getInt("vcpus"), rs.getString("accel"),
                            IoProfile.parse(rs.getString("io_profile")), rs.getString("mac"),
                            Optional.ofNullable(rs.getString("private_ip")), rs.getString("network"),
                            rs.getString("console_log")));
                }
            }
            return out;
        }
    }
}
