package io.labvisor.virt.fake;

import io.labvisor.domain.Disk;
import io.labvisor.domain.DiskSource;
import io.labvisor.domain.DomainSpec;
import io.labvisor.domain.DomainXml;
import io.labvisor.virt.Domains;
import io.labvisor.virt.VirtException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Domains in memory, with libvirt's rules and events: define (DEFINED ADDED or UPDATED; a name taken by another
 * UUID is refused), start (STARTED BOOTED; only from shut off), shutdown (the guest powers off at once unless told
 * to ignore ACPI: SHUTDOWN FINISHED, then STOPPED SHUTDOWN), destroy (STOPPED DESTROYED), undefine (UNDEFINED
 * REMOVED; a running domain turns transient and keeps running). A transient domain is gone once it stops. A start
 * fails when a file disk is no volume of a pool (QEMU could not open it).
 */
public final class FakeDomains implements Domains {
    private final FakeLibvirtHost host;
    private final Map<String, Domain> domains = new LinkedHashMap<>();

    /** One domain: its persistent definition and, while it runs, the definition it started with. */
    private static final class Domain {
        final String name;
        final String uuid;
        String definition;
        String live;
        PowerState state = PowerState.SHUTOFF;
        boolean persistent = true;
        boolean ignoresAcpi;
        int reboots;

        Domain(String name, String uuid, String definition) {
            this.name = name;
            this.uuid = uuid;
            this.definition = definition;
        }

        boolean running() {
            return state != PowerState.SHUTOFF;
        }
    }

    FakeDomains(FakeLibvirtHost host) {
        this.host = host;
    }

    @Override
    public String define(String xml) {
        synchronized (host) {
            DomainSpec spec = DomainXml.parse(xml);
            host.enter(FakeCall.DOMAIN_DEFINE, "domain.define " + spec.name());
            Domain d = domains.get(spec.name());
            if (d != null && spec.uuid() != null && !spec.uuid().equals(d.uuid)) {
                throw new VirtException("operation failed: domain '" + spec.name() + "' already exists with uuid "
                        + d.uuid);
            }
            String uuid = d != null ? d.uuid : spec.uuid() != null ? spec.uuid() : UUID.randomUUID().toString();
            String definition = DomainXml.write(spec.toBuilder().uuid(uuid).build());
            if (d == null) {
                domains.put(spec.name(), new Domain(spec.name(), uuid, definition));
                host.emit(spec.name(), "DEFINED", "ADDED");
            } else {
                d.definition = definition;
                d.persistent = true;
                host.emit(spec.name(), "DEFINED", "UPDATED");
            }
            return spec.name();
        }
    }

    @Override
    public void start(String name) {
        synchronized (host) {
            host.enter(FakeCall.DOMAIN_START, "domain.start " + name);
            Domain d = require(name);
            if (d.running()) {
                throw new VirtException("Requested operation is not valid: domain is already running");
            }
            requireDiskFiles(d.definition);
            d.live = d.definition;
            d.state = PowerState.RUNNING;
            host.emit(name, "STARTED", "BOOTED");
        }
    }

    @Override
    public void attachDevice(String name, String deviceXml, boolean live) {
        synchronized (host) {
            host.enter(FakeCall.DOMAIN_ATTACH_DEVICE, "domain.attach " + name);
            Domain d = require(name);
            if (live && !d.running()) {
                throw new VirtException("Requested operation is not valid: domain is not running");
            }
            d.definition = withDevice(d.definition, deviceXml);
            if (live) {
                d.live = withDevice(d.live, deviceXml);
            }
        }
    }

    @Override
    public void detachDevice(String name, String deviceXml, boolean live) {
        synchronized (host) {
            host.enter(FakeCall.DOMAIN_DETACH_DEVICE, "domain.detach " + name);
            Domain d = require(name);
            if (live && !d.running()) {
                throw new VirtException("Requested operation is not valid: domain is not running");
            }
            d.definition = withoutDisk(d.definition, deviceXml);
            if (live) {
                d.live = withoutDisk(d.live, deviceXml);
            }
        }
    }

    @Override
    public void reboot(String name) {
        synchronized (host) {
            host.enter(FakeCall.DOMAIN_REBOOT, "domain.reboot " + name);
            Domain d = require(name);
            if (!d.running()) {
                throw new VirtException("Requested operation is not valid: domain is not running");
            }
            d.reboots++; // libvirt reports a reboot as a reboot event, not a lifecycle one
        }
    }

    @Override
    public Optional<String> uuid(String name) {
        synchronized (host) {
            return Optional.ofNullable(domains.get(name)).map(d -> d.uuid);
        }
    }

    @Override
    public String createTransient(String xml) {
        synchronized (host) {
            DomainSpec spec = DomainXml.parse(xml);
            host.enter(FakeCall.DOMAIN_CREATE_TRANSIENT, "domain.createTransient " + spec.name());
            if (domains.containsKey(spec.name())) {
                throw new VirtException("operation failed: domain '" + spec.name() + "' already exists");
            }
            requireDiskFiles(xml);
            String uuid = spec.uuid() != null ? spec.uuid() : UUID.randomUUID().toString();
            Domain d = new Domain(spec.name(), uuid, DomainXml.write(spec.toBuilder().uuid(uuid).build()));
            d.persistent = false;
            d.live = d.definition;
            d.state = PowerState.RUNNING;
            domains.put(spec.name(), d);
            host.emit(spec.name(), "STARTED", "BOOTED");
            return spec.name();
        }
    }

    @Override
    public void shutdown(String name) {
        synchronized (host) {
            host.enter(FakeCall.DOMAIN_SHUTDOWN, "domain.shutdown " + name);
            Domain d = require(name);
            if (!d.running()) {
                throw new VirtException("Requested operation is not valid: domain is not running");
            }
            if (!d.ignoresAcpi) {
                host.emit(name, "SHUTDOWN", "FINISHED");
                stopped(d, "SHUTDOWN");
            }
        }
    }

    @Override
    public void destroyIfRunning(String name) {
        synchronized (host) {
            Domain d = domains.get(name);
            if (d == null || !d.running()) {
                return;
            }
            host.enter(FakeCall.DOMAIN_DESTROY, "domain.destroy " + name);
            stopped(d, "DESTROYED");
        }
    }

    @Override
    public void undefineIfDefined(String name) {
        synchronized (host) {
            Domain d = domains.get(name);
            if (d == null || !d.persistent) {
                return;
            }
            host.enter(FakeCall.DOMAIN_UNDEFINE, "domain.undefine " + name);
            if (d.running()) {
                d.persistent = false;
            } else {
                domains.remove(name);
            }
            host.emit(name, "UNDEFINED", "REMOVED");
        }
    }

    @Override
    public Optional<PowerState> state(String name) {
        synchronized (host) {
            return Optional.ofNullable(domains.get(name)).map(d -> d.state);
        }
    }

    @Override
    public Optional<String> xml(String name) {
        synchronized (host) {
            return Optional.ofNullable(domains.get(name)).map(d -> d.running() ? d.live : d.definition);
        }
    }

    @Override
    public Optional<String> definitionXml(String name) {
        synchronized (host) {
            return Optional.ofNullable(domains.get(name)).map(d -> d.definition);
        }
    }

    @Override
    public List<Usage> activeUsage() {
        synchronized (host) {
            List<Usage> out = new ArrayList<>();
            for (Domain d : domains.values()) {
                if (d.running()) {
                    DomainSpec spec = DomainXml.parse(d.live);
                    out.add(new Usage(d.name, spec.memoryMiB(), spec.vcpus()));
                }
            }
            return out;
        }
    }

    @Override
    public List<String> names() {
        synchronized (host) {
            return List.copyOf(domains.keySet());
        }
    }

    // What happens to a domain without labvisor asking: the guest, the emulator, another libvirt client.

    /** The guest powers itself off (e.g. {@code poweroff} inside it): SHUTDOWN FINISHED, then STOPPED SHUTDOWN. */
    public void guestPowersOff(String name) {
        synchronized (host) {
            Domain d = require(name);
            host.emit(name, "SHUTDOWN", "FINISHED");
            stopped(d, "SHUTDOWN");
        }
    }

    /** The emulator dies under the guest: STOPPED FAILED. */
    public void emulatorDies(String name) {
        synchronized (host) {
            stopped(require(name), "FAILED");
        }
    }

    /** From now on the guest ignores the ACPI power button: a shutdown leaves it running. */
    public void ignoreAcpi(String name) {
        synchronized (host) {
            require(name).ignoresAcpi = true;
        }
    }

    /** Another libvirt client destroys and undefines the domain behind labvisor's back. */
    public void vanish(String name) {
        synchronized (host) {
            Domain d = require(name);
            if (d.running()) {
                stopped(d, "DESTROYED");
            }
            if (domains.remove(name) != null) {
                host.emit(name, "UNDEFINED", "REMOVED");
            }
        }
    }

    /** Another libvirt client starts the domain (as {@code virsh start} would). */
    public void startBehindTheBack(String name) {
        synchronized (host) {
            Domain d = require(name);
            d.live = d.definition;
            d.state = PowerState.RUNNING;
            host.emit(name, "STARTED", "BOOTED");
        }
    }

    /** How many times the guest was asked to reboot. */
    public int reboots(String name) {
        synchronized (host) {
            return require(name).reboots;
        }
    }

    /** Whether the domain has a persistent definition (false for a transient or absent one). */
    public boolean persistent(String name) {
        synchronized (host) {
            return Optional.ofNullable(domains.get(name)).map(d -> d.persistent).orElse(false);
        }
    }

    private void stopped(Domain d, String detail) {
        d.state = PowerState.SHUTOFF;
        d.live = null;
        if (!d.persistent) {
            domains.remove(d.name);
        }
        host.emit(d.name, "STOPPED", detail);
    }

    /** QEMU opens every file disk at start: one whose file is no pool volume fails the start, as in libvirt. */
    private void requireDiskFiles(String xml) {
        for (Disk disk : DomainXml.parse(xml).disks()) {
            if (disk.source() instanceof DiskSource.File f && !host.pools().holds(f.path())) {
                throw new VirtException("Cannot access storage file '" + f.path() + "': No such file or directory");
            }
        }
    }

    private Domain require(String name) {
        Domain d = domains.get(name);
        if (d == null) {
            throw new VirtException("Domain not found: no domain with matching name '" + name + "'");
        }
        return d;
    }

    private static String withDevice(String domainXml, String deviceXml) {
        Document doc = parse(domainXml);
        Node device = doc.importNode(parse(deviceXml).getDocumentElement(), true);
        devices(doc).appendChild(device);
        return write(doc);
    }

    /** The domain without the disk whose target the device XML names, as libvirt matches a detach. */
    private static String withoutDisk(String domainXml, String deviceXml) {
        String target = targetDev(parse(deviceXml).getDocumentElement());
        Document doc = parse(domainXml);
        NodeList disks = devices(doc).getElementsByTagName("disk");
        for (int i = 0; i < disks.getLength(); i++) {
            Element disk = (Element) disks.item(i);
            if (target.equals(targetDev(disk))) {
                disk.getParentNode().removeChild(disk);
                return write(doc);
            }
        }
        throw new VirtException("operation failed: disk " + target + " not found");
    }

    private static String targetDev(Element disk) {
        NodeList targets = disk.getElementsByTagName("target");
        return targets.getLength() == 0 ? "" : ((Element) targets.item(0)).getAttribute("dev");
    }

    private static Element devices(Document doc) {
        return (Element) doc.getDocumentElement().getElementsByTagName("devices").item(0);
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not XML: " + e.getMessage(), e);
        }
    }

    private static String write(Document doc) {
        try {
            StringWriter out = new StringWriter();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
