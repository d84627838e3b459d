package io.labvisor.store;

import io.labvisor.compute.UserDataStoreAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state folder, the database (which holds access-key secrets) and its journals are private. */
class PrivateStateTest {
    private static final Set<PosixFilePermission> READ_OR_WRITE_BY_OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    @TempDir
    Path tmp;

    @Test
    void aNewStateFolderAndDatabaseAreOwnerOnly() throws Exception {
        Path state = tmp.resolve("state");
        try (Database db = Database.open(state.resolve("labvisor.db"))) {
            db.write(c -> c.createStatement().execute("INSERT INTO settings (key, value) VALUES ('k', 'v')"));
            assertNoReadOrWriteByOthers(state);
            assertEquals("rw-------", mode(state.resolve("labvisor.db")));
            assertTrue(Files.exists(state.resolve("labvisor.db-wal")), "WAL mode keeps a -wal file");
            assertEquals("rw-------", mode(state.resolve("labvisor.db-wal")));
            assertEquals("rw-------", mode(state.resolve("labvisor.db-shm")));
        }
    }

    @Test
    void looserModesLeftByAnEarlierLabvisorAreTightened() throws Exception {
        Path state = tmp.resolve("state");
        Files.createDirectories(state);
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String name : new String[] {"labvisor.db", "labvisor.db-wal", "labvisor.db-shm"}) {
            Files.createFile(state.resolve(name));
            Files.setPosixFilePermissions(state.resolve(name), PosixFilePermissions.fromString("rw-r--r--"));
        }
        try (Database db = Database.open(state.resolve("labvisor.db"))) {
            assertNoReadOrWriteByOthers(state);
            assertFalse(Files.getPosixFilePermissions(state).contains(PosixFilePermission.OTHERS_READ));
            assertEquals("rw-------", mode(state.resolve("labvisor.db")));
            assertEquals("rw-------", mode(state.resolve("labvisor.db-wal")));
            assertEquals("rw-------", mode(state.resolve("labvisor.db-shm")));
        }
    }

    @Test
    void userDataIsOwnerOnlyNewOrOld() throws Exception {
        Path state = tmp.resolve("state");
        Path file = UserDataStoreAccess.write(state, "i-0123456789abcdef0", "#!/bin/sh\necho secret\n");
        assertEquals("rw-------", mode(file));
        assertNoReadOrWriteByOthers(file.getParent());
        assertNoReadOrWriteByOthers(state);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        UserDataStoreAccess.fileForQemu(state, "i-0123456789abcdef0");
        assertEquals("rw-------", mode(file));
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static void assertNoReadOrWriteByOthers(Path p) throws Exception {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
        for (PosixFilePermission bit : READ_OR_WRITE_BY_OTHERS) {
            assertFalse(mode.contains(bit), p + " is " + PosixFilePermissions.toString(mode));
        }
    }
}
