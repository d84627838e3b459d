package io.labvisor.cli;

import ch.qos.logback.classic.Level;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.OutputFormat;
import io.labvisor.config.LabvisorConfig;
import io.labvisor.ec2.Ec2Exception;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * labvisor's command line. Verbs and options mirror {@code aws ec2}; errors print like the AWS CLI's
 * ("An error occurred (Code) when calling the Operation operation: message") and exit with its status 254.
 */
// scope INHERIT: every verb, nested ones too, takes --help and --version, as the AWS CLI's verbs take help
@Command(name = "labvisor", mixinStandardHelpOptions = true, version = "labvisor 0.1.0", scope = CommandLine.ScopeType.INHERIT,
        description = "EC2 on your own lab machine: instance types and AMIs as libvirt domains.",
        subcommands = {
                DescribeInstanceTypesCommand.class,
                RegisterImageCommand.class,
                DescribeImagesCommand.class,
                DeregisterImageCommand.class,
                RunInstancesCommand.class,
                DescribeInstancesCommand.class,
                StopInstancesCommand.class,
                StartInstancesCommand.class,
                RebootInstancesCommand.class,
                TerminateInstancesCommand.class,
                DescribeInstanceStatusCommand.class,
                ModifyInstanceAttributeCommand.class,
                DescribeInstanceAttributeCommand.class,
                GetConsoleOutputCommand.class,
                CreateVolumeCommand.class,
                DescribeVolumesCommand.class,
                DeleteVolumeCommand.class,
                AttachVolumeCommand.class,
                DetachVolumeCommand.class,
                CreateSnapshotCommand.class,
                DescribeSnapshotsCommand.class,
                DeleteSnapshotCommand.class,
                CreateImageCommand.class,
                VpcCommands.CreateVpc.class,
                VpcCommands.DescribeVpcs.class,
                VpcCommands.DeleteVpc.class,
                VpcCommands.CreateSubnet.class,
                VpcCommands.DescribeSubnets.class,
                VpcCommands.DeleteSubnet.class,
                SecurityGroupCommands.Create.class,
                SecurityGroupCommands.Describe.class,
                SecurityGroupCommands.Authorize.class,
                SecurityGroupCommands.Revoke.class,
                SecurityGroupCommands.AuthorizeEgress.class,
                SecurityGroupCommands.RevokeEgress.class,
                SecurityGroupCommands.Delete.class,
                TagCommands.Create.class,
                TagCommands.Delete.class,
                TagCommands.Describe.class,
                CreateAccessKeyCommand.class,
                ListAccessKeysCommand.class,
                DeleteAccessKeyCommand.class,
                AccelCommand.class,
                ExplainCommand.class,
                BenchCommand.class,
                QuickstartCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    /** The AWS CLI's exit status for an error the service returned. */
    public static final int EXIT_SERVICE_ERROR = 254;
    /** The AWS CLI's exit status for a command line it could not parse. */
    public static final int EXIT_USAGE = 252;

    @Option(names = "--output", scope = CommandLine.ScopeType.INHERIT, description = "json (default), table or text")
    OutputFormat output;

    /** The format asked for, or JSON as the AWS CLI defaults to. */
    OutputFormat format() {
        return output != null ? output : OutputFormat.json;
    }

    @Option(names = "--accel", scope = CommandLine.ScopeType.INHERIT, description = "kvm, tcg or auto (default: probe once, then cached)")
    String accel;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "log what labvisor does")
    boolean debug;

    /** The daemon's labvisor, when the commands run inside labvisord; null when they run in-process. */
    private final Labvisor shared;
    /** The caller's working directory: relative paths in arguments are the caller's, not the daemon's. */
    private final Path workingDir;

    private Main(Labvisor shared, Path workingDir) {
        this.shared = shared;
        this.workingDir = workingDir;
    }

    /** The labvisor a command acts through, closed after the command only if it was opened for it. */
    record Use(Labvisor labvisor, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                labvisor.close();
            }
        }
    }

    Use open() {
        if (shared != null) {
            if (accel != null && !accel.equals(shared.config().accelOverride().orElse("auto"))) {
                throw Ec2Exception.invalidParameter("--accel is labvisord's setting: start it with LABVISOR_ACCEL="
                        + accel + " ./labvisor daemon restart");
            }
            return new Use(shared, false);
        }
        LabvisorConfig config = LabvisorConfig.fromEnvironment();
        if (accel != null) {
            config = config.withAccelOverride(accel);
        }
        return new Use(Labvisor.open(config), true);
    }

    /** A relative path as the caller meant it. */
    Path resolve(Path path) {
        return workingDir.resolve(path);
    }

    void applyLogging() {
        if (shared != null) {
            return; // the daemon's log level is the daemon's; one caller's --debug must not change it
        }
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(debug ? Level.DEBUG : Level.WARN);
    }

    /** The command line run in this process, over a labvisor each command opens (tests use it). */
    public static CommandLine commandLine() {
        return commandLine(new Main(null, Path.of("").toAbsolutePath()));
    }

    /** The command line as labvisord runs it for one client: over the daemon's labvisor, from the client's folder. */
    public static CommandLine inDaemon(Labvisor shared, Path workingDir) {
        return commandLine(new Main(shared, workingDir));
    }

    private static CommandLine commandLine(Main main) {
        CommandLine cl = new CommandLine(main);
        cl.registerConverter(Path.class, s -> main.resolve(Path.of(s)));
        cl.setExecutionStrategy(parsed -> {
            ((Main) parsed.asCommandLineList().get(0).getCommand()).applyLogging();
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            String op = cmd.getCommand() instanceof Ec2Command c ? c.operation() : cmd.getCommandName();
            if (ex instanceof Ec2Exception e) {
                err.printf("%nAn error occurred (%s) when calling the %s operation: %s%n", e.code().code(), op,
                        e.getMessage());
                err.flush();
                return EXIT_SERVICE_ERROR;
            }
            err.printf("%nlabvisor failed during %s: %s%n", op, ex);
            err.flush();
            if (((Main) parsed.asCommandLineList().get(0).getCommand()).debug) {
                ex.printStackTrace(err);
            }
            return 255;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(ex.getMessage());
            ex.getCommandLine().usage(err);
            return EXIT_USAGE;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
