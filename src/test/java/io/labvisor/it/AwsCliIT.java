package io.labvisor.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.api.ApiServer;
import io.labvisor.cli.Main;
import io.labvisor.iam.NewAccessKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The two doors through their real clients: the AWS CLI against the Query API, and labvisor's command line, over
 * one state. For each Describe verb both must print the same JSON, but for labvisor's own {@code Labvisor} member
 * (an element the AWS CLI does not know) and the spelling of times. Needs the AWS CLI ({@code aws}).
 */
class AwsCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path AWS = findAws();
    private static TestHost host;
    private static Map<String, String> env;
    private static ApiServer server;
    private static NewAccessKey key;

    private static Path findAws() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, "aws");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        Path pyenv = Path.of("/root/.pyenv/shims/aws");
        return Files.isExecutable(pyenv) ? pyenv : null;
    }

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(AWS != null, "the AWS CLI is not installed");
        String id = TestHost.newId();
        env = TestHost.environment(id, "tcg");
        env.forEach(System::setProperty);
        host = TestHost.create(id, "tcg");
        key = host.labvisor().accessKeys().create();
        server = ApiServer.start(ApiServer.endpoint(host.labvisor()), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (host != null) {
            host.close();
            env.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void bothClientsPrintTheSameDescribes() throws Exception {
        String ami = host.registerTinyAmi().imageId();
        String volume = labvisor("create-volume", "--size", "1", "--volume-type", "gp3", "--tag-specifications",
                "ResourceType=volume,Tags=[{Key=Name,Value=both-doors}]").get("VolumeId").asText();
        String instance = labvisor("run-instances", "--image-id", ami, "--instance-type", "t3.micro", "--io-profile",
                "virtio").at("/Instances/0/InstanceId").asText();
        try {
            same("describe-images", "--image-ids", ami);
            same("describe-volumes", "--volume-ids", volume);
            same("describe-vpcs");
            same("describe-subnets");
            same("describe-security-groups");
            same("describe-tags");
            settle(instance, "running");
            same("describe-instances", "--instance-ids", instance);
            labvisor("terminate-instances", "--instance-ids", instance);
            settle(instance, "terminated");
            same("describe-instances", "--instance-ids", instance);
            same("describe-instance-attribute", "--instance-id", instance, "--attribute", "instanceType");
        } finally {
            labvisor("terminate-instances", "--instance-ids", instance);
            labvisor("delete-volume", "--volume-id", volume);
        }
    }

    /** Waits for the instance to reach {@code state}, so both clients see the same. */
    private static void settle(String instance, String state) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(4).toNanos();
        while (!labvisor("describe-instances", "--instance-ids", instance).at("/Reservations/0/Instances/0/State/Name")
                .asText().equals(state)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(instance + " never reached " + state);
            }
            Thread.sleep(500);
        }
    }

    private static void same(String... args) throws Exception {
        JsonNode ours = comparable(labvisor(args));
        JsonNode theirs = comparable(aws(args));
        assertEquals(theirs, ours, String.join(" ", args) + ":\naws:      " + theirs + "\nlabvisor: " + ours);
    }

    /** Without labvisor's own members, and times as instants. */
    private static JsonNode comparable(JsonNode n) {
        if (n.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!f.getKey().equals("Labvisor")) {
                    out.set(f.getKey(), comparable(f.getValue()));
                }
            }
            return out;
        }
        if (n.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            n.forEach(i -> out.add(comparable(i)));
            return out;
        }
        if (n.isTextual() && n.asText().matches("\\d{4}-\\d\\d-\\d\\dT.*(Z|[+-]\\d\\d:\\d\\d)")) {
            try {
                return JsonNodeFactory.instance.textNode(OffsetDateTime.parse(n.asText()).toInstant().toString());
            } catch (DateTimeParseException e) {
                return n;
            }
        }
        return n;
    }

    private static JsonNode labvisor(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        assertEquals(0, exit, "labvisor " + String.join(" ", args) + ": " + err);
        return out.toString().isBlank() ? JSON.createObjectNode() : JSON.readTree(out.toString());
    }

    private static JsonNode aws(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(AWS.toString(), "ec2", "--endpoint-url", server.uri().toString(),
                "--output", "json"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", key.key().accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", key.secretAccessKey(), "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
        Path out = Files.createTempFile("aws-cli-it", ".out");
        Path err = Files.createTempFile("aws-cli-it", ".err");
        try {
            int exit = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start().waitFor();
            assertEquals(0, exit, "aws " + String.join(" ", args) + ": " + Files.readString(err));
            String text = Files.readString(out, StandardCharsets.UTF_8);
            return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
