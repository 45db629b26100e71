package io.devhealth.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import io.devhealth.cli.api.ApiClient;
import io.devhealth.cli.api.SessionStore;

/**
 * Where a command reads and writes: standard streams, the interactive console (for secrets), the configuration
 * directory and the clock. {@link #system()} is the real one; tests build their own to run commands in-process.
 *
 * @param console null when there is no interactive terminal (then secrets must come from stdin)
 */
public record Terminal(InputStream in, PrintWriter out, PrintWriter err, Console console, Path configDir,
        Clock clock, boolean interactive) {

    public static Terminal system() {
        Map<String, String> env = System.getenv();
        Console console = System.console();
        boolean interactive = console != null && console.isTerminal();
        return new Terminal(System.in, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), interactive ? console : null,
                SessionStore.defaultDir(env), Clock.systemUTC(), interactive);
    }

    public SessionStore sessions() {
        return new SessionStore(configDir);
    }

    public ApiClient api() {
        return ApiClient.ofSavedSession(sessions(), clock);
    }

    /**
     * A secret: the first line of stdin when {@code fromStdin} (as {@code docker login --password-stdin}), else
     * typed at the terminal without echo. Never an argument: arguments show in {@code ps} and shell history.
     *
     * @throws CliException (usage) when it must be typed but there is no terminal, or it is empty
     */
    public char[] secret(String prompt, boolean fromStdin, String stdinOption) {
        char[] secret;
        if (fromStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
                secret = line == null ? new char[0] : line.toCharArray();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read stdin", e);
            }
        } else if (console != null) {
            secret = console.readPassword("%s: ", prompt);
        } else {
            throw new CliException(ExitCode.USAGE, "no terminal to type the " + prompt.toLowerCase()
                    + " in: pipe it with " + stdinOption);
        }
        if (secret == null || secret.length == 0) {
            throw new CliException(ExitCode.USAGE, prompt + " is empty");
        }
        return secret;
    }
}
