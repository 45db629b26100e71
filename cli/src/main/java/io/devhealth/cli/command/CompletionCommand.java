package io.devhealth.cli.command;

import java.util.concurrent.Callable;

import io.devhealth.cli.ExitCode;
import io.devhealth.cli.Terminal;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", description = {
        "Print the shell completion script: source <(devhealth completion bash) (bash; zsh with bashcompinit)." })
final class CompletionCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", defaultValue = "bash", description = "bash (also zsh's bashcompinit).")
    String shell;

    CompletionCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        if (!"bash".equals(shell) && !"zsh".equals(shell)) {
            throw new io.devhealth.cli.CliException(ExitCode.USAGE, "completion: bash or zsh, not " + shell);
        }
        terminal.out().print(AutoComplete.bash("devhealth", spec.root().commandLine()));
        terminal.out().flush();
        return ExitCode.OK;
    }
}
