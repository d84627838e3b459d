package io.labvisor.domain;

import io.labvisor.virtxml.Require;
import io.labvisor.virtxml.XmlEnum;

/** What a NIC is plugged into; each kind is one libvirt {@code <interface type='...'>}. */
public sealed interface InterfaceSource {

    /** libvirt's {@code <interface type>} for this source. */
    String interfaceType();

    /** True for back ends where the host kernel sees a tap (bandwidth and nwfilter work only there). */
    default boolean hasTap() {
        return true;
    }

    /** A libvirt network: {@code <source network='...'/>}. */
    record Network(String name) implements InterfaceSource {
        public Network {
            Require.objectName(name, "network name");
        }

        @Override
        public String interfaceType() {
            return "network";
        }
    }

    /** An existing host bridge: {@code <source bridge='...'/>}. */
    record Bridge(String name) implements InterfaceSource {
        public Bridge {
            Require.notBlank(name, "bridge name");
        }

        @Override
        public String interfaceType() {
            return "bridge";
        }
    }

    /**
     * A vhost-user back end (a DPDK switch or testpmd) on a unix socket. {@code CLIENT} means QEMU connects to a
     * socket the back end created. {@code reconnectSeconds} (client mode only, may be null): QEMU retries a back
     * end that went away, so a restarted card is picked up again without touching the guest.
     */
    record VhostUser(String socketPath, Mode mode, Integer reconnectSeconds) implements InterfaceSource {

        public VhostUser(String socketPath, Mode mode) {
            this(socketPath, mode, null);
        }

        /** {@code <source mode='...'>}: which side creates the socket, seen from QEMU. */
        public enum Mode implements XmlEnum {
            CLIENT("client"),
            SERVER("server");

            private final String xml;

            Mode(String xml) {
                this.xml = xml;
            }

            @Override
            public String xml() {
                return xml;
            }
        }

        public VhostUser {
            Require.absolutePath(socketPath, "vhost-user socket");
            Require.present(mode, "vhost-user mode");
            if (reconnectSeconds != null && (reconnectSeconds < 1 || mode != Mode.CLIENT)) {
                throw new IllegalArgumentException("vhost-user reconnect needs client mode and a positive timeout");
            }
        }

        @Override
        public String interfaceType() {
            return "vhostuser";
        }

        @Override
        public boolean hasTap() {
            return false;
        }
    }

    /** A plain tap that labvisor or libvirt creates, not attached to anything: no {@code <source>}. */
    record Ethernet() implements InterfaceSource {
        @Override
        public String interfaceType() {
            return "ethernet";
        }
    }
}
