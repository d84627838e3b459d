package io.labvisor.net.sg;

import io.labvisor.net.Cidr;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of {@code security_groups}, {@code sg_rules} and {@code instance_groups}; every call takes the caller's connection. */
public final class SecurityGroupRepository {
    private SecurityGroupRepository() {
    }

    static void insert(Connection c, SecurityGroup g) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO security_groups (id, vpc_id, name, description, is_default) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, g.groupId());
            ps.setString(2, g.vpcId());
            ps.setString(3, g.name());
            ps.setString(4, g.description());
            ps.setInt(5, g.isDefault() ? 1 : 0);
            ps.executeUpdate();
        }
    }

    static List<SecurityGroup> groups(Connection c) throws SQLException {
        List<SecurityGroup> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, description, vpc_id, is_default FROM security_groups ORDER BY rowid");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new SecurityGroup(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5) == 1));
            }
        }
        return out;
    }

    /** The group's inbound ({@code egress} false) or outbound rules, oldest first. */
    static List<IpPermission> rules(Connection c, String groupId, boolean egress) throws SQLException {
        List<IpPermission> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT protocol, from_port, to_port, cidr, source_group "
                + "FROM sg_rules WHERE group_id = ? AND egress = ? ORDER BY rowid")) {
            ps.setString(1, groupId);
            ps.setInt(2, egress ? 1 : 0);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new IpPermission(rs.getString(1), rs.getInt(2), rs.getInt(3),
                            Optional.ofNullable(rs.getString(4)).map(Cidr::parse), Optional.ofNullable(rs.getString(5))));
                }
            }
        }
        return out;
    }

    static void addRule(Connection c, String groupId, IpPermission r, boolean egress) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sg_rules (group_id, protocol, from_port, to_port, "
                + "cidr, source_group, egress) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, groupId);
            ps.setString(2, r.protocol());
            ps.setInt(3, r.fromPort());
            ps.setInt(4, r.toPort());
            ps.setString(5, r.cidr().map(Cidr::toString).orElse(null));
            ps.setString(6, r.sourceGroupId().orElse(null));
            ps.setInt(7, egress ? 1 : 0);
            ps.executeUpdate();
        }
    }

    /** Deletes the rows equal to {@code r}; returns how many. */
    static int removeRule(Connection c, String groupId, IpPermission r, boolean egress) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sg_rules WHERE group_id = ? AND protocol = ? "
                + "AND from_port = ? AND to_port = ? AND cidr IS ? AND source_group IS ? AND egress = ?")) {
            ps.setString(1, groupId);
            ps.setString(2, r.protocol());
            ps.setInt(3, r.fromPort());
            ps.setInt(4, r.toPort());
            ps.setString(5, r.cidr().map(Cidr::toString).orElse(null));
            ps.setString(6, r.sourceGroupId().orElse(null));
            ps.setInt(7, egress ? 1 : 0);
            return ps.executeUpdate();
        }
    }

    static void deleteGroup(Connection c, String groupId) throws SQLException {
        for (String sql : List.of("DELETE FROM sg_rules WHERE group_id = ?", "DELETE FROM security_groups WHERE id = ?")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, groupId);
                ps.executeUpdate();
            }
        }
    }

    public static void attach(Connection c, String instanceId, List<String> groupIds) throws SQLException {
        for (String g : groupIds) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO instance_groups (instance_id, group_id) VALUES (?, ?)")) {
                ps.setString(1, instanceId);
                ps.setString(2, g);
                ps.executeUpdate();
            }
        }
    }

    static void detach(Connection c, String instanceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM instance_groups WHERE instance_id = ?")) {
            ps.setString(1, instanceId);
            ps.executeUpdate();
        }
    }

    static List<String> groupsOf(Connection c, String instanceId) throws SQLException {
        return strings(c, "SELECT group_id FROM instance_groups WHERE instance_id = ? ORDER BY rowid", instanceId);
    }

    /** Private addresses of the group's members that are not terminated. */
    static List<String> memberIps(Connection c, String groupId) throws SQLException {
        return strings(c, "SELECT i.private_ip FROM instance_groups g JOIN instances i ON i.id = g.instance_id "
                + "WHERE g.group_id = ? AND i.state <> 'terminated' AND i.private_ip IS NOT NULL ORDER BY i.private_ip", groupId);
    }

    /** Instances that are not terminated, each with its groups (in the order they were joined). */
    static java.util.Map<String, List<String>> liveInstances(Connection c) throws SQLException {
        java.util.Map<String, List<String>> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT g.instance_id, g.group_id FROM instance_groups g "
                + "JOIN instances i ON i.id = g.instance_id "
                + "WHERE i.state <> 'terminated' ORDER BY g.rowid")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }

    static int memberCount(Connection c, String groupId) throws SQLException {
        return strings(c, "SELECT g.instance_id FROM instance_groups g JOIN instances i ON i.id = g.instance_id "
                + "WHERE g.group_id = ? AND i.state <> 'terminated'", groupId).size();
    }

    private static List<String> strings(Connection c, String sql, String arg) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
