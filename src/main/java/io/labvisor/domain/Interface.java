package io.labvisor.domain;

import io.labvisor.virtxml.Require;
import io.labvisor.virtxml.Xml;
import io.labvisor.virtxml.XmlEnum;
import io.labvisor.virtxml.XmlException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * A network card. Optional components are null when unset.
 *
 * @param source     what it is plugged into (required)
 * @param mac        optional unicast MAC; libvirt generates one when absent
 * @param model      optional guest device model; libvirt picks one when absent
 * @param driverName optional back-end driver (tap-backed virtio only)
 * @param queues     optional virtio multiqueue count
 * @param bandwidth  optional tc limits (tap-backed only)
 * @param filterRef  optional nwfilter (tap-backed only)
 * @param targetDev  optional host-side device name, e.g. a tap name
 * @param alias      optional user alias, {@code ua-...}
 */
public record Interface(InterfaceSource source, String mac, Model model, DriverName driverName, Integer queues,
        Bandwidth bandwidth, FilterRef filterRef, String targetDev, String alias) {

    private static final Pattern HOST_IFNAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    /** {@code <model type='...'>}. */
    public enum Model implements XmlEnum {
        VIRTIO("virtio"),
        E1000("e1000"),
        E1000E("e1000e"),
        RTL8139("rtl8139");

        private final String xml;

        Model(String xml) {
            this.xml = xml;
        }

        @Override
        public String xml() {
            return xml;
        }
    }

    /** {@code <driver name='...'>}: in-kernel vhost-net or QEMU's own virtio back end. */
    public enum DriverName implements XmlEnum {
        VHOST("vhost"),
        QEMU("qemu");

        private final String xml;

        DriverName(String xml) {
            this.xml = xml;
        }

        @Override
        public String xml() {
            return xml;
        }
    }

    public Interface {
        Require.present(source, "interface source");
        mac = mac == null ? null : Require.mac(mac, "interface MAC");
        if (targetDev != null) {
            Require.matches(targetDev, HOST_IFNAME, "interface target dev");
        }
        if (queues != null) {
            Require.positive(queues, "interface queues");
        }
        if ((driverName != null || queues != null) && model != Model.VIRTIO) {
            throw new IllegalArgumentException("driver name and queues need model virtio");
        }
        if (source instanceof InterfaceSource.VhostUser) {
            if (model != Model.VIRTIO) {
                throw new IllegalArgumentException("a vhost-user interface must be model virtio");
            }
            if (driverName != null) {
                throw new IllegalArgumentException("a vhost-user interface has no driver name; its back end is the"
                        + " vhost-user process");
            }
        }
        if (!source.hasTap() && (bandwidth != null || filterRef != null)) {
            // libvirt would silently ignore bandwidth here; rate-limit in the back end instead.
            throw new IllegalArgumentException(source.interfaceType()
                    + " interfaces have no tap, so no bandwidth or filterref");
        }
        UserAlias.check(alias);
    }

    /** A builder for a NIC on {@code source}; everything else starts unset. */
    public static Builder builder(InterfaceSource source) {
        return new Builder().source(source);
    }

    public Builder toBuilder() {
        return new Builder().source(source).mac(mac).model(model).driverName(driverName).queues(queues)
                .bandwidth(bandwidth).filterRef(filterRef).targetDev(targetDev).alias(alias);
    }

    void writeTo(Element devices) {
        Element iface = Xml.setAttr(Xml.addChild(devices, "interface"), "type", source.interfaceType());
        if (mac != null) {
            Xml.setAttr(Xml.addChild(iface, "mac"), "address", mac);
        }
        writeSource(iface);
        if (bandwidth != null) {
            bandwidth.writeTo(iface);
        }
        if (targetDev != null) {
            Xml.setAttr(Xml.addChild(iface, "target"), "dev", targetDev);
        }
        if (model != null) {
            Xml.setAttr(Xml.addChild(iface, "model"), "type", model);
        }
        if (driverName != null || queues != null) {
            Element driver = Xml.addChild(iface, "driver");
            Xml.setAttr(driver, "name", driverName);
            Xml.setAttr(driver, "queues", queues);
        }
        if (filterRef != null) {
            filterRef.writeTo(iface);
        }
        UserAlias.write(iface, alias);
    }

    private void writeSource(Element iface) {
        if (source instanceof InterfaceSource.Network network) {
            Xml.setAttr(Xml.addChild(iface, "source"), "network", network.name());
        } else if (source instanceof InterfaceSource.Bridge bridge) {
            Xml.setAttr(Xml.addChild(iface, "source"), "bridge", bridge.name());
        } else if (source instanceof InterfaceSource.VhostUser vhost) {
            Element element = Xml.setAttr(Xml.addChild(iface, "source"), "type", "unix");
            Xml.setAttr(element, "path", vhost.socketPath());
            Xml.setAttr(element, "mode", vhost.mode());
            if (vhost.reconnectSeconds() != null) {
                Element reconnect = Xml.setAttr(Xml.addChild(element, "reconnect"), "enabled", "yes");
                Xml.setAttr(reconnect, "timeout", vhost.reconnectSeconds());
            }
        }
    }

    /**
     * Reads an {@code <interface>}, including a live domain's (libvirt's alias, address, and the bridge it adds to
     * a network source are ignored). Empty for kinds not modelled here (direct, hostdev, user, ...).
     */
    static Optional<Interface> parse(Element iface) {
        String type = Xml.requiredAttr(iface, "type");
        InterfaceSource source = switch (type) {
            case "network" -> new InterfaceSource.Network(Xml.requiredAttr(sourceOf(iface), "network"));
            case "bridge" -> new InterfaceSource.Bridge(Xml.requiredAttr(sourceOf(iface), "bridge"));
            case "vhostuser" -> new InterfaceSource.VhostUser(Xml.requiredAttr(sourceOf(iface), "path"),
                    XmlEnum.fromXml(InterfaceSource.VhostUser.Mode.class, Xml.requiredAttr(sourceOf(iface), "mode")),
                    Xml.child(sourceOf(iface), "reconnect")
                            .filter(r -> Xml.attr(r, "enabled").map(e -> Xml.toBoolean(e, "reconnect")).orElse(false))
                            .flatMap(r -> Xml.intAttr(r, "timeout"))
                            .orElse(null));
            case "ethernet" -> new InterfaceSource.Ethernet();
            default -> null;
        };
        if (source == null) {
            return Optional.empty();
        }
        Builder b = builder(source);
        Xml.child(iface, "mac").flatMap(mac -> Xml.attr(mac, "address")).ifPresent(b::mac);
        Xml.child(iface, "model").flatMap(model -> Xml.enumAttr(model, "type", Model.class)).ifPresent(b::model);
        Xml.child(iface, "driver").ifPresent(driver -> {
            Xml.enumAttr(driver, "name", DriverName.class).ifPresent(b::driverName);
            Xml.intAttr(driver, "queues").ifPresent(b::queues);
        });
        Xml.child(iface, "bandwidth").flatMap(Bandwidth::parse).ifPresent(b::bandwidth);
        Xml.child(iface, "filterref").map(FilterRef::parse).ifPresent(b::filterRef);
        Xml.child(iface, "target").flatMap(target -> Xml.attr(target, "dev")).ifPresent(b::targetDev);
        b.alias(UserAlias.read(iface));
        return Optional.of(b.build());
    }

    private static Element sourceOf(Element iface) {
        return Xml.child(iface, "source").orElseThrow(
                () -> new XmlException(Xml.requiredAttr(iface, "type") + " interface has no <source>"));
    }

    /** Builder. */
    public static final class Builder {
        private InterfaceSource source;
        private String mac;
        private Model model;
        private DriverName driverName;
        private Integer queues;
        private Bandwidth bandwidth;
        private FilterRef filterRef;
        private String targetDev;
        private String alias;

        private Builder() {
        }

        public Builder source(InterfaceSource source) {
            this.source = source;
            return this;
        }

        public Builder mac(String mac) {
            this.mac = mac;
            return this;
        }

        public Builder model(Model model) {
            this.model = model;
            return this;
        }

        public Builder driverName(DriverName driverName) {
            this.driverName = driverName;
            return this;
        }

        public Builder queues(Integer queues) {
            this.queues = queues;
            return this;
        }

        public Builder bandwidth(Bandwidth bandwidth) {
            this.bandwidth = bandwidth;
            return this;
        }

        public Builder filterRef(FilterRef filterRef) {
            this.filterRef = filterRef;
            return this;
        }

        public Builder targetDev(String targetDev) {
            this.targetDev = targetDev;
            return this;
        }

        public Builder alias(String alias) {
            this.alias = alias;
            return this;
        }

        public Interface build() {
            return new Interface(source, mac, model, driverName, queues, bandwidth, filterRef, targetDev, alias);
        }
    }
}
