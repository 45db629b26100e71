package io.devhealth.sync.client;

/**
 * identity answered 401 or 403 to a call made with the end user's token: the token is not valid for identity
 * (401) or the user may not see the resource (403). Carries the status so the caller can answer the same.
 */
public final class IdentityAccessDeniedException extends IdentityException.Answer {

    private final int status;

    public IdentityAccessDeniedException(int status, Throwable cause) {
        super("identity-service answered " + status, cause);
        this.status = status;
    }

    /** 401 or 403. */
    public int status() {
        return status;
    }
}
