package io.labvisor.virtxml;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.labvisor.virtxml.XmlAssert.assertXmlEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NwFilterBindingSpecTest {
    static final String XML = """
            <filterbinding>
              <owner>
                <name>i-0123456789abcdef0</name>
                <uuid>3e3fce45-4f53-4fa7-bb32-11f34168b82b</uuid>
              </owner>
              <portdev name='lvn0a1b2c3d'/>
              <mac address='52:54:00:12:34:56'/>
              <filterref filter='labvisor-eni-i-0123456789abcdef0'>
                <parameter name='IP' value='10.20.1.4'/>
              </filterref>
            </filterbinding>
            """;

    static NwFilterBindingSpec binding() {
        return new NwFilterBindingSpec("i-0123456789abcdef0", "3E3FCE454F534FA7BB3211F34168B82B", "lvn0a1b2c3d",
                "52:54:00:12:34:56", new NwFilterSpec.Ref("labvisor-eni-i-0123456789abcdef0",
                Map.of("IP", "10.20.1.4")));
    }

    @Test
    void writesTheBindingXmlLibvirtTakes() {
        assertXmlEquals(XML, binding().toXml());
    }

    @Test
    void readsBackWhatItWrites() {
        assertEquals(binding(), NwFilterBindingSpec.parse(XML));
        assertEquals(binding(), NwFilterBindingSpec.parse(binding().toXml()));
    }

    @Test
    void recognisesItselfAsLibvirtReturnsItWithTheMacParameterAdded() {
        NwFilterBindingSpec bound = NwFilterBindingSpec.parse(XML.replace("<parameter name='IP' value='10.20.1.4'/>",
                "<parameter name='IP' value='10.20.1.4'/><parameter name='MAC' value='52:54:00:12:34:56'/>"));
        assertTrue(binding().isAppliedAs(bound));
        assertFalse(binding().isAppliedAs(NwFilterBindingSpec.parse(XML.replace("10.20.1.4", "10.20.1.5"))),
                "another address is another binding");
        assertFalse(binding().isAppliedAs(NwFilterBindingSpec.parse(XML.replace("lvn0a1b2c3d", "lvn0a1b2c3e"))));
    }

    @Test
    void refusesDeviceNamesLinuxRefusesAndMarkupInParameters() {
        NwFilterSpec.Ref ref = new NwFilterSpec.Ref("f", Map.of("IP", "10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> new NwFilterBindingSpec("i-1",
                "3e3fce45-4f53-4fa7-bb32-11f34168b82b", "lvn0123456789abc", "52:54:00:12:34:56", ref));
        assertThrows(IllegalArgumentException.class, () -> new NwFilterBindingSpec("i-1",
                "3e3fce45-4f53-4fa7-bb32-11f34168b82b", "lvn0", "52:54:00:12:34:56",
                new NwFilterSpec.Ref("f", Map.of("IP", "1'/><x a='"))));
        assertThrows(IllegalArgumentException.class, () -> new NwFilterBindingSpec("i-1",
                "3e3fce45-4f53-4fa7-bb32-11f34168b82b", "lvn0", "01:00:5e:00:00:01", ref));
    }
}
