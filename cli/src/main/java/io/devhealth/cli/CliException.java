package io.devhealth.cli;

/** A failure the CLI reports as one line on stderr ({@code error: <message>}) and exits with {@link #exitCode()}. */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
