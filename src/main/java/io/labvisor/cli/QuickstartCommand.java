package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.Labvisor;
import io.labvisor.accel.AccelChoice;
import io.labvisor.cli.output.JsonRenderer;
import io.labvisor.compute.Instance;
import io.labvisor.compute.Reservation;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.domain.DomainXml;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.explain.IoPaths;
import io.labvisor.image.Image;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The README's first command ends here: register the default AMI (again if it was rebuilt), launch one instance,
 * and show that a real guest booted: its instance, its console boot marker, and where its I/O goes.
 */
@Command(name = "quickstart", description = "Launch an instance from the default AMI and show it booting.")
final class QuickstartCommand extends Ec2Command {
    static final String DEFAULT_AMI = "labvisor-tiny";

    @Option(names = "--instance-type", defaultValue = "t3.micro")
    String instanceType;

    @Option(names = "--io-profile", description = "emulated, virtio or nitro; default: by the type's generation")
    String ioProfile;

    @Option(names = "--manifest", description = "default: images/build/labvisor-tiny/manifest.json")
    Path manifest;

    @Option(names = "--timeout", defaultValue = "300", description = "seconds to wait for the boot marker")
    int timeoutSeconds;

    @Override
    String operation() {
        return "Quickstart";
    }

    @Override
    JsonNode execute(Labvisor lv) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Image image = DefaultAmi.ensure(lv, manifest != null ? manifest : DefaultAmi.manifest(), err);
        AccelChoice accel = lv.accel();
        progress(err, "accelerator: %s (%s: %s)", accel.accelerator().label(), accel.source(), accel.reason());
        long started = System.nanoTime();
        Reservation r = lv.instances().run(new RunRequest(image.imageId(), instanceType, 1, 1,
                Optional.ofNullable(ioProfile).map(io.labvisor.compute.IoProfile::parse)));
        Instance instance = r.instances().get(0);
        progress(err, "launched %s (%s), waiting for its boot marker on the serial console", instance.instanceId(),
                instanceType);
        ConsoleLog console = new ConsoleLog(Path.of(instance.consoleLog()));
        GuestLine boot = console.await(GuestLine.BOOT, Duration.ofSeconds(timeoutSeconds))
                .orElseThrow(() -> new Ec2Exception(ErrorCode.INTERNAL_ERROR, "No boot marker within "
                        + timeoutSeconds + " s; console so far:\n" + console.tail()));
        long bootMs = (System.nanoTime() - started) / 1_000_000;
        console.await(GuestLine.READY, Duration.ofSeconds(30));
        Instance now = lv.instances().require(instance.instanceId());

        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("Instance", JsonRenderer.render(io.labvisor.operation.instance.InstanceView.of(lv).of(now)));
        root.put("BootMarker", console.lines().stream().filter(l -> l.kind().equals(GuestLine.BOOT)).findFirst()
                .map(QuickstartCommand::line).orElse(""));
        root.put("RunToBootMarkerMs", bootMs);
        root.put("GuestUptimeAtMarkerMs", boot.getLong("uptime_ms"));
        ArrayNode io = root.putArray("IoPaths");
        String xml = lv.libvirt().domains().xml(instance.instanceId()).orElseThrow();
        for (IoPaths.Path p : IoPaths.of(now, DomainXml.parse(xml), console.lines(), lv.config().netns())) {
            io.add(p.describe());
        }
        ObjectNode a = root.putObject("Accelerator");
        a.put("Name", accel.accelerator().label());
        a.put("DomainType", accel.accelerator().domainType());
        a.put("Reason", accel.reason());
        ArrayNode next = root.putArray("Next");
        next.add("./labvisor get-console-output --instance-id " + instance.instanceId());
        next.add("./labvisor explain " + instance.instanceId() + "   # domain XML, QEMU command line, threads and cards");
        next.add("./labvisor terminate-instances --instance-ids " + instance.instanceId());
        return root;
    }

    private static String line(GuestLine l) {
        StringBuilder s = new StringBuilder(l.kind());
        l.fields().forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
        return s.toString();
    }

    private static void progress(PrintWriter err, String format, Object... args) {
        err.printf("[quickstart] " + format + "%n", args);
        err.flush();
    }

}
