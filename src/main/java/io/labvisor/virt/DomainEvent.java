package io.labvisor.virt;

import java.time.Instant;

/**
 * A libvirt lifecycle event reduced to what labvisor acts on.
 *
 * @param domain domain name (labvisor names domains by instance id)
 * @param kind   STARTED, STOPPED, SHUTDOWN (guest began shutting down), CRASHED, DEFINED, UNDEFINED, ...
 * @param detail libvirt's detail, e.g. DESTROYED or SHUTDOWN for STOPPED
 */
public record DomainEvent(String domain, String kind, String detail, Instant at) {
}
