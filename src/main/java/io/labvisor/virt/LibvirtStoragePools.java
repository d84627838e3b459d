package io.labvisor.virt;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Storage pool and volume calls. Volume content only ever moves through libvirt (create, clone, delete). */
final class LibvirtStoragePools implements StoragePools {
    private final Connect connect;

    LibvirtStoragePools(Connect connect) {
        this.connect = connect;
    }

    /** Makes sure the persistent pool exists, is built and running, and autostarts. */
    public void ensurePool(String name, String poolXml) {
        try {
            StoragePool pool;
            try {
                pool = connect.storagePoolLookupByName(name);
            } catch (LibvirtException e) {
                if (!VirtException.isNotFound(e)) {
                    throw e;
                }
                pool = connect.storagePoolDefineXML(poolXml, 0);
                pool.build(0);
            }
            if (pool.isActive() != 1) {
                pool.create(0);
            }
            if (!pool.getAutostart()) {
                pool.setAutostart(1);
            }
            pool.refresh(0);
        } catch (LibvirtException e) {
            throw new VirtException("preparing storage pool " + name + " failed", e);
        }
    }

    /** Creates a volume from XML (an empty volume, or a qcow2 overlay when the XML names a backing store). */
    public String createVolume(String pool, String volumeXml) {
        try {
            return pool(pool).storageVolCreateXML(volumeXml, 0).getPath();
        } catch (LibvirtException e) {
            throw new VirtException("creating volume in " + pool + " failed", e);
        }
    }

    /** Creates a volume in {@code pool} as a copy of {@code source} (any pool), converting format if asked. */
    public String cloneVolume(String pool, String volumeXml, String sourcePool, String sourceVolume) {
        try {
            StorageVol src = pool(sourcePool).storageVolLookupByName(sourceVolume);
            return pool(pool).storageVolCreateXMLFrom(volumeXml, src, 0).getPath();
        } catch (LibvirtException e) {
            throw new VirtException("copying " + sourceVolume + " into " + pool + " failed", e);
        }
    }

    /** The volume's virtual size in bytes. */
    public long capacity(String pool, String volume) {
        try {
            return pool(pool).storageVolLookupByName(volume).getInfo().capacity;
        } catch (LibvirtException e) {
            throw new VirtException("reading size of volume " + volume + " failed", e);
        }
    }

    public Optional<String> volumePath(String pool, String volume) {
        try {
            return Optional.of(pool(pool).storageVolLookupByName(volume).getPath());
        } catch (LibvirtException e) {
            if (VirtException.isNotFound(e)) {
                return Optional.empty();
            }
            throw new VirtException("looking up volume " + volume + " failed", e);
        }
    }

    public List<String> volumes(String pool) {
        try {
            StoragePool p = pool(pool);
            p.refresh(0);
            return List.of(p.listVolumes());
        } catch (LibvirtException e) {
            throw new VirtException("listing volumes of " + pool + " failed", e);
        }
    }

    /** Deletes the volume; a no-op when it is already gone. */
    public void deleteVolumeIfExists(String pool, String volume) {
        try {
            pool(pool).storageVolLookupByName(volume).delete(0);
        } catch (LibvirtException e) {
            if (!VirtException.isNotFound(e)) {
                throw new VirtException("deleting volume " + volume + " failed", e);
            }
        }
    }

    /**
     * Runs {@code work} with a transient dir pool over {@code directory} (so libvirt, not labvisor, reads files
     * into the real pool), and removes the transient pool afterwards.
     */
    public <T> T withTransientPool(String name, String poolXml, Function<String, T> work) {
        StoragePool pool;
        try {
            pool = connect.storagePoolCreateXML(poolXml, 0);
        } catch (LibvirtException e) {
            throw new VirtException("creating staging pool " + name + " failed", e);
        }
        try {
            return work.apply(name);
        } finally {
            try {
                pool.destroy();
            } catch (LibvirtException e) {
                // a transient pool that is already gone is fine
            }
        }
    }

    /**
     * Destroys the active transient pools named {@code prefix}… whose folder lies under {@code under}: staging
     * pools of imports whose process died before its {@code finally} ran. Returns their names.
     */
    public List<String> destroyTransientPools(String prefix, java.nio.file.Path under) {
        List<String> destroyed = new java.util.ArrayList<>();
        try {
            for (String name : connect.listStoragePools()) {
                if (!name.startsWith(prefix)) {
                    continue;
                }
                StoragePool p = pool(name);
                String xml = p.getXMLDesc(0);
                int at = xml.indexOf("<path>");
                String path = at < 0 ? "" : xml.substring(at + 6, xml.indexOf("</path>", at));
                if (p.isPersistent() == 0 && java.nio.file.Path.of(path).startsWith(under)) {
                    p.destroy();
                    destroyed.add(name);
                }
            }
        } catch (LibvirtException e) {
            throw new VirtException("listing storage pools failed", e);
        }
        return destroyed;
    }

    private StoragePool pool(String name) throws LibvirtException {
        return connect.storagePoolLookupByName(name);
    }
}
