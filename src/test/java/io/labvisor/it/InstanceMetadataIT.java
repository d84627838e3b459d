package io.labvisor.it;

import io.labvisor.Labvisor;
import io.labvisor.compute.Instance;
import io.labvisor.compute.IoProfile;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.image.Image;
import io.labvisor.net.Subnet;
import io.labvisor.net.Vpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The instance metadata service at 169.254.169.254, IMDSv2: a user-data script takes a session token, reads its own
 * instance id, type and private address with it and prints them (LABVISOR-IMDS, docs/CONTRACTS.md), and shows that a
 * request without a token gets 401 and an unknown path 404. One guest on the shared default subnet, one on a VPC
 * subnet of its own; both virtio, so their security group filters are in the path. And one nitro guest, whose
 * packets reach the namespace through its network card.
 */
class InstanceMetadataIT {
    /** Busybox has no wget PUT: the script writes its HTTP requests by hand and sends them with nc. */
    static final String SCRIPT = """
            #!/bin/sh
            imds() {
              { printf '%s %s HTTP/1.0\\r\\n' "$1" "$2"; [ -z "$3" ] || printf '%s\\r\\n' "$3"; printf '\\r\\n'; } \\
                | nc 169.254.169.254 80
            }
            status() { head -n1 | cut -d' ' -f2; }
            body() { tr -d '\\r' | sed '1,/^$/d'; }
            n=0
            while :; do
              r=$(imds PUT /latest/api/token 'X-aws-ec2-metadata-token-ttl-seconds: 300')
              [ "$(printf '%s\\n' "$r" | status)" = 200 ] && break
              n=$((n + 1)); [ $n -ge 120 ] && break
              sleep 1
            done
            token=$(printf '%s\\n' "$r" | body)
            h="X-aws-ec2-metadata-token: $token"
            id=$(imds GET /latest/meta-data/instance-id "$h" | body)
            type=$(imds GET /latest/meta-data/instance-type "$h" | body)
            ip=$(imds GET /latest/meta-data/local-ipv4 "$h" | body)
            az=$(imds GET /latest/meta-data/placement/availability-zone "$h" | body)
            no_token=$(imds GET /latest/meta-data/instance-id | status)
            unknown=$(imds GET /latest/meta-data/no-such-key "$h" | status)
            echo "LABVISOR-IMDS instance_id=${id:-none} instance_type=${type:-none} local_ipv4=${ip:-none} az=${az:-none} no_token=${no_token:-none} unknown_path=${unknown:-none} retries=$n"
            """;

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
    void guestsReadTheirOwnMetadataWithATokenOnTheDefaultAndAVpcSubnet() throws Exception {
        Labvisor lv = host.labvisor();
        int x = ThreadLocalRandom.current().nextInt(64, 250);
        Vpc vpc = lv.vpcs().createVpc("10." + x + ".0.0/16");
        Subnet subnet = lv.vpcs().createSubnet(vpc.vpcId(), "10." + x + ".1.0/24");
        List<String> ids = new ArrayList<>();
        try {
            RunRequest base = RunRequest.of(ami.imageId(), "t3.nano", 1).withIoProfile(IoProfile.VIRTIO)
                    .withUserData(SCRIPT);
            Instance onDefault = lv.instances().run(base).instances().get(0);
            ids.add(onDefault.instanceId());
            Instance onVpc = lv.instances().run(base.withSubnet(subnet.subnetId())).instances().get(0);
            ids.add(onVpc.instanceId());
            assertOwnMetadata(onDefault, "t3.nano");
            assertOwnMetadata(onVpc, "t3.nano");
        } finally {
            if (!ids.isEmpty()) {
                lv.instances().terminate(ids);
            }
            lv.vpcs().deleteSubnet(subnet.subnetId());
            lv.securityGroups().deleteVpc(vpc.vpcId());
        }
    }

    /** The nitro profile's NIC: guest, vhost-user, its network card, the card's tap on the bridge, the server. */
    @Test
    void nitroGuestReachesTheServiceThroughItsNetworkCard() throws Exception {
        Labvisor lv = host.labvisor();
        Instance nitro = lv.instances().run(RunRequest.of(ami.imageId(), "t3.nano", 1)
                .withIoProfile(IoProfile.NITRO).withUserData(SCRIPT)).instances().get(0);
        try {
            assertOwnMetadata(nitro, "t3.nano");
        } finally {
            lv.instances().terminate(List.of(nitro.instanceId()));
        }
    }

    private static void assertOwnMetadata(Instance i, String type) throws InterruptedException {
        ConsoleLog console = new ConsoleLog(Path.of(i.consoleLog()));
        GuestLine line = console.await("LABVISOR-IMDS", Duration.ofMinutes(5))
                .orElseThrow(() -> new AssertionError(i.instanceId() + " printed no LABVISOR-IMDS line; console:\n"
                        + console.tail()));
        String where = i.instanceId() + " on " + i.network() + ": " + line;
        assertEquals(i.instanceId(), line.get("instance_id"), where);
        assertEquals(type, line.get("instance_type"), where);
        assertEquals(i.privateIp().orElseThrow(), line.get("local_ipv4"), where);
        assertEquals(io.labvisor.ec2.Placement.AVAILABILITY_ZONE, line.get("az"), where);
        assertEquals("401", line.get("no_token"), where);
        assertEquals("404", line.get("unknown_path"), where);
    }
}
