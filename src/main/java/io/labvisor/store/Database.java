package io.labvisor.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * labvisor's embedded SQLite state. Several labvisor processes (CLI calls, the API server) may use the file at
 * once: WAL mode plus a busy timeout lets them wait for each other, and {@link #inTransaction} takes the write
 * lock up front ({@code BEGIN IMMEDIATE}) so check-then-insert sequences such as capacity accounting are atomic.
 */
public final class Database implements AutoCloseable {
    /** SQLite's companion files, which hold the same rows as the database. */
    private static final List<String> JOURNALS = List.of("-wal", "-shm", "-journal");
    private final Connection connection;

    private Database(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens (or creates) the database. It holds access-key secrets: its folder is made pass-through only and the
     * file 0600 before SQLite opens it (SQLite gives the -wal and -shm files the database's mode), and files left
     * looser by an earlier labvisor are tightened.
     */
    public static Database open(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            PrivateFiles.directory(absolute.getParent(), PrivateFiles.PASS_THROUGH);
            PrivateFiles.file(absolute);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + absolute);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 30000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA foreign_keys = ON");
                s.execute("PRAGMA synchronous = FULL");
            }
            for (String journal : JOURNALS) {
                PrivateFiles.tighten(absolute.resolveSibling(absolute.getFileName() + journal), PrivateFiles.OWNER_ONLY);
            }
            Database db = new Database(c);
            Schema.migrate(db);
            return db;
        } catch (SQLException e) {
            throw new StoreException("cannot open state database " + file, e);
        }
    }

    /** The JDBC connection; one per Database, used under this object's lock. */
    Connection connection() {
        return connection;
    }

    public <T> T read(SqlFunction<T> work) {
        synchronized (this) {
            try {
                return work.apply(connection);
            } catch (SQLException e) {
                throw new StoreException("state read failed", e);
            }
        }
    }

    /** Runs work in one write transaction; it commits when work returns and rolls back when it throws. */
    public <T> T inTransaction(SqlFunction<T> work) {
        synchronized (this) {
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                try {
                    T result = work.apply(connection);
                    s.execute("COMMIT");
                    return result;
                } catch (RuntimeException | SQLException | Error e) {
                    s.execute("ROLLBACK");
                    throw e;
                }
            } catch (SQLException e) {
                throw new StoreException("state update failed", e);
            }
        }
    }

    public void write(SqlConsumer work) {
        inTransaction(c -> {
            work.accept(c);
            return null;
        });
    }

    @Override
    public void close() {
        synchronized (this) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new StoreException("close failed", e);
            }
        }
    }

    @FunctionalInterface
    public interface SqlFunction<T> {
        T apply(Connection c) throws SQLException;
    }

    @FunctionalInterface
    public interface SqlConsumer {
        void accept(Connection c) throws SQLException;
    }
}
