package io.labvisor.api;

import io.labvisor.console.ConsoleLog;
import io.labvisor.iam.NewAccessKey;
import io.labvisor.it.TestHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachmentState;
import software.amazon.awssdk.services.ec2.model.VolumeState;
import software.amazon.awssdk.services.ec2.model.VolumeType;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesResponse;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API server over an isolated labvisor (own state and pool, guests under TCG), driven by the official AWS SDK
 * for Java v2 EC2 client with an access key created through labvisor: a whole instance life plus the ways a request
 * is refused: VPCs, subnets, security groups and their rules; a volume attached to, seen on and detached from a
 * running instance; tags on all of them and the tag filters. One guest boots at a time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Ec2ApiIT {
    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(4);
    private static TestHost host;
    private static ApiServer server;
    private static NewAccessKey key;
    private static Ec2Client ec2;
    private static String amiId;

    @BeforeAll
    static void start() throws Exception {
        host = TestHost.create();
        key = host.labvisor().accessKeys().create();
        server = ApiServer.start(ApiServer.endpoint(host.labvisor()), "127.0.0.1", 0);
        ec2 = client(key.secretAccessKey());
        // RegisterImage through the API: EC2's ImageLocation carries labvisor's manifest path.
        amiId = ec2.registerImage(r -> r.name("labvisor-tiny-api").description("registered over the API")
                .imageLocation(TestHost.TINY_MANIFEST.toString())).imageId();
    }

    @AfterAll
    static void stop() {
        if (ec2 != null) {
            ec2.close();
        }
        if (server != null) {
            server.close();
        }
        if (host != null) {
            host.close();
        }
    }

    private static Ec2Client client(String secret) {
        return Ec2Client.builder()
                .endpointOverride(server.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key.key().accessKeyId(), secret)))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    @Test
    @Order(1)
    void unsignedWronglySignedAndExpiredRequestsAreAuthFailureAndChangeNothing() throws Exception {
        int instances = instanceRows();
        int images = imageRows();
        String run = "Action=RunInstances&Version=2016-11-15&ImageId=" + amiId
                + "&InstanceType=t3.micro&MinCount=1&MaxCount=1";

        HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(run)).build(), HttpResponse.BodyHandlers.ofString());
        assertAuthFailure(unsigned);

        try (Ec2Client wrong = client(key.secretAccessKey().substring(1) + "x")) {
            assertErrorCode("AuthFailure", 401, () -> wrong.runInstances(r -> r.imageId(amiId)
                    .instanceType("t3.micro").minCount(1).maxCount(1)));
            assertErrorCode("AuthFailure", 401, () -> wrong.registerImage(r -> r.name("must-not-exist")
                    .imageLocation(TestHost.TINY_MANIFEST.toString())));
        }

        assertAuthFailure(SignedHttp.post(server.uri(), key.key().accessKeyId(), key.secretAccessKey(),
                Instant.now().minus(Duration.ofHours(1)), run));

        assertEquals(instances, instanceRows(), "no instance row from refused requests");
        assertEquals(images, imageRows(), "no image row from refused requests");
        assertTrue(host.labvisor().images().findByName("must-not-exist").isEmpty());
    }

    @Test
    @Order(2)
    void aDeletedKeyStopsWorking() {
        NewAccessKey other = host.labvisor().accessKeys().create();
        host.labvisor().accessKeys().delete(other.key().accessKeyId());
        try (Ec2Client c = Ec2Client.builder().endpointOverride(server.uri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        other.key().accessKeyId(), other.secretAccessKey())))
                .httpClient(ApacheHttpClient.create()).build()) {
            assertErrorCode("AuthFailure", 401, c::describeImages);
        }
    }

    @Test
    @Order(3)
    void errorsAndDryRunComeBackAsTheSdksEc2Exception() {
        int instances = instanceRows();
        assertErrorCode("InvalidAMIID.NotFound", 400, () -> ec2.runInstances(r -> r.imageId("ami-00000000000000000")
                .instanceType("t3.micro").minCount(1).maxCount(1)));
        assertErrorCode("InvalidParameterValue", 400, () -> ec2.runInstances(r -> r.imageId(amiId)
                .instanceType("t9.gigantic").minCount(1).maxCount(1)));
        assertErrorCode("DryRunOperation", 412, () -> ec2.runInstances(r -> r.imageId(amiId)
                .instanceType("t3.micro").minCount(1).maxCount(1).dryRun(true)));
        // Block device mappings are checked before DryRun answers, and before anything is created.
        assertErrorCode("InvalidBlockDeviceMapping", 400, () -> ec2.runInstances(r -> r.imageId(amiId)
                .instanceType("t3.micro").minCount(1).maxCount(1).dryRun(true)
                .blockDeviceMappings(b -> b.deviceName("/dev/xvda").ebs(e -> e.volumeSize(0)))));
        assertErrorCode("InvalidParameterValue", 400, () -> ec2.runInstances(r -> r.imageId(amiId)
                .instanceType("t3.micro").minCount(1).maxCount(1)
                .blockDeviceMappings(b -> b.deviceName("/dev/sdf").ebs(e -> e.volumeSize(1).volumeType("gp9")))));
        assertErrorCode("InvalidInstanceID.NotFound", 400,
                () -> ec2.terminateInstances(r -> r.instanceIds("i-00000000000000000")));
        assertEquals(instances, instanceRows(), "refused and dry-run launches leave no instance");
    }

    @Test
    @Order(4)
    void describeInstanceTypesFiltersAndPages() {
        List<InstanceTypeInfo> t3 = ec2.describeInstanceTypes(r -> r.filters(
                Filter.builder().name("instance-type").values("t3.*").build())).instanceTypes();
        assertTrue(t3.size() >= 3 && t3.stream().allMatch(t -> t.instanceTypeAsString().startsWith("t3.")),
                t3.toString());
        InstanceTypeInfo micro = t3.stream().filter(t -> t.instanceTypeAsString().equals("t3.micro")).findFirst()
                .orElseThrow();
        assertEquals(2, micro.vCpuInfo().defaultVCpus());
        assertEquals(1024L, micro.memoryInfo().sizeInMiB());
        assertEquals(List.of("x86_64"), micro.processorInfo().supportedArchitecturesAsStrings());

        long paged = ec2.describeInstanceTypesPaginator(r -> r.maxResults(5)).instanceTypes().stream().count();
        assertEquals(host.labvisor().catalog().all().size(), paged, "every type once across pages of 5");
    }

    @Test
    @Order(5)
    void describeImagesFindsTheRegisteredAmi() {
        List<Image> images = ec2.describeImages(r -> r.owners("self")
                .filters(Filter.builder().name("name").values("labvisor-tiny-*").build())).images();
        assertEquals(1, images.size(), images.toString());
        Image ami = images.get(0);
        assertEquals(amiId, ami.imageId());
        assertEquals("available", ami.stateAsString());
        assertEquals("registered over the API", ami.description());
        assertEquals("/dev/xvda", ami.rootDeviceName());
        assertEquals(1, ami.blockDeviceMappings().get(0).ebs().volumeSize());
    }

    @Test
    @Order(6)
    void vpcSubnetAndSecurityGroupRulesThroughTheSdk() {
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.147.0.0/16").tagSpecifications(spec(ResourceType.VPC,
                tag("Name", "api-vpc")))).vpc();
        String vpcId = vpc.vpcId();
        assertEquals("10.147.0.0/16", vpc.cidrBlock());
        assertEquals("available", vpc.stateAsString());
        assertEquals(List.of(tag("Name", "api-vpc")), vpc.tags());
        assertEquals(List.of(vpcId), ec2.describeVpcs(r -> r.filters(filter("tag:Name", "api-vpc"))).vpcs().stream()
                .map(Vpc::vpcId).toList());
        assertErrorCode("InvalidVpc.Range", 400, () -> ec2.createVpc(r -> r.cidrBlock("10.0.0.0/8")));

        Subnet subnet = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.147.3.0/24")).subnet();
        assertEquals(vpcId, subnet.vpcId());
        assertEquals(251, subnet.availableIpAddressCount());
        assertEquals("lab-1a", subnet.availabilityZone());
        assertEquals(List.of(subnet.subnetId()), ec2.describeSubnets(r -> r.filters(filter("vpc-id", vpcId)))
                .subnets().stream().map(Subnet::subnetId).toList());

        String sg = ec2.createSecurityGroup(r -> r.groupName("web").description("web servers").vpcId(vpcId)
                .tagSpecifications(spec(ResourceType.SECURITY_GROUP, tag("tier", "web")))).groupId();
        IpPermission http = IpPermission.builder().ipProtocol("tcp").fromPort(80).toPort(80)
                .ipRanges(IpRange.builder().cidrIp("10.147.0.0/16").build()).build();
        IpPermission pingFromMembers = IpPermission.builder().ipProtocol("icmp").fromPort(-1).toPort(-1)
                .userIdGroupPairs(UserIdGroupPair.builder().groupId(sg).build()).build();
        assertTrue(ec2.authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(http, pingFromMembers))
                .returnValue());
        assertErrorCode("InvalidPermission.Duplicate", 400,
                () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(http)));
        // the legacy flat form
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(sg).ipProtocol("udp").fromPort(53).toPort(53)
                .cidrIp("10.147.3.0/24"));

        SecurityGroup described = ec2.describeSecurityGroups(r -> r.filters(filter("tag:tier", "web")))
                .securityGroups().get(0);
        assertEquals(sg, described.groupId());
        assertEquals("web servers", described.description());
        assertEquals(vpcId, described.vpcId());
        Map<String, IpPermission> byProtocol = described.ipPermissions().stream()
                .collect(Collectors.toMap(IpPermission::ipProtocol, p -> p));
        assertEquals(3, byProtocol.size(), described.ipPermissions().toString());
        assertEquals(80, byProtocol.get("tcp").fromPort());
        assertEquals("10.147.0.0/16", byProtocol.get("tcp").ipRanges().get(0).cidrIp());
        assertEquals(sg, byProtocol.get("icmp").userIdGroupPairs().get(0).groupId());
        assertEquals("10.147.3.0/24", byProtocol.get("udp").ipRanges().get(0).cidrIp());

        ec2.revokeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(http, pingFromMembers));
        assertErrorCode("InvalidPermission.NotFound", 400,
                () -> ec2.revokeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(http)));
        assertEquals(List.of("udp"), ec2.describeSecurityGroups(r -> r.groupIds(sg)).securityGroups().get(0)
                .ipPermissions().stream().map(IpPermission::ipProtocol).toList());
        assertErrorCode("DependencyViolation", 400, () -> ec2.deleteVpc(r -> r.vpcId(vpcId)));

        // egress: every new group starts with all protocols to 0.0.0.0/0
        IpPermission anywhere = IpPermission.builder().ipProtocol("-1")
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();
        IpPermission httpsOut = IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
                .ipRanges(IpRange.builder().cidrIp("10.147.0.0/16").build()).build();
        assertEquals(List.of("-1 [0.0.0.0/0]"), egress(sg));
        assertErrorCode("InvalidPermission.Duplicate", 400,
                () -> ec2.authorizeSecurityGroupEgress(r -> r.groupId(sg).ipPermissions(anywhere)));
        assertTrue(ec2.authorizeSecurityGroupEgress(r -> r.groupId(sg).ipPermissions(httpsOut)).returnValue());
        ec2.revokeSecurityGroupEgress(r -> r.groupId(sg).ipPermissions(anywhere));
        assertEquals(List.of("tcp [10.147.0.0/16]"), egress(sg));
        assertErrorCode("InvalidPermission.NotFound", 400,
                () -> ec2.revokeSecurityGroupEgress(r -> r.groupId(sg).ipPermissions(anywhere)));
        assertErrorCode("InvalidGroup.NotFound", 400,
                () -> ec2.authorizeSecurityGroupEgress(r -> r.groupId("sg-0123456789abcdef0").ipPermissions(anywhere)));
        assertEquals(List.of("tcp [10.147.0.0/16]"), egress(sg), "a refused request changes nothing");

        ec2.deleteSecurityGroup(r -> r.groupId(sg));
        ec2.deleteSubnet(r -> r.subnetId(subnet.subnetId()));
        ec2.deleteVpc(r -> r.vpcId(vpcId));
        assertErrorCode("InvalidVpcID.NotFound", 400, () -> ec2.describeVpcs(r -> r.vpcIds(vpcId)));
        assertTrue(ec2.describeTags(r -> r.filters(filter("resource-id", vpcId, sg))).tags().isEmpty(),
                "deleted resources lose their tags");
    }

    /** The group's outbound permissions as "protocol [cidrs]". */
    private static List<String> egress(String groupId) {
        return ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0).ipPermissionsEgress()
                .stream().map(p -> p.ipProtocol() + " " + p.ipRanges().stream().map(IpRange::cidrIp).toList()).toList();
    }

    @Test
    @Order(7)
    void aVolumeIsAttachedToARunningInstanceAndTagsFilterThroughTheSdk() throws Exception {
        // IoProfile is labvisor's own parameter: virtio hot-plugs data volumes (nitro cards do not take them yet)
        RunInstancesResponse run = ec2.runInstances(r -> r.imageId(amiId).instanceType("t3.micro").minCount(1)
                .maxCount(1).tagSpecifications(spec(ResourceType.INSTANCE, tag("Name", "api-volumes"), tag("team", "lab")))
                .overrideConfiguration(o -> o.putRawQueryParameter("IoProfile", "virtio")));
        String id = run.instances().get(0).instanceId();
        assertEquals(List.of(tag("Name", "api-volumes"), tag("team", "lab")), run.instances().get(0).tags());
        ec2.waiter().waitUntilInstanceRunning(r -> r.instanceIds(id));

        assertEquals(List.of(id), instanceIds(filter("tag:Name", "api-volumes")));
        assertEquals(List.of(id), instanceIds(filter("tag-key", "team"), filter("instance-state-name", "running")));
        assertTrue(instanceIds(filter("tag:Name", "someone-else")).isEmpty());
        awaitConsole(id, "LABVISOR-READY");

        assertErrorCode("DryRunOperation", 412, () -> ec2.createVolume(r -> r.size(1).availabilityZone("lab-1a")
                .dryRun(true)));
        Volume created = toVolume(ec2.createVolume(r -> r.size(1).volumeType(VolumeType.GP3)
                .availabilityZone("lab-1a").tagSpecifications(spec(ResourceType.VOLUME, tag("purpose", "scratch")))));
        String vol = created.volumeId();
        assertEquals(1, created.size());
        assertEquals(3000, created.iops());
        assertEquals(List.of(tag("purpose", "scratch")), created.tags());
        ec2.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(vol));

        var attaching = ec2.attachVolume(r -> r.volumeId(vol).instanceId(id).device("/dev/sdf"));
        assertEquals(VolumeAttachmentState.ATTACHING, attaching.state());
        ec2.waiter().waitUntilVolumeInUse(r -> r.volumeIds(vol));
        Volume attached = ec2.describeVolumes(r -> r.volumeIds(vol)).volumes().get(0);
        assertEquals(VolumeState.IN_USE, attached.state());
        assertEquals(VolumeAttachmentState.ATTACHED, attached.attachments().get(0).state());
        assertEquals(id, attached.attachments().get(0).instanceId());
        assertEquals("/dev/sdf", attached.attachments().get(0).device());
        assertEquals(List.of(vol), ec2.describeVolumes(r -> r.filters(filter("attachment.instance-id", id),
                filter("tag:purpose", "scratch"))).volumes().stream().map(Volume::volumeId).toList());
        assertTrue(ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0)
                .blockDeviceMappings().stream().anyMatch(m -> m.ebs().volumeId().equals(vol)));
        assertErrorCode("VolumeInUse", 400, () -> ec2.deleteVolume(r -> r.volumeId(vol)));

        assertEquals(VolumeAttachmentState.DETACHING, ec2.detachVolume(r -> r.volumeId(vol)).state());
        ec2.waiter().waitUntilVolumeAvailable(r -> r.volumeIds(vol));
        assertTrue(ec2.describeVolumes(r -> r.volumeIds(vol)).volumes().get(0).attachments().isEmpty());

        // tags: create on two resources, describe (and page), delete only on a matching value
        ec2.createTags(r -> r.resources(id, vol).tags(tag("env", "test")));
        List<TagDescription> onVolume = ec2.describeTags(r -> r.filters(filter("resource-id", vol))).tags();
        assertEquals(List.of("env", "purpose"), onVolume.stream().map(TagDescription::key).toList());
        assertEquals(ResourceType.VOLUME, onVolume.get(0).resourceType());
        assertEquals(List.of(id), ec2.describeTags(r -> r.filters(filter("key", "env"), filter("resource-type",
                "instance"))).tags().stream().map(TagDescription::resourceId).toList());
        long all = ec2.describeTags(r -> r.filters(filter("resource-id", id, vol))).tags().size();
        assertEquals(5, all);
        assertEquals(all, ec2.describeTagsPaginator(r -> r.maxResults(5).filters(filter("resource-id", id, vol)))
                .tags().stream().count());
        ec2.deleteTags(r -> r.resources(id).tags(Tag.builder().key("env").value("other").build()));
        assertEquals(List.of(id), instanceIds(filter("tag:env", "test")), "a non-matching value deletes nothing");
        ec2.deleteTags(r -> r.resources(id).tags(Tag.builder().key("env").value("test").build()));
        assertTrue(instanceIds(filter("tag:env", "test")).isEmpty());
        assertErrorCode("InvalidParameterValue", 400, () -> ec2.createTags(r -> r.resources(id)
                .tags(tag("aws:reserved", "x"))));
        assertErrorCode("InvalidVolume.NotFound", 400, () -> ec2.createTags(r -> r.resources("vol-00000000000000000")
                .tags(tag("a", "b"))));
        assertErrorCode("InvalidID", 400, () -> ec2.createTags(r -> r.resources("not-an-id").tags(tag("a", "b"))));

        ec2.deleteVolume(r -> r.volumeId(vol));
        assertErrorCode("InvalidVolume.NotFound", 400, () -> ec2.describeVolumes(r -> r.volumeIds(vol)));
        ec2.terminateInstances(r -> r.instanceIds(id));
        ec2.waiter().waitUntilInstanceTerminated(r -> r.instanceIds(id));
        assertTrue(ec2.describeTags(r -> r.filters(filter("resource-id", id, vol))).tags().isEmpty(),
                "a terminated instance and a deleted volume keep no tags");
    }

    @Test
    @Order(8)
    void anInstanceRunsBootsAndTerminatesThroughTheSdk() throws Exception {
        RunInstancesResponse run = ec2.runInstances(r -> r.imageId(amiId).instanceType("t3.micro")
                .minCount(1).maxCount(1));
        assertEquals(1, run.instances().size());
        Instance launched = run.instances().get(0);
        String id = launched.instanceId();
        assertTrue(run.reservationId().startsWith("r-"), run.reservationId());
        assertEquals("t3.micro", launched.instanceTypeAsString());
        assertEquals(amiId, launched.imageId());
        assertEquals("/dev/xvda", launched.rootDeviceName());
        assertTrue(launched.blockDeviceMappings().get(0).ebs().volumeId().startsWith("vol-"));

        ec2.waiter().waitUntilInstanceRunning(r -> r.instanceIds(id));

        DescribeInstancesResponse running = ec2.describeInstances(r -> r.filters(
                Filter.builder().name("instance-state-name").values("running").build(),
                Filter.builder().name("instance-type").values("t3.*").build(),
                Filter.builder().name("image-id").values(amiId).build()));
        List<Instance> found = running.reservations().stream().flatMap(res -> res.instances().stream()).toList();
        assertEquals(List.of(id), found.stream().map(Instance::instanceId).toList());
        assertEquals(InstanceStateName.RUNNING, found.get(0).state().name());
        assertEquals(16, found.get(0).state().code());
        assertEquals("lab-1a", found.get(0).placement().availabilityZone());
        assertTrue(ec2.describeInstances(r -> r.filters(Filter.builder().name("instance-type").values("c5.*").build()))
                .reservations().isEmpty());

        String console = awaitConsole(id, "LABVISOR-BOOT");
        assertTrue(console.contains("LABVISOR-BOOT"), console);

        // the status check passes once the guest says it is ready
        awaitConsole(id, "LABVISOR-READY");
        var status = ec2.describeInstanceStatus(r -> r.instanceIds(id)).instanceStatuses().get(0);
        assertEquals("ok", status.instanceStatus().statusAsString());
        assertEquals(InstanceStateName.RUNNING, status.instanceState().name());

        // stop -> resize -> start through the SDK's own waiters
        var stopping = ec2.stopInstances(r -> r.instanceIds(id)).stoppingInstances().get(0);
        assertEquals(InstanceStateName.RUNNING, stopping.previousState().name());
        ec2.waiter().waitUntilInstanceStopped(r -> r.instanceIds(id));
        assertErrorCode("IncorrectInstanceState", 400, () -> ec2.rebootInstances(r -> r.instanceIds(id)));
        ec2.modifyInstanceAttribute(r -> r.instanceId(id)
                .instanceType(software.amazon.awssdk.services.ec2.model.AttributeValue.builder().value("t3.small").build()));
        var starting = ec2.startInstances(r -> r.instanceIds(id)).startingInstances().get(0);
        assertEquals(InstanceStateName.STOPPED, starting.previousState().name());
        ec2.waiter().waitUntilInstanceRunning(r -> r.instanceIds(id));
        assertEquals("t3.small", ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0)
                .instanceTypeAsString());
        assertTrue(ec2.rebootInstances(r -> r.instanceIds(id)).sdkHttpResponse().isSuccessful());

        TerminateInstancesResponse terminated = ec2.terminateInstances(r -> r.instanceIds(id));
        assertEquals(id, terminated.terminatingInstances().get(0).instanceId());
        assertEquals(InstanceStateName.RUNNING, terminated.terminatingInstances().get(0).previousState().name());
        assertTrue(List.of(InstanceStateName.SHUTTING_DOWN, InstanceStateName.TERMINATED)
                .contains(terminated.terminatingInstances().get(0).currentState().name()));
        assertEquals(InstanceStateName.TERMINATED, ec2.describeInstances(r -> r.instanceIds(id))
                .reservations().get(0).instances().get(0).state().name());

        assertTrue(ec2.deregisterImage(r -> r.imageId(amiId)).returnValue());
        assertErrorCode("InvalidAMIID.NotFound", 400, () -> ec2.describeImages(r -> r.imageIds(amiId)));
    }

    /**
     * Waits until the guest's serial console log holds the marker line, then reads the console through
     * GetConsoleOutput (EC2, and so the SDK, hands it out base64-encoded), which must show it too.
     */
    private static String awaitConsole(String id, String marker) throws InterruptedException {
        ConsoleLog log = new ConsoleLog(Path.of(host.labvisor().instances().require(id).consoleLog()));
        boolean seen = log.await(marker, BOOT_DEADLINE).isPresent();
        String output = ec2.getConsoleOutput(r -> r.instanceId(id)).output();
        String text = output == null ? "" : new String(Base64.getDecoder().decode(output), StandardCharsets.UTF_8);
        if (!seen) {
            throw new AssertionError(id + " printed no " + marker + " within " + BOOT_DEADLINE + "; console:\n" + text);
        }
        return text;
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static TagSpecification spec(ResourceType type, Tag... tags) {
        return TagSpecification.builder().resourceType(type).tags(tags).build();
    }

    private static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    private static List<String> instanceIds(Filter... filters) {
        return ec2.describeInstances(r -> r.filters(filters)).reservations().stream()
                .flatMap(res -> res.instances().stream()).map(Instance::instanceId).toList();
    }

    /** CreateVolume answers the volume's own fields; the SDK gives them as a response, not a Volume. */
    private static Volume toVolume(software.amazon.awssdk.services.ec2.model.CreateVolumeResponse v) {
        return Volume.builder().volumeId(v.volumeId()).size(v.size()).iops(v.iops()).tags(v.tags())
                .state(v.state()).build();
    }

    private static int instanceRows() {
        return host.labvisor().instances().describe(List.of(), List.of()).size();
    }

    private static int imageRows() {
        return host.labvisor().images().describe(List.of(), List.of()).size();
    }

    private static void assertAuthFailure(HttpResponse<String> r) {
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.body().contains("<Code>AuthFailure</Code>"), r.body());
    }

    private static void assertErrorCode(String code, int status, org.junit.jupiter.api.function.Executable call) {
        Ec2Exception e = assertThrows(Ec2Exception.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
    }
}
