package io.devhealth.cli;

import io.devhealth.cli.command.Devhealth;

/** {@code devhealth …}: runs the command and exits with its code ({@link ExitCode}). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Devhealth.commandLine(Terminal.system()).execute(args));
    }
}
