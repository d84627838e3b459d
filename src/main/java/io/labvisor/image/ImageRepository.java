package io.labvisor.image;

import com.fasterxml.jackson.core.type.TypeReference;
import io.labvisor.store.Database;
import io.labvisor.store.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of the {@code images} table. */
public final class ImageRepository {
    private static final String COLUMNS = "id, name, description, architecture, boot_mode, kernel_cmdline, "
            + "root_device_name, kernel_volume, ramdisk_volume, root_volume, root_size_gib, block_device_mappings, "
            + "manifest_sha256, state, created_at";
    private final Database db;

    public ImageRepository(Database db) {
        this.db = db;
    }

    /** Inserts the image; false when the name is taken (checked in the same transaction). */
    public boolean insertIfNameFree(Image image) {
        return db.inTransaction(c -> {
            if (findByName(c, image.name()).isPresent()) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO images (" + COLUMNS + ") VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, image.imageId());
                ps.setString(2, image.name());
                ps.setString(3, image.description());
                ps.setString(4, image.architecture());
                ps.setString(5, image.bootMode().label());
                ps.setString(6, image.kernelCmdline());
                ps.setString(7, image.rootDeviceName());
                ps.setString(8, image.kernelVolume().orElse(null));
                ps.setString(9, image.ramdiskVolume().orElse(null));
                ps.setString(10, image.rootVolume());
                ps.setInt(11, image.rootSizeGib());
                ps.setString(12, Json.write(image.blockDeviceMappings()));
                ps.setString(13, image.manifestSha256());
                ps.setString(14, image.state().label());
                ps.setString(15, image.creationDate().toString());
                ps.executeUpdate();
            }
            return true;
        });
    }

    public Optional<Image> find(String imageId) {
        return db.read(c -> one(c, "SELECT " + COLUMNS + " FROM images WHERE id = ?", imageId));
    }

    public Optional<Image> findByName(String name) {
        return db.read(c -> findByName(c, name));
    }

    private static Optional<Image> findByName(Connection c, String name) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM images WHERE name = ? AND state <> 'deregistered'", name);
    }

    /** Every image, deregistered ones included (callers filter). */
    public List<Image> all() {
        return db.read(c -> {
            List<Image> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM images ORDER BY created_at");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        });
    }

    /** Marks deregistered and frees the name, so a new image may take it. */
    public void markDeregistered(String imageId) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE images SET state = 'deregistered', name = name || ' (deregistered ' || id || ')' WHERE id = ?")) {
                ps.setString(1, imageId);
                ps.executeUpdate();
            }
        });
    }

    public void delete(String imageId) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM images WHERE id = ?")) {
                ps.setString(1, imageId);
                ps.executeUpdate();
            }
        });
    }

    private static Optional<Image> one(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static Image map(ResultSet rs) throws SQLException {
        return new Image(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                rs.getString("architecture"), BootMode.parse(rs.getString("boot_mode")),
                rs.getString("kernel_cmdline"), rs.getString("root_device_name"),
                Optional.ofNullable(rs.getString("kernel_volume")), Optional.ofNullable(rs.getString("ramdisk_volume")),
                rs.getString("root_volume"), rs.getInt("root_size_gib"),
                Json.read(rs.getString("block_device_mappings"), new TypeReference<List<AmiManifest.BlockDeviceMapping>>() {
                }),
                rs.getString("manifest_sha256"), Image.ImageState.parse(rs.getString("state")),
                Instant.parse(rs.getString("created_at")));
    }
}
