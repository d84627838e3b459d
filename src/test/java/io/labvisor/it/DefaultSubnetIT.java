package io.labvisor.it;

import io.labvisor.Labvisor;
import io.labvisor.compute.Instance;
import io.labvisor.compute.IoProfile;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.image.Image;
import io.labvisor.net.DefaultNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The shared default subnet ({@code labvisor-default}, which keeps a dynamic DHCP range and is used by every labvisor
 * state on the host) hands each instance exactly its allocated private address, so the security group filters keyed
 * on that address pass its traffic: two instances in the default group ping each other.
 * <p>
 * A first instance takes a lease and is terminated, so its lease is left behind in dnsmasq (the condition that
 * gave later instances dynamic addresses). B is launched knowing A's address and pings it; A pings every neighbour that appears in its ARP table (B, once B
 * has asked for A), so neither script needs an address it cannot know at launch.
 */
class DefaultSubnetIT {
    private static TestHost host;
    private static Image ami;

    @BeforeAll
    static void setUp() {
        host = TestHost.create();
        ami = host.registerTinyAmi();
    }

    @AfterAll
    static void tearDown() {
        host.close();
    }

    @Test
    void instancesOnTheDefaultSubnetGetTheirAddressAndReachEachOther() throws Exception {
        Labvisor lv = host.labvisor();
        List<String> ids = new ArrayList<>();
        try {
            // virtio: the security group nwfilters sit on QEMU's tap (nitro NICs bypass them)
            RunRequest base = RunRequest.of(ami.imageId(), "t3.nano", 1).withIoProfile(IoProfile.VIRTIO);
            // A lease outlives its instance in dnsmasq: the next launch must not be given the address it holds
            // (whatever else the shared network's other users leave behind).
            Instance gone = lv.instances().run(base).instances().get(0);
            String goneIp = gone.privateIp().orElseThrow();
            assertEquals(goneIp + "/" + DefaultNetwork.PREFIX, leasedAddress(new ConsoleLog(Path.of(gone.consoleLog()))));
            lv.instances().terminate(List.of(gone.instanceId()));

            Instance a = lv.instances().run(base.withUserData("#!/bin/sh\n"
                    + "while true; do\n"
                    + "  for p in $(awk 'NR > 1 && $1 != \"" + DefaultNetwork.GATEWAY + "\" { print $1 }' /proc/net/arp); do\n"
                    + "    if ping -c1 -W1 $p >/dev/null 2>&1; then r=ok; else r=fail; fi\n"
                    + "    echo \"LABVISOR-PING peer=$p result=$r\"\n"
                    + "  done\n"
                    + "  sleep 1\n"
                    + "done &\n")).instances().get(0);
            ids.add(a.instanceId());
            String ipA = a.privateIp().orElseThrow();
            Instance b = lv.instances().run(base.withUserData(GuestPings.loop(ipA))).instances().get(0);
            ids.add(b.instanceId());
            String ipB = b.privateIp().orElseThrow();
            assertNotEquals(goneIp, ipA, "the terminated instance's lease still holds its address");
            assertNotEquals(goneIp, ipB, "the terminated instance's lease still holds its address");
            assertEquals(DefaultNetwork.NAME, a.network());
            assertEquals(DefaultNetwork.NAME, b.network());

            ConsoleLog consoleA = new ConsoleLog(Path.of(a.consoleLog()));
            ConsoleLog consoleB = new ConsoleLog(Path.of(b.consoleLog()));
            assertEquals(ipA + "/" + DefaultNetwork.PREFIX, leasedAddress(consoleA), "A's DHCP lease");
            assertEquals(ipB + "/" + DefaultNetwork.PREFIX, leasedAddress(consoleB), "B's DHCP lease");

            awaitPings(consoleB, ipA, 3, "B pings A in the default group");
            awaitPings(consoleA, ipB, 3, "A pings B back");
        } finally {
            if (!ids.isEmpty()) {
                lv.instances().terminate(ids);
            }
        }
    }

    static String leasedAddress(ConsoleLog console) throws InterruptedException {
        return console.await("LABVISOR-NET", Duration.ofMinutes(4))
                .orElseThrow(() -> new AssertionError("no lease:\n" + console.tail())).get("ipv4");
    }

    /** Waits for {@code n} consecutive ok PING lines to {@code peer}. */
    static void awaitPings(ConsoleLog console, String peer, int n, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            int run = 0;
            for (GuestLine l : console.lines()) {
                if (l.kind().equals("LABVISOR-PING") && peer.equals(l.get("peer"))) {
                    run = "ok".equals(l.get("result")) ? run + 1 : 0;
                    if (run >= n) {
                        return;
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(what + ": no " + n + " consecutive ok pings to " + peer + "; console:\n"
                + console.tail());
    }
}
