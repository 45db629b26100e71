package io.devhealth.cli.command;

import java.util.Arrays;
import java.util.concurrent.Callable;

import io.devhealth.cli.ExitCode;
import io.devhealth.cli.Terminal;
import io.devhealth.cli.api.ApiClient;
import io.devhealth.cli.api.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "login", description = {
        "Sign in and keep the session (access and refresh tokens) in $XDG_CONFIG_HOME/devhealth/session.json "
                + "(else ~/.config/devhealth), readable by you only.",
        "The password is typed at a prompt, or piped with --password-stdin; never an argument." })
final class LoginCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Option(names = "--url", defaultValue = "${env:DEVHEALTH_URL:-http://127.0.0.1:8080}",
            description = "The gateway's base URL (default: $DEVHEALTH_URL, else ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--email", required = true, description = "Your account's email.")
    String email;

    @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
    boolean passwordStdin;

    LoginCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        char[] password = terminal.secret("Password", passwordStdin, "--password-stdin");
        try {
            Session session = ApiClient.login(terminal.sessions(), terminal.clock(), url, email, password);
            terminal.out().printf("logged in to %s as %s%n", session.url(), session.email());
            return ExitCode.OK;
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
