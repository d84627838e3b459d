package io.labvisor.api.actions;

import io.labvisor.api.xml.InstanceXml;
import io.labvisor.catalog.InstanceType;
import io.labvisor.catalog.InstanceTypeCatalog;
import io.labvisor.compute.Instance;
import io.labvisor.volume.VolumeRepository;

import java.util.function.Function;

/** Looks up what an instance's XML shows besides its row: volumes, threads per core, tags and security groups. */
final class InstanceDetails implements Function<Instance, InstanceXml.Details> {
    private final InstanceTypeCatalog catalog;
    private final VolumeRepository volumes;
    private final io.labvisor.tag.TagService tags;
    private final io.labvisor.net.sg.SecurityGroupService groups;

    InstanceDetails(InstanceTypeCatalog catalog, VolumeRepository volumes, io.labvisor.tag.TagService tags,
                    io.labvisor.net.sg.SecurityGroupService groups) {
        this.tags = tags;
        this.groups = groups;
        this.catalog = catalog;
        this.volumes = volumes;
    }

    @Override
    public InstanceXml.Details apply(Instance i) {
        int threads = catalog.find(i.instanceType()).map(InstanceType::threadsPerCore).orElse(1);
        return new InstanceXml.Details(volumes.attachedTo(i.instanceId()), threads, tags.of(i.instanceId()),
                groups.groupsOf(i.instanceId()));
    }
}
