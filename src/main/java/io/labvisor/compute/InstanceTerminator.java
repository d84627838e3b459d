package io.labvisor.compute;

import io.labvisor.config.LabvisorConfig;
import io.labvisor.net.InstanceAddresses;
import io.labvisor.net.VpcService;
import io.labvisor.net.sg.SecurityGroupService;
import io.labvisor.files.FileTrees;
import io.labvisor.image.ImageService;
import io.labvisor.tag.TagService;
import io.labvisor.virt.DomainEvent;
import io.labvisor.virt.Domains;
import io.labvisor.virt.LibvirtHost;
import io.labvisor.volume.Volume;
import io.labvisor.volume.VolumeRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Takes instances down: terminate (shutting-down, then terminated once libvirt reports the domain stopped and
 * its disks are gone) and discard (undo a launch that failed, leaving no trace).
 */
public final class InstanceTerminator {
    private static final Logger log = LoggerFactory.getLogger(InstanceTerminator.class);
    private static final Duration GRACEFUL = Duration.ofSeconds(5);
    private static final Duration FORCED = Duration.ofSeconds(20);
    static final String USER_SHUTDOWN = "Client.UserInitiatedShutdown: User initiated shutdown";

    private final LabvisorConfig config;
    private final LibvirtHost libvirt;
    private final InstanceRepository instances;
    private final VolumeRepository volumes;
    private final ImageService images;
    private final InstanceStore instanceStore;
    private final InstanceCards cards;
    private final InstanceAddresses addresses;
    private final SecurityGroupService groups;
    private final VpcService vpcs;
    private final TagService tags;

    public InstanceTerminator(LabvisorConfig config, LibvirtHost libvirt, InstanceRepository instances,
                              VolumeRepository volumes, ImageService images, InstanceStore instanceStore,
                              InstanceCards cards, InstanceAddresses addresses,
                              VpcService vpcs, SecurityGroupService groups, TagService tags) {
        this.vpcs = vpcs;
        this.tags = tags;
        this.groups = groups;
        this.addresses = addresses;
        this.instanceStore = instanceStore;
        this.cards = cards;
        this.config = config;
        this.libvirt = libvirt;
        this.instances = instances;
        this.volumes = volumes;
        this.images = images;
    }

    public StateChange terminate(Instance instance) {
        InstanceState previous = instance.state();
        if (previous == InstanceState.TERMINATED) {
            return new StateChange(instance.instanceId(), previous, previous);
        }
        beginTermination(instance);
        finishTermination(instance.instanceId());
        return new StateChange(instance.instanceId(), previous,
                instances.find(instance.instanceId()).map(Instance::state).orElse(InstanceState.TERMINATED));
    }

    /** Any state but terminated to shutting-down: from here no launch or start of it goes on. */
    void beginTermination(Instance instance) {
        instances.transition(instance.instanceId(), List.of(InstanceState.PENDING, InstanceState.RUNNING,
                InstanceState.STOPPING, InstanceState.STOPPED, InstanceState.SHUTTING_DOWN),
                InstanceState.SHUTTING_DOWN, USER_SHUTDOWN);
    }

    /** From shutting-down to terminated: stop the domain, remove it and the volumes deleted with it. */
    void finishTermination(String instanceId) {
        finishTermination(instanceId, USER_SHUTDOWN);
    }

    /** As {@link #finishTermination(String)}, terminated with {@code reason}. */
    void finishTermination(String instanceId, String reason) {
        powerOff(instanceId);
        libvirt.domains().undefineIfDefined(instanceId);
        instanceStore.delete(instanceId);
        cards.stop(instanceId); // after the domain: a running guest must never lose its disk
        for (Volume v : volumes.attachedTo(instanceId)) {
            if (v.deleteOnTermination()) {
                libvirt.pools().deleteVolumeIfExists(config.poolName(), v.poolVolume());
                volumes.delete(v.volumeId());
                tags.removeAll(v.volumeId());
            }
        }
        volumes.releaseFrom(instanceId);
        images.collectGarbage(volumes::anyFromImage);
        FileTrees.deleteQuietly(config.instanceDir(instanceId));
        instances.find(instanceId).ifPresent(this::releaseNetwork);
        tags.removeAll(instanceId);
        instances.transition(instanceId, List.of(InstanceState.SHUTTING_DOWN), InstanceState.TERMINATED, reason);
        log.info("terminated {}", instanceId);
    }

    /** Removes everything a failed launch created, the row included. */
    void discard(Instance instance) {
        String id = instance.instanceId();
        try {
            libvirt.domains().destroyIfRunning(id);
            libvirt.domains().undefineIfDefined(id);
            instanceStore.delete(id);
            cards.stop(id);
            for (Volume v : volumes.attachedTo(id)) {
                libvirt.pools().deleteVolumeIfExists(config.poolName(), v.poolVolume());
                volumes.delete(v.volumeId());
                tags.removeAll(v.volumeId());
            }
            tags.removeAll(id);
            FileTrees.deleteQuietly(config.instanceDir(id));
            Files.deleteIfExists(Path.of(instance.consoleLog()));
            releaseNetwork(instance);
        } catch (RuntimeException | IOException e) {
            log.error("cleaning up failed launch of {}: {}", id, e.getMessage());
        } finally {
            instances.delete(id);
        }
    }

    /** After the domain is gone: its lease and address, its NIC filter and group memberships. */
    private void releaseNetwork(Instance i) {
        addresses.release(i.instanceId(), i.network(), i.mac(), i.privateIp());
        vpcs.subnetOnNetwork(i.network()).ifPresent(s -> groups.release(i.instanceId(), s.vpcId()));
    }

    /**
     * Asks the guest to power off (ACPI), and pulls the plug if it has not stopped in {@link #GRACEFUL}. Waits
     * for libvirt's STOPPED event, so the disks are released before they are deleted.
     */
    private void powerOff(String id) {
        Domains domains = libvirt.domains();
        if (domains.state(id).filter(s -> s != Domains.PowerState.SHUTOFF).isEmpty()) {
            return;
        }
        long mark = libvirt.events().mark();
        try {
            domains.shutdown(id);
            if (awaitStopped(id, mark, GRACEFUL)) {
                return;
            }
        } catch (RuntimeException e) {
            log.debug("graceful shutdown of {} not possible: {}", id, e.getMessage());
        }
        domains.destroyIfRunning(id);
        if (!awaitStopped(id, mark, FORCED)) {
            log.warn("no STOPPED event for {} within {}", id, FORCED);
        }
    }

    private boolean awaitStopped(String id, long mark, Duration timeout) {
        try {
            return libvirt.events().await(mark, (DomainEvent e) -> e.domain().equals(id) && e.kind().equals("STOPPED"),
                    timeout).isPresent()
                    || libvirt.domains().state(id).map(s -> s == Domains.PowerState.SHUTOFF).orElse(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
