package io.labvisor.virtxml;

import static io.labvisor.virtxml.XmlAssert.assertXmlEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NetworkSpecTest {
    static final String FULL_XML = """
            <network>
              <name>lv-vpc-1</name>
              <uuid>3e3fce45-4f53-4fa7-bb32-11f34168b82b</uuid>
              <bridge name='lvbr1' stp='off' delay='0'/>
              <mtu size='9000'/>
              <mac address='52:54:00:aa:bb:cc'/>
              <ip address='172.31.0.1' prefix='20'>
                <dhcp>
                  <range start='172.31.0.10' end='172.31.15.200'/>
                  <host mac='52:54:00:12:34:56' name='i-0123456789abcdef0' ip='172.31.0.5'/>
                </dhcp>
              </ip>
            </network>
            """;

    static NetworkSpec full() {
        return NetworkSpec.builder("lv-vpc-1")
                .uuid("3E3FCE45-4F53-4FA7-BB32-11F34168B82B")
                .bridgeName("lvbr1")
                .stp(false)
                .mtu(9000)
                .mac("52:54:00:AA:BB:CC")
                .ipv4("172.31.0.1", 20)
                .dhcpRange("172.31.0.10", "172.31.15.200")
                .addDhcpHost("52:54:00:12:34:56", "172.31.0.5", "i-0123456789abcdef0")
                .build();
    }

    @Test
    void writesIsolatedNetwork() {
        assertXmlEquals(FULL_XML, full().toXml());
        assertFalse(full().toXml().contains("forward"));
    }

    @Test
    void roundTrips() {
        assertEquals(full(), NetworkSpec.parse(FULL_XML));
        assertEquals(full(), NetworkSpec.parse(full().toXml()));
    }

    @Test
    void hostLeasesReadInMinutesAsDnsmasqAppliesThem() {
        String template = "<network><name>n</name><ip address='10.0.0.1' prefix='24'><dhcp>"
                + "<host mac='52:54:00:12:34:56' ip='10.0.0.5'>%s</host></dhcp></ip></network>";
        assertEquals(null, lease(template.formatted("")), "none: dnsmasq's default");
        assertEquals(5, lease(template.formatted("<lease expiry='5'/>")), "libvirt's default unit is minutes");
        assertEquals(120, lease(template.formatted("<lease expiry='2' unit='hours'/>")));
        assertEquals(3, lease(template.formatted("<lease expiry='150' unit='seconds'/>")));
        assertEquals(2, lease(template.formatted("<lease expiry='30' unit='seconds'/>")), "dnsmasq's minimum");
        assertEquals(0, lease(template.formatted("<lease expiry='0'/>")), "infinite");
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec.DhcpHost("52:54:00:12:34:56", "10.0.0.5",
                null, 1));
    }

    private static Integer lease(String xml) {
        return NetworkSpec.parse(xml).dhcpHosts().get(0).leaseMinutes();
    }

    @Test
    void minimalNetworkUsesLibvirtDefaults() {
        NetworkSpec spec = NetworkSpec.builder("lv-min").build();
        assertXmlEquals("<network><name>lv-min</name><bridge stp='on' delay='0'/></network>", spec.toXml());
        assertEquals(spec, NetworkSpec.parse(spec.toXml()));
    }

    @Test
    void readsLiveXmlWithNetmask() {
        NetworkSpec spec = NetworkSpec.parse("""
                <network connections='1'>
                  <name>lv-live</name>
                  <uuid>3e3fce45-4f53-4fa7-bb32-11f34168b82b</uuid>
                  <bridge name='virbr3' stp='on' delay='0'/>
                  <mac address='52:54:00:0f:0e:0d'/>
                  <domain name='lab'/>
                  <ip address='10.9.0.1' netmask='255.255.255.0'>
                    <dhcp><range start='10.9.0.2' end='10.9.0.254'><lease expiry='1' unit='hours'/></range></dhcp>
                  </ip>
                  <ip family='ipv6' address='fd00::1' prefix='64'/>
                </network>
                """);
        assertEquals(new NetworkSpec.Ipv4("10.9.0.1", 24), spec.ipv4());
        assertEquals("virbr3", spec.bridgeName());
        assertTrue(spec.stp());
    }

    @Test
    void refusesForwardingNetworks() {
        assertThrows(XmlException.class, () -> NetworkSpec.parse(
                "<network><name>default</name><forward mode='nat'/></network>"));
    }

    @Test
    void rejectsInvalidValues() {
        assertThrows(IllegalArgumentException.class, () -> NetworkSpec.builder(null).build());
        assertThrows(IllegalArgumentException.class, () -> NetworkSpec.builder("a/b").build());
        assertThrows(IllegalArgumentException.class, () -> NetworkSpec.builder("n").mac("52:54:00:12:34").build());
        assertThrows(IllegalArgumentException.class, () -> NetworkSpec.builder("n").ipv4("10.0.0.256", 24));
        assertThrows(IllegalArgumentException.class, () -> NetworkSpec.builder("n").ipv4("10.0.0.1", 33));
        assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.builder("n").bridgeName("a-very-long-bridge").build());
        assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.builder("n").dhcpRange("10.0.0.2", "10.0.0.9").build(), "DHCP without an address");
        assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.builder("n").ipv4("10.0.0.1", 24).dhcpRange("10.0.1.2", "10.0.1.9").build());
        assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.builder("n").ipv4("10.0.0.1", 24).dhcpRange("10.0.0.9", "10.0.0.2").build());
        assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.builder("n").ipv4("10.0.0.1", 24)
                        .addDhcpHost("52:54:00:12:34:56", "10.0.9.5", null).build());
    }
}
