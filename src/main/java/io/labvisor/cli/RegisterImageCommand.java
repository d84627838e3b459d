package io.labvisor.cli;

import io.labvisor.operation.image.ImageRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "register-image", description = "Register an AMI from a labvisor image manifest.")
final class RegisterImageCommand extends OperationCommand {
    @Option(names = {"--manifest-path", "--manifest"}, required = true,
            description = "manifest.json of the image (see docs/CONTRACTS.md)")
    Path manifest;

    @Option(names = "--name", description = "AMI name (default: the manifest's)")
    String name;

    @Option(names = "--description")
    String description;

    @Override
    String operation() {
        return "RegisterImage";
    }

    @Override
    Record request() {
        return new ImageRequests.RegisterImage(manifest.toAbsolutePath().toString(), null, name, description);
    }
}
