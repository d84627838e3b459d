package io.labvisor.virt;

import org.libvirt.Connect;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.libvirt.event.LifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The real {@link LibvirtHost}: one connection to libvirt plus the process-wide event loop that delivers its
 * lifecycle events. libvirt requires the default event implementation to be registered before the connection
 * opens, and someone must run the loop or keepalive drops the connection, so both happen here, once per JVM.
 */
public final class LibvirtSession implements LibvirtHost, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LibvirtSession.class);
    private static Thread eventLoop;
    /** Held in a static field: JNA frees a callback whose Java object is collected. */
    private static final org.libvirt.jna.Libvirt.VirErrorCallback QUIET_ERRORS =
            (userData, error) -> log.debug("libvirt: {}", error.message);

    private final Connect connect;
    private final String uri;
    private final DomainEventLog events = new DomainEventLog();
    /** The libvirt callback only records the event: the log's dispatcher runs the listeners. */
    private final LifecycleListener callback = (domain, event) -> {
        try {
            DomainEvent e = new DomainEvent(domain.getName(), event.getType().name(),
                    String.valueOf((Object) event.getDetail()), Instant.now());
            events.record(e);
        } catch (LibvirtException ex) {
            log.warn("lifecycle event for an unnamed domain: {}", ex.getMessage());
        }
        return 0;
    };

    private LibvirtSession(Connect connect, String uri) {
        this.connect = connect;
        this.uri = uri;
    }

    public static LibvirtSession open(String uri) {
        startEventLoop();
        try {
            Connect c = new Connect(uri, false);
            c.setKeepAlive(5, 6);
            LibvirtSession session = new LibvirtSession(c, uri);
            c.addLifecycleListener(session.callback);
            log.debug("connected to {} (libvirt {}, hypervisor {})", uri, c.getLibVersion(), c.getVersion());
            return session;
        } catch (LibvirtException e) {
            throw new VirtException("cannot connect to libvirt at " + uri
                    + " (is libvirtd running? scripts/setup-host.sh starts it)", e);
        }
    }

    private static synchronized void startEventLoop() {
        if (eventLoop != null) {
            return;
        }
        try {
            // libvirt's default error handler prints every error to stderr; labvisor reports errors itself.
            Connect.setErrorCallback(QUIET_ERRORS);
            Library.initEventLoop();
        } catch (LibvirtException e) {
            throw new VirtException("cannot start the libvirt event loop", e);
        }
        eventLoop = new Thread(() -> {
            try {
                Library.runEventLoop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (LibvirtException e) {
                log.error("libvirt event loop stopped", e);
            }
        }, "libvirt-events");
        eventLoop.setDaemon(true);
        eventLoop.start();
    }

    /** Whether the connection still answers (false once libvirtd went away: keepalive closed it). */
    @Override
    public boolean alive() {
        try {
            return connect.isAlive() && connect.getLibVersion() > 0;
        } catch (LibvirtException e) {
            return false;
        }
    }

    /** The libvirt-java connection itself, for integration tests that act behind labvisor's back. */
    public Connect connect() {
        return connect;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public DomainEvents events() {
        return events;
    }

    @Override
    public Domains domains() {
        return new LibvirtDomains(connect);
    }

    @Override
    public StoragePools pools() {
        return new LibvirtStoragePools(connect);
    }

    @Override
    public Networks networks() {
        return new LibvirtNetworks(connect);
    }

    @Override
    public NwFilters nwfilters() {
        return new LibvirtNwFilters(connect);
    }

    @Override
    public NwFilterBindings nwfilterBindings() {
        return new LibvirtNwFilterBindings(connect);
    }

    @Override
    public HostInfo host() {
        return HostInfo.read(connect);
    }

    @Override
    public void close() {
        try {
            connect.removeLifecycleListener(callback);
        } catch (LibvirtException e) {
            log.debug("removing lifecycle listener: {}", e.getMessage());
        }
        events.close();
        try {
            connect.close();
        } catch (LibvirtException e) {
            log.warn("closing libvirt connection: {}", e.getMessage());
        }
    }
}
