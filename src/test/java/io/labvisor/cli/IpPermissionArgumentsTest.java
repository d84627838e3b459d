package io.labvisor.cli;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.net.sg.IpPermission;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** --ip-permissions as the AWS CLI takes it: shorthand and JSON give the same rules as the Query API's form. */
class IpPermissionArgumentsTest {
    private static final String SG = "sg-0123456789abcdef0";

    private static final List<IpPermission> EXPECTED = List.of(
            IpPermission.parse("tcp", "22-23", "10.0.0.0/16", null),
            IpPermission.parse("tcp", "22-23", "10.1.0.0/24", null),
            IpPermission.parse("icmp", null, null, SG));

    @Test
    void shorthandItemsWithListsOfStructures() {
        assertEquals(EXPECTED, IpPermissionArguments.parse(List.of(
                "IpProtocol=tcp,FromPort=22,ToPort=23,IpRanges=[{CidrIp=10.0.0.0/16},{CidrIp=10.1.0.0/24}]",
                "IpProtocol=icmp,FromPort=-1,ToPort=-1,UserIdGroupPairs=[{GroupId=" + SG + "}]")));
    }

    @Test
    void jsonListOrSingleStructure() {
        assertEquals(EXPECTED, IpPermissionArguments.parse(List.of("""
                [{"IpProtocol": "6", "FromPort": 22, "ToPort": 23,
                  "IpRanges": [{"CidrIp": "10.0.0.0/16"}, {"CidrIp": "10.1.0.0/24"}]},
                 {"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1,
                  "UserIdGroupPairs": [{"GroupId": "%s", "UserId": "000000000000"}]}]
                """.formatted(SG))));
        assertEquals(List.of(IpPermission.allToAnywhere()), IpPermissionArguments.parse(List.of(
                "{\"IpProtocol\": \"-1\", \"IpRanges\": [{\"CidrIp\": \"0.0.0.0/0\"}]}")));
    }

    @Test
    void quotedShorthandValuesAndSpaces() {
        assertEquals(List.of(IpPermission.parse("udp", "53", "10.0.1.0/24", null)), IpPermissionArguments.parse(List.of(
                "IpProtocol='udp', FromPort=53, ToPort=53, IpRanges=[{CidrIp=\"10.0.1.0/24\"}]")));
    }

    @Test
    void badInputIsAnEc2ErrorNotAGuess() {
        assertEquals("MissingParameter", code("IpProtocol=tcp,FromPort=22,ToPort=22"));
        assertEquals("MissingParameter", code("IpProtocol=tcp,IpRanges=[{CidrIp=10.0.0.0/8}]"));
        assertEquals("UnknownParameter", code("IpProtocol=tcp,FromPort=22,ToPort=22,"
                + "IpRanges=[{CidrIp=10.0.0.0/8,Description=ssh}]"));
        assertEquals("UnknownParameter", code("{\"IpProtocol\": \"tcp\", \"FromPort\": 22, \"ToPort\": 22, "
                + "\"Ipv6Ranges\": [{\"CidrIpv6\": \"::/0\"}]}"));
        assertEquals("UnknownParameter", code("IpProtocl=tcp,IpRanges=[{CidrIp=10.0.0.0/8}]"));
        assertEquals("UnsupportedOperation", code("IpProtocol=icmp,FromPort=8,ToPort=0,IpRanges=[{CidrIp=10.0.0.0/8}]"));
        assertEquals("InvalidParameterValue", code("IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}"));
        assertEquals("InvalidParameterValue", code("IpProtocol=tcp,FromPort=x,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]"));
        assertEquals("InvalidParameterValue", code("IpProtocol=gre,IpRanges=[{CidrIp=10.0.0.0/8}]"));
        assertEquals("InvalidParameterValue", code("[{\"IpProtocol\": "));
    }

    private static String code(String item) {
        return assertThrows(Ec2Exception.class, () -> IpPermissionArguments.parse(List.of(item))).code().code();
    }
}
