package io.labvisor.card;

import java.nio.file.Path;

/**
 * One volume a storage card exports.
 *
 * @param volumeId the EC2 volume id; also the block node and export name in the card
 * @param image    the volume's qcow2 file (an overlay whose header names its backing file and format)
 * @param socket   the vhost-user-blk socket the card listens on and QEMU connects to
 */
public record CardVolume(String volumeId, Path image, Path socket) {
}
