package io.devhealth.sync.provider.http;

/**
 * A provider request that cannot succeed. The message is fit for users (it becomes the run's error): method, URL
 * (never the credential, which travels in a header), status and the provider's own message.
 */
public class ApiException extends RuntimeException {

    /** Why the request failed, for callers that react differently (e.g. a scope that is gone). */
    public enum Kind {
        /** 404 or 410: the resource does not exist or the credential cannot see it. */
        NOT_FOUND,
        /** 403 that is not a rate limit, e.g. "Resource not accessible by integration". */
        FORBIDDEN,
        /** 401: the credential was refused. */
        UNAUTHORIZED,
        /** Another 4xx (validation, bad request). */
        REJECTED,
        /** The body is not what the API documents: malformed or truncated JSON, wrong shape. */
        MALFORMED,
        /** 5xx or I/O failures after the retries, or a redirect loop. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final int status;

    public ApiException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public ApiException(Kind kind, int status, String message) {
        this(kind, status, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status, 0 when there was no response. */
    public int status() {
        return status;
    }
}
