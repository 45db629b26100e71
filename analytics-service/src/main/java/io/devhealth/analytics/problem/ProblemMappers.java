package io.devhealth.analytics.problem;

import java.net.URI;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.devhealth.support.problem.ProblemTypes;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every failure of the HTTP API as {@code application/problem+json}, never a stack trace:
 * <ul>
 * <li>{@link ProblemException}: as raised;</li>
 * <li>no token, or a malformed, expired or foreign-signed one: 401 {@code unauthorized} with
 * {@code WWW-Authenticate: Bearer} (token verification is lazy, see {@code quarkus.http.auth.proactive}, so its
 * failures reach these mappers);</li>
 * <li>JAX-RS errors (unknown path 404, wrong method 405, …): their status;</li>
 * <li>anything else: 500 {@code internal}, logged here with its stack trace.</li>
 * </ul>
 */
class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    Response problem(ProblemException e, UriInfo uri) {
        return render(e.toProblem(uri.getPath()));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    Response unauthenticated(RuntimeException e, UriInfo uri) {
        LOG.debugf("%s: not authenticated: %s", uri.getPath(), e.getMessage());
        return Response.fromResponse(render(problem(Response.Status.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED,
                        "A valid bearer token from identity-service is required.", uri)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e, UriInfo uri) {
        return render(problem(Response.Status.FORBIDDEN, ProblemTypes.FORBIDDEN, "Not allowed.", uri));
    }

    @ServerExceptionMapper
    Response jaxrs(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getFamily() == Response.Status.Family.SERVER_ERROR) {
            return internal(e, uri);
        }
        URI type = switch (status.getStatusCode()) {
            case 401 -> ProblemTypes.UNAUTHORIZED;
            case 403 -> ProblemTypes.FORBIDDEN;
            case 404 -> ProblemTypes.NOT_FOUND;
            case 409 -> ProblemTypes.CONFLICT;
            default -> ProblemTypes.BAD_REQUEST;
        };
        String detail = status.getStatusCode() == 404
                ? "No such resource: " + uri.getPath()
                : status.getReasonPhrase() + ".";
        return render(new Problem(type, status.getReasonPhrase(), status.getStatusCode(), detail, uri.getPath(), null));
    }

    @ServerExceptionMapper
    Response internal(Throwable e, UriInfo uri) {
        LOG.errorf(e, "%s: unexpected failure", uri.getPath());
        return render(problem(Response.Status.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL, "Internal error.", uri));
    }

    private static Problem problem(Response.Status status, URI type, String detail, UriInfo uri) {
        return new Problem(type, status.getReasonPhrase(), status.getStatusCode(), detail, uri.getPath(), null);
    }

    private static Response render(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
