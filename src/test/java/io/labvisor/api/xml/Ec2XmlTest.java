package io.labvisor.api.xml;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Ec2XmlTest {
    @Test
    void errorDocumentHasEc2sShapeWithoutNamespace() {
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Response>
                  <Errors>
                    <Error>
                      <Code>InvalidAMIID.NotFound</Code>
                      <Message>The image id '[ami-0123456789abcdef0]' does not exist</Message>
                    </Error>
                  </Errors>
                  <RequestID>req-4</RequestID>
                </Response>
                """, Ec2Xml.error("InvalidAMIID.NotFound", "The image id '[ami-0123456789abcdef0]' does not exist",
                "req-4"));
    }

    @Test
    void markupInValuesIsEscapedAndUnrepresentableCharactersReplaced() {
        String xml = Ec2Xml.error("InvalidParameterValue", "Invalid id: \"<b>&\u0001\"", "r");
        assertEquals("      <Message>Invalid id: \"&lt;b&gt;&amp;\uFFFD\"</Message>",
                xml.lines().filter(l -> l.contains("<Message>")).findFirst().orElseThrow());
    }

    @Test
    void responseRootCarriesTheNamespaceAndRequestId() {
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <DeregisterImageResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>req-5</requestId>
                  <return>true</return>
                </DeregisterImageResponse>
                """, Ec2Xml.serialize(Ec2Xml.response("DeregisterImage", "req-5").text("return", true)));
    }
}
