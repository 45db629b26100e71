package io.devhealth.support.problem;

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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ClientWebApplicationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.devhealth.support.text.UnacceptableTextException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every failure of a DevHealth HTTP API as {@code application/problem+json}, never a stack trace; Quarkus finds
 * these mappers in every service through this jar's {@code META-INF/beans.xml} (quarkus-resteasy-problem 3.21.0,
 * the only version on the mirror, does not build with Quarkus 3.37: it needs quarkus-jsonb-spi):
 * <ul>
 * <li>{@link ProblemException}: as raised;</li>
 * <li>Bean Validation of a request: 422 {@code validation} listing the invalid fields;</li>
 * <li>a body that is not JSON or does not fit the request's shape: 400 {@code bad-request}; a string a
 * {@link io.devhealth.support.text.CleanText} request refuses (NUL, unpaired surrogate): 422 {@code validation};</li>
 * <li>no token, or a malformed, expired or foreign-signed one: 401 {@code unauthorized} with
 * {@code WWW-Authenticate: Bearer} (services authenticate lazily, {@code quarkus.http.auth.proactive=false}, so
 * these failures reach the mappers); a token that may not use the endpoint: 403 {@code forbidden};</li>
 * <li>JAX-RS errors (unknown path or unparseable path parameter 404, wrong method 405, …): their status;</li>
 * <li>anything else, including an error status of an outbound REST call: 500 {@code internal}, logged here with
 * its stack trace.</li>
 * </ul>
 * A service adds its own mappings as {@code @ServerExceptionMapper}s for its exception types: RESTEasy Reactive
 * picks the mapper of the closest type in the thrown exception's class hierarchy, so they win over the
 * {@link Throwable} catch-all here; for a failure they do not recognize they answer {@link #unexpected}.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return e.toResponse(uri.getPath());
    }

    // Ahead of Quarkus' own mapper for request validation failures, which answers 400 in another format.
    @ServerExceptionMapper(value = { ResteasyReactiveViolationException.class, ConstraintViolationException.class },
            priority = Priorities.USER - 1)
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            if (isReturnValue(violation.getPropertyPath())) {
                // A response that breaks its own constraints is our fault, not the caller's.
                return unexpected(e, uri);
            }
            violations.add(new Problem.Violation(field(violation.getPropertyPath()), violation.getMessage()));
        }
        violations.sort(Comparator.comparing(Problem.Violation::field));
        return ProblemException.invalid(violations).toResponse(uri.getPath());
    }

    // Ahead of Quarkus' own mapper for bodies that do not fit the request type, which answers in another format.
    @ServerExceptionMapper(value = { MismatchedInputException.class, JsonProcessingException.class },
            priority = Priorities.USER - 1)
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        if (e instanceof UnacceptableTextException text) {
            return ProblemException.invalidField(jsonPath(text), text.getOriginalMessage()).toResponse(uri.getPath());
        }
        String detail = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? "invalid value for field '" + jsonPath(mapping) + "'"
                : "the body is not valid JSON";
        return ProblemException.badRequest(detail).toResponse(uri.getPath());
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        LOG.debugf("%s: not authenticated: %s", uri.getPath(), e.getMessage());
        return ProblemException.unauthorized("a valid bearer token from identity-service is required")
                .toResponse(uri.getPath());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemException.forbidden("this token may not use this endpoint").toResponse(uri.getPath());
    }

    @ServerExceptionMapper
    public Response jaxrs(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unparseable) {
            return unreadable(unparseable, uri);
        }
        int status = e.getResponse().getStatus();
        // An outbound call's error status is not this request's: never echo it (a service's client translates the
        // answers it expects; anything that slips through is our fault).
        if (status >= 500 || e instanceof ClientWebApplicationException) {
            return unexpected(e, uri);
        }
        URI type = switch (status) {
            case 401 -> ProblemTypes.UNAUTHORIZED;
            case 403 -> ProblemTypes.FORBIDDEN;
            case 404 -> ProblemTypes.NOT_FOUND;
            case 409 -> ProblemTypes.CONFLICT;
            case 413 -> ProblemTypes.CONTENT_TOO_LARGE;
            default -> ProblemTypes.BAD_REQUEST;
        };
        String detail = switch (status) {
            // JAX-RS answers 404 both for unknown paths and for path parameters that do not parse (a bad UUID).
            case 404 -> "no such resource: " + uri.getPath();
            case 405 -> "method not allowed on " + uri.getPath();
            default -> ProblemException.title(status);
        };
        return ProblemException.of(status, type, detail).toResponse(uri.getPath());
    }

    @ServerExceptionMapper
    public Response internal(Throwable e, UriInfo uri) {
        return unexpected(e, uri);
    }

    /**
     * 500 {@code internal} for a failure nobody expected, logged with its stack trace; the caller learns nothing
     * about it. Service-specific mappers answer this for the exceptions of their type they do not recognize.
     */
    public static Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "%s: unexpected failure", uri.getPath());
        return ProblemException.internal("internal error").toResponse(uri.getPath());
    }

    /**
     * The request field a violation is about: the property path below the endpoint parameter (with list indexes,
     * {@code identities[1].externalId}), or the parameter.
     */
    private static String field(Path path) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD -> names.clear();
                case PARAMETER -> parameter = node.getName();
                default -> {
                    // Bean Validation puts an element's index on the node that follows the container.
                    if (node.isInIterable() && !names.isEmpty() && (node.getIndex() != null || node.getKey() != null)) {
                        int last = names.size() - 1;
                        Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                        names.set(last, names.get(last) + "[" + position + "]");
                    }
                    if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                        names.add(node.getName());
                    }
                }
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

    /** The JSON location of a mapping failure, as Bean Validation names fields: {@code identities[0].externalId}. */
    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
