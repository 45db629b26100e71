package io.devhealth.cli.command;

import java.util.concurrent.Callable;

import io.devhealth.cli.CliException;
import io.devhealth.cli.ExitCode;
import io.devhealth.cli.Terminal;
import io.devhealth.cli.api.ApiClient;
import picocli.CommandLine.Command;

@Command(name = "logout", description = "End the session on the server and delete it here.")
final class LogoutCommand implements Callable<Integer> {

    private final Terminal terminal;

    LogoutCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        if (terminal.sessions().load().isEmpty()) {
            terminal.out().println("not logged in");
            return ExitCode.OK;
        }
        try {
            ApiClient.ofSavedSession(terminal.sessions(), terminal.clock()).logout();
        } catch (CliException e) {
            if (e.exitCode() != ExitCode.UNAUTHORIZED) {
                throw e;
            }
            // Already ended on the server (expired or revoked): deleting it here is all that is left.
        }
        terminal.sessions().delete();
        terminal.out().println("logged out");
        return ExitCode.OK;
    }
}
