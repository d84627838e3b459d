package io.labvisor.virtxml;

import org.w3c.dom.Element;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A libvirt nwfilter binding: a filter applied to a host network device that libvirt does not manage itself, as
 * {@code virNWFilterBindingCreateXML} takes it. The device is seen from the guest's side exactly as libvirt sees
 * its own taps: what the guest sends enters the host through {@code portdev} (direction "out" in filter rules),
 * what it receives leaves through it ("in").
 * <pre>{@code
 * <filterbinding>
 *   <owner><name>i-…</name><uuid>…</uuid></owner>
 *   <portdev name='lvn0a1b2c3d'/>
 *   <mac address='52:54:00:…'/>
 *   <filterref filter='labvisor-eni-i-…'><parameter name='IP' value='10.0.1.4'/></filterref>
 * </filterbinding>
 * }</pre>
 *
 * @param ownerName name of the owner (the instance); libvirt only records it
 * @param ownerUuid UUID of the owner
 * @param portdev   the host device the filter guards
 * @param mac       the guest's MAC address (the filter's {@code $MAC})
 * @param filter    the filter and its parameters
 */
public record NwFilterBindingSpec(String ownerName, String ownerUuid, String portdev, String mac,
                                  NwFilterSpec.Ref filter) {
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern PARAM_VALUE = Pattern.compile("[A-Za-z0-9_.:]+");

    public NwFilterBindingSpec {
        Require.objectName(ownerName, "binding owner name");
        ownerUuid = Require.uuid(ownerUuid, "binding owner UUID");
        Require.matches(portdev, DEVICE, "binding port device");
        mac = Require.mac(mac, "binding MAC address");
        Require.present(filter, "binding filter");
        filter.parameters().forEach((k, v) -> {
            Require.matches(k, PARAM_NAME, "filter parameter name");
            Require.matches(v, PARAM_VALUE, "filter parameter " + k);
        });
    }

    public String toXml() {
        Element binding = Xml.newRoot("filterbinding");
        Element owner = Xml.addChild(binding, "owner");
        Xml.addText(owner, "name", ownerName);
        Xml.addText(owner, "uuid", ownerUuid);
        Xml.setAttr(Xml.addChild(binding, "portdev"), "name", portdev);
        Xml.setAttr(Xml.addChild(binding, "mac"), "address", mac);
        Element ref = Xml.setAttr(Xml.addChild(binding, "filterref"), "filter", filter.filter());
        filter.parameters().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(p -> {
            Element param = Xml.setAttr(Xml.addChild(ref, "parameter"), "name", p.getKey());
            Xml.setAttr(param, "value", p.getValue());
        });
        return Xml.toXmlString(binding);
    }

    /**
     * Whether {@code bound}, as libvirt returns it, is this binding: libvirt adds the {@code MAC} parameter from the
     * binding's MAC address, which this spec leaves implicit.
     */
    public boolean isAppliedAs(NwFilterBindingSpec bound) {
        Map<String, String> params = new LinkedHashMap<>(bound.filter().parameters());
        params.remove("MAC", mac);
        return bound.ownerName().equals(ownerName) && bound.ownerUuid().equals(ownerUuid)
                && bound.portdev().equals(portdev) && bound.mac().equals(mac)
                && bound.filter().filter().equals(filter.filter()) && params.equals(filter.parameters());
    }

    /** Reads a binding as libvirt returns it ({@code virNWFilterBindingGetXMLDesc}). */
    public static NwFilterBindingSpec parse(String xml) {
        Element binding = Xml.parseRoot(xml, "filterbinding");
        Element owner = Xml.requiredChild(binding, "owner");
        Element ref = Xml.requiredChild(binding, "filterref");
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Element p : Xml.children(ref, "parameter")) {
            parameters.put(Xml.requiredAttr(p, "name"), Xml.requiredAttr(p, "value"));
        }
        return new NwFilterBindingSpec(Xml.text(Xml.requiredChild(owner, "name")),
                Xml.text(Xml.requiredChild(owner, "uuid")),
                Xml.requiredAttr(Xml.requiredChild(binding, "portdev"), "name"),
                Xml.requiredAttr(Xml.requiredChild(binding, "mac"), "address"),
                new NwFilterSpec.Ref(Xml.requiredAttr(ref, "filter"), parameters));
    }
}
