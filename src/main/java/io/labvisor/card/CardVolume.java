package io.labvisor.card;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One volume a storage card exports.
 *
 * @param volumeId the EC2 volume id; also the top block node's name and, prefixed, the export's id in the card
 * @param image    the volume's qcow2 file (an overlay whose header names its backing file and format)
 * @param socket   the vhost-user-blk socket the card listens on and QEMU connects to
 * @param throttle the volume's EBS limits (data volumes); empty for the root volume, unthrottled as in the other
 *                 profiles
 */
public record CardVolume(String volumeId, Path image, Path socket, Optional<CardThrottle> throttle) {

    public CardVolume(String volumeId, Path image, Path socket) {
        this(volumeId, image, socket, Optional.empty());
    }
}
