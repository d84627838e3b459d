package io.labvisor.compute;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrafficShapingTest {
    @Test
    void needsHtbSfqAndPoliceBuiltInOrAsModules() {
        assertTrue(TrafficShaping.supports("#\nCONFIG_NET_SCH_HTB=m\nCONFIG_NET_SCH_SFQ=m\nCONFIG_NET_ACT_POLICE=y\n"));
        // this project's CI kernel
        assertFalse(TrafficShaping.supports(
                "#\nCONFIG_NET_SCH_HTB=y\n# CONFIG_NET_SCH_SFQ is not set\nCONFIG_NET_CLS_U32=y\n"
                        + "# CONFIG_NET_ACT_POLICE is not set\n"));
    }
}
