package io.devhealth.sync.client;

/**
 * Base of the failures {@link IdentityClient} reports. {@link Answer} subclasses are identity's definitive
 * answers (a retry cannot change them, so fault tolerance neither retries them nor counts them against the
 * circuit); {@link IdentityUnavailableException} means identity could not answer.
 */
public abstract sealed class IdentityException extends RuntimeException
        permits IdentityException.Answer, IdentityUnavailableException {

    IdentityException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A definitive answer from identity-service: do not retry. */
    public abstract static sealed class Answer extends IdentityException
            permits RunAlreadyRunningException, LeaseLostException, IdentityAccessDeniedException,
            IdentityRejectedException {

        Answer(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
