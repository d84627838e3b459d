package io.labvisor.card;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkCardKindTest {
    @Test
    void theKernelsVhostNetServesTheNicWhereTheHostHasIt() {
        assertEquals(NetworkCardKind.VHOST_NET, NetworkCardKind.choose(Optional.empty(), true).kind());
        assertEquals(NetworkCardKind.VHOST_USER, NetworkCardKind.choose(Optional.empty(), false).kind());
        assertEquals(NetworkCardKind.VHOST_USER, NetworkCardKind.choose(Optional.of("auto"), false).kind());
        assertTrue(NetworkCardKind.choose(Optional.empty(), false).reason().contains("absent"));
    }

    @Test
    void anOverrideWinsAndSaysSo() {
        NetworkCardKind.Choice c = NetworkCardKind.choose(Optional.of("vhost-user"), true);
        assertEquals(NetworkCardKind.VHOST_USER, c.kind());
        assertTrue(c.reason().contains("LABVISOR_NETWORK_CARD"), c.reason());
        assertEquals(NetworkCardKind.VHOST_NET, NetworkCardKind.choose(Optional.of("VHOST-NET"), false).kind());
        assertThrows(IllegalArgumentException.class, () -> NetworkCardKind.choose(Optional.of("dpdk"), false));
    }
}
