package io.devhealth.identity.problem;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.devhealth.identity.persistence.PgErrors;
import io.devhealth.support.problem.ProblemTypes;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every failure of the HTTP API as {@code application/problem+json}, never a stack trace (quarkus-resteasy-problem
 * 3.21.0, the only version on the mirror, does not build with Quarkus 3.37: it needs quarkus-jsonb-spi):
 * <ul>
 * <li>{@link ProblemException}: as raised;</li>
 * <li>Bean Validation of a request: 422 {@code validation} listing the invalid fields;</li>
 * <li>a body that is not JSON or does not fit the request's shape: 400 {@code bad-request};</li>
 * <li>no token, or a malformed, expired or foreign-signed one: 401 {@code unauthorized} with
 * {@code WWW-Authenticate: Bearer} (authentication is lazy, see {@code quarkus.http.auth.proactive}, so its
 * failures reach these mappers); a token without the required group: 403 {@code forbidden};</li>
 * <li>JAX-RS errors (unknown path 404, wrong method 405, …): their status;</li>
 * <li>a unique violation that slipped past the services: 409 {@code conflict};</li>
 * <li>anything else: 500 {@code internal}, logged here with its stack trace.</li>
 * </ul>
 */
class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    Response problem(ProblemException e, UriInfo uri) {
        return render(e.toProblem(uri.getPath()));
    }

    // Ahead of Quarkus' own mapper for request validation failures, which answers 400 in another format.
    @ServerExceptionMapper(value = { ResteasyReactiveViolationException.class, ConstraintViolationException.class },
            priority = Priorities.USER - 1)
    Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            if (isReturnValue(violation.getPropertyPath())) {
                return internal(e, uri);
            }
            violations.add(new Problem.Violation(field(violation.getPropertyPath()), violation.getMessage()));
        }
        violations.sort(Comparator.comparing(Problem.Violation::field));
        return problem(ProblemException.invalid(violations), uri);
    }

    // Ahead of Quarkus' own mapper for bodies that do not fit the request type, which answers in another format.
    @ServerExceptionMapper(value = { MismatchedInputException.class, JsonProcessingException.class },
            priority = Priorities.USER - 1)
    Response unreadable(JsonProcessingException e, UriInfo uri) {
        String detail = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? "invalid value for field '" + jsonPath(mapping) + "'"
                : "the body is not valid JSON";
        return render(problem(Response.Status.BAD_REQUEST, ProblemTypes.BAD_REQUEST, detail, uri));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    Response unauthenticated(RuntimeException e, UriInfo uri) {
        LOG.debugf("%s: not authenticated: %s", uri.getPath(), e.getMessage());
        return Response.fromResponse(render(problem(Response.Status.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED,
                        "a valid bearer token from identity-service is required", uri)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e, UriInfo uri) {
        return render(problem(Response.Status.FORBIDDEN, ProblemTypes.FORBIDDEN,
                "this token may not use this endpoint", uri));
    }

    @ServerExceptionMapper
    Response jaxrs(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unparseable) {
            return unreadable(unparseable, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e, uri);
        }
        URI type = switch (status) {
            case 401 -> ProblemTypes.UNAUTHORIZED;
            case 403 -> ProblemTypes.FORBIDDEN;
            case 404 -> ProblemTypes.NOT_FOUND;
            case 409 -> ProblemTypes.CONFLICT;
            default -> ProblemTypes.BAD_REQUEST;
        };
        String detail = switch (status) {
            // JAX-RS answers 404 both for unknown paths and for path parameters that do not parse (a bad UUID).
            case 404 -> "no such resource: " + uri.getPath();
            case 405 -> "method not allowed on " + uri.getPath();
            default -> title(status);
        };
        return render(new Problem(type, title(status), status, detail, uri.getPath(), null));
    }

    @ServerExceptionMapper
    Response internal(Throwable e, UriInfo uri) {
        if (PgErrors.isUniqueViolation(e)) {
            return render(problem(Response.Status.CONFLICT, ProblemTypes.CONFLICT,
                    "the request conflicts with existing data", uri));
        }
        LOG.errorf(e, "%s: unexpected failure", uri.getPath());
        return render(problem(Response.Status.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL, "internal error", uri));
    }

    static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : status == 422 ? "Unprocessable Content" : "HTTP " + status;
    }

    /** The request field a violation is about: the property path below the endpoint parameter, or the parameter. */
    private static String field(Path path) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD -> names.clear();
                case PARAMETER -> parameter = node.getName();
                default -> names.add(node.getName());
            }
        }
        return names.isEmpty() ? parameter : String.join(".", names);
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    private static String jsonPath(JsonMappingException e) {
        return String.join(".", e.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .toList());
    }

    private static Problem problem(Response.Status status, URI type, String detail, UriInfo uri) {
        return new Problem(type, status.getReasonPhrase(), status.getStatusCode(), detail, uri.getPath(), null);
    }

    private static Response render(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
