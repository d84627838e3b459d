package io.labvisor.volume;

import io.labvisor.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of the {@code snapshots} table. */
public final class SnapshotRepository {
    private static final String COLUMNS = "id, volume_id, size_gib, pool_volume, path, state, created_at";
    private final Database db;

    public SnapshotRepository(Database db) {
        this.db = db;
    }

    public void insert(Snapshot s) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO snapshots (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, s.snapshotId());
                ps.setString(2, s.volumeId());
                ps.setInt(3, s.sizeGib());
                ps.setString(4, s.poolVolume());
                ps.setString(5, s.path());
                ps.setString(6, s.state());
                ps.setString(7, s.startTime().toString());
                ps.executeUpdate();
            }
        });
    }

    public void delete(String snapshotId) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM snapshots WHERE id = ?")) {
                ps.setString(1, snapshotId);
                ps.executeUpdate();
            }
        });
    }

    public Optional<Snapshot> find(String snapshotId) {
        return all().stream().filter(s -> s.snapshotId().equals(snapshotId)).findFirst();
    }

    public List<Snapshot> all() {
        return db.read(c -> {
            List<Snapshot> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM snapshots ORDER BY created_at");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Snapshot(rs.getString("id"), rs.getString("volume_id"), rs.getInt("size_gib"),
                            rs.getString("pool_volume"), rs.getString("path"), rs.getString("state"),
                            Instant.parse(rs.getString("created_at"))));
                }
            }
            return out;
        });
    }
}
