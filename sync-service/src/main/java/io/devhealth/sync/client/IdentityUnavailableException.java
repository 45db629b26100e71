package io.devhealth.sync.client;

/**
 * identity-service could not answer: unreachable, timed out, a 5xx, or it rejected sync-service's service
 * secret. Retried by {@link IdentityClient}; callers see it after the retries are spent (the API answers 503).
 */
public final class IdentityUnavailableException extends IdentityException {

    public IdentityUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
