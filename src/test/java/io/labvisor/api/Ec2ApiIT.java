package io.labvisor.api;

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
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesResponse;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API server over an isolated labvisor (own state and pool, guests under TCG), driven by the official AWS SDK
 * for Java v2 EC2 client with an access key created through labvisor: a whole instance life plus the ways a request
 * is refused. One guest boots at a time.
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

    /** GetConsoleOutput until the marker shows; EC2 (and so the SDK) hands the console out base64-encoded. */
    private static String awaitConsole(String id, String marker) throws InterruptedException {
        Instant deadline = Instant.now().plus(BOOT_DEADLINE);
        String text = "";
        while (Instant.now().isBefore(deadline)) {
            String output = ec2.getConsoleOutput(r -> r.instanceId(id)).output();
            text = output == null ? "" : new String(Base64.getDecoder().decode(output), StandardCharsets.UTF_8);
            if (text.contains(marker)) {
                return text;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError(id + " printed no " + marker + " within " + BOOT_DEADLINE + "; console:\n" + text);
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
