package io.devhealth.identity.credential.service;

/**
 * A stored secret that cannot be decrypted. Its message says why, never anything of the secret or the keys; it has
 * no cause (the crypto library's exception says nothing more) and no stack trace (it is an outcome, logged by whoever
 * handles it).
 */
public final class UnreadableSecretException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a secret cannot be decrypted. */
    public enum Reason {
        /** The row names a master key that is not configured (retired too early, or a wrong configuration). */
        MASTER_KEY_NOT_CONFIGURED,
        /** Authentication failed: tampered, or copied from another organization or credential. */
        INTEGRITY_CHECK_FAILED
    }

    private final Reason reason;

    UnreadableSecretException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
