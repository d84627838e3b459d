package io.labvisor.virtxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class XmlTest {
    static final String NASTY = "a < b && c > d 'single' \"double\" ]]> end";

    @Test
    void escapesTextAndAttributes() {
        Element root = Xml.newRoot("root");
        Xml.setAttr(Xml.addText(root, "text", NASTY), "attr", NASTY);
        String xml = Xml.toXmlString(root);

        assertFalse(xml.contains("]]>"), xml);
        assertFalse(xml.contains("< b"), xml);
        assertTrue(xml.contains("&lt;") && xml.contains("&amp;&amp;"), xml);
        Element text = Xml.requiredChild(Xml.parse(xml), "text");
        assertEquals(NASTY, Xml.text(text));
        assertEquals(NASTY, Xml.requiredAttr(text, "attr"));
    }

    @Test
    void indentsByTwoSpacesWithoutDeclaration() {
        Element root = Xml.newRoot("a");
        Xml.addText(Xml.addChild(root, "b"), "c", "x");
        assertEquals("<a>\n  <b>\n    <c>x</c>\n  </b>\n</a>\n", Xml.toXmlString(root));
    }

    @Test
    void refusesCharactersXmlCannotCarry() {
        Element root = Xml.newRoot("root");
        assertThrows(IllegalArgumentException.class, () -> Xml.addText(root, "t", "bell\u0007"));
        assertThrows(IllegalArgumentException.class, () -> Xml.setAttr(root, "a", "nul\u0000"));
    }

    @Test
    void refusesDoctypeAndExternalEntities() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE domain [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <domain><name>&secret;</name></domain>
                """;
        assertThrows(XmlException.class, () -> Xml.parse(xxe));
        String bomb = """
                <!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <d>&b;</d>
                """;
        assertThrows(XmlException.class, () -> Xml.parse(bomb));
    }

    @Test
    void reportsMalformedXml() {
        assertThrows(XmlException.class, () -> Xml.parse("<domain><name>x</domain>"));
        assertThrows(XmlException.class, () -> Xml.parse(null));
        assertThrows(XmlException.class, () -> Xml.parseRoot("<network/>", "domain"));
    }

    @Test
    void convertsLibvirtUnits() {
        assertEquals(1L << 30, Units.toBytes(1048576, "KiB", "bytes"));
        assertEquals(1L << 30, Units.toBytes(1048576, null, "KiB"));
        assertEquals(2_000_000_000L, Units.toBytes(2, "GB", "bytes"));
        assertEquals(512, Units.toBytes(512, "b", "KiB"));
        assertEquals(3L << 20, Units.toBytes(3, "M", "KiB"));
        assertThrows(XmlException.class, () -> Units.toBytes(1, "parsecs", "bytes"));
        assertThrows(XmlException.class, () -> Units.toBytes(Long.MAX_VALUE, "KiB", "bytes"));
    }

    @Test
    void normalisesMacAndUuid() {
        assertEquals("52:54:00:ab:cd:ef", Require.mac("52:54:00:AB:CD:EF", "mac"));
        assertThrows(IllegalArgumentException.class, () -> Require.mac("01:00:5e:00:00:01", "mac"));
        assertThrows(IllegalArgumentException.class, () -> Require.mac("52-54-00-ab-cd-ef", "mac"));
        assertEquals("3e3fce45-4f53-4fa7-bb32-11f34168b82b", Require.uuid("3E3FCE454F534FA7BB3211F34168B82B", "u"));
        assertThrows(IllegalArgumentException.class, () -> Require.uuid("not-a-uuid", "u"));
        assertThrows(IllegalArgumentException.class, () -> Require.ipv4("010.0.0.1", "ip"));
    }
}
