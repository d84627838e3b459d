package io.labvisor.virt;

import java.util.List;
import java.util.Optional;

/**
 * The domain calls labvisor makes, by domain name (labvisor names domains by instance id). Every change a call
 * makes shows up as libvirt lifecycle events on {@link DomainEvents}: define as DEFINED, start as STARTED, a stop
 * (destroyed, or the guest powered off) as STOPPED, undefine as UNDEFINED.
 */
public interface Domains {
    /** Power state of a domain as libvirt reports it. */
    enum PowerState { RUNNING, PAUSED, SHUTTING_DOWN, SHUTOFF, CRASHED, OTHER }

    /** What an active domain holds of the host. */
    record Usage(String name, long memoryMiB, int vcpus) {
    }

    /** Defines a persistent domain (or replaces the definition of the same name and UUID); returns its name. */
    String define(String xml);

    void start(String name);

    /**
     * Adds a device to the persistent definition and, when {@code live}, to the running guest too (hot-plug), in
     * one call, so the two never disagree.
     */
    void attachDevice(String name, String deviceXml, boolean live);

    /**
     * Removes a device from the definition and, when {@code live}, asks the guest to release it (hot-unplug); the
     * removal from a running guest may finish after this returns.
     */
    void detachDevice(String name, String deviceXml, boolean live);

    /** Asks the guest to reboot (ACPI); the domain stays running. */
    void reboot(String name);

    /** The domain's UUID, so a redefinition replaces the definition instead of clashing with it. */
    Optional<String> uuid(String name);

    /** Starts a transient domain that disappears when it stops (used by the acceleration probe). */
    String createTransient(String xml);

    /** Asks the guest to power off (ACPI power button); STOPPED follows once the guest has. */
    void shutdown(String name);

    /** Pulls the plug; a no-op for a domain that is not running or does not exist. */
    void destroyIfRunning(String name);

    /** Removes the definition; a no-op when it is already gone. */
    void undefineIfDefined(String name);

    /** The power state; empty when no such domain exists. */
    Optional<PowerState> state(String name);

    /** The live XML of a running domain (with what libvirt added), or the inactive definition. */
    Optional<String> xml(String name);

    /**
     * The persistent definition (what the next start runs), which a config-only attach changes while the live
     * XML of a running domain does not show it.
     */
    Optional<String> definitionXml(String name);

    /** Memory and vCPUs of every running domain on the host, labvisor's or not. */
    List<Usage> activeUsage();

    /** Names of every domain, running or only defined. */
    List<String> names();
}
