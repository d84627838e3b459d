package io.labvisor.cli;

import io.labvisor.bench.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Draws a report's charts, CSV and Markdown again from its results.json: presentation changes need no new run. */
@Command(name = "render", description = "Write a report folder's charts, results.csv and report.md again from its results.json.")
final class BenchRenderCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the report folder, e.g. docs/bench/2026-11-22-vm-all")
    Path dir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ReportWriter.write(ReportWriter.read(dir), dir);
        spec.commandLine().getOut().println(dir.resolve("report.md"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
