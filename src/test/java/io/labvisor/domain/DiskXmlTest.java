package io.labvisor.domain;

import static io.labvisor.virtxml.XmlAssert.assertXmlEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.labvisor.virtxml.DiskFormat;
import org.junit.jupiter.api.Test;

class DiskXmlTest {

    private static void assertRoundTrip(String xml, Disk disk) {
        assertXmlEquals(xml, Fragments.write(disk::writeTo));
        assertEquals(disk, Disk.parse(Fragments.element(xml)).orElseThrow());
    }

    @Test
    void fileDiskWithEverything() {
        Disk disk = Disk.builder(new DiskSource.File("/var/lib/labvisor/volumes/vol-0123.qcow2"), "vda")
                .format(DiskFormat.QCOW2)
                .cache(Disk.Cache.NONE)
                .io(Disk.Io.NATIVE)
                .discard(Disk.Discard.UNMAP)
                .iothread(1)
                .serial("vol0123")
                .bootOrder(1)
                .alias("ua-vol0123")
                .build();
        assertRoundTrip("""
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2' cache='none' io='native' discard='unmap' iothread='1'/>
                  <source file='/var/lib/labvisor/volumes/vol-0123.qcow2'/>
                  <target dev='vda' bus='virtio'/>
                  <serial>vol0123</serial>
                  <boot order='1'/>
                  <alias name='ua-vol0123'/>
                </disk>
                """, disk);
    }

    @Test
    void blockDisk() {
        assertRoundTrip("""
                <disk type='block' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source dev='/dev/vg0/lv-vol0123'/>
                  <target dev='sdb' bus='scsi'/>
                  <readonly/>
                </disk>
                """, Disk.builder(new DiskSource.Block("/dev/vg0/lv-vol0123"), "sdb")
                .bus(Disk.Bus.SCSI).readonly(true).build());
    }

    @Test
    void vhostUserDiskAsOnThisHost() {
        // The shape docs/HOST.md verified end to end with qemu-storage-daemon.
        assertRoundTrip("""
                <disk type='vhostuser' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source type='unix' path='/run/labvisor/vol0123.sock'>
                    <reconnect enabled='yes' timeout='10'/>
                  </source>
                  <target dev='vda' bus='virtio'/>
                </disk>
                """, Disk.builder(new DiskSource.VhostUser("/run/labvisor/vol0123.sock", 10), "vda").build());
    }

    @Test
    void emptyCdrom() {
        assertRoundTrip("""
                <disk type='file' device='cdrom'>
                  <driver name='qemu' type='raw'/>
                  <target dev='hdc' bus='ide'/>
                  <readonly/>
                </disk>
                """, Disk.builder(null, "hdc").device(Disk.Device.CDROM).bus(Disk.Bus.IDE).readonly(true).build());
    }

    @Test
    void ioTune() {
        Disk disk = Disk.builder(new DiskSource.File("/v.raw"), "vda")
                .ioTune(IoTune.builder().readBytesSec(1000).writeBytesSec(2000).totalIopsSec(300)
                        .readBytesSecMax(4000).totalIopsSecMax(900).build())
                .build();
        assertRoundTrip("""
                <disk type='file' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source file='/v.raw'/>
                  <target dev='vda' bus='virtio'/>
                  <iotune>
                    <read_bytes_sec>1000</read_bytes_sec>
                    <write_bytes_sec>2000</write_bytes_sec>
                    <total_iops_sec>300</total_iops_sec>
                    <read_bytes_sec_max>4000</read_bytes_sec_max>
                    <total_iops_sec_max>900</total_iops_sec_max>
                  </iotune>
                </disk>
                """, disk);
    }

    @Test
    void ioTuneReadsLibvirtZerosAsUnset() {
        IoTune tune = IoTune.parse(Fragments.element(
                "<iotune><total_bytes_sec>0</total_bytes_sec><read_iops_sec>5</read_iops_sec></iotune>")).orElseThrow();
        assertEquals(IoTune.builder().readIopsSec(5).build(), tune);
        assertTrue(IoTune.parse(Fragments.element("<iotune><total_bytes_sec>0</total_bytes_sec></iotune>")).isEmpty());
    }

    @Test
    void ioTuneFollowsLibvirtRules() {
        assertThrows(IllegalArgumentException.class, () -> IoTune.builder().build());
        assertThrows(IllegalArgumentException.class,
                () -> IoTune.builder().totalBytesSec(1).readBytesSec(1).build(), "total excludes read");
        assertThrows(IllegalArgumentException.class,
                () -> IoTune.builder().totalIopsSecMax(10).build(), "burst without sustained limit");
        assertThrows(IllegalArgumentException.class,
                () -> IoTune.builder().totalIopsSec(10).totalIopsSecMax(5).build(), "burst below sustained");
        assertThrows(IllegalArgumentException.class, () -> IoTune.builder().totalIopsSec(-1).build());
    }

    @Test
    void ignoresUnmodelledDisks() {
        assertTrue(Disk.parse(Fragments.element("""
                <disk type='network' device='disk'>
                  <source protocol='nbd' name='export'><host name='h' port='10809'/></source>
                  <target dev='vdz' bus='virtio'/>
                </disk>
                """)).isEmpty());
        assertTrue(Disk.parse(Fragments.element("""
                <disk type='file' device='floppy'><source file='/f.img'/><target dev='fda' bus='fdc'/></disk>
                """)).isEmpty());
    }

    @Test
    void rejectsInvalidDisks() {
        DiskSource file = new DiskSource.File("/v.raw");
        assertThrows(IllegalArgumentException.class, () -> Disk.builder(file, "vda1").build(), "digits in target");
        assertThrows(IllegalArgumentException.class, () -> Disk.builder(file, "VDA").build());
        assertThrows(IllegalArgumentException.class, () -> Disk.builder(file, null).build());
        assertThrows(IllegalArgumentException.class, () -> Disk.builder(null, "vda").build(), "empty disk");
        assertThrows(IllegalArgumentException.class, () -> new DiskSource.File("relative.img"));
        assertThrows(IllegalArgumentException.class, () -> Disk.builder(file, "vda").alias("vol0").build());
        assertThrows(IllegalArgumentException.class, () -> Disk.builder(file, "vda").serial("a/b").build());
        assertThrows(IllegalArgumentException.class, () -> Disk.builder(file, "vda").bootOrder(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> Disk.builder(file, "sda").bus(Disk.Bus.SATA).iothread(1).build(), "iothread on SATA");
        assertThrows(IllegalArgumentException.class,
                () -> Disk.builder(file, "vda").io(Disk.Io.NATIVE).build(), "native AIO on the page cache");
        assertThrows(IllegalArgumentException.class,
                () -> Disk.builder(null, "vdc").device(Disk.Device.CDROM).build(), "virtio CD-ROM");
    }

    @Test
    void rejectsWhatLibvirtRefusesForVhostUser() {
        DiskSource vhost = new DiskSource.VhostUser("/run/s.sock", null);
        assertThrows(IllegalArgumentException.class, () -> Disk.builder(vhost, "vda").serial("x").build());
        assertThrows(IllegalArgumentException.class, () -> Disk.builder(vhost, "vda").readonly(true).build());
        assertThrows(IllegalArgumentException.class, () -> Disk.builder(vhost, "vda").cache(Disk.Cache.NONE).build());
        assertThrows(IllegalArgumentException.class, () -> Disk.builder(vhost, "vda").iothread(1).build());
        assertThrows(IllegalArgumentException.class, () -> Disk.builder(vhost, "sda").bus(Disk.Bus.SATA).build());
        assertThrows(IllegalArgumentException.class,
                () -> Disk.builder(vhost, "vda").ioTune(IoTune.builder().totalIopsSec(1).build()).build());
    }

    @Test
    void writesADiskOnItsOwnForHotplug() {
        Disk disk = Disk.builder(new DiskSource.File("/v.raw"), "vdb").alias("ua-vol1").build();
        assertXmlEquals("""
                <disk type='file' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source file='/v.raw'/>
                  <target dev='vdb' bus='virtio'/>
                  <alias name='ua-vol1'/>
                </disk>
                """, DomainXml.writeDisk(disk));
    }
}
