package io.labvisor.domain;

import static io.labvisor.virtxml.XmlAssert.assertXmlEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.labvisor.virtxml.XmlException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DomainXmlTest {
    static final String DIRECT_KERNEL_XML = """
            <domain type='qemu'>
              <name>i-0123456789abcdef0</name>
              <uuid>4c1c4b2e-8d8f-4e59-9a56-0d0b8f3b4a11</uuid>
              <title>t3.micro i-0123456789abcdef0</title>
              <description>labvisor instance</description>
              <metadata>
                <labvisor:instance xmlns:labvisor='https://labvisor.dev/xmlns/instance/1'>
                  <labvisor:instanceId>i-0123456789abcdef0</labvisor:instanceId>
                  <labvisor:instanceType>t3.micro</labvisor:instanceType>
                  <labvisor:imageId>ami-0fedcba9876543210</labvisor:imageId>
                  <labvisor:ioProfile>emulated</labvisor:ioProfile>
                  <labvisor:launchTime>2024-05-01T12:00:00Z</labvisor:launchTime>
                  <labvisor:entry key='Name'>web-1</labvisor:entry>
                  <labvisor:entry key='owner'>lab</labvisor:entry>
                </labvisor:instance>
              </metadata>
              <memory unit='MiB'>1024</memory>
              <currentMemory unit='MiB'>1024</currentMemory>
              <vcpu>2</vcpu>
              <sysinfo type='smbios'>
                <system>
                  <entry name='manufacturer'>labvisor</entry>
                  <entry name='product'>t3.micro</entry>
                  <entry name='version'>1.0</entry>
                  <entry name='serial'>ec2-0123</entry>
                  <entry name='uuid'>4c1c4b2e-8d8f-4e59-9a56-0d0b8f3b4a11</entry>
                </system>
                <baseBoard>
                  <entry name='manufacturer'>labvisor</entry>
                  <entry name='product'>t3.micro</entry>
                  <entry name='asset'>i-0123456789abcdef0</entry>
                </baseBoard>
              </sysinfo>
              <sysinfo type='fwcfg'>
                <entry name='opt/io.labvisor/user-data'
                       file='/var/lib/labvisor/instances/i-0123456789abcdef0/user-data'/>
              </sysinfo>
              <os>
                <type arch='x86_64' machine='q35'>hvm</type>
                <kernel>/var/lib/labvisor/images/ami-0fedcba9876543210/vmlinuz</kernel>
                <initrd>/var/lib/labvisor/images/ami-0fedcba9876543210/initrd.img</initrd>
                <cmdline>console=ttyS0 panic=-1</cmdline>
                <smbios mode='sysinfo'/>
              </os>
              <features>
                <acpi/>
                <apic/>
              </features>
              <cpu mode='maximum'>
                <topology sockets='1' cores='2' threads='1'/>
              </cpu>
              <clock offset='utc'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2'/>
                  <source file='/var/lib/labvisor/volumes/vol-0aaa.qcow2'/>
                  <target dev='vda' bus='virtio'/>
                  <serial>vol0aaa</serial>
                  <alias name='ua-vol-0aaa'/>
                </disk>
                <interface type='network'>
                  <mac address='52:54:00:12:34:56'/>
                  <source network='lv-vpc-1'/>
                  <model type='virtio'/>
                  <alias name='ua-eni-0aaa'/>
                </interface>
                <serial type='pty'>
                  <log file='/var/log/labvisor/i-0123456789abcdef0.console.log' append='off'/>
                  <target port='0'/>
                </serial>
                <console type='pty'>
                  <target type='serial' port='0'/>
                </console>
                <rng model='virtio'>
                  <backend model='random'>/dev/urandom</backend>
                </rng>
                <memballoon model='none'/>
              </devices>
            </domain>
            """;

    @Test
    void writesTheDirectKernelDomain() {
        assertXmlEquals(DIRECT_KERNEL_XML, DomainXml.write(DomainFixtures.directKernelTcg()));
    }

    @Test
    void parsesTheDirectKernelDomain() {
        assertEquals(DomainFixtures.directKernelTcg(), DomainXml.parse(DIRECT_KERNEL_XML));
    }

    @Test
    void everyFixtureRoundTrips() {
        for (DomainSpec spec : DomainFixtures.all()) {
            String xml = DomainXml.write(spec);
            assertEquals(spec, DomainXml.parse(xml), xml);
            assertEquals(xml, DomainXml.write(DomainXml.parse(xml)));
        }
    }

    @Test
    void minimalDomain() {
        DomainSpec spec = DomainSpec.builder(DomainType.KVM, "tiny").memoryMiB(64).vcpus(1).arch(null)
                .acpi(false).apic(false).build();
        String xml = """
                <domain type='kvm'>
                  <name>tiny</name>
                  <memory unit='MiB'>64</memory>
                  <currentMemory unit='MiB'>64</currentMemory>
                  <vcpu>1</vcpu>
                  <os><type>hvm</type></os>
                  <clock offset='utc'/>
                  <on_poweroff>destroy</on_poweroff>
                  <on_reboot>restart</on_reboot>
                  <on_crash>destroy</on_crash>
                  <devices><memballoon model='none'/></devices>
                </domain>
                """;
        assertXmlEquals(xml, DomainXml.write(spec));
        assertEquals(spec, DomainXml.parse(xml));
    }

    @Test
    void escapesAwkwardText() {
        String nasty = "a < b & c > d 'single' \"double\" ]]> end";
        String path = "/var/lib/labvisor/it's \"odd\" & <weird> ]]>.qcow2";
        DomainSpec spec = DomainSpec.builder(DomainType.QEMU, "escape & <test>")
                .title(nasty)
                .description(nasty + "\nsecond line")
                .memoryMiB(64)
                .vcpus(1)
                .metadata(new LabvisorMetadata("i-1", null, null, null, null,
                        java.util.List.of(new LabvisorMetadata.Entry(nasty, nasty))))
                .addDisk(Disk.builder(new DiskSource.File(path), "vda").build())
                .serial(new SerialConsole("/var/log/" + nasty))
                .build();

        String xml = DomainXml.write(spec);

        assertFalse(xml.contains("]]>"), xml);
        assertFalse(xml.contains("< b"), xml);
        assertFalse(xml.contains("<weird>"), xml);
        assertTrue(xml.contains("a &lt; b &amp; c"), xml);
        assertEquals(spec, DomainXml.parse(xml));
    }

    @Test
    void readsMetadataFromADomainOrTheBareElement() {
        assertEquals(Optional.of(DomainFixtures.metadata()), DomainXml.readMetadata(DIRECT_KERNEL_XML));
        assertEquals(Optional.of(DomainFixtures.metadata()), DomainXml.readMetadata(DomainFixtures.metadata().toXml()));
        assertEquals(Optional.empty(), DomainXml.readMetadata(DomainXml.write(DomainFixtures.emulatedPc())));
        assertEquals(Optional.empty(), DomainXml.readMetadata("""
                <domain type='kvm'><name>x</name>
                  <metadata><libosinfo:libosinfo xmlns:libosinfo='http://libosinfo.org/xmlns/libvirt/domain/1.0'/>
                  </metadata>
                </domain>
                """));
        assertThrows(XmlException.class, () -> DomainXml.readMetadata("<network/>"));
    }

    @Test
    void reportsBrokenDomains() {
        assertThrows(XmlException.class, () -> DomainXml.parse("<domain type='kvm'><name>x</name>"));
        assertThrows(XmlException.class, () -> DomainXml.parse("<domain type='xen'><name>x</name></domain>"));
        assertThrows(XmlException.class, () -> DomainXml.parse("<network><name>x</name></network>"));
        assertThrows(XmlException.class,
                () -> DomainXml.parse("<domain type='kvm'><name>x</name><vcpu>1</vcpu><os/></domain>"), "no memory");
    }
}
