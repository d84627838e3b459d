package io.labvisor.compute;

import io.labvisor.catalog.InstanceType;
import io.labvisor.catalog.InstanceTypeCatalog;
import io.labvisor.domain.Disk;
import io.labvisor.domain.DomainXml;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.store.IntentJournal;
import io.labvisor.store.IntentKind;
import io.labvisor.virt.LibvirtHost;
import io.labvisor.volume.Volume;
import io.labvisor.volume.VolumeRepository;
import io.labvisor.volume.VolumeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * AttachVolume and DetachVolume. A running instance gets the disk hot-plugged (libvirt LIVE|CONFIG), a stopped one
 * only in its definition (CONFIG), and every later start plans it again from the volume's row. On a nitro instance
 * the disk is a vhost-user disk on the storage card: the card exports the volume (over QMP, throttled to its EBS
 * limits) before libvirt plugs the disk, and withdraws the export only after the guest released the disk. Limit of
 * this lab: the emulated profile's SATA disks cannot be hot-plugged (libvirt refuses), so there an attach or detach
 * takes effect at the next start.
 */
public final class VolumeAttachments {
    private static final Logger log = LoggerFactory.getLogger(VolumeAttachments.class);
    private static final Duration UNPLUG_WAIT = Duration.ofSeconds(30);

    private final LibvirtHost libvirt;
    private final InstanceService instances;
    private final InstanceTypeCatalog catalog;
    private final VolumeService volumeService;
    private final VolumeRepository volumes;
    private final InstanceCards cards;
    private final IntentJournal intents;

    public VolumeAttachments(LibvirtHost libvirt, InstanceService instances, InstanceTypeCatalog catalog,
                             VolumeService volumeService, VolumeRepository volumes, InstanceCards cards,
                             IntentJournal intents) {
        this.cards = cards;
        this.intents = intents;
        this.libvirt = libvirt;
        this.instances = instances;
        this.catalog = catalog;
        this.volumeService = volumeService;
        this.volumes = volumes;
    }

    public Volume attach(String volumeId, String instanceId, String deviceName) {
        Volume v = volumeService.require(volumeId);
        Instance i = instances.require(instanceId);
        DataDisks.checkDeviceName(deviceName);
        boolean live = plugsLive(i);
        if (!v.state().equals("available")) {
            throw new Ec2Exception(ErrorCode.VOLUME_IN_USE, volumeId + " is already attached to an instance");
        }
        List<Volume> attached = volumes.attachedTo(instanceId);
        if (attached.stream().anyMatch(a -> a.deviceName().equals(Optional.of(deviceName)))) {
            throw Ec2Exception.invalidParameter("Attachment point " + deviceName + " is already in use");
        }
        InstanceType type = catalog.require(i.instanceType());
        String target = DataDisks.nextTarget(i.ioProfile(), type.hasInstanceStore(),
                attached.stream().flatMap(a -> a.targetDev().stream()).toList());
        try (IntentJournal.Entry intent = intents.begin(IntentKind.ATTACH_VOLUME, List.of(volumeId, instanceId),
                java.util.Map.of("device", deviceName, "target", target))) {
            return attach(volumeId, i, type, deviceName, target, live);
        }
    }

    private Volume attach(String volumeId, Instance i, InstanceType type, String deviceName, String target,
                          boolean live) {
        String instanceId = i.instanceId();
        if (!volumes.attach(volumeId, instanceId, deviceName, target, Instant.now())) {
            throw new Ec2Exception(ErrorCode.VOLUME_IN_USE, volumeId + " is already attached to an instance");
        }
        Volume row = volumeService.require(volumeId);
        boolean nitro = i.ioProfile() == IoProfile.NITRO;
        try {
            if (nitro && live) {
                cards.ensure(i); // the card exports the volume before QEMU connects to it
            }
            libvirt.domains().attachDevice(instanceId, DomainXml.writeDisk(disk(row, i, type)), live);
        } catch (RuntimeException e) {
            volumes.detach(volumeId);
            if (nitro && live) {
                withdrawQuietly(i);
            }
            throw new Ec2Exception(ErrorCode.INTERNAL_ERROR, "Attaching " + volumeId + " failed: " + e.getMessage(), e);
        }
        log.info("attached {} to {} as {} ({}, {})", volumeId, instanceId, deviceName, target,
                live ? "hot-plugged" : "at next start");
        return row;
    }

    /**
     * Detaches a data volume. A running guest is asked to release the disk; when it has not within 30 s the
     * volume stays attached (IncorrectState) unless {@code force}, which records it detached anyway.
     */
    public Volume detach(String volumeId, Optional<String> instanceId, boolean force) {
        Volume v = volumeService.require(volumeId);
        if (v.instanceId().isEmpty() || instanceId.filter(id -> !id.equals(v.instanceId().get())).isPresent()) {
            throw new Ec2Exception(ErrorCode.INCORRECT_STATE, "Volume '" + volumeId + "' is in the '" + v.state()
                    + "' state" + instanceId.map(id -> " and not attached to " + id).orElse(""));
        }
        if (v.isRoot()) {
            throw new Ec2Exception(ErrorCode.UNSUPPORTED_OPERATION, "Root volume " + volumeId
                    + " cannot be detached in this lab");
        }
        Instance i = instances.require(v.instanceId().get());
        boolean live = plugsLive(i);
        String xml = DomainXml.writeDisk(disk(v, i, catalog.require(i.instanceType())));
        try (IntentJournal.Entry intent = intents.begin(IntentKind.DETACH_VOLUME, List.of(volumeId, i.instanceId()),
                java.util.Map.of())) {
            return detach(v, i, xml, live, force);
        }
    }

    private Volume detach(Volume v, Instance i, String xml, boolean live, boolean force) {
        String volumeId = v.volumeId();
        libvirt.domains().detachDevice(i.instanceId(), xml, live);
        if (live && !awaitUnplugged(i.instanceId(), volumeId) && !force) {
            throw new Ec2Exception(ErrorCode.INCORRECT_STATE, "The guest of " + i.instanceId() + " has not released "
                    + volumeId + " yet; retry, or detach with --force");
        }
        volumes.detach(volumeId);
        if (i.ioProfile() == IoProfile.NITRO && live) {
            // After the device is gone: the card withdraws the export once QEMU has let go of it. A stopped
            // instance has no card running; its next start exports only the volumes still attached.
            withdrawQuietly(i);
        }
        log.info("detached {} from {}", volumeId, i.instanceId());
        return v;
    }

    /**
     * ModifyInstanceAttribute BlockDeviceMappings: each named device must hold a volume of this instance (root
     * included), checked before any changes; then each volume's DeleteOnTermination is set.
     */
    public void setDeleteOnTermination(String instanceId, java.util.Map<String, Boolean> byDevice) {
        Instance i = instances.require(instanceId);
        if (i.state() == InstanceState.TERMINATED) {
            throw new Ec2Exception(ErrorCode.INCORRECT_INSTANCE_STATE, "The instance '" + instanceId
                    + "' is terminated.");
        }
        List<Volume> attached = volumes.attachedTo(instanceId);
        java.util.Map<String, Volume> targets = new java.util.LinkedHashMap<>();
        byDevice.keySet().forEach(device -> targets.put(device, attached.stream()
                .filter(v -> v.deviceName().equals(Optional.of(device))).findFirst()
                .orElseThrow(() -> Ec2Exception.invalidParameter("No volume is attached to " + instanceId + " at "
                        + device))));
        targets.forEach((device, v) -> volumes.setDeleteOnTermination(v.volumeId(), byDevice.get(device)));
    }

    /** The volume's disk: a file disk with iotune, or on nitro the storage card's vhost-user export of it. */
    private Disk disk(Volume v, Instance i, InstanceType type) {
        return i.ioProfile() == IoProfile.NITRO
                ? DataDisks.cardDisk(v, cards.socket(i.instanceId(), v.volumeId()).toString())
                : DataDisks.disk(v, i.ioProfile(), type);
    }

    /**
     * Brings the card's exports back in line with the volume rows; a failure is logged, not thrown: the
     * volume's state is already right, and the next ensure of the card (every start, every labvisor) retries.
     */
    private void withdrawQuietly(Instance i) {
        try {
            cards.ensure(i);
        } catch (RuntimeException e) {
            log.warn("the storage card of {} keeps a stale export for now: {}", i.instanceId(), e.getMessage());
        }
    }

    /** Running: hot-plug (virtio, nitro); stopped: definition only; anything else: IncorrectInstanceState. */
    private static boolean plugsLive(Instance i) {
        if (i.state() != InstanceState.RUNNING && i.state() != InstanceState.STOPPED) {
            throw new Ec2Exception(ErrorCode.INCORRECT_INSTANCE_STATE, "The instance '" + i.instanceId()
                    + "' is not in a valid state for this operation (" + i.state().label() + ").");
        }
        return i.state() == InstanceState.RUNNING && i.ioProfile() != IoProfile.EMULATED;
    }

    /**
     * Whether the instance's domain holds the volume's disk: in the running guest when it plugs live, else in
     * its definition (what the next start runs). What an interrupted attach or detach is settled to.
     */
    boolean domainHolds(Instance i, String volumeId) {
        boolean live = i.state() == InstanceState.RUNNING && i.ioProfile() != IoProfile.EMULATED;
        Optional<String> xml = live ? libvirt.domains().xml(i.instanceId())
                : libvirt.domains().definitionXml(i.instanceId());
        return xml.map(x -> holdsAlias(x, volumeId)).orElse(false);
    }

    private static boolean holdsAlias(String xml, String volumeId) {
        String alias = DataDisks.alias(volumeId);
        return xml.contains("'" + alias + "'") || xml.contains("\"" + alias + "\"");
    }

    /** The detach of a disk the guest still holds, asked again (by the recovery of an interrupted one). */
    boolean detachAgain(Instance i, Volume v) {
        boolean live = i.state() == InstanceState.RUNNING && i.ioProfile() != IoProfile.EMULATED;
        try {
            libvirt.domains().detachDevice(i.instanceId(), DomainXml.writeDisk(disk(v, i,
                    catalog.require(i.instanceType()))), live);
        } catch (RuntimeException e) { // e.g. the unplug asked before the interruption is still under way
            log.info("detaching {} from {} again: {}", v.volumeId(), i.instanceId(), e.getMessage());
        }
        if (live) {
            awaitUnplugged(i.instanceId(), v.volumeId());
        }
        return !domainHolds(i, v.volumeId());
    }

    /** Brings a running nitro instance's card exports in line with the volume rows (see withdrawQuietly). */
    void syncExports(Instance i) {
        if (i.ioProfile() == IoProfile.NITRO && i.state() == InstanceState.RUNNING) {
            withdrawQuietly(i);
        }
    }

    private boolean awaitUnplugged(String instanceId, String volumeId) {
        long deadline = System.nanoTime() + UNPLUG_WAIT.toNanos();
        while (libvirt.domains().xml(instanceId).map(x -> holdsAlias(x, volumeId)).orElse(false)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
