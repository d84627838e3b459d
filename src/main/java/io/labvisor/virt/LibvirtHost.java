package io.labvisor.virt;

/**
 * What labvisor's services use of the virtualization host, as narrow libvirt-shaped interfaces: domains, storage
 * pools, networks, nwfilters and their bindings, domain lifecycle events and the host's facts. Services depend on
 * this, never on {@code org.libvirt}: {@link LibvirtSession} is the real one (libvirt-java over one connection), and
 * the unit tests run the services on an in-memory fake (like Nova's driver interface and its fake driver).
 */
public interface LibvirtHost {

    /** The libvirt URI this host answers at (a state remembers the libvirt it was made on). */
    String uri();

    /** Whether the host still answers (false once libvirtd went away). */
    boolean alive();

    DomainEvents events();

    Domains domains();

    StoragePools pools();

    Networks networks();

    NwFilters nwfilters();

    NwFilterBindings nwfilterBindings();

    HostInfo host();
}
