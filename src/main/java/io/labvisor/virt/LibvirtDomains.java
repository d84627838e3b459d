package io.labvisor.virt;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Domains} over libvirt-java. Thin: the XML comes from {@code io.labvisor.domain}. */
final class LibvirtDomains implements Domains {
    private final Connect connect;

    LibvirtDomains(Connect connect) {
        this.connect = connect;
    }

    /** Defines a persistent domain; returns its name. */
    public String define(String xml) {
        try {
            return connect.domainDefineXML(xml).getName();
        } catch (LibvirtException e) {
            throw new VirtException("defining domain failed", e);
        }
    }

    public void start(String name) {
        try {
            lookup(name).create();
        } catch (LibvirtException e) {
            throw new VirtException("starting domain " + name + " failed", e);
        }
    }

    /**
     * Adds a device to the persistent definition and, when {@code live}, to the running guest too (hot-plug), in
     * one call, so the two never disagree.
     */
    public void attachDevice(String name, String deviceXml, boolean live) {
        try {
            lookup(name).attachDeviceFlags(deviceXml, flags(live));
        } catch (LibvirtException e) {
            throw new VirtException("attaching a device to " + name + " failed", e);
        }
    }

    /**
     * Removes a device from the definition and, when {@code live}, asks the guest to release it (hot-unplug);
     * libvirt returns once the guest has let go or its wait ran out, in which case the removal finishes later.
     */
    public void detachDevice(String name, String deviceXml, boolean live) {
        try {
            lookup(name).detachDeviceFlags(deviceXml, flags(live));
        } catch (LibvirtException e) {
            throw new VirtException("detaching a device from " + name + " failed", e);
        }
    }

    // virDomainModificationImpact: VIR_DOMAIN_AFFECT_LIVE = 1, VIR_DOMAIN_AFFECT_CONFIG = 2.
    private static final int AFFECT_LIVE = 1;
    private static final int AFFECT_CONFIG = 2;

    private static int flags(boolean live) {
        return live ? AFFECT_CONFIG | AFFECT_LIVE : AFFECT_CONFIG;
    }

    /** Asks the guest to reboot (ACPI; libvirt restarts the guest in the same QEMU process). */
    public void reboot(String name) {
        try {
            lookup(name).reboot(0);
        } catch (LibvirtException e) {
            throw new VirtException("rebooting " + name + " failed", e);
        }
    }

    /** The domain's UUID, so a redefinition replaces the definition instead of clashing with it. */
    public Optional<String> uuid(String name) {
        try {
            Domain d = lookupOrNull(name);
            return d == null ? Optional.empty() : Optional.of(d.getUUIDString());
        } catch (LibvirtException e) {
            throw new VirtException("reading UUID of " + name + " failed", e);
        }
    }

    /** Starts a transient domain that disappears when it stops (used by the acceleration probe). */
    public String createTransient(String xml) {
        try {
            return connect.domainCreateXML(xml, 0).getName();
        } catch (LibvirtException e) {
            throw new VirtException("creating transient domain failed", e);
        }
    }

    /** Asks the guest to power off (ACPI power button). */
    public void shutdown(String name) {
        try {
            lookup(name).shutdown();
        } catch (LibvirtException e) {
            throw new VirtException("shutting down " + name + " failed", e);
        }
    }

    /** Pulls the plug; a no-op for a domain that is not running or does not exist. */
    public void destroyIfRunning(String name) {
        try {
            Domain d = lookupOrNull(name);
            if (d != null && d.isActive() == 1) {
                d.destroy();
            }
        } catch (LibvirtException e) {
            if (!VirtException.isNotFound(e) && !isNotRunning(e)) {
                throw new VirtException("destroying " + name + " failed", e);
            }
        }
    }

    /** Removes the definition; a no-op when it is already gone. */
    public void undefineIfDefined(String name) {
        try {
            Domain d = lookupOrNull(name);
            if (d != null && d.isPersistent() == 1) {
                d.undefine();
            }
        } catch (LibvirtException e) {
            if (!VirtException.isNotFound(e)) {
                throw new VirtException("undefining " + name + " failed", e);
            }
        }
    }

    public Optional<PowerState> state(String name) {
        try {
            Domain d = lookupOrNull(name);
            if (d == null) {
                return Optional.empty();
            }
            DomainInfo.DomainState s = d.getInfo().state;
            return Optional.of(switch (s) {
                case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> PowerState.RUNNING;
                case VIR_DOMAIN_PAUSED -> PowerState.PAUSED;
                case VIR_DOMAIN_SHUTDOWN -> PowerState.SHUTTING_DOWN;
                case VIR_DOMAIN_SHUTOFF -> PowerState.SHUTOFF;
                case VIR_DOMAIN_CRASHED -> PowerState.CRASHED;
                default -> PowerState.OTHER;
            });
        } catch (LibvirtException e) {
            if (VirtException.isNotFound(e)) {
                return Optional.empty();
            }
            throw new VirtException("reading state of " + name + " failed", e);
        }
    }

    /** The live XML of a running domain (with what libvirt added), or the inactive definition. */
    public Optional<String> xml(String name) {
        try {
            Domain d = lookupOrNull(name);
            return d == null ? Optional.empty() : Optional.of(d.getXMLDesc(0));
        } catch (LibvirtException e) {
            if (VirtException.isNotFound(e)) {
                return Optional.empty();
            }
            throw new VirtException("reading XML of " + name + " failed", e);
        }
    }

    @Override
    public Optional<String> definitionXml(String name) {
        try {
            Domain d = lookupOrNull(name);
            return d == null ? Optional.empty() : Optional.of(d.getXMLDesc(XML_INACTIVE));
        } catch (LibvirtException e) {
            if (VirtException.isNotFound(e)) {
                return Optional.empty();
            }
            throw new VirtException("reading XML of " + name + " failed", e);
        }
    }

    /** virDomainXMLFlags: VIR_DOMAIN_XML_INACTIVE. */
    private static final int XML_INACTIVE = 2;

    /** Memory and vCPUs of every running domain on the host, labvisor's or not. */
    public List<Usage> activeUsage() {
        try {
            List<Usage> out = new ArrayList<>();
            for (int id : connect.listDomains()) {
                try {
                    Domain d = connect.domainLookupByID(id);
                    DomainInfo info = d.getInfo();
                    out.add(new Usage(d.getName(), info.maxMem / 1024, info.nrVirtCpu));
                } catch (LibvirtException e) {
                    // it stopped between the two calls
                }
            }
            return out;
        } catch (LibvirtException e) {
            throw new VirtException("listing running domains failed", e);
        }
    }

    /** Names of every domain, running or only defined. */
    public List<String> names() {
        try {
            List<String> out = new ArrayList<>();
            for (int id : connect.listDomains()) {
                try {
                    out.add(connect.domainLookupByID(id).getName());
                } catch (LibvirtException e) {
                    // it stopped between the two calls
                }
            }
            out.addAll(List.of(connect.listDefinedDomains()));
            return out;
        } catch (LibvirtException e) {
            throw new VirtException("listing domains failed", e);
        }
    }

    private Domain lookup(String name) throws LibvirtException {
        return connect.domainLookupByName(name);
    }

    private Domain lookupOrNull(String name) throws LibvirtException {
        try {
            return connect.domainLookupByName(name);
        } catch (LibvirtException e) {
            if (VirtException.isNotFound(e)) {
                return null;
            }
            throw e;
        }
    }

    private static boolean isNotRunning(LibvirtException e) {
        return e.getError() != null && e.getError().getCode() == org.libvirt.Error.ErrorNumber.VIR_ERR_OPERATION_INVALID;
    }
}
