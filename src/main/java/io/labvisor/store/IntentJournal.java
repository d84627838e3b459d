package io.labvisor.store;

import com.fasterxml.jackson.core.type.TypeReference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The intent journal: a multi-step operation (launch, terminate, stop/start, volume create/delete/attach/detach,
 * snapshot, create-image, register-image) writes what it is about to do here before its first side effect, and
 * removes the entry when it ends, whether it succeeded or rolled itself back. An entry still here when labvisord
 * starts is an operation a kill -9 cut short: its recovery rolls it forward or back. Written with
 * {@code synchronous = FULL}, so an entry that was written survives the kill.
 */
public final class IntentJournal {
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    private final Database db;

    public IntentJournal(Database db) {
        this.db = db;
    }

    /** Records an intent in its own transaction; closing the returned entry marks it done. */
    public Entry begin(IntentKind kind, List<String> resources, Map<String, String> detail) {
        return new Entry(db.inTransaction(c -> record(c, kind, resources, detail)));
    }

    /** Records an intent inside the caller's transaction (with the rows it goes with); returns its id. */
    public static long record(Connection c, IntentKind kind, List<String> resources, Map<String, String> detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO intents (kind, resources, detail, started_at) "
                + "VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, kind.name());
            ps.setString(2, Json.write(resources));
            ps.setString(3, Json.write(detail));
            ps.setString(4, Instant.now().toString());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The entry of an intent recorded with {@link #record}. */
    public Entry entry(long id) {
        return new Entry(id);
    }

    /** Marks the intent done: it needs no recovery any more. */
    public void done(long id) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM intents WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
        });
    }

    /** Every intent not marked done, oldest first. */
    public List<Intent> open() {
        return db.read(c -> {
            List<Intent> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, kind, resources, detail, started_at FROM intents "
                         + "ORDER BY id")) {
                while (rs.next()) {
                    out.add(new Intent(rs.getLong(1), IntentKind.valueOf(rs.getString(2)),
                            Json.read(rs.getString(3), LIST), Json.read(rs.getString(4), MAP),
                            Instant.parse(rs.getString(5))));
                }
            }
            return out;
        });
    }

    /** An intent in progress; {@link #close} marks it done (the operation ended, one way or the other). */
    public final class Entry implements AutoCloseable {
        private final long id;

        private Entry(long id) {
            this.id = id;
        }

        public long id() {
            return id;
        }

        @Override
        public void close() {
            done(id);
        }
    }
}
