package io.labvisor.virt.fake;

import io.labvisor.virt.StoragePools;
import io.labvisor.virt.VirtException;
import io.labvisor.virtxml.StoragePoolSpec;
import io.labvisor.virtxml.StorageVolumeSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Storage pools in memory: each a folder path and its volumes (name, size, path, backing path), no files. As in
 * libvirt, a volume name is taken once per pool, an overlay needs its backing volume to exist, and a pool must be
 * there before its volumes are.
 */
public final class FakeStoragePools implements StoragePools {
    private final FakeLibvirtHost host;
    private final Map<String, Pool> pools = new LinkedHashMap<>();

    /** What the fake keeps of a volume. */
    public record Volume(String name, long capacityBytes, String path, Optional<String> backingPath) {
    }

    private static final class Pool {
        final String path;
        final boolean persistent;
        final Map<String, Volume> volumes = new LinkedHashMap<>();

        Pool(String path, boolean persistent) {
            this.path = path;
            this.persistent = persistent;
        }
    }

    FakeStoragePools(FakeLibvirtHost host) {
        this.host = host;
    }

    @Override
    public void ensurePool(String name, String poolXml) {
        synchronized (host) {
            pools.computeIfAbsent(name, n -> new Pool(StoragePoolSpec.parse(poolXml).targetPath(), true));
        }
    }

    @Override
    public String createVolume(String pool, String volumeXml) {
        synchronized (host) {
            StorageVolumeSpec spec = StorageVolumeSpec.parse(volumeXml);
            host.enter(FakeCall.VOLUME_CREATE, "volume.create " + spec.name());
            Optional<String> backing = Optional.ofNullable(spec.backingPath());
            if (backing.isPresent() && findByPath(backing.get()).isEmpty()) {
                throw new VirtException("cannot open backing store " + backing.get() + ": No such file or directory");
            }
            return add(pool, spec.name(), spec.capacityBytes(), backing).path();
        }
    }

    @Override
    public String cloneVolume(String pool, String volumeXml, String sourcePool, String sourceVolume) {
        synchronized (host) {
            StorageVolumeSpec spec = StorageVolumeSpec.parse(volumeXml);
            host.enter(FakeCall.VOLUME_CLONE, "volume.clone " + sourceVolume + " " + spec.name());
            requireVolume(sourcePool, sourceVolume);
            return add(pool, spec.name(), spec.capacityBytes(), Optional.empty()).path();
        }
    }

    @Override
    public long capacity(String pool, String volume) {
        synchronized (host) {
            return requireVolume(pool, volume).capacityBytes();
        }
    }

    @Override
    public Optional<String> volumePath(String pool, String volume) {
        synchronized (host) {
            return Optional.ofNullable(require(pool).volumes.get(volume)).map(Volume::path);
        }
    }

    @Override
    public List<String> volumes(String pool) {
        synchronized (host) {
            return List.copyOf(require(pool).volumes.keySet());
        }
    }

    @Override
    public void deleteVolumeIfExists(String pool, String volume) {
        synchronized (host) {
            if (require(pool).volumes.containsKey(volume)) {
                host.enter(FakeCall.VOLUME_DELETE, "volume.delete " + volume);
                require(pool).volumes.remove(volume);
            }
        }
    }

    @Override
    public <T> T withTransientPool(String name, String poolXml, Function<String, T> work) {
        synchronized (host) {
            if (pools.containsKey(name)) {
                throw new VirtException("operation failed: pool '" + name + "' already exists");
            }
            pools.put(name, new Pool(StoragePoolSpec.parse(poolXml).targetPath(), false));
        }
        try {
            return work.apply(name);
        } finally {
            synchronized (host) {
                pools.remove(name);
            }
        }
    }

    @Override
    public List<String> destroyTransientPools(String prefix, Path under) {
        synchronized (host) {
            List<String> destroyed = new ArrayList<>();
            pools.entrySet().removeIf(e -> {
                boolean stale = e.getKey().startsWith(prefix) && !e.getValue().persistent
                        && Path.of(e.getValue().path).startsWith(under);
                if (stale) {
                    destroyed.add(e.getKey());
                }
                return stale;
            });
            return destroyed;
        }
    }

    /** Whether a volume of some pool has this path. */
    boolean holds(String path) {
        synchronized (host) {
            return findByPath(path).isPresent();
        }
    }

    /** The pool's volumes as the fake keeps them. */
    public List<Volume> list(String pool) {
        synchronized (host) {
            return List.copyOf(require(pool).volumes.values());
        }
    }

    private Volume add(String pool, String name, long capacity, Optional<String> backing) {
        Pool p = require(pool);
        if (p.volumes.containsKey(name)) {
            throw new VirtException("storage volume name '" + name + "' already in use.");
        }
        Volume v = new Volume(name, capacity, Path.of(p.path).resolve(name).toString(), backing);
        p.volumes.put(name, v);
        return v;
    }

    private Optional<Volume> findByPath(String path) {
        return pools.values().stream().flatMap(p -> p.volumes.values().stream())
                .filter(v -> v.path().equals(path)).findFirst();
    }

    private Volume requireVolume(String pool, String volume) {
        Volume v = require(pool).volumes.get(volume);
        if (v == null) {
            throw new VirtException("Storage volume not found: no storage vol with matching name '" + volume + "'");
        }
        return v;
    }

    private Pool require(String pool) {
        Pool p = pools.get(pool);
        if (p == null) {
            throw new VirtException("Storage pool not found: no storage pool with matching name '" + pool + "'");
        }
        return p;
    }
}
