package io.devhealth.cli;

/**
 * The devhealth command's exit codes (documented in README's CLI section and in {@code devhealth --help}); scripts
 * may rely on them.
 */
public final class ExitCode {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** An unexpected failure (a bug, an unreadable answer, a local I/O error). */
    public static final int FAILURE = 1;
    /** Wrong usage: unknown command or option, missing argument (picocli's own code). */
    public static final int USAGE = 2;
    /** Not logged in, session expired or revoked, wrong email or password (401). */
    public static final int UNAUTHORIZED = 3;
    /** Logged in, but the role is too weak for this (403). */
    public static final int FORBIDDEN = 4;
    /** No such organization, configuration, run or user (404). */
    public static final int NOT_FOUND = 5;
    /** Conflicts with the current state: already exists, already running (409). */
    public static final int CONFLICT = 6;
    /** The server refused the input (400, 413, 422). */
    public static final int INVALID = 7;
    /** The gateway or a service cannot answer now: unreachable, 429, 5xx. Retrying later may succeed. */
    public static final int UNAVAILABLE = 8;
    /** {@code sync run --follow}: the run ended, and it failed. */
    public static final int SYNC_FAILED = 9;

    private ExitCode() {
    }

    /** The exit code of an HTTP error status. */
    public static int ofStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 400, 413, 422 -> INVALID;
            case 429 -> UNAVAILABLE;
            default -> status >= 500 ? UNAVAILABLE : FAILURE;
        };
    }
}
