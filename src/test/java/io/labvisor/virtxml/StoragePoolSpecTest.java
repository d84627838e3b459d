package io.labvisor.virtxml;

import static io.labvisor.virtxml.XmlAssert.assertXmlEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StoragePoolSpecTest {
    static final String XML = """
            <pool type='dir'>
              <name>labvisor-volumes</name>
              <target>
                <path>/var/lib/labvisor/volumes</path>
                <permissions>
                  <mode>0711</mode>
                </permissions>
              </target>
            </pool>
            """;

    static StoragePoolSpec spec() {
        return new StoragePoolSpec("labvisor-volumes", "/var/lib/labvisor/volumes", 0711);
    }

    @Test
    void writesAndParses() {
        assertXmlEquals(XML, spec().toXml());
        assertEquals(spec(), StoragePoolSpec.parse(XML));
    }

    @Test
    void permissionsAreOptional() {
        StoragePoolSpec spec = new StoragePoolSpec("p", "/srv/p");
        assertXmlEquals("<pool type='dir'><name>p</name><target><path>/srv/p</path></target></pool>", spec.toXml());
        assertEquals(spec, StoragePoolSpec.parse(spec.toXml()));
    }

    @Test
    void readsLiveXml() {
        StoragePoolSpec spec = StoragePoolSpec.parse("""
                <pool type='dir'>
                  <name>labvisor-volumes</name>
                  <uuid>0b6b3f5e-37d7-4a7a-9c8e-5d6b2b1f9a01</uuid>
                  <capacity unit='bytes'>105089261568</capacity>
                  <allocation unit='bytes'>1073741824</allocation>
                  <available unit='bytes'>104015519744</available>
                  <source>
                  </source>
                  <target>
                    <path>/var/lib/labvisor/volumes</path>
                    <permissions>
                      <mode>0711</mode>
                      <owner>0</owner>
                      <group>0</group>
                    </permissions>
                  </target>
                </pool>
                """);
        assertEquals(spec(), spec);
    }

    @Test
    void rejectsInvalidValues() {
        assertThrows(IllegalArgumentException.class, () -> new StoragePoolSpec(null, "/x"));
        assertThrows(IllegalArgumentException.class, () -> new StoragePoolSpec("p", "relative/dir"));
        assertThrows(IllegalArgumentException.class, () -> new StoragePoolSpec("p", "/x", 010000));
        assertThrows(XmlException.class, () -> StoragePoolSpec.parse(
                "<pool type='logical'><name>p</name><target><path>/dev/vg</path></target></pool>"));
    }
}
