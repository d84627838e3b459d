package io.labvisor.api.xml;

import io.labvisor.operation.image.ImageOperations;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImageXmlTest {
    @Test
    void describeImagesItemHasEc2sNamesAndEscapedText() {
        XmlNode r = Ec2Xml.response("DescribeImages", "req-3");
        XmlRenderer.write(r.child("imagesSet").item(), ImageOperations.image(XmlFixtures.image(), java.util.List.of()));
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>req-3</requestId>
                  <imagesSet>
                    <item>
                      <imageId>ami-0123456789abcdef0</imageId>
                      <imageLocation>labvisor/labvisor-tiny</imageLocation>
                      <imageState>available</imageState>
                      <imageOwnerId>000000000000</imageOwnerId>
                      <creationDate>2025-02-01T08:00:00.000Z</creationDate>
                      <isPublic>false</isPublic>
                      <architecture>x86_64</architecture>
                      <imageType>machine</imageType>
                      <platformDetails>Linux/UNIX</platformDetails>
                      <name>labvisor-tiny</name>
                      <description>tiny &lt;test&gt; &amp; image</description>
                      <rootDeviceType>ebs</rootDeviceType>
                      <rootDeviceName>/dev/xvda</rootDeviceName>
                      <blockDeviceMapping>
                        <item>
                          <deviceName>/dev/xvda</deviceName>
                          <ebs>
                            <deleteOnTermination>true</deleteOnTermination>
                            <volumeSize>1</volumeSize>
                            <volumeType>gp3</volumeType>
                          </ebs>
                        </item>
                      </blockDeviceMapping>
                      <virtualizationType>hvm</virtualizationType>
                      <hypervisor>xen</hypervisor>
                      <bootMode>legacy-bios</bootMode>
                      <labvisor>
                        <bootMode>direct-kernel</bootMode>
                        <kernelCmdline>console=ttyS0</kernelCmdline>
                        <manifestSha256>00</manifestSha256>
                      </labvisor>
                    </item>
                  </imagesSet>
                </DescribeImagesResponse>
                """, Ec2Xml.serialize(r));
    }
}
