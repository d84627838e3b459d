package io.labvisor.virt;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Storage pool and volume calls. Volume content only ever moves through libvirt (create, clone, delete). */
public interface StoragePools {

    /** Makes sure the persistent pool exists, is built and running, and autostarts. */
    void ensurePool(String name, String poolXml);

    /**
     * Creates a volume from XML (an empty volume, or a qcow2 overlay when the XML names a backing store); returns
     * its path.
     */
    String createVolume(String pool, String volumeXml);

    /** Creates a volume in {@code pool} as a copy of {@code source} (any pool), converting format if asked. */
    String cloneVolume(String pool, String volumeXml, String sourcePool, String sourceVolume);

    /** The volume's virtual size in bytes. */
    long capacity(String pool, String volume);

    /** The volume's path; empty when there is no such volume. */
    Optional<String> volumePath(String pool, String volume);

    /** Names of the pool's volumes, as found on disk now. */
    List<String> volumes(String pool);

    /** Deletes the volume; a no-op when it is already gone. */
    void deleteVolumeIfExists(String pool, String volume);

    /**
     * Runs {@code work} with a transient dir pool named {@code name} (so libvirt, not labvisor, reads files into
     * the real pool), and removes the transient pool afterwards.
     */
    <T> T withTransientPool(String name, String poolXml, Function<String, T> work);

    /**
     * Destroys the active transient pools named {@code prefix}… whose folder lies under {@code under}: staging
     * pools of imports whose process died before its {@code finally} ran. Returns their names.
     */
    List<String> destroyTransientPools(String prefix, Path under);
}
