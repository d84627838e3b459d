package io.labvisor.domain;

import static io.labvisor.virtxml.XmlAssert.assertXmlEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterfaceXmlTest {

    private static void assertRoundTrip(String xml, Interface iface) {
        assertXmlEquals(xml, Fragments.write(iface::writeTo));
        assertEquals(iface, Interface.parse(Fragments.element(xml)).orElseThrow());
    }

    @Test
    void networkNicWithBandwidthAndFilter() {
        Interface iface = Interface.builder(new InterfaceSource.Network("lv-vpc-1"))
                .mac("52:54:00:12:34:56")
                .model(Interface.Model.VIRTIO)
                .driverName(Interface.DriverName.VHOST)
                .queues(2)
                .bandwidth(new Bandwidth(Bandwidth.Rate.of(1000, 2000, 512), Bandwidth.Rate.of(500)))
                .filterRef(new FilterRef("clean-traffic", List.of(
                        new FilterRef.Parameter("IP", "172.31.0.5"),
                        new FilterRef.Parameter("IP", "172.31.0.6"),
                        new FilterRef.Parameter("CTRL_IP_LEARNING", "none"))))
                .targetDev("lvtap0")
                .alias("ua-eni-0123")
                .build();
        assertRoundTrip("""
                <interface type='network'>
                  <mac address='52:54:00:12:34:56'/>
                  <source network='lv-vpc-1'/>
                  <bandwidth>
                    <inbound average='1000' peak='2000' burst='512'/>
                    <outbound average='500'/>
                  </bandwidth>
                  <target dev='lvtap0'/>
                  <model type='virtio'/>
                  <driver name='vhost' queues='2'/>
                  <filterref filter='clean-traffic'>
                    <parameter name='IP' value='172.31.0.5'/>
                    <parameter name='IP' value='172.31.0.6'/>
                    <parameter name='CTRL_IP_LEARNING' value='none'/>
                  </filterref>
                  <alias name='ua-eni-0123'/>
                </interface>
                """, iface);
    }

    @Test
    void bridgeNic() {
        assertRoundTrip("""
                <interface type='bridge'>
                  <mac address='52:54:00:ab:cd:ef'/>
                  <source bridge='br0'/>
                  <model type='e1000e'/>
                </interface>
                """, Interface.builder(new InterfaceSource.Bridge("br0"))
                .mac("52:54:00:AB:CD:EF").model(Interface.Model.E1000E).build());
    }

    @Test
    void vhostUserNicAsOnThisHost() {
        // The shape docs/HOST.md verified end to end with dpdk-testpmd.
        assertRoundTrip("""
                <interface type='vhostuser'>
                  <source type='unix' path='/run/labvisor/eni-0123.sock' mode='client'/>
                  <model type='virtio'/>
                </interface>
                """, Interface.builder(new InterfaceSource.VhostUser("/run/labvisor/eni-0123.sock",
                        InterfaceSource.VhostUser.Mode.CLIENT)).model(Interface.Model.VIRTIO).build());
    }

    @Test
    void ethernetNic() {
        assertRoundTrip("""
                <interface type='ethernet'>
                  <target dev='lvtap7'/>
                  <model type='rtl8139'/>
                </interface>
                """, Interface.builder(new InterfaceSource.Ethernet())
                .targetDev("lvtap7").model(Interface.Model.RTL8139).build());
    }

    @Test
    void filterRefFromMapKeepsOrder() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("IP", "10.0.0.2");
        params.put("CTRL_IP_LEARNING", "none");
        assertEquals(List.of(new FilterRef.Parameter("IP", "10.0.0.2"),
                        new FilterRef.Parameter("CTRL_IP_LEARNING", "none")),
                FilterRef.of("clean-traffic", params).parameters());
    }

    @Test
    void ignoresUnmodelledKinds() {
        assertTrue(Interface.parse(Fragments.element(
                "<interface type='direct'><source dev='eth0' mode='vepa'/></interface>")).isEmpty());
    }

    @Test
    void rejectsInvalidInterfaces() {
        InterfaceSource net = new InterfaceSource.Network("n");
        InterfaceSource vhost = new InterfaceSource.VhostUser("/run/s.sock", InterfaceSource.VhostUser.Mode.CLIENT);
        assertThrows(IllegalArgumentException.class, () -> Interface.builder(net).mac("52:54:00:12:34").build());
        assertThrows(IllegalArgumentException.class, () -> Interface.builder(net).mac("52:54:00:12:34:5g").build());
        assertThrows(IllegalArgumentException.class, () -> Interface.builder(net).mac("5254.0012.3456").build());
        assertThrows(IllegalArgumentException.class,
                () -> Interface.builder(net).mac("01:00:5e:00:00:01").build(), "multicast MAC");
        assertThrows(IllegalArgumentException.class, () -> Interface.builder(null).build());
        assertThrows(IllegalArgumentException.class,
                () -> Interface.builder(net).model(Interface.Model.E1000).queues(2).build(), "queues need virtio");
        assertThrows(IllegalArgumentException.class,
                () -> Interface.builder(net).targetDev("a-name-longer-than-15").build());
        assertThrows(IllegalArgumentException.class, () -> Interface.builder(vhost).build(), "vhost-user needs virtio");
        assertThrows(IllegalArgumentException.class, () -> Interface.builder(vhost).model(Interface.Model.VIRTIO)
                .bandwidth(new Bandwidth(Bandwidth.Rate.of(1), null)).build(), "libvirt ignores it");
        assertThrows(IllegalArgumentException.class, () -> Interface.builder(vhost).model(Interface.Model.VIRTIO)
                .filterRef(FilterRef.of("clean-traffic", Map.of())).build());
        assertThrows(IllegalArgumentException.class, () -> new FilterRef.Parameter("IP", "1.2.3.4; rm"));
        assertThrows(IllegalArgumentException.class, () -> new Bandwidth(null, null));
        assertThrows(IllegalArgumentException.class, () -> Bandwidth.Rate.of(0));
        assertThrows(IllegalArgumentException.class, () -> Bandwidth.Rate.of(100, 50, 1), "peak below average");
    }

    @Test
    void writesANicOnItsOwnForHotplug() {
        Interface iface = Interface.builder(new InterfaceSource.Network("n")).mac("52:54:00:00:00:01").build();
        assertXmlEquals("<interface type='network'><mac address='52:54:00:00:00:01'/><source network='n'/></interface>",
                DomainXml.writeInterface(iface));
    }
}
