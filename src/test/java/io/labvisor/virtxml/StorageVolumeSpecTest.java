package io.labvisor.virtxml;

import static io.labvisor.virtxml.XmlAssert.assertXmlEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StorageVolumeSpecTest {
    static final String OVERLAY_XML = """
            <volume type='file'>
              <name>vol-0123456789abcdef0.qcow2</name>
              <capacity unit='bytes'>8589934592</capacity>
              <allocation unit='bytes'>0</allocation>
              <target>
                <format type='qcow2'/>
              </target>
              <backingStore>
                <path>/var/lib/labvisor/images/ami-0abc/root.qcow2</path>
                <format type='qcow2'/>
              </backingStore>
            </volume>
            """;

    static StorageVolumeSpec overlay() {
        return new StorageVolumeSpec("vol-0123456789abcdef0.qcow2", 8L << 30, 0L, DiskFormat.QCOW2,
                "/var/lib/labvisor/images/ami-0abc/root.qcow2", DiskFormat.QCOW2);
    }

    @Test
    void writesAndParsesOverlay() {
        assertXmlEquals(OVERLAY_XML, overlay().toXml());
        assertEquals(overlay(), StorageVolumeSpec.parse(OVERLAY_XML));
    }

    @Test
    void writesAndParsesPlainRawVolume() {
        StorageVolumeSpec raw = StorageVolumeSpec.of("scratch.img", 1L << 30, DiskFormat.RAW);
        assertXmlEquals("""
                <volume type='file'>
                  <name>scratch.img</name>
                  <capacity unit='bytes'>1073741824</capacity>
                  <target><format type='raw'/></target>
                </volume>
                """, raw.toXml());
        assertEquals(raw, StorageVolumeSpec.parse(raw.toXml()));
    }

    @Test
    void readsLiveXmlWithUnitsAndEmptyBackingStore() {
        StorageVolumeSpec spec = StorageVolumeSpec.parse("""
                <volume type='file'>
                  <name>scratch.img</name>
                  <key>/var/lib/labvisor/volumes/scratch.img</key>
                  <capacity unit='G'>1</capacity>
                  <allocation unit='KiB'>4</allocation>
                  <physical unit='bytes'>1073741824</physical>
                  <target>
                    <path>/var/lib/labvisor/volumes/scratch.img</path>
                    <format type='raw'/>
                    <permissions><mode>0600</mode><owner>0</owner><group>0</group></permissions>
                  </target>
                  <backingStore/>
                </volume>
                """);
        assertEquals(new StorageVolumeSpec("scratch.img", 1L << 30, 4096L, DiskFormat.RAW, null, null), spec);
    }

    @Test
    void rejectsInvalidValues() {
        assertThrows(IllegalArgumentException.class, () -> StorageVolumeSpec.of("v", 0, DiskFormat.RAW));
        assertThrows(IllegalArgumentException.class, () -> StorageVolumeSpec.of("v", -1, DiskFormat.RAW));
        assertThrows(IllegalArgumentException.class, () -> StorageVolumeSpec.of("a/b", 1, DiskFormat.RAW));
        assertThrows(IllegalArgumentException.class,
                () -> new StorageVolumeSpec("v", 1, null, DiskFormat.RAW, "/base.img", DiskFormat.RAW));
        assertThrows(IllegalArgumentException.class,
                () -> new StorageVolumeSpec("v", 1, null, DiskFormat.QCOW2, "/base.img", null));
        assertThrows(IllegalArgumentException.class,
                () -> StorageVolumeSpec.overlay("v", 1, "base.img", DiskFormat.RAW));
    }
}
