package io.labvisor.volume;

import io.labvisor.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of the {@code volumes} table. */
public final class VolumeRepository {
    private static final String COLUMNS = "id, size_gib, volume_type, pool_volume, path, state, source_image_id, "
            + "instance_id, device_name, delete_on_termination, created_at, iops, throughput_mibps, snapshot_id, target_dev, "
            + "attach_time";
    private final Database db;

    public VolumeRepository(Database db) {
        this.db = db;
    }

    public void insert(Volume v) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO volumes (" + COLUMNS + ") VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, v.volumeId());
                ps.setInt(2, v.sizeGib());
                ps.setString(3, v.volumeType());
                ps.setString(4, v.poolVolume());
                ps.setString(5, v.path());
                ps.setString(6, v.state());
                ps.setString(7, v.sourceImageId().orElse(null));
                ps.setString(8, v.instanceId().orElse(null));
                ps.setString(9, v.deviceName().orElse(null));
                ps.setInt(10, v.deleteOnTermination() ? 1 : 0);
                ps.setString(11, v.createTime().toString());
                ps.setObject(12, v.iops().orElse(null));
                ps.setObject(13, v.throughputMiBps().orElse(null));
                ps.setString(14, v.snapshotId().orElse(null));
                ps.setString(15, v.targetDev().orElse(null));
                ps.setString(16, v.attachTime().map(Instant::toString).orElse(null));
                ps.executeUpdate();
            }
        });
    }

    /** Records the pool path of a volume libvirt has now created, and its new state. */
    public Volume markCreated(String volumeId, String path, String state) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE volumes SET path = ?, state = ? WHERE id = ?")) {
                ps.setString(1, path);
                ps.setString(2, state);
                ps.setString(3, volumeId);
                ps.executeUpdate();
            }
        });
        return query("SELECT " + COLUMNS + " FROM volumes WHERE id = ?", volumeId).get(0);
    }

    public List<Volume> attachedTo(String instanceId) {
        return query("SELECT " + COLUMNS + " FROM volumes WHERE instance_id = ? ORDER BY device_name", instanceId);
    }

    public Optional<Volume> find(String volumeId) {
        return query("SELECT " + COLUMNS + " FROM volumes WHERE id = ?", volumeId).stream().findFirst();
    }

    /**
     * Marks an available volume attached to {@code instanceId} at {@code deviceName}/{@code targetDev}; false (and
     * no change) when it is no longer available, so two attaches of one volume cannot both win.
     */
    public boolean attach(String volumeId, String instanceId, String deviceName, String targetDev, Instant at) {
        return update("UPDATE volumes SET state = 'in-use', instance_id = ?, device_name = ?, target_dev = ?, "
                + "attach_time = ?, delete_on_termination = 0 WHERE id = ? AND state = 'available'",
                instanceId, deviceName, targetDev, at.toString(), volumeId) == 1;
    }

    /**
     * Moves an available volume to {@code deleting}; false (and no change) when it is no longer available, so a
     * DeleteVolume and an attach of one volume cannot both win.
     */
    public boolean claimForDeletion(String volumeId) {
        return update("UPDATE volumes SET state = 'deleting' WHERE id = ? AND state = 'available'", volumeId) == 1;
    }

    /** Undoes {@link #claimForDeletion} when the volume's file could not be removed. */
    public void releaseDeletionClaim(String volumeId) {
        update("UPDATE volumes SET state = 'available' WHERE id = ? AND state = 'deleting'", volumeId);
    }

    public void setDeleteOnTermination(String volumeId, boolean value) {
        update("UPDATE volumes SET delete_on_termination = ? WHERE id = ?", value ? "1" : "0", volumeId);
    }

    /** Back to available, with no attachment. */
    public void detach(String volumeId) {
        update("UPDATE volumes SET state = 'available', instance_id = NULL, device_name = NULL, target_dev = NULL, "
                + "attach_time = NULL WHERE id = ?", volumeId);
    }

    public List<Volume> all() {
        return query("SELECT " + COLUMNS + " FROM volumes ORDER BY created_at");
    }

    public boolean anyFromImage(String imageId) {
        return !query("SELECT " + COLUMNS + " FROM volumes WHERE source_image_id = ?", imageId).isEmpty();
    }

    public void delete(String volumeId) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM volumes WHERE id = ?")) {
                ps.setString(1, volumeId);
                ps.executeUpdate();
            }
        });
    }

    /** Detaches every volume of a terminated instance that is not deleted with it. */
    public void releaseFrom(String instanceId) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE volumes SET instance_id = NULL, device_name = NULL, "
                    + "target_dev = NULL, attach_time = NULL, state = 'available' WHERE instance_id = ?")) {
                ps.setString(1, instanceId);
                ps.executeUpdate();
            }
        });
    }

    private int update(String sql, String... args) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setString(i + 1, args[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    private List<Volume> query(String sql, String... args) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setString(i + 1, args[i]);
                }
                List<Volume> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
                return out;
            }
        });
    }

    private static Volume map(ResultSet rs) throws SQLException {
        return new Volume(rs.getString("id"), rs.getInt("size_gib"), rs.getString("volume_type"),
                rs.getString("pool_volume"), rs.getString("path"), rs.getString("state"),
                Optional.ofNullable(rs.getString("source_image_id")), Optional.ofNullable(rs.getString("instance_id")),
                Optional.ofNullable(rs.getString("device_name")), rs.getInt("delete_on_termination") == 1,
                Instant.parse(rs.getString("created_at")), Optional.ofNullable((Integer) rs.getObject("iops")),
                Optional.ofNullable((Integer) rs.getObject("throughput_mibps")),
                Optional.ofNullable(rs.getString("snapshot_id")), Optional.ofNullable(rs.getString("target_dev")),
                Optional.ofNullable(rs.getString("attach_time")).map(Instant::parse));
    }
}
