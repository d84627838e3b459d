package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.JsonRenderer;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.operation.Ec2Operations;
import io.labvisor.operation.Operation;
import picocli.CommandLine.Option;

/**
 * A verb that is one EC2 operation: its options make the operation's typed request (their names are the request
 * members' AWS CLI options, checked by a test), and the response is the one the Query API answers, as JSON.
 * {@code --dry-run} validates and stops, as through the API.
 */
abstract class OperationCommand extends Ec2Command {
    @Option(names = "--dry-run", description = "check the request and stop, changing nothing")
    boolean dryRun;

    /** The typed request made of the options given. */
    abstract Record request();

    @Override
    JsonNode execute(Labvisor labvisor) {
        Operation<?, ?> operation = Ec2Operations.standard(labvisor).require(operation());
        Operation.Prepared<? extends Record> prepared = operation.prepareAny(request());
        if (dryRun) {
            throw new Ec2Exception(ErrorCode.DRY_RUN_OPERATION, "Request would have succeeded, but DryRun flag is set.");
        }
        return JsonRenderer.render(prepared.execute());
    }
}
