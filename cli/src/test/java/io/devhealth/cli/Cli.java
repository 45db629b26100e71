package io.devhealth.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

import io.devhealth.cli.command.Devhealth;

/** Runs devhealth commands in this JVM (no JVM start per command), with their own stdin, config directory and streams. */
record Cli(Path configDir) {

    record Result(int exitCode, String out, String err) {
    }

    Result runWithStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal terminal = new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), null, configDir, Clock.systemUTC(), false);
        int exit = Devhealth.commandLine(terminal).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    Result run(String... args) {
        return runWithStdin("", args);
    }
}
