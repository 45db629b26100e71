package io.devhealth.support.problem;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * A failure a service reports on purpose, rendered as problem details by {@link ProblemMappers}. Throw it, or fail
 * a {@code Uni} with it. The detail is shown to the caller: no SQL, no engine messages, no secrets. Carries no
 * stack trace (it is an answer, not a fault).
 */
public final class ProblemException extends RuntimeException {

    static final int UNPROCESSABLE_CONTENT = 422;
    /** The challenge of every 401 (RFC 9110 §15.5.2 requires one): DevHealth APIs take bearer tokens. */
    static final String BEARER_CHALLENGE = "Bearer";

    private final int status;
    private final URI type;
    private final List<Problem.Violation> violations;
    private final Duration retryAfter;

    private ProblemException(int status, URI type, String detail, List<Problem.Violation> violations,
            Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.violations = violations == null ? null : List.copyOf(violations);
        this.retryAfter = retryAfter;
    }

    private ProblemException(int status, URI type, String detail, List<Problem.Violation> violations) {
        this(status, type, detail, violations, null);
    }

    /** A problem of any status, for the mappers of this package (JAX-RS errors keep their own status). */
    static ProblemException of(int status, URI type, String detail) {
        return new ProblemException(status, type, detail, null);
    }

    /** 400 {@code bad-request}: the request is malformed (a body that is not JSON, a date that is not ISO-8601). */
    public static ProblemException badRequest(String detail) {
        return of(Response.Status.BAD_REQUEST.getStatusCode(), ProblemTypes.BAD_REQUEST, detail);
    }

    /**
     * 400 {@code bad-request} for one malformed query parameter, named as the problem's only violation
     * ({@code violations: [{"field": parameter, "message": detail}]}).
     */
    public static ProblemException badParameter(String parameter, String detail) {
        return new ProblemException(Response.Status.BAD_REQUEST.getStatusCode(), ProblemTypes.BAD_REQUEST, detail,
                List.of(new Problem.Violation(parameter, detail)));
    }

    /** 422 {@code validation} naming the invalid fields, the same shape Bean Validation failures take. */
    public static ProblemException invalid(List<Problem.Violation> violations) {
        String detail = String.join("; ", violations.stream().map(v -> v.field() + ": " + v.message()).toList());
        return new ProblemException(UNPROCESSABLE_CONTENT, ProblemTypes.VALIDATION, detail, violations);
    }

    /** 422 {@code validation} for one invalid field. */
    public static ProblemException invalidField(String field, String message) {
        return invalid(List.of(new Problem.Violation(field, message)));
    }

    /** 401 {@code unauthorized}: no valid credentials; the detail never says which part was wrong. */
    public static ProblemException unauthorized(String detail) {
        return of(Response.Status.UNAUTHORIZED.getStatusCode(), ProblemTypes.UNAUTHORIZED, detail);
    }

    /** 403 {@code forbidden}: authenticated, but not allowed to do this (another org, too low a role). */
    public static ProblemException forbidden(String detail) {
        return of(Response.Status.FORBIDDEN.getStatusCode(), ProblemTypes.FORBIDDEN, detail);
    }

    /** 404 {@code not-found}: the resource does not exist, or is not visible to the caller. */
    public static ProblemException notFound(String detail) {
        return of(Response.Status.NOT_FOUND.getStatusCode(), ProblemTypes.NOT_FOUND, detail);
    }

    /** 409 {@code conflict}: the request conflicts with existing data (a duplicate slug or name, a disabled item). */
    public static ProblemException conflict(String detail) {
        return of(Response.Status.CONFLICT.getStatusCode(), ProblemTypes.CONFLICT, detail);
    }

    /** 413 {@code content-too-large}: the body exceeds what the endpoint accepts; the detail says the bound. */
    public static ProblemException contentTooLarge(String detail) {
        return of(Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode(), ProblemTypes.CONTENT_TOO_LARGE, detail);
    }

    /** 409 {@code sync-run-already-running}: another run of the sync configuration holds a live lease. */
    public static ProblemException syncRunAlreadyRunning(String detail) {
        return of(Response.Status.CONFLICT.getStatusCode(), ProblemTypes.SYNC_RUN_ALREADY_RUNNING, detail);
    }

    /** 409 {@code lease-lost}: the caller no longer holds the sync run's lease. */
    public static ProblemException leaseLost(String detail) {
        return of(Response.Status.CONFLICT.getStatusCode(), ProblemTypes.LEASE_LOST, detail);
    }

    /**
     * 429 {@code too-many-requests} with {@code Retry-After: <seconds>}: the caller must wait (failed sign-ins
     * throttled).
     */
    public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
        return new ProblemException(Response.Status.TOO_MANY_REQUESTS.getStatusCode(), ProblemTypes.TOO_MANY_REQUESTS,
                detail, null, Objects.requireNonNull(retryAfter, "retryAfter"));
    }

    /** 409 {@code credential-unreadable}: the credential's stored secret cannot be decrypted; replace it. */
    public static ProblemException credentialUnreadable(String detail) {
        return of(Response.Status.CONFLICT.getStatusCode(), ProblemTypes.CREDENTIAL_UNREADABLE, detail);
    }

    /** 503 {@code upstream-unavailable}: a dependency (a database, another service) failed or timed out; retry. */
    public static ProblemException upstreamUnavailable(String detail) {
        return of(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(), ProblemTypes.UPSTREAM_UNAVAILABLE, detail);
    }

    /** 500 {@code internal}: a fault of ours, already logged by whoever raises it; the detail names no internals. */
    public static ProblemException internal(String detail) {
        return of(Response.Status.INTERNAL_SERVER_ERROR.getStatusCode(), ProblemTypes.INTERNAL, detail);
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** One of {@link ProblemTypes}. */
    public URI type() {
        return type;
    }

    /** The detail shown to the caller. */
    public String detail() {
        return getMessage();
    }

    /** The fields at fault, or null when the problem is not about fields. */
    public List<Problem.Violation> violations() {
        return violations;
    }

    /** The problem details of this failure for the request at {@code instance} (the request path). */
    public Problem toProblem(String instance) {
        return new Problem(type, title(status), status, detail(), instance, violations);
    }

    /**
     * The response carrying {@link #toProblem(String)} as {@code application/problem+json}; a 401 also carries
     * {@code WWW-Authenticate: Bearer}, a 429 {@code Retry-After}. Service-specific exception mappers answer with this.
     */
    public Response toResponse(String instance) {
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE).entity(toProblem(instance));
        if (status == Response.Status.UNAUTHORIZED.getStatusCode()) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        return response.build();
    }

    /** The HTTP reason phrase of {@code status} ({@code Unprocessable Content} for 422, which JAX-RS lacks). */
    static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return status == UNPROCESSABLE_CONTENT ? "Unprocessable Content" : "HTTP " + status;
    }
}
