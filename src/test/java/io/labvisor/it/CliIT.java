package io.labvisor.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labvisor.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI as a user runs it: AWS-CLI-shaped JSON on stdout, AWS-CLI-shaped errors and exit status. */
class CliIT {
    private static TestHost host;
    private static Map<String, String> env;

    @BeforeAll
    static void setUp() {
        String id = TestHost.newId();
        env = TestHost.environment(id, "tcg");
        env.forEach(System::setProperty);
        host = TestHost.create(id, "tcg");
    }

    @AfterAll
    static void tearDown() {
        host.close();
        env.keySet().forEach(System::clearProperty);
    }

    private record Result(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void describeInstanceTypesFiltersLikeTheAwsCli() throws Exception {
        Result r = run("describe-instance-types", "--filters", "Name=instance-type,Values=t3.*",
                "Name=vcpu-info.default-vcpus,Values=2");
        assertEquals(0, r.exit(), r.err());
        JsonNode types = r.json().get("InstanceTypes");
        assertEquals(5, types.size(), "t3.nano..t3.large have 2 vCPUs: " + types);
        types.forEach(t -> assertEquals(2, t.at("/VCpuInfo/DefaultVCpus").asInt()));
    }

    @Test
    void unknownAmiIsAnAwsStyleErrorWithExitStatus254() {
        Result r = run("run-instances", "--image-id", "ami-0123456789abcdef0", "--instance-type", "t3.micro");
        assertEquals(254, r.exit());
        assertTrue(r.err().contains("An error occurred (InvalidAMIID.NotFound) when calling the RunInstances operation"),
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void unknownInstanceIdAndMalformedFilter() {
        Result r = run("describe-instances", "--instance-ids", "i-0123456789abcdef0");
        assertEquals(254, r.exit());
        assertTrue(r.err().contains("(InvalidInstanceID.NotFound)"), r.err());
        Result f = run("describe-instances", "--filters", "instance-state-name=running");
        assertEquals(254, f.exit());
        assertTrue(f.err().contains("(InvalidParameterValue)"), f.err());
    }

    @Test
    void describeImagesAndTextOutput() throws Exception {
        host.registerTinyAmi();
        Result r = run("describe-images", "--filters", "Name=name,Values=labvisor-*");
        assertEquals(0, r.exit(), r.err());
        JsonNode image = r.json().at("/Images/0");
        assertEquals("labvisor-tiny", image.get("Name").asText());
        assertTrue(image.get("ImageId").asText().matches("ami-[0-9a-f]{17}"));
        assertEquals("/dev/xvda", image.at("/BlockDeviceMappings/0/DeviceName").asText());
        Result text = run("describe-images", "--output", "text");
        assertTrue(text.out().lines().anyMatch(l -> l.startsWith("IMAGES\t")), text.out());
    }

    @Test
    void usageErrorsExitWith252() {
        assertEquals(252, run("run-instances").exit());
    }
}
