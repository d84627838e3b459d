package io.labvisor.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Modes for labvisor's state: the database holds access-key secrets and the instance folders user data, so
 * neither may be readable by other users. Modes are set explicitly rather than left to the umask, and an existing
 * file or folder with looser bits is tightened (bits beyond the mode are removed, none are added).
 */
public final class PrivateFiles {
    /** rw-------: the database, its journals, user data. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /**
     * rwx--x--x: a folder others may pass through but not list or read, for the state folder and the instance
     * folders: QEMU runs as another user (libvirt-qemu) and opens the pool's volumes and user data by name below them.
     */
    public static final Set<PosixFilePermission> PASS_THROUGH = PosixFilePermissions.fromString("rwx--x--x");
    /** rwx------: a folder nobody else needs. */
    public static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and missing parents) with at most {@code mode}; an existing one is tightened to it. */
    public static void directory(Path dir, Set<PosixFilePermission> mode) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.toAbsolutePath().getParent());
                try {
                    Files.createDirectory(dir, attribute(mode));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // made meanwhile by another labvisor: tightened below
                }
            }
            tighten(dir, mode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates an empty file with mode 0600 unless it exists; an existing one is tightened to 0600. */
    public static void file(Path file) {
        try {
            try {
                Files.createFile(file, attribute(OWNER_ONLY));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // kept, with its mode tightened
            }
            tighten(file, OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes from an existing file's mode every bit not in {@code mode}; a missing file is left missing. */
    public static void tighten(Path path, Set<PosixFilePermission> mode) {
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path)) {
                return;
            }
            Set<PosixFilePermission> current = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> kept = current.isEmpty() ? EnumSet.noneOf(PosixFilePermission.class)
                    : EnumSet.copyOf(current);
            kept.retainAll(mode);
            if (!kept.equals(current)) {
                Files.setPosixFilePermissions(path, kept);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // removed meanwhile (a journal SQLite dropped)
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mode as a creation attribute: the file never exists with the umask's looser mode. */
    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.asFileAttribute(mode);
    }
}
