package io.devhealth.cli.command;

import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;

import io.devhealth.cli.CliException;
import io.devhealth.cli.ExitCode;
import io.devhealth.cli.Terminal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code devhealth <command>}. */
@Command(name = "devhealth", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Devhealth.Version.class,
        description = "The DevHealth command line: a client of the gateway's REST API.",
        subcommands = { LoginCommand.class, LogoutCommand.class, OrgsCommand.class, MembersCommand.class,
                ReposCommand.class, CredentialsCommand.class, SyncCommand.class, MetricsCommand.class,
                AdminCommand.class, CompletionCommand.class },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:done", "1:unexpected failure", "2:usage error", "3:not logged in or session ended (401)",
                "4:not allowed (403)", "5:not found (404)", "6:conflict (409)", "7:input refused (400, 413, 422)",
                "8:unavailable: unreachable, 429 or 5xx", "9:sync run --follow: the run failed" },
        footer = "%nThe session lives in $XDG_CONFIG_HOME/devhealth (else ~/.config/devhealth). Errors are one line "
                + "on stderr: error: <status> <problem type>: <detail>.")
public final class Devhealth implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The command line over {@code terminal}: output and errors go to its streams, failures become one line on
     * stderr and an exit code ({@link ExitCode}).
     */
    public static CommandLine commandLine(Terminal terminal) {
        CommandLine commandLine = new CommandLine(new Devhealth(), new Factory(terminal));
        commandLine.setOut(terminal.out()).setErr(terminal.err());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            terminal.err().println("error: " + message(e));
            terminal.err().flush();
            return e instanceof CliException cli ? cli.exitCode() : ExitCode.FAILURE;
        });
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            terminal.err().println("error: " + e.getMessage() + " (see: " + failed.getCommandSpec().qualifiedName()
                    + " --help)");
            terminal.err().flush();
            return ExitCode.USAGE;
        });
        return commandLine;
    }

    private static String message(Exception e) {
        if (e instanceof CliException) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException io) {
            return io.getMessage() + ": " + io.getCause().getMessage();
        }
        // No stack trace for users; the exception's class says what kind of bug it is.
        return "unexpected " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Commands get the {@link Terminal} through their constructor; everything else is built as picocli would. */
    private record Factory(Terminal terminal) implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> constructor = type.getDeclaredConstructor(Terminal.class);
                constructor.setAccessible(true);
                return constructor.newInstance(terminal);
            } catch (NoSuchMethodException noTerminal) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    /** The version from the jar's manifest (Implementation-Version). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Devhealth.class.getPackage().getImplementationVersion();
            return new String[] { "devhealth " + (version == null ? "(development build)" : version) };
        }
    }
}
