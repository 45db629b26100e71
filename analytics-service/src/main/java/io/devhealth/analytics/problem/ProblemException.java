package io.devhealth.analytics.problem;

import java.net.URI;

import jakarta.ws.rs.core.Response.Status;

import io.devhealth.support.problem.ProblemTypes;

/**
 * A failure this service reports on purpose, rendered as problem details by {@link ProblemMappers}. The detail is
 * shown to the caller: no SQL, no engine messages, no secrets. Carries no stack trace.
 */
public final class ProblemException extends RuntimeException {

    private final Status status;
    private final URI type;
    private final String parameter;

    private ProblemException(Status status, URI type, String detail, String parameter) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.parameter = parameter;
    }

    /** 400: a malformed query parameter, named in the problem's {@code parameter} member. */
    public static ProblemException badParameter(String parameter, String detail) {
        return new ProblemException(Status.BAD_REQUEST, ProblemTypes.BAD_REQUEST, detail, parameter);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Status.FORBIDDEN, ProblemTypes.FORBIDDEN, detail, null);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Status.NOT_FOUND, ProblemTypes.NOT_FOUND, detail, null);
    }

    /** 503: a dependency (ClickHouse, identity-service) failed or timed out; the caller may retry. */
    public static ProblemException upstreamUnavailable(String detail) {
        return new ProblemException(Status.SERVICE_UNAVAILABLE, ProblemTypes.UPSTREAM_UNAVAILABLE, detail, null);
    }

    /** 500: a fault of ours. */
    public static ProblemException internal(String detail) {
        return new ProblemException(Status.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL, detail, null);
    }

    public String detail() {
        return getMessage();
    }

    Problem toProblem(String instance) {
        return new Problem(type, status.getReasonPhrase(), status.getStatusCode(), detail(), instance, parameter);
    }
}
