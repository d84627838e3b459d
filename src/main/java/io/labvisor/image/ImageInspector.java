package io.labvisor.image;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.virtxml.DiskFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads an image file's header, with the format the manifest declared, and refuses anything that could make
 * QEMU or libvirt open a file the user did not hand over: qcow2 backing files and external data files (a known
 * way to read host files), encrypted images, unknown incompatible features, and format confusion (a file
 * declared raw that is really qcow2, VMDK, VHDX, VDI, QED or LUKS, which a prober would then interpret).
 */
public final class ImageInspector {
    private static final int QCOW2_MAGIC = 0x514649fb; // "QFI\xfb"
    private static final int EXT_END = 0x00000000;
    private static final int EXT_DATA_FILE = 0x44415441; // "DATA"
    private static final long INCOMPAT_DIRTY = 1L;
    private static final long INCOMPAT_CORRUPT = 1L << 1;
    private static final long INCOMPAT_DATA_FILE = 1L << 2;
    private static final long INCOMPAT_COMPRESSION = 1L << 3;
    private static final long INCOMPAT_EXTL2 = 1L << 4;
    private static final long INCOMPAT_KNOWN = INCOMPAT_DIRTY | INCOMPAT_CORRUPT | INCOMPAT_DATA_FILE
            | INCOMPAT_COMPRESSION | INCOMPAT_EXTL2;
    private static final int HEADER_BYTES = 4096;

    private final long maxVirtualSizeBytes;

    public ImageInspector(long maxVirtualSizeBytes) {
        this.maxVirtualSizeBytes = maxVirtualSizeBytes;
    }

    /** What the inspection learned. */
    public record Inspection(DiskFormat format, long virtualSizeBytes, long fileSizeBytes) {
    }

    public Inspection inspect(Path file, DiskFormat declared, ImageFileRole role) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(HEADER_BYTES, fileSize));
            while (head.hasRemaining() && ch.read(head) >= 0) {
                // read the header fully
            }
            head.flip();
            byte[] bytes = new byte[head.remaining()];
            head.get(bytes);
            String alien = foreignFormat(bytes);
            return switch (declared) {
                case QCOW2 -> inspectQcow2(file, bytes, fileSize, role);
                case RAW -> {
                    if (alien != null) {
                        throw refuse(file, "is declared raw but its header is " + alien);
                    }
                    checkRawRole(file, bytes, role);
                    yield new Inspection(DiskFormat.RAW, fileSize, fileSize);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + file, e);
        }
    }

    private Inspection inspectQcow2(Path file, byte[] h, long fileSize, ImageFileRole role) {
        if (role != ImageFileRole.ROOT) {
            throw refuse(file, "is a " + role.name().toLowerCase() + " and must be raw");
        }
        if (h.length < 72 || readInt(h, 0) != QCOW2_MAGIC) {
            throw refuse(file, "is declared qcow2 but has no qcow2 header");
        }
        int version = readInt(h, 4);
        if (version != 2 && version != 3) {
            throw refuse(file, "has unsupported qcow2 version " + version);
        }
        long backingOffset = readLong(h, 8);
        int backingSize = readInt(h, 16);
        if (backingOffset != 0 || backingSize != 0) {
            throw refuse(file, "names a backing file");
        }
        int clusterBits = readInt(h, 20);
        if (clusterBits < 9 || clusterBits > 21) {
            throw refuse(file, "has an invalid cluster size (2^" + clusterBits + ")");
        }
        long virtualSize = readLong(h, 24);
        if (virtualSize <= 0) {
            throw refuse(file, "has no virtual size");
        }
        if (virtualSize > maxVirtualSizeBytes) {
            throw refuse(file, "has a virtual size of " + virtualSize + " bytes, above the limit of "
                    + maxVirtualSizeBytes);
        }
        if (readInt(h, 32) != 0) {
            throw refuse(file, "is encrypted");
        }
        int extensionsStart = 72;
        if (version == 3) {
            if (h.length < 104) {
                throw refuse(file, "has a truncated qcow2 v3 header");
            }
            long incompatible = readLong(h, 72);
            if ((incompatible & INCOMPAT_DATA_FILE) != 0) {
                throw refuse(file, "uses an external data file");
            }
            if ((incompatible & ~INCOMPAT_KNOWN) != 0) {
                throw refuse(file, "uses unknown incompatible qcow2 features 0x" + Long.toHexString(incompatible));
            }
            if ((incompatible & INCOMPAT_CORRUPT) != 0) {
                throw refuse(file, "is marked corrupt");
            }
            extensionsStart = readInt(h, 100);
            if (extensionsStart < 104 || extensionsStart > h.length) {
                throw refuse(file, "has an invalid qcow2 header length " + extensionsStart);
            }
        }
        checkExtensions(file, h, extensionsStart);
        return new Inspection(DiskFormat.QCOW2, virtualSize, fileSize);
    }

    /** Walks the header extensions; a data-file name extension is refused even without the feature bit. */
    private static void checkExtensions(Path file, byte[] h, int offset) {
        int pos = offset;
        while (pos + 8 <= h.length) {
            int type = readInt(h, pos);
            int length = readInt(h, pos + 4);
            if (type == EXT_END) {
                return;
            }
            if (type == EXT_DATA_FILE) {
                throw refuse(file, "names an external data file");
            }
            if (length < 0 || length > h.length) {
                throw refuse(file, "has a malformed header extension");
            }
            pos += 8 + ((length + 7) & ~7);
        }
        throw refuse(file, "has header extensions beyond the first " + HEADER_BYTES + " bytes");
    }

    private static void checkRawRole(Path file, byte[] h, ImageFileRole role) {
        switch (role) {
            case KERNEL -> {
                if (!isBzImage(h) && !isX86_64Elf(h)) {
                    throw refuse(file, "is neither a Linux bzImage nor an x86-64 ELF (PVH) kernel");
                }
            }
            case RAMDISK -> {
                if (!isRamdisk(h)) {
                    throw refuse(file, "is not a cpio, gzip, zstd, xz or lz4 initramfs");
                }
            }
            case ROOT -> {
                if (h.length == 0) {
                    throw refuse(file, "is empty");
                }
            }
        }
    }

    /** Linux x86 boot protocol: "HdrS" at 0x202 in every bzImage. */
    private static boolean isBzImage(byte[] h) {
        return h.length >= 0x206 && "HdrS".equals(new String(h, 0x202, 4, StandardCharsets.US_ASCII));
    }

    /** An uncompressed vmlinux that QEMU boots through its PVH entry point: ELF64, little endian, x86-64. */
    private static boolean isX86_64Elf(byte[] h) {
        return h.length >= 20 && startsWith(h, 0x7f, 'E', 'L', 'F', 2, 1) && (h[18] & 0xff) == 0x3e && h[19] == 0;
    }

    private static boolean isRamdisk(byte[] h) {
        return startsWith(h, 0x1f, 0x8b) // gzip
                || startsWith(h, 0x28, 0xb5, 0x2f, 0xfd) // zstd
                || startsWith(h, 0xfd, '7', 'z', 'X', 'Z') // xz
                || startsWith(h, 0x02, 0x21, 0x4c, 0x18) // lz4 legacy
                || startsWith(h, '0', '7', '0', '7', '0'); // cpio newc/crc
    }

    /** Names the format if the header is one that a prober would take for something other than raw. */
    static String foreignFormat(byte[] h) {
        if (h.length >= 4 && readInt(h, 0) == QCOW2_MAGIC) {
            return "qcow2";
        }
        if (startsWith(h, 'K', 'D', 'M', 'V')) {
            return "vmdk";
        }
        if (startsWith(h, 'Q', 'E', 'D', 0)) {
            return "qed";
        }
        if (startsWith(h, 'v', 'h', 'd', 'x', 'f', 'i', 'l', 'e')) {
            return "vhdx";
        }
        if (startsWith(h, 'L', 'U', 'K', 'S', 0xba, 0xbe)) {
            return "luks";
        }
        if (h.length >= 0x44 && readInt(h, 0x40) == 0x7f10dabe) {
            return "vdi";
        }
        if (startsWith(h, 'c', 'o', 'n', 'e', 'c', 't', 'i', 'x')) {
            return "vpc";
        }
        return null;
    }

    private static boolean startsWith(byte[] h, int... prefix) {
        if (h.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((h[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int readInt(byte[] h, int off) {
        return ByteBuffer.wrap(h, off, 4).getInt();
    }

    private static long readLong(byte[] h, int off) {
        return ByteBuffer.wrap(h, off, 8).getLong();
    }

    private static Ec2Exception refuse(Path file, String why) {
        return new Ec2Exception(ErrorCode.INVALID_PARAMETER_VALUE,
                "Image file '" + file.getFileName() + "' " + why + "; refused");
    }
}
