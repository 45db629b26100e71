package io.devhealth.sync.client;

/**
 * identity answered a 4xx that sync-service did not expect (e.g. 400/422 to a request sync-service built):
 * a contract mismatch between the services, not something a retry fixes.
 */
public final class IdentityRejectedException extends IdentityException.Answer {

    private final int status;

    public IdentityRejectedException(String operation, int status, String body, Throwable cause) {
        super("identity-service rejected " + operation + " with " + status + (body == null || body.isBlank()
                ? "" : ": " + abbreviate(body)), cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    private static String abbreviate(String body) {
        return body.length() <= 500 ? body : body.substring(0, 500) + "…";
    }
}
