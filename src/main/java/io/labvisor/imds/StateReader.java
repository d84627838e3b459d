package io.labvisor.imds;

import io.labvisor.ec2.Account;
import io.labvisor.ec2.Placement;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks an instance up in one labvisor state, read-only (the server never writes labvisor's state): by its MAC and
 * private address, on the bridge of its subnet.
 */
final class StateReader {
    private static final String USER_DATA = "user-data"; // compute.UserDataStore's file name

    private StateReader() {
    }

    static Optional<InstanceMetadata> find(Path stateDir, String mac, String ip, String bridge)
            throws SQLException, IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve(StateRegistry.DATABASE),
                config.toProperties())) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT i.id, i.instance_type, i.image_id, i.launch_index, i.reservation_id, i.mac, i.private_ip,
                           s.id, s.cidr, s.vpc_id, v.cidr, i.launch_time
                    FROM instances i JOIN subnets s ON s.network = i.network JOIN vpcs v ON v.id = s.vpc_id
                    WHERE lower(i.mac) = ? AND i.private_ip = ? AND s.bridge = ?
                      AND i.state NOT IN ('terminated', 'stopped')""")) {
                ps.setString(1, mac);
                ps.setString(2, ip);
                ps.setString(3, bridge);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String id = rs.getString(1);
                    List<String> groupIds = new ArrayList<>();
                    List<String> groupNames = new ArrayList<>();
                    groups(c, id, groupIds, groupNames);
                    Path userData = stateDir.resolve("instances").resolve(id).resolve(USER_DATA);
                    return Optional.of(new InstanceMetadata(id, rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getString(5), rs.getString(12), rs.getString(6).toLowerCase(java.util.Locale.ROOT), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), groupIds,
                            groupNames, Placement.AVAILABILITY_ZONE, Placement.REGION, Account.OWNER_ID,
                            Files.isRegularFile(userData) ? Optional.of(Files.readAllBytes(userData))
                                    : Optional.empty()));
                }
            }
        }
    }

    private static void groups(Connection c, String instanceId, List<String> ids, List<String> names)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT g.id, g.name FROM instance_groups m JOIN security_groups g ON g.id = m.group_id
                WHERE m.instance_id = ? ORDER BY g.name""")) {
            ps.setString(1, instanceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    names.add(rs.getString(2));
                }
            }
        }
    }
}
