package io.devhealth.sync.job;

import java.net.URI;

import io.devhealth.support.problem.ProblemTypes;

/**
 * A caller-facing failure of sync-service's API, rendered as RFC 9457 problem+json by
 * {@link SyncProblemMappers}. The detail is shown to the caller: no internals, no secrets.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final URI type;
    private final String title;

    public ProblemException(int status, URI type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, ProblemTypes.NOT_FOUND, "Not Found", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, ProblemTypes.FORBIDDEN, "Forbidden", detail);
    }

    public static ProblemException conflict(URI type, String detail) {
        return new ProblemException(409, type, "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
