package io.devhealth.sync.provider;

/**
 * A sync failure whose message is fit for users: it is stored as the run's error, e.g.
 * {@code "repository path does not exist: /x"}. Never put secrets or stack traces in the message.
 */
public class SyncFailedException extends Exception {

    public SyncFailedException(String message) {
        super(message);
    }

    public SyncFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
