package io.labvisor.cli;

import ch.qos.logback.classic.Level;
import io.labvisor.Labvisor;
import io.labvisor.api.ApiServer;
import io.labvisor.imds.MetadataWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.net.InetAddress;
import java.util.concurrent.Callable;

@Command(name = "serve", description = "Serve the EC2 Query API (sign requests with a key from create-access-key); "
        + "keeps the instance metadata server running meanwhile.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "" + ApiServer.DEFAULT_PORT, description = "TCP port (default 8787)")
    int port;

    @Option(names = "--bind", defaultValue = ApiServer.DEFAULT_BIND,
            description = "address to listen on (default 127.0.0.1; anything else exposes the API to the network)")
    String bind;

    @Override
    public Integer call() throws Exception {
        // The access log is the point of a server's output; --debug still turns everything up.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.labvisor.api")).setLevel(Level.INFO);
        if (!InetAddress.getByName(bind).isLoopbackAddress()) {
            log.warn("listening on {}: anyone who can reach it and holds an access key controls this host's guests", bind);
        }
        Labvisor labvisor = main.open();
        // a long-running labvisor keeps the metadata server up; otherwise only the next launch or start would
        MetadataWatch metadata = new MetadataWatch(labvisor.metadata()::ensure);
        try {
            metadata.start();
        } catch (RuntimeException e) {
            log.warn("instance metadata service unavailable: {}", e.getMessage());
        }
        ApiServer server;
        try {
            server = ApiServer.start(ApiServer.endpoint(labvisor), bind, port);
        } catch (Exception e) {
            metadata.close();
            labvisor.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            metadata.close();
            server.close();
            labvisor.close();
        }, "labvisor-serve-stop"));
        spec.commandLine().getOut().printf("labvisor EC2 API on %s (service ec2, any region, API version 2016-11-15)%n",
                server.uri());
        spec.commandLine().getOut().flush();
        server.join();
        return 0;
    }
}
