package io.labvisor.operation.net;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.net.sg.IpPermission;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The legacy flat form of Authorize/RevokeSecurityGroupIngress, and its clash with IpPermissions. */
class FlatRulesTest {
    private static final String SG = "sg-0123456789abcdef0";
    private static final String OTHER = "sg-0fedcba9876543210";

    private static NetRequests.IngressRules flat(String protocol, Integer from, Integer to, String cidr,
                                                 String sourceName) {
        return new NetRequests.IngressRules(SG, null, List.of(), protocol, from, to, cidr, sourceName, null);
    }

    private static List<IpPermission> rules(NetRequests.IngressRules q) {
        return NetOperations.rules(q, SG, (beside, name) -> {
            assertEquals(SG, beside, "a source group name is looked up beside the target group");
            return name.equals("db") ? OTHER : fail(name);
        });
    }

    private static String fail(String name) {
        throw new AssertionError("unexpected group name " + name);
    }

    @Test
    void theLegacyFlatFormWithACidrOrASourceGroupName() {
        assertEquals(List.of(IpPermission.parse("udp", "53", "10.0.1.0/24", null)),
                rules(flat("udp", 53, 53, "10.0.1.0/24", null)));
        assertEquals(List.of(IpPermission.parse("-1", null, null, OTHER)), rules(flat("-1", null, null, null, "db")));
    }

    @Test
    void bothFormsAtOnceOrNeitherIsRefused() {
        NetRequests.IngressRules both = new NetRequests.IngressRules(SG, null,
                List.of(IpPermission.parse("tcp", "22", "10.0.0.0/8", null)), null, null, null, "10.0.0.0/8", null,
                null);
        assertEquals("InvalidParameterCombination", assertThrows(Ec2Exception.class, () -> rules(both)).code().code());
        assertEquals("MissingParameter", assertThrows(Ec2Exception.class,
                () -> rules(flat(null, null, null, null, null))).code().code());
        assertEquals("MissingParameter", assertThrows(Ec2Exception.class,
                () -> rules(flat("tcp", 22, 22, null, null))).code().code());
    }
}
