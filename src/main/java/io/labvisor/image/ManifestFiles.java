package io.labvisor.image;

import io.labvisor.ec2.Ec2Exception;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The files a manifest names, opened only inside the manifest's folder. Paths are compared as real paths (a
 * symlinked folder such as {@code d -> /} leads outside), the files themselves may not be symlinks, and the file is
 * then opened one folder at a time without following links (openat with O_NOFOLLOW), so a folder or file swapped
 * for a symlink after the check cannot redirect the copy.
 */
final class ManifestFiles {
    private ManifestFiles() {
    }

    /** A file opened for reading, with its size. */
    record Opened(SeekableByteChannel channel, long size) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Opens {@code relative} below {@code manifestDir}; refuses what lies outside or is not a plain file. */
    static Opened open(Path manifestDir, String relative) throws IOException {
        Path dir = manifestDir.toRealPath();
        if (Path.of(relative).isAbsolute()) {
            throw outside(relative);
        }
        Path lexical = dir.resolve(relative).normalize();
        if (!lexical.startsWith(dir) || lexical.equals(dir)) {
            throw outside(relative);
        }
        if (Files.isSymbolicLink(lexical)) {
            throw Ec2Exception.invalidParameter("Image file '" + relative + "' is a symbolic link; refused");
        }
        if (!Files.exists(lexical, LinkOption.NOFOLLOW_LINKS)) {
            throw Ec2Exception.invalidParameter("Image file '" + relative + "' does not exist");
        }
        Path real = lexical.toRealPath();
        if (!real.startsWith(dir)) {
            throw outside(relative);
        }
        List<Path> names = new ArrayList<>();
        dir.relativize(real).forEach(names::add);
        try (DirectoryStream<Path> top = Files.newDirectoryStream(dir)) {
            if (!(top instanceof SecureDirectoryStream<Path> secure)) {
                // no openat on this platform: the real-path check above is what stands
                checkRegular(Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS), relative);
                FileChannel ch = FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                return new Opened(ch, ch.size());
            }
            return openBelow(secure, names, relative);
        }
    }

    private static Opened openBelow(SecureDirectoryStream<Path> top, List<Path> names, String relative)
            throws IOException {
        List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
        try {
            SecureDirectoryStream<Path> current = top;
            for (Path folder : names.subList(0, names.size() - 1)) {
                current = current.newDirectoryStream(folder, LinkOption.NOFOLLOW_LINKS);
                opened.add(current);
            }
            Path name = names.get(names.size() - 1);
            BasicFileAttributes attributes = current.getFileAttributeView(name, BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes();
            checkRegular(attributes, relative);
            SeekableByteChannel ch = current.newByteChannel(name,
                    Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
            return new Opened(ch, ch.size());
        } catch (java.nio.file.FileSystemException e) {
            // ELOOP from O_NOFOLLOW: something was swapped for a symlink after the check
            throw Ec2Exception.invalidParameter("Image file '" + relative + "' changed while it was opened; refused");
        } finally {
            for (SecureDirectoryStream<Path> s : opened) {
                s.close();
            }
        }
    }

    /**
     * Copies at most {@code limit} bytes of {@code source} into the new file {@code target} and answers their
     * sha256, or refuses a file that grew past the limit.
     */
    static String copy(Opened source, Path target, long limit, String relative) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        long copied = 0;
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (source.channel().read(buffer.clear()) >= 0) {
                buffer.flip();
                copied += buffer.remaining();
                if (copied > limit) {
                    throw Ec2Exception.invalidParameter("Image file '" + relative + "' is larger than " + limit
                            + " bytes");
                }
                sha256.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void checkRegular(BasicFileAttributes attributes, String relative) {
        if (!attributes.isRegularFile()) {
            throw Ec2Exception.invalidParameter("Image file '" + relative + "' is not a regular file");
        }
    }

    private static Ec2Exception outside(String relative) {
        return Ec2Exception.invalidParameter("Image file '" + relative + "' is outside the manifest's folder");
    }
}
