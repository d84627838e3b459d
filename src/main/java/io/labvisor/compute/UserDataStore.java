package io.labvisor.compute;

import io.labvisor.config.LabvisorConfig;
import io.labvisor.ec2.Ec2Exception;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * An instance's user data, kept as a file in its instance folder: QEMU reads that file for the fw_cfg entry at
 * every start, and DescribeInstanceAttribute reads it back.
 */
public final class UserDataStore {
    /** EC2's limit on raw (decoded) user data. */
    public static final int MAX_BYTES = 16 * 1024;
    static final String FILE = "user-data";

    private final LabvisorConfig config;

    public UserDataStore(LabvisorConfig config) {
        this.config = config;
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
            Files.createDirectories(file.getParent());
            Files.writeString(file, userData, StandardCharsets.UTF_8);
            // QEMU runs as libvirt-qemu and libvirt does not relabel fw_cfg files: the file must be readable.
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host file for the fw_cfg entry, when the instance has user data. */
    public Optional<String> file(String instanceId) {
        Path file = path(instanceId);
        return Files.isRegularFile(file) ? Optional.of(file.toString()) : Optional.empty();
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
