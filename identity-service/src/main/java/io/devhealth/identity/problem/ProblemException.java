package io.devhealth.identity.problem;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response.Status;

import io.devhealth.support.problem.ProblemTypes;

/**
 * A failure identity-service reports on purpose, rendered as problem details by {@link ProblemMappers}. Throw it,
 * or fail a {@code Uni} with it. The detail is shown to the caller: no SQL, no secrets. Carries no stack trace.
 */
public final class ProblemException extends RuntimeException {

    private static final int UNPROCESSABLE_CONTENT = 422;

    private final int status;
    private final URI type;
    private final List<Problem.Violation> violations;

    private ProblemException(int status, URI type, String detail, List<Problem.Violation> violations) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.violations = violations;
    }

    /** 401: no valid credentials; the detail never says which part was wrong. */
    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Status.UNAUTHORIZED.getStatusCode(), ProblemTypes.UNAUTHORIZED, detail, null);
    }

    /** 403: authenticated, but not allowed to do this. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(Status.FORBIDDEN.getStatusCode(), ProblemTypes.FORBIDDEN, detail, null);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Status.NOT_FOUND.getStatusCode(), ProblemTypes.NOT_FOUND, detail, null);
    }

    /** 409: the request conflicts with existing data (a duplicate slug or name). */
    public static ProblemException conflict(String detail) {
        return new ProblemException(Status.CONFLICT.getStatusCode(), ProblemTypes.CONFLICT, detail, null);
    }

    /** 409: another run of the configuration holds a live lease. */
    public static ProblemException syncRunAlreadyRunning(String detail) {
        return new ProblemException(Status.CONFLICT.getStatusCode(), ProblemTypes.SYNC_RUN_ALREADY_RUNNING, detail,
                null);
    }

    /** 409: the caller no longer holds the run's lease. */
    public static ProblemException leaseLost(String detail) {
        return new ProblemException(Status.CONFLICT.getStatusCode(), ProblemTypes.LEASE_LOST, detail, null);
    }

    /** 422 naming invalid fields, the same shape Bean Validation failures take. */
    public static ProblemException invalid(List<Problem.Violation> violations) {
        String detail = String.join("; ", violations.stream().map(v -> v.field() + ": " + v.message()).toList());
        return new ProblemException(UNPROCESSABLE_CONTENT, ProblemTypes.VALIDATION, detail, List.copyOf(violations));
    }

    /** 422 for one invalid field. */
    public static ProblemException invalidField(String field, String message) {
        return invalid(List.of(new Problem.Violation(field, message)));
    }

    Problem toProblem(String instance) {
        return new Problem(type, ProblemMappers.title(status), status, getMessage(), instance, violations);
    }
}
