package io.labvisor.it;

import io.labvisor.Labvisor;
import io.labvisor.compute.Instance;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.image.Image;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 4: user data reaches the guest through fw_cfg, runs once, and its output lands in the console output. */
class UserDataIT {
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
    void userDataScriptOutputAppearsInConsoleOutput() throws Exception {
        Labvisor lv = host.labvisor();
        String script = "#!/bin/sh\necho LABVISOR-HELLO asset=$(cat /sys/class/dmi/id/board_asset_tag)\n";
        Instance i = lv.instances().run(RunRequest.of(ami.imageId(), "t3.nano", 1).withUserData(script))
                .instances().get(0);
        try {
            assertArrayEquals(script.getBytes(StandardCharsets.UTF_8), lv.instances().userData(i.instanceId())
                    .orElseThrow(), "user data kept for DescribeInstanceAttribute");
            ConsoleLog console = new ConsoleLog(Path.of(i.consoleLog()));
            GuestLine hello = console.await("LABVISOR-HELLO", Duration.ofMinutes(4))
                    .orElseThrow(() -> new AssertionError("no user data output; console:\n" + console.tail()));
            assertEquals(i.instanceId(), hello.get("asset"));
            GuestLine done = console.await(l -> l.kind().equals("LABVISOR-USERDATA")
                    && "done".equals(l.fields().get("state")), Duration.ofMinutes(1)).orElseThrow();
            assertEquals("0", done.get("exit"));
            String output = lv.instances().consoleOutput(i.instanceId());
            assertEquals(true, output.contains("LABVISOR-HELLO asset=" + i.instanceId()), output);
        } finally {
            lv.instances().terminate(List.of(i.instanceId()));
        }
    }
}
