package io.labvisor.compute;

import io.labvisor.accel.AccelSelector.ProbeResult;
import io.labvisor.catalog.InstanceTypeCatalog;
import io.labvisor.config.LabvisorConfig;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.domain.DomainXml;
import io.labvisor.image.BootMode;
import io.labvisor.image.Image;
import io.labvisor.image.ImageService;
import io.labvisor.virt.LibvirtHost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Boots a direct-kernel AMI as a transient KVM domain with no disk and waits for its boot marker. A working KVM
 * gets there in about a second; a host whose KVM cannot run the kernel never does.
 */
public final class AccelProbe implements Supplier<ProbeResult> {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final LabvisorConfig config;
    private final LibvirtHost libvirt;
    private final ImageService images;
    private final DomainPlanner planner;

    public AccelProbe(LabvisorConfig config, LibvirtHost libvirt, ImageService images, DomainPlanner planner,
                      InstanceTypeCatalog catalog) {
        this.config = config;
        this.libvirt = libvirt;
        this.images = images;
        this.planner = planner;
    }

    @Override
    public ProbeResult get() {
        Optional<Image> image = images.describe(List.of(), List.of()).stream()
                .filter(i -> i.bootMode() == BootMode.DIRECT_KERNEL).findFirst();
        if (image.isEmpty()) {
            return new ProbeResult(false, "no direct-kernel AMI is registered to probe with");
        }
        String name = "labvisor-accel-probe-" + ProcessHandle.current().pid();
        Path log = config.stateDir().resolve("probe").resolve(name + ".log");
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
            Image img = image.get();
            String xml = DomainXml.write(planner.probe(name, images.volumePath(img.kernelVolume().orElseThrow()),
                    images.volumePath(img.ramdiskVolume().orElseThrow()), img.kernelCmdline(), log.toString()));
            long started = System.nanoTime();
            libvirt.domains().createTransient(xml);
            Optional<GuestLine> marker = new ConsoleLog(log).await(GuestLine.BOOT, DEADLINE);
            long ms = (System.nanoTime() - started) / 1_000_000;
            return marker.map(m -> new ProbeResult(true, "boot marker after " + ms + " ms"))
                    .orElseGet(() -> new ProbeResult(false, "no boot marker within " + DEADLINE.toSeconds() + " s"));
        } catch (IOException | RuntimeException e) {
            return new ProbeResult(false, "probe domain failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeResult(false, "interrupted");
        } finally {
            libvirt.domains().destroyIfRunning(name);
        }
    }
}
