package io.labvisor.compute;

import io.labvisor.catalog.InstanceType;
import io.labvisor.config.LabvisorConfig;
import io.labvisor.virt.LibvirtHost;
import io.labvisor.virtxml.DiskFormat;
import io.labvisor.virtxml.StorageVolumeSpec;

import java.util.Optional;

/**
 * The instance store of types that have one (m5d, c5d, r5d): a raw volume in the pool, sized as the catalog says
 * but sparse, named after the instance. Like EC2's local NVMe disks it lives only as long as the instance runs
 * on its host: a reboot keeps it, every start gets a new empty one, stop and terminate delete it. Not an EBS
 * volume, so it has no row in the volumes table.
 */
public final class InstanceStore {
    private final LabvisorConfig config;
    private final LibvirtHost libvirt;

    public InstanceStore(LabvisorConfig config, LibvirtHost libvirt) {
        this.config = config;
        this.libvirt = libvirt;
    }

    static String volumeName(String instanceId) {
        return instanceId + "-ephemeral0.raw";
    }

    /** A new empty instance store for this start (replacing any left over); empty for types without one. */
    public Optional<String> fresh(String instanceId, InstanceType type) {
        delete(instanceId);
        if (type.instanceStoreDisks().count() == 0) {
            return Optional.empty();
        }
        long bytes = (long) type.instanceStoreDisks().sizeGb() * 1_000_000_000L;
        String xml = new StorageVolumeSpec(volumeName(instanceId), bytes, 0L, DiskFormat.RAW, null, null).toXml();
        return Optional.of(libvirt.pools().createVolume(config.poolName(), xml));
    }

    public void delete(String instanceId) {
        libvirt.pools().deleteVolumeIfExists(config.poolName(), volumeName(instanceId));
    }
}
