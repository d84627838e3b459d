package io.labvisor.net;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Private addresses of a subnet. A row per taken address (primary key subnet + ip), written in the caller's
 * transaction, so two launches can never get the same address and a failed launch takes none.
 */
public final class IpAllocator {
    private IpAllocator() {
    }

    /** The lowest assignable address of {@code cidr} not in {@code taken}. Pure. */
    static OptionalInt lowestFree(Cidr cidr, Set<Integer> taken) {
        for (long a = Integer.toUnsignedLong(cidr.firstAssignable()); a <= Integer.toUnsignedLong(cidr.lastAssignable()); a++) {
            if (!taken.contains((int) a)) {
                return OptionalInt.of((int) a);
            }
        }
        return OptionalInt.empty();
    }

    public static String allocate(Connection c, Subnet subnet, String instanceId) throws SQLException {
        return allocate(c, subnet, instanceId, Set.of());
    }

    /**
     * @param leasedInLibvirt addresses the subnet's libvirt network already hands out: a network can be shared by
     *                        several labvisor states (the default subnet), and libvirt is the truth about it
     */
    public static String allocate(Connection c, Subnet subnet, String instanceId, Set<String> leasedInLibvirt)
            throws SQLException {
        Set<Integer> taken = new HashSet<>();
        leasedInLibvirt.forEach(ip -> taken.add(Cidr.address(ip)));
        try (PreparedStatement ps = c.prepareStatement("SELECT ip FROM private_ips WHERE subnet_id = ?")) {
            ps.setString(1, subnet.subnetId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    taken.add(Cidr.address(rs.getString(1)));
                }
            }
        }
        String ip = Cidr.format(lowestFree(subnet.cidr(), taken).orElseThrow(() -> new Ec2Exception(
                ErrorCode.INSUFFICIENT_FREE_ADDRESSES, "There are not enough free addresses in subnet '"
                + subnet.subnetId() + "' to satisfy the requested number of instances.")));
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO private_ips (subnet_id, ip, instance_id) VALUES (?, ?, ?)")) {
            ps.setString(1, subnet.subnetId());
            ps.setString(2, ip);
            ps.setString(3, instanceId);
            ps.executeUpdate();
        }
        return ip;
    }

    public static void release(Connection c, String instanceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM private_ips WHERE instance_id = ?")) {
            ps.setString(1, instanceId);
            ps.executeUpdate();
        }
    }

    static int count(Connection c, String subnetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM private_ips WHERE subnet_id = ?")) {
            ps.setString(1, subnetId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }
}
