package io.labvisor.net;

import io.labvisor.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of the {@code vpcs} and {@code subnets} tables. */
public final class VpcRepository {
    private static final String SUBNET_COLUMNS = "id, vpc_id, cidr, network, bridge, is_default";
    private final Database db;

    public VpcRepository(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    static void insert(Connection c, Vpc v) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO vpcs (id, cidr, is_default, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, v.vpcId());
            ps.setString(2, v.cidr().toString());
            ps.setInt(3, v.isDefault() ? 1 : 0);
            ps.setString(4, Instant.now().toString());
            ps.executeUpdate();
        }
    }

    static void insert(Connection c, Subnet s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO subnets (" + SUBNET_COLUMNS
                + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.subnetId());
            ps.setString(2, s.vpcId());
            ps.setString(3, s.cidr().toString());
            ps.setString(4, s.network());
            ps.setString(5, s.bridge());
            ps.setInt(6, s.isDefault() ? 1 : 0);
            ps.setString(7, Instant.now().toString());
            ps.executeUpdate();
        }
    }

    static List<Vpc> vpcs(Connection c) throws SQLException {
        List<Vpc> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, cidr, is_default FROM vpcs ORDER BY created_at");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Vpc(rs.getString(1), Cidr.parse(rs.getString(2)), rs.getInt(3) == 1));
            }
        }
        return out;
    }

    static List<Subnet> subnets(Connection c) throws SQLException {
        List<Subnet> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SUBNET_COLUMNS + " FROM subnets ORDER BY created_at");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Subnet(rs.getString(1), rs.getString(2), Cidr.parse(rs.getString(3)), rs.getString(4),
                        rs.getString(5), rs.getInt(6) == 1));
            }
        }
        return out;
    }

    static void delete(Connection c, String table, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    /** Security groups of the VPC other than its default group (which goes with the VPC). */
    static int nonDefaultGroups(Connection c, String vpcId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM security_groups WHERE vpc_id = ? AND is_default = 0")) {
            ps.setString(1, vpcId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    static void deleteGroupsOf(Connection c, String vpcId) throws SQLException {
        for (String sql : List.of(
                "DELETE FROM sg_rules WHERE group_id IN (SELECT id FROM security_groups WHERE vpc_id = ?)",
                "DELETE FROM security_groups WHERE vpc_id = ?")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, vpcId);
                ps.executeUpdate();
            }
        }
    }

    /** Instances not yet terminated whose NIC is on the network. */
    static int liveInstances(Connection c, String network) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM instances WHERE network = ? AND state <> 'terminated'")) {
            ps.setString(1, network);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    public List<Vpc> vpcs() {
        return db.read(VpcRepository::vpcs);
    }

    public List<Subnet> subnets() {
        return db.read(VpcRepository::subnets);
    }

    public Optional<Subnet> subnetOnNetwork(String network) {
        return subnets().stream().filter(s -> s.network().equals(network)).findFirst();
    }

    public int addressesTaken(String subnetId) {
        return db.read(c -> IpAllocator.count(c, subnetId));
    }
}
