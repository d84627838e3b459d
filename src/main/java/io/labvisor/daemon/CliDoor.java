package io.labvisor.daemon;

import io.labvisor.Labvisor;
import io.labvisor.cli.Main;
import picocli.CommandLine;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The CLI's door into the daemon: a client's command line is parsed and run here, over the daemon's one labvisor,
 * with the client's folder for relative paths; its output goes back to the client as it is written.
 */
final class CliDoor implements ControlSocket.Handler {
    private final Labvisor labvisor;
    private final DaemonStatus status;

    CliDoor(Labvisor labvisor, DaemonStatus status) {
        this.labvisor = labvisor;
        this.status = status;
    }

    @Override
    public int handle(ControlProtocol.Request request, OutputStream out, OutputStream err) {
        PrintWriter stdout = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter stderr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try {
            if (request.argv().equals(java.util.List.of("daemon", "status"))) {
                stdout.println(status.json());
                return 0;
            }
            CommandLine cl = Main.inDaemon(labvisor, Path.of(request.workingDir()));
            cl.setOut(stdout);
            cl.setErr(stderr);
            return cl.execute(request.argv().toArray(String[]::new));
        } finally {
            stdout.flush();
            stderr.flush();
        }
    }
}
