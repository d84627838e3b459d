package io.labvisor.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every verb, nested ones included, answers --help with its usage and opens no labvisor to do it. */
class HelpTest {
    @Test
    void everyVerbAnswersHelp() {
        assertHelp("describe-volumes", "--help");
        assertHelp("bench", "launch", "--help");
        assertHelp("run-instances", "-h");
    }

    private static void assertHelp(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute(args), String.join(" ", args));
        String verb = args[args.length - 2];
        assertTrue(out.toString().startsWith("Usage: labvisor ") && out.toString().contains(verb), out.toString());
    }
}
