package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.OutputFormat;
import io.labvisor.explain.Anatomy;
import io.labvisor.explain.AnatomyJson;
import io.labvisor.explain.AnatomyReader;
import io.labvisor.explain.AnatomySvg;
import io.labvisor.explain.AnatomyText;
import io.labvisor.explain.ProcTasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;

/** The anatomy of one instance, for teaching: type, AMI, domain XML, QEMU command line, threads and CPUs. */
@Command(name = "explain", description = "Show how an instance is built on this host: domain XML, QEMU command "
        + "line, and every host thread and process serving it with the CPUs it may run on.")
final class ExplainCommand extends Ec2Command {
    @Parameters(index = "0", paramLabel = "INSTANCE_ID")
    String instanceId;

    @Option(names = "--svg", paramLabel = "FILE", description = "also write a picture of host CPUs, threads and cards")
    Path svg;

    @Override
    String operation() {
        return "Explain";
    }

    @Override
    JsonNode execute(Labvisor labvisor) throws Exception {
        Anatomy anatomy = new AnatomyReader(labvisor, ProcTasks.host()).read(instanceId);
        if (svg != null) {
            Files.writeString(svg, AnatomySvg.render(anatomy));
        }
        if (main.output == OutputFormat.json) {
            return AnatomyJson.render(anatomy);
        }
        spec.commandLine().getOut().print(AnatomyText.render(anatomy));
        spec.commandLine().getOut().flush();
        return null;
    }
}
