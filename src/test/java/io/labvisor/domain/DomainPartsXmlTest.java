package io.labvisor.domain;

import static io.labvisor.virtxml.XmlAssert.assertXmlEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.labvisor.virtxml.Xml;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per non-device element of the domain, each against literal XML. */
class DomainPartsXmlTest {

    @Test
    void directKernelOs() {
        Os os = Os.directKernel("/boot/vmlinuz", "/boot/initrd.img", "console=ttyS0 root=/dev/vda");
        String xml = """
                <os>
                  <type arch='x86_64' machine='q35'>hvm</type>
                  <kernel>/boot/vmlinuz</kernel>
                  <initrd>/boot/initrd.img</initrd>
                  <cmdline>console=ttyS0 root=/dev/vda</cmdline>
                  <smbios mode='sysinfo'/>
                </os>
                """;
        assertXmlEquals(xml, Fragments.write(parent -> os.writeTo(parent, "x86_64", "q35", true)));
        assertEquals(os, Os.parse(Fragments.element(xml)));
    }

    @Test
    void diskBootOs() {
        Os os = Os.bootFrom(Os.BootDevice.CDROM, Os.BootDevice.HD);
        String xml = """
                <os>
                  <type machine='pc'>hvm</type>
                  <boot dev='cdrom'/>
                  <boot dev='hd'/>
                </os>
                """;
        assertXmlEquals(xml, Fragments.write(parent -> os.writeTo(parent, null, "pc", false)));
        assertEquals(os, Os.parse(Fragments.element(xml)));
        assertThrows(IllegalArgumentException.class, () -> new Os(null, "/initrd", null, List.of()));
    }

    @Test
    void customCpuWithTopology() {
        Cpu cpu = Cpu.custom("Skylake-Client").withTopology(1, 2, 2);
        String xml = """
                <cpu mode='custom' match='exact'>
                  <model fallback='forbid'>Skylake-Client</model>
                  <topology sockets='1' cores='2' threads='2'/>
                </cpu>
                """;
        assertXmlEquals(xml, Fragments.write(cpu::writeTo));
        assertEquals(cpu, Cpu.parse(Fragments.element(xml)));
    }

    @Test
    void hostCpuModes() {
        assertXmlEquals("<cpu mode='host-passthrough'/>", Fragments.write(Cpu.hostPassthrough()::writeTo));
        assertXmlEquals("<cpu mode='host-model'/>", Fragments.write(Cpu.hostModel()::writeTo));
        assertXmlEquals("<cpu mode='maximum'/>", Fragments.write(Cpu.maximum()::writeTo));
        assertEquals(Cpu.hostPassthrough(), Cpu.parse(Fragments.element(
                "<cpu mode='host-passthrough' check='none' migratable='on'/>")));
        assertThrows(IllegalArgumentException.class, () -> new Cpu(Cpu.Mode.HOST_MODEL, "qemu64", null));
        assertThrows(IllegalArgumentException.class, () -> Cpu.maximum().withTopology(0, 1, 1));
    }

    @Test
    void memoryBacking() {
        String xml = """
                <memoryBacking>
                  <source type='memfd'/>
                  <access mode='shared'/>
                </memoryBacking>
                """;
        assertXmlEquals(xml, Fragments.write(MemoryBacking.sharedMemfd()::writeTo));
        assertEquals(MemoryBacking.sharedMemfd(), MemoryBacking.parse(Fragments.element(xml)).orElseThrow());
        assertTrue(MemoryBacking.parse(Fragments.element("<memoryBacking><hugepages/></memoryBacking>")).isEmpty());
    }

    @Test
    void cpuTune() {
        CpuTune tune = CpuTune.builder().pinVcpu(0, "2").pinVcpu(1, "3-4,^4").pinEmulator("0-1")
                .pinIothread(1, "0").build();
        String xml = """
                <cputune>
                  <vcpupin vcpu='0' cpuset='2'/>
                  <vcpupin vcpu='1' cpuset='3-4,^4'/>
                  <emulatorpin cpuset='0-1'/>
                  <iothreadpin iothread='1' cpuset='0'/>
                </cputune>
                """;
        assertXmlEquals(xml, Fragments.write(tune::writeTo));
        assertEquals(tune, CpuTune.parse(Fragments.element(xml)).orElseThrow());
        assertTrue(CpuTune.parse(Fragments.element("<cputune><shares>1024</shares></cputune>")).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> CpuTune.builder().pinVcpu(0, "1,,2"));
        assertThrows(IllegalArgumentException.class, () -> CpuTune.builder().pinVcpu(0, "1").pinVcpu(0, "2").build());
        assertThrows(IllegalArgumentException.class, () -> CpuTune.builder().build());
    }

    @Test
    void smbiosSysinfo() {
        SmbiosSysinfo smbios = new SmbiosSysinfo(
                new SmbiosSysinfo.SystemInfo("labvisor", "t3.micro", null, null, null),
                new SmbiosSysinfo.BaseBoard(null, null, "i-0123456789abcdef0"));
        String xml = """
                <sysinfo type='smbios'>
                  <system>
                    <entry name='manufacturer'>labvisor</entry>
                    <entry name='product'>t3.micro</entry>
                  </system>
                  <baseBoard>
                    <entry name='asset'>i-0123456789abcdef0</entry>
                  </baseBoard>
                </sysinfo>
                """;
        assertXmlEquals(xml, Fragments.write(smbios::writeTo));
        assertEquals(smbios, SmbiosSysinfo.parse(Fragments.element(xml)).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> new SmbiosSysinfo.BaseBoard(null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new SmbiosSysinfo(null, null));
    }

    @Test
    void fwCfgEntries() {
        DomainSpec spec = DomainSpec.builder(DomainType.QEMU, "d").memoryMiB(64).vcpus(1)
                .addFwCfg(FwCfgEntry.userData("/var/lib/labvisor/i-1/user-data"))
                .build();
        String xml = DomainXml.write(spec);
        assertXmlEquals("""
                <sysinfo type='fwcfg'>
                  <entry name='opt/io.labvisor/user-data' file='/var/lib/labvisor/i-1/user-data'/>
                </sysinfo>
                """, Xml.toXmlString(Xml.requiredChild(Fragments.element(xml), "sysinfo")));
        assertEquals(spec.fwCfg(), DomainXml.parse(xml).fwCfg());
        assertThrows(IllegalArgumentException.class, () -> new FwCfgEntry("etc/user-data", "/f"));
        assertThrows(IllegalArgumentException.class, () -> new FwCfgEntry("opt/org.qemu/x", "/f"));
        assertThrows(IllegalArgumentException.class, () -> new FwCfgEntry("opt/" + "x".repeat(52), "/f"));
    }

    @Test
    void labvisorMetadata() {
        LabvisorMetadata metadata = DomainFixtures.metadata();
        String xml = """
                <labvisor:instance xmlns:labvisor='https://labvisor.dev/xmlns/instance/1'>
                  <labvisor:instanceId>i-0123456789abcdef0</labvisor:instanceId>
                  <labvisor:instanceType>t3.micro</labvisor:instanceType>
                  <labvisor:imageId>ami-0fedcba9876543210</labvisor:imageId>
                  <labvisor:ioProfile>emulated</labvisor:ioProfile>
                  <labvisor:launchTime>2024-05-01T12:00:00Z</labvisor:launchTime>
                  <labvisor:entry key='Name'>web-1</labvisor:entry>
                  <labvisor:entry key='owner'>lab</labvisor:entry>
                </labvisor:instance>
                """;
        assertXmlEquals(xml, metadata.toXml());
        assertEquals(metadata, LabvisorMetadata.parse(xml));
        // Matched by namespace, not prefix: libvirt may hand it back under another prefix.
        assertEquals(LabvisorMetadata.of("i-1"), LabvisorMetadata.parse(
                "<lv:instance xmlns:lv='https://labvisor.dev/xmlns/instance/1'><lv:instanceId>i-1</lv:instanceId>"
                        + "</lv:instance>"));
        assertThrows(IllegalArgumentException.class, () -> new LabvisorMetadata("i-1", null, null, null,
                "yesterday", List.of()));
        assertThrows(IllegalArgumentException.class, () -> LabvisorMetadata.of(" "));
    }

    @Test
    void serialConsoleWithLog() {
        SerialConsole serial = new SerialConsole("/var/log/labvisor/i-1.log");
        assertXmlEquals("""
                <parent>
                  <serial type='pty'>
                    <log file='/var/log/labvisor/i-1.log' append='off'/>
                    <target port='0'/>
                  </serial>
                  <console type='pty'>
                    <target type='serial' port='0'/>
                  </console>
                </parent>
                """, Fragments.write(serial::writeTo));
        assertEquals(serial, SerialConsole.parse(Fragments.element("""
                <serial type='pty'>
                  <log file='/var/log/labvisor/i-1.log' append='off'/>
                  <target port='0'/>
                </serial>
                """)).orElseThrow());
        assertTrue(SerialConsole.parse(Fragments.element("<serial type='tcp'/>")).isEmpty());
    }

    @Test
    void rng() {
        String xml = "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>";
        assertXmlEquals(xml, Fragments.write(Rng.urandom()::writeTo));
        assertEquals(Rng.urandom(), Rng.parse(Fragments.element(xml)).orElseThrow());
    }

    @Test
    void controllers() {
        Controller scsi = new Controller(Controller.Type.SCSI, 0, "virtio-scsi", 1);
        String xml = "<controller type='scsi' index='0' model='virtio-scsi'><driver iothread='1'/></controller>";
        assertXmlEquals(xml, Fragments.write(scsi::writeTo));
        assertEquals(scsi, Controller.parse(Fragments.element(xml)).orElseThrow());
        assertTrue(Controller.parse(Fragments.element("<controller type='ccid' index='0'/>")).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new Controller(Controller.Type.SATA, 0, null, 1));
    }
}
