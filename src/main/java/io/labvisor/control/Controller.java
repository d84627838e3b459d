package io.labvisor.control;

import io.labvisor.compute.GuestPowerOff;
import io.labvisor.compute.InstanceLifecycle;
import io.labvisor.compute.Reconciler;
import io.labvisor.imds.MetadataService;
import io.labvisor.imds.MetadataWatch;
import io.labvisor.virt.LibvirtHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The control loop of a labvisor that owns a state: libvirt's lifecycle events applied as they come (rows move,
 * a guest that powered itself off loses its cards), one reconciliation with libvirt at start, and in the daemon
 * a slow sweep that reconciles again and keeps the metadata server up. Cards are kept up by their supervisors from
 * the moment a reconciliation or a launch hands them over. Constructed by the composition root; nothing happens
 * before {@link #start}.
 */
public final class Controller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Controller.class);

    private final LibvirtHost libvirt;
    private final InstanceLifecycle lifecycle;
    private final GuestPowerOff powerOff;
    private final Reconciler reconciler;
    private final MetadataService metadata;
    private final AtomicReference<Reconciler.Report> last = new AtomicReference<>();
    private ScheduledExecutorService sweeper;
    private MetadataWatch metadataWatch;
    private boolean started;

    public Controller(LibvirtHost libvirt, InstanceLifecycle lifecycle, GuestPowerOff powerOff,
                      Reconciler reconciler, MetadataService metadata) {
        this.libvirt = libvirt;
        this.lifecycle = lifecycle;
        this.powerOff = powerOff;
        this.reconciler = reconciler;
        this.metadata = metadata;
    }

    /** Subscribes to lifecycle events, then reconciles once (events from then on are not missed). */
    public synchronized Reconciler.Report start() {
        return start(() -> { });
    }

    /**
     * As {@link #start()}, running {@code first} between the subscription and the reconciliation: the daemon's
     * recovery of interrupted operations, which waits for events (a domain destroyed) and whose outcome the
     * reconciliation should see rather than guess at with its graces.
     */
    public synchronized Reconciler.Report start(Runnable first) {
        if (!started) {
            libvirt.events().subscribe(lifecycle::onEvent);
            libvirt.events().subscribe(powerOff::onEvent); // after the row moved: same dispatcher thread, in order
            started = true;
        }
        first.run();
        return reconcile();
    }

    public Reconciler.Report reconcile() {
        Reconciler.Report report = reconciler.reconcile();
        last.set(report);
        return report;
    }

    /** The last reconciliation's report (null before {@link #start}). */
    public Reconciler.Report lastReport() {
        return last.get();
    }

    /**
     * For the daemon: reconciles every {@code every}, and calls {@code onLibvirtLost} once the libvirt connection is
     * gone (libvirtd restarted); the daemon exits then and its supervisor starts it again on a new connection.
     */
    public synchronized void startSweep(Duration every, Runnable onLibvirtLost) {
        if (sweeper != null) {
            return;
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "labvisor-sweep");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                if (!libvirt.alive()) {
                    log.error("the libvirt connection to {} is gone", libvirt.uri());
                    onLibvirtLost.run();
                    return;
                }
                Reconciler.Report r = reconcile();
                if (!r.changes().isEmpty()) {
                    log.info("sweep: {}", r.changes());
                }
            } catch (RuntimeException e) {
                log.error("sweep failed: {}", e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Keeps the namespace's instance metadata server running (it is otherwise only started by launches). */
    public synchronized long watchMetadata() {
        if (metadataWatch == null) {
            metadataWatch = new MetadataWatch(metadata::ensure);
        }
        return metadataWatch.start();
    }

    /** The watch over the metadata server, if {@link #watchMetadata} ran. */
    public synchronized java.util.Optional<MetadataWatch> metadataWatch() {
        return java.util.Optional.ofNullable(metadataWatch);
    }

    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        if (metadataWatch != null) {
            metadataWatch.close();
        }
    }
}
