package io.labvisor.tag;

import io.labvisor.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code tags} table: one row per resource and key. */
final class TagRepository {
    private final Database db;

    TagRepository(Database db) {
        this.db = db;
    }

    Database database() {
        return db;
    }

    /** Every tag, ordered by resource id, then key. */
    List<TagDescription> all() {
        return db.read(c -> query(c, "SELECT resource_id, resource_type, key, value FROM tags "
                + "ORDER BY resource_id, key", null));
    }

    List<TagDescription> of(String resourceId) {
        return db.read(c -> of(c, resourceId));
    }

    static List<TagDescription> of(Connection c, String resourceId) throws SQLException {
        return query(c, "SELECT resource_id, resource_type, key, value FROM tags WHERE resource_id = ? ORDER BY key",
                resourceId);
    }

    static void put(Connection c, String resourceId, TaggedResource type, Tag tag) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tags (resource_id, resource_type, key, value) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (resource_id, key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, resourceId);
            ps.setString(2, type.label());
            ps.setString(3, tag.key());
            ps.setString(4, tag.value());
            ps.executeUpdate();
        }
    }

    /** Removes the tag {@code key}, only when its value is {@code value} if one is given. */
    static void delete(Connection c, String resourceId, String key, Optional<String> value) throws SQLException {
        String sql = "DELETE FROM tags WHERE resource_id = ? AND key = ?" + (value.isPresent() ? " AND value = ?" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, resourceId);
            ps.setString(2, key);
            if (value.isPresent()) {
                ps.setString(3, value.get());
            }
            ps.executeUpdate();
        }
    }

    void deleteAll(String resourceId) {
        db.write(c -> deleteAll(c, resourceId));
    }

    static void deleteAll(Connection c, String resourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM tags WHERE resource_id = ?")) {
            ps.setString(1, resourceId);
            ps.executeUpdate();
        }
    }

    private static List<TagDescription> query(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<TagDescription> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TagDescription(rs.getString(1), TaggedResource.parse(rs.getString(2)),
                            rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        }
    }
}
