package io.labvisor.virt;

import org.libvirt.Connect;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to libvirt plus the process-wide event loop that delivers its lifecycle events.
 * libvirt requires the default event implementation to be registered before the connection opens, and someone
 * must run the loop or keepalive drops the connection, so both happen here, once per JVM.
 */
public final class LibvirtSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LibvirtSession.class);
    private static Thread eventLoop;
    /** Held in a static field: JNA frees a callback whose Java object is collected. */
    private static final org.libvirt.jna.Libvirt.VirErrorCallback QUIET_ERRORS =
            (userData, error) -> log.debug("libvirt: {}", error.message);

    private final Connect connect;
    private final String uri;
    private final DomainEvents events;

    private LibvirtSession(Connect connect, String uri) {
        this.connect = connect;
        this.uri = uri;
        this.events = new DomainEvents(connect);
    }

    public static LibvirtSession open(String uri) {
        startEventLoop();
        try {
            Connect c = new Connect(uri, false);
            c.setKeepAlive(5, 6);
            LibvirtSession session = new LibvirtSession(c, uri);
            session.events.register();
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
    public boolean alive() {
        try {
            return connect.isAlive() && connect.getLibVersion() > 0;
        } catch (LibvirtException e) {
            return false;
        }
    }

    public Connect connect() {
        return connect;
    }

    public String uri() {
        return uri;
    }

    public DomainEvents events() {
        return events;
    }

    public Domains domains() {
        return new Domains(connect);
    }

    public StoragePools pools() {
        return new StoragePools(connect);
    }

    public Networks networks() {
        return new Networks(connect);
    }

    public NwFilters nwfilters() {
        return new NwFilters(connect);
    }

    public NwFilterBindings nwfilterBindings() {
        return new NwFilterBindings(connect);
    }

    public HostInfo host() {
        return HostInfo.read(connect);
    }

    @Override
    public void close() {
        events.unregister();
        try {
            connect.close();
        } catch (LibvirtException e) {
            log.warn("closing libvirt connection: {}", e.getMessage());
        }
    }
}
