package io.labvisor.image;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The manifest that describes an AMI's files (see docs/CONTRACTS.md). */
public record AmiManifest(String name, String description, String architecture, String bootMode,
                          String kernelCmdline, String rootDeviceName, Map<String, FileEntry> files,
                          List<BlockDeviceMapping> blockDeviceMappings) {

    /** EC2 allows 3-128 characters of letters, digits and ( ) [ ] space . / - ' @ _ in AMI names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9()\\[\\] ./\\-'@_]{3,128}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DEVICE = Pattern.compile("/dev/(xvd|sd|vd)[a-z]");
    private static final int MAX_MANIFEST_BYTES = 64 * 1024;

    public record FileEntry(String path, String format, String sha256) {
    }

    public record Ebs(int volumeSize, String volumeType, boolean deleteOnTermination) {
    }

    public record BlockDeviceMapping(String deviceName, Ebs ebs) {
    }

    public static AmiManifest read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw invalid("manifest " + file + " does not exist");
            }
            if (Files.size(file) > MAX_MANIFEST_BYTES) {
                throw invalid("manifest is larger than " + MAX_MANIFEST_BYTES + " bytes");
            }
            ObjectMapper mapper = new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
            AmiManifest m = mapper.readValue(file.toFile(), AmiManifest.class);
            m.validate();
            return m;
        } catch (JsonMappingException e) {
            throw invalid("manifest is malformed: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("manifest cannot be read: " + e.getMessage());
        }
    }

    public BootMode mode() {
        return BootMode.parse(bootMode);
    }

    /** Checks everything that can be checked without reading the image files. */
    void validate() {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new Ec2Exception(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid AMI name '" + name
                    + "': 3-128 letters, digits and ( ) [ ] . / - ' @ _ or space");
        }
        if (!"x86_64".equals(architecture)) {
            throw new Ec2Exception(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Unsupported architecture '" + architecture + "': this host runs x86_64 guests");
        }
        BootMode mode = mode();
        if (rootDeviceName == null || !DEVICE.matcher(rootDeviceName).matches()) {
            throw invalid("rootDeviceName must look like /dev/xvda");
        }
        if (files == null || !files.containsKey("root")) {
            throw invalid("files.root is required");
        }
        for (String role : files.keySet()) {
            if (!List.of("kernel", "ramdisk", "root").contains(role)) {
                throw invalid("unknown file role '" + role + "'");
            }
        }
        if (mode == BootMode.DIRECT_KERNEL && !(files.containsKey("kernel") && files.containsKey("ramdisk"))) {
            throw invalid("direct-kernel boot needs files.kernel and files.ramdisk");
        }
        if (mode == BootMode.DISK && (files.containsKey("kernel") || files.containsKey("ramdisk"))) {
            throw invalid("disk boot takes no kernel or ramdisk");
        }
        for (Map.Entry<String, FileEntry> e : files.entrySet()) {
            FileEntry f = e.getValue();
            if (f == null || f.path() == null || f.format() == null || f.sha256() == null) {
                throw invalid("files." + e.getKey() + " needs path, format and sha256");
            }
            if (!SHA256.matcher(f.sha256()).matches()) {
                throw invalid("files." + e.getKey() + ".sha256 must be 64 lowercase hex digits");
            }
            DeclaredFormat.parse(f.format());
        }
        if (kernelCmdline != null && kernelCmdline.length() > 2048) {
            throw invalid("kernelCmdline is longer than 2048 characters");
        }
        rootMapping();
    }

    /** The block-device mapping of the root device; every AMI has exactly one. */
    public BlockDeviceMapping rootMapping() {
        if (blockDeviceMappings == null) {
            throw invalid("blockDeviceMappings is required");
        }
        List<BlockDeviceMapping> root = blockDeviceMappings.stream()
                .filter(b -> b != null && rootDeviceName.equals(b.deviceName())).toList();
        if (root.size() != 1 || root.get(0).ebs() == null) {
            throw invalid("blockDeviceMappings must map the root device " + rootDeviceName + " to one EBS volume");
        }
        int size = root.get(0).ebs().volumeSize();
        if (size < 1 || size > 16384) {
            throw invalid("root volumeSize must be 1-16384 GiB");
        }
        return root.get(0);
    }

    private static Ec2Exception invalid(String message) {
        return new Ec2Exception(ErrorCode.INVALID_MANIFEST, message);
    }
}
