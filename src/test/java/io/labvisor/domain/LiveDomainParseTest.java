package io.labvisor.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.labvisor.virtxml.DiskFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a running domain's XML, with everything libvirt adds to what labvisor defined. */
class LiveDomainParseTest {
    // Shaped like virDomainGetXMLDesc(0) from libvirt 11 for a q35 guest under TCG.
    static final String LIVE_XML = """
            <domain type='qemu' id='7'>
              <name>i-0123456789abcdef0</name>
              <uuid>4c1c4b2e-8d8f-4e59-9a56-0d0b8f3b4a11</uuid>
              <title>t3.micro i-0123456789abcdef0</title>
              <metadata>
                <labvisor:instance xmlns:labvisor="https://labvisor.dev/xmlns/instance/1">
                  <labvisor:instanceId>i-0123456789abcdef0</labvisor:instanceId>
                  <labvisor:instanceType>t3.micro</labvisor:instanceType>
                  <labvisor:imageId>ami-0fedcba9876543210</labvisor:imageId>
                  <labvisor:ioProfile>offload</labvisor:ioProfile>
                  <labvisor:launchTime>2024-05-01T12:00:00Z</labvisor:launchTime>
                </labvisor:instance>
              </metadata>
              <memory unit='KiB'>1048576</memory>
              <currentMemory unit='KiB'>1048576</currentMemory>
              <memoryBacking>
                <source type='memfd'/>
                <access mode='shared'/>
              </memoryBacking>
              <vcpu placement='static'>2</vcpu>
              <iothreads>1</iothreads>
              <iothreadids>
                <iothread id='1'/>
              </iothreadids>
              <cputune>
                <vcpupin vcpu='0' cpuset='1'/>
                <vcpupin vcpu='1' cpuset='1'/>
                <emulatorpin cpuset='0'/>
                <iothreadpin iothread='1' cpuset='0'/>
              </cputune>
              <resource>
                <partition>/machine</partition>
              </resource>
              <sysinfo type='smbios'>
                <system>
                  <entry name='manufacturer'>labvisor</entry>
                  <entry name='product'>t3.micro</entry>
                </system>
                <baseBoard>
                  <entry name='asset'>i-0123456789abcdef0</entry>
                </baseBoard>
              </sysinfo>
              <sysinfo type='fwcfg'>
                <entry name='opt/io.labvisor/user-data' file='/var/lib/labvisor/i-0123456789abcdef0/user-data'/>
              </sysinfo>
              <os>
                <type arch='x86_64' machine='pc-q35-10.0'>hvm</type>
                <kernel>/var/lib/labvisor/images/ami-0fedcba9876543210/vmlinuz</kernel>
                <initrd>/var/lib/labvisor/images/ami-0fedcba9876543210/initrd.img</initrd>
                <cmdline>console=ttyS0 panic=-1</cmdline>
                <boot dev='hd'/>
                <smbios mode='sysinfo'/>
              </os>
              <features>
                <acpi/>
                <apic/>
              </features>
              <cpu mode='custom' match='exact' check='full'>
                <model fallback='forbid'>qemu64</model>
                <topology sockets='1' dies='1' clusters='1' cores='2' threads='1'/>
                <feature policy='require' name='x2apic'/>
                <feature policy='require' name='hypervisor'/>
                <feature policy='disable' name='svm'/>
              </cpu>
              <clock offset='utc'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
                <emulator>/usr/bin/qemu-system-x86_64</emulator>
                <disk type='vhostuser' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source type='unix' path='/run/labvisor/vol-0aaa.sock'>
                    <reconnect enabled='yes' timeout='10'/>
                  </source>
                  <target dev='vda' bus='virtio'/>
                  <alias name='ua-vol-0aaa'/>
                  <address type='pci' domain='0x0000' bus='0x03' slot='0x00' function='0x0'/>
                </disk>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2' cache='none' io='native' iothread='1'/>
                  <source file='/var/lib/labvisor/volumes/vol-0bbb.qcow2' index='2'/>
                  <backingStore type='file' index='3'>
                    <format type='qcow2'/>
                    <source file='/var/lib/labvisor/images/ami-0fedcba9876543210/root.qcow2'/>
                    <backingStore/>
                  </backingStore>
                  <target dev='vdb' bus='virtio'/>
                  <iotune>
                    <total_bytes_sec>131072000</total_bytes_sec>
                    <total_iops_sec>3000</total_iops_sec>
                  </iotune>
                  <serial>vol0bbb</serial>
                  <alias name='virtio-disk1'/>
                  <address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/>
                </disk>
                <controller type='usb' index='0' model='qemu-xhci' ports='15'>
                  <alias name='usb'/>
                  <address type='pci' domain='0x0000' bus='0x02' slot='0x00' function='0x0'/>
                </controller>
                <controller type='pci' index='0' model='pcie-root'>
                  <alias name='pcie.0'/>
                </controller>
                <controller type='pci' index='1' model='pcie-root-port'>
                  <model name='pcie-root-port'/>
                  <target chassis='1' port='0x10'/>
                  <alias name='pci.1'/>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0' multifunction='on'/>
                </controller>
                <controller type='sata' index='0'>
                  <alias name='ide'/>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x1f' function='0x2'/>
                </controller>
                <interface type='vhostuser'>
                  <mac address='52:54:00:12:34:56'/>
                  <source type='unix' path='/run/labvisor/eni-0aaa.sock' mode='client'/>
                  <target dev='vhost-user1'/>
                  <model type='virtio'/>
                  <alias name='net0'/>
                  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
                </interface>
                <interface type='network'>
                  <mac address='52:54:00:65:43:21'/>
                  <source network='lv-vpc-1' portid='5b0e6c4e-0a53-4b0c-9e2b-8f1f3f0f7f6e' bridge='lvbr1'/>
                  <target dev='vnet3'/>
                  <model type='virtio'/>
                  <filterref filter='clean-traffic'>
                    <parameter name='IP' value='172.31.0.6'/>
                  </filterref>
                  <alias name='ua-eni-0bbb'/>
                  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x0'/>
                </interface>
                <serial type='pty'>
                  <source path='/dev/pts/3'/>
                  <log file='/var/log/labvisor/i-0123456789abcdef0.console.log' append='off'/>
                  <target type='isa-serial' port='0'>
                    <model name='isa-serial'/>
                  </target>
                  <alias name='serial0'/>
                </serial>
                <console type='pty' tty='/dev/pts/3'>
                  <source path='/dev/pts/3'/>
                  <log file='/var/log/labvisor/i-0123456789abcdef0.console.log' append='off'/>
                  <target type='serial' port='0'/>
                  <alias name='serial0'/>
                </console>
                <input type='mouse' bus='ps2'>
                  <alias name='input0'/>
                </input>
                <input type='keyboard' bus='ps2'>
                  <alias name='input1'/>
                </input>
                <audio id='1' type='none'/>
                <watchdog model='itco' action='reset'>
                  <alias name='watchdog0'/>
                </watchdog>
                <memballoon model='none'/>
                <rng model='virtio'>
                  <backend model='random'>/dev/urandom</backend>
                  <alias name='rng0'/>
                  <address type='pci' domain='0x0000' bus='0x06' slot='0x00' function='0x0'/>
                </rng>
              </devices>
              <seclabel type='dynamic' model='apparmor' relabel='yes'>
                <label>libvirt-4c1c4b2e-8d8f-4e59-9a56-0d0b8f3b4a11</label>
                <imagelabel>libvirt-4c1c4b2e-8d8f-4e59-9a56-0d0b8f3b4a11</imagelabel>
              </seclabel>
              <seclabel type='dynamic' model='dac' relabel='yes'>
                <label>+64055:+994</label>
                <imagelabel>+64055:+994</imagelabel>
              </seclabel>
            </domain>
            """;

    @Test
    void readsWhatLabvisorDefined() {
        DomainSpec spec = DomainXml.parse(LIVE_XML);

        assertEquals("i-0123456789abcdef0", spec.name());
        assertEquals(DomainType.QEMU, spec.type());
        assertEquals(1024, spec.memoryMiB());
        assertEquals(2, spec.vcpus());
        assertEquals(1, spec.iothreads());
        assertEquals("pc-q35-10.0", spec.machine());
        assertEquals("/var/lib/labvisor/images/ami-0fedcba9876543210/vmlinuz", spec.os().kernel());
        assertEquals(Cpu.custom("qemu64").withTopology(1, 2, 1), spec.cpu());
        assertEquals(MemoryBacking.sharedMemfd(), spec.memoryBacking());
        assertEquals("0", spec.cpuTune().emulatorPin());

        assertEquals(2, spec.disks().size());
        Disk vhost = spec.disks().get(0);
        assertEquals(new DiskSource.VhostUser("/run/labvisor/vol-0aaa.sock", 10), vhost.source());
        assertEquals("vda", vhost.targetDev());
        assertEquals("ua-vol-0aaa", vhost.alias());
        Disk file = spec.disks().get(1);
        assertEquals(new DiskSource.File("/var/lib/labvisor/volumes/vol-0bbb.qcow2"), file.source());
        assertEquals("vdb", file.targetDev());
        assertEquals(DiskFormat.QCOW2, file.format());
        assertEquals(3000L, file.ioTune().totalIopsSec());
        assertNull(file.alias(), "libvirt's own alias is not a user alias");

        assertEquals(2, spec.interfaces().size());
        Interface offload = spec.interfaces().get(0);
        assertEquals("52:54:00:12:34:56", offload.mac());
        assertEquals(new InterfaceSource.VhostUser("/run/labvisor/eni-0aaa.sock",
                InterfaceSource.VhostUser.Mode.CLIENT), offload.source());
        Interface tap = spec.interfaces().get(1);
        assertEquals("52:54:00:65:43:21", tap.mac());
        assertEquals(new InterfaceSource.Network("lv-vpc-1"), tap.source());
        assertEquals("vnet3", tap.targetDev());
        assertEquals("ua-eni-0bbb", tap.alias());

        assertEquals("/var/log/labvisor/i-0123456789abcdef0.console.log", spec.serial().logFile());
        assertEquals(Rng.urandom(), spec.rng());
        assertEquals(List.of(FwCfgEntry.userData("/var/lib/labvisor/i-0123456789abcdef0/user-data")), spec.fwCfg());
        assertEquals("i-0123456789abcdef0", spec.smbios().baseBoard().asset());
        assertEquals("offload", spec.metadata().ioProfile());
        assertEquals(spec.metadata(), DomainXml.readMetadata(LIVE_XML).orElseThrow());
    }

    @Test
    void whatItReadsCanBeWrittenBack() {
        DomainSpec spec = DomainXml.parse(LIVE_XML);
        assertEquals(spec, DomainXml.parse(DomainXml.write(spec)));
        assertTrue(spec.controllers().stream().anyMatch(c -> "pcie-root-port".equals(c.model())));
    }
}
