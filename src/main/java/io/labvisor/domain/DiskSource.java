package io.labvisor.domain;

import io.labvisor.virtxml.Require;

/** Where a disk's data lives; each kind is one libvirt {@code <disk type='...'>}. */
public sealed interface DiskSource {

    /** libvirt's {@code <disk type>} for this source. */
    String diskType();

    /** An image file: {@code <source file='...'/>}. */
    record File(String path) implements DiskSource {
        public File {
            Require.absolutePath(path, "disk file");
        }

        @Override
        public String diskType() {
            return "file";
        }
    }

    /** A host block device: {@code <source dev='...'/>}. */
    record Block(String device) implements DiskSource {
        public Block {
            Require.absolutePath(device, "disk block device");
        }

        @Override
        public String diskType() {
            return "block";
        }
    }

    /**
     * A vhost-user-blk back end (e.g. qemu-storage-daemon) listening on a unix socket.
     *
     * @param socketPath       absolute path of the back end's socket
     * @param reconnectSeconds optional: reconnect after the back end goes away, checking every so many seconds
     */
    record VhostUser(String socketPath, Integer reconnectSeconds) implements DiskSource {
        public VhostUser {
            Require.absolutePath(socketPath, "vhost-user socket");
            if (reconnectSeconds != null) {
                Require.positive(reconnectSeconds, "vhost-user reconnect timeout");
            }
        }

        @Override
        public String diskType() {
            return "vhostuser";
        }
    }
}
