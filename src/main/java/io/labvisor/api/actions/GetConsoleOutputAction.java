package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.compute.InstanceService;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** GetConsoleOutput: the last 64 KiB of the serial console, base64-encoded as EC2 sends it. */
final class GetConsoleOutputAction implements ActionHandler {
    private final InstanceService instances;

    GetConsoleOutputAction(InstanceService instances) {
        this.instances = instances;
    }

    @Override
    public String action() {
        return "GetConsoleOutput";
    }

    @Override
    public Execution prepare(QueryRequest q) {
        String instanceId = instances.require(q.requiredString("InstanceId")).instanceId();
        q.bool("Latest", false); // the output is always the latest
        return out -> {
            String console = instances.consoleOutput(instanceId);
            out.text("instanceId", instanceId).text("timestamp", Instant.now())
                    .text("output", Base64.getEncoder().encodeToString(console.getBytes(StandardCharsets.UTF_8)));
        };
    }
}
