package io.labvisor.compute;

import io.labvisor.config.LabvisorConfig;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.store.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Optional;

/**
 * An instance's user data, kept as a file in its instance folder: QEMU reads that file for the fw_cfg entry at
 * every start, and DescribeInstanceAttribute reads it back. User data often carries secrets, so the file is 0600,
 * owned by the user QEMU runs as where that user exists (libvirt does not relabel fw_cfg files), and the folders
 * above it only let others pass through.
 */
public final class UserDataStore {
    /** EC2's limit on raw (decoded) user data. */
    public static final int MAX_BYTES = 16 * 1024;
    static final String FILE = "user-data";

    /** The user Debian's libvirt runs QEMU as under qemu:///system. */
    static final String QEMU_USER = "libvirt-qemu";
    private static final Logger log = LoggerFactory.getLogger(UserDataStore.class);

    private final LabvisorConfig config;
    private final String qemuUser;

    public UserDataStore(LabvisorConfig config) {
        this(config, QEMU_USER);
    }

    /** @param qemuUser the user that must read the file besides labvisor; it gets it when it exists */
    public UserDataStore(LabvisorConfig config, String qemuUser) {
        this.config = config;
        this.qemuUser = qemuUser;
    }

    /** Refuses user data EC2 would refuse, before anything is reserved. */
    public static void check(String userData) {
        if (userData.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw Ec2Exception.invalidParameter("User data is limited to " + MAX_BYTES + " bytes");
        }
    }

    public Path path(String instanceId) {
        return config.instanceDir(instanceId).resolve(FILE);
    }

    public void write(String instanceId, String userData) {
        check(userData);
        Path file = path(instanceId);
        try {
            PrivateFiles.directory(config.stateDir(), PrivateFiles.PASS_THROUGH);
            PrivateFiles.directory(file.getParent().getParent(), PrivateFiles.PASS_THROUGH);
            PrivateFiles.directory(file.getParent(), PrivateFiles.PASS_THROUGH);
            PrivateFiles.file(file);
            Files.writeString(file, userData, StandardCharsets.UTF_8);
            handToQemu(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host file for the fw_cfg entry, when the instance has user data; one left 0644 earlier is tightened. */
    public Optional<String> file(String instanceId) {
        Path file = path(instanceId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        PrivateFiles.tighten(file, PrivateFiles.OWNER_ONLY);
        handToQemu(file);
        return Optional.of(file.toString());
    }

    /** QEMU opens the file as its own user: it becomes the owner (labvisor, as root, still reads it). */
    private void handToQemu(Path file) {
        try {
            UserPrincipal qemu = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(qemuUser);
            if (!qemu.equals(Files.getOwner(file, LinkOption.NOFOLLOW_LINKS))) {
                Files.setOwner(file, qemu);
            }
        } catch (UserPrincipalNotFoundException e) {
            // no such user on this host (a test machine): the file stays labvisor's
        } catch (IOException e) {
            log.warn("cannot give {} to {}: {}", file, qemuUser, e.toString());
        }
    }

    public Optional<byte[]> read(String instanceId) {
        Path file = path(instanceId);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
