package io.devhealth.sync.job.completion;

import io.devhealth.sync.provider.SyncOutcome;

/**
 * How a provider's work ended, before it is recorded: the provider's outcome (success) or a failure reason fit for
 * users (at most identity's 4,000 characters).
 *
 * @param outcome the provider's outcome; {@code null} when the run failed
 * @param error   why the run failed; {@code null} on success
 */
public record RunEnding(SyncOutcome outcome, String error) {

    /** identity's {@code sync_runs.error} allows 4,000 characters. */
    public static final int MAX_ERROR_LENGTH = 4000;

    public static RunEnding succeeded(SyncOutcome outcome) {
        return new RunEnding(outcome, null);
    }

    public static RunEnding failed(String error) {
        return new RunEnding(null, truncate(error));
    }

    public boolean succeeded() {
        return outcome != null;
    }

    /** {@code internal error: <class>: <message>}, within identity's 4,000 characters. */
    public static String internalError(Throwable e) {
        return truncate("internal error: " + e.getClass().getName() + ": " + e.getMessage());
    }

    static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
