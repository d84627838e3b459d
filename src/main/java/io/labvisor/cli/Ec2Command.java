package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.Renderer;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** A verb that acts through a {@link Labvisor} and prints one response in the chosen output format. */
abstract class Ec2Command implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    /** The EC2 operation name used in error messages, e.g. RunInstances. */
    abstract String operation();

    abstract JsonNode execute(Labvisor labvisor) throws Exception;

    @Override
    public Integer call() throws Exception {
        try (Main.Use use = main.open()) {
            JsonNode response = execute(use.labvisor());
            if (response != null) {
                spec.commandLine().getOut().println(Renderer.render(response, main.format(), operation()));
                spec.commandLine().getOut().flush();
            }
        }
        return 0;
    }
}
