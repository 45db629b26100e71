package io.devhealth.sync.job;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ClientWebApplicationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.sync.identity.IdentityAccessDeniedException;
import io.devhealth.sync.identity.IdentityUnavailableException;
import io.devhealth.sync.identity.LeaseLostException;
import io.devhealth.sync.identity.RunAlreadyRunningException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * RFC 9457 problem+json ({@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}) for every
 * failure of sync-service's HTTP API; never a stack trace. (quarkus-resteasy-problem cannot be used with
 * Quarkus 3.37, see the pom.)
 * <ul>
 * <li>{@link ProblemException} as thrown by the resources;</li>
 * <li>no, malformed, expired or foreign-signed token → 401 {@code unauthorized} (with
 * {@code WWW-Authenticate: Bearer}); authenticated but not allowed → 403 {@code forbidden};</li>
 * <li>identity's verdict on the caller's token (401/403) passed through;</li>
 * <li>identity unreachable, timing out or its circuit open → 503 {@code upstream-unavailable} with
 * {@code Retry-After};</li>
 * <li>JAX-RS errors (unknown path or malformed id → 404, wrong method, unparseable body → 400, …) with their
 * status;</li>
 * <li>anything else, including an identity answer sync-service did not expect → 500 {@code internal}, logged
 * with its stack trace here.</li>
 * </ul>
 */
public class SyncProblemMappers {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(SyncProblemMappers.class);
    /** Seconds a client should wait before retrying when identity-service is unavailable. */
    private static final String RETRY_AFTER_SECONDS = "5";

    private final ObjectMapper json;

    @Inject
    public SyncProblemMappers(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return render(e.status(), e.type(), e.title(), e.detail(), uri);
    }

    @ServerExceptionMapper
    public Response identityDenied(IdentityAccessDeniedException e, UriInfo uri) {
        return e.status() == 401
                ? render(401, ProblemTypes.UNAUTHORIZED, "Unauthorized", "the access token was not accepted", uri)
                : render(403, ProblemTypes.FORBIDDEN, "Forbidden", "not a member of this organization", uri);
    }

    @ServerExceptionMapper
    public Response alreadyRunning(RunAlreadyRunningException e, UriInfo uri) {
        return render(409, ProblemTypes.SYNC_RUN_ALREADY_RUNNING, "Conflict",
                "a run of sync configuration " + e.syncConfigurationId() + " is already running", uri);
    }

    @ServerExceptionMapper
    public Response leaseLost(LeaseLostException e, UriInfo uri) {
        return render(409, ProblemTypes.LEASE_LOST, "Conflict", "the lease of sync run " + e.runId() + " was lost", uri);
    }

    @ServerExceptionMapper({ IdentityUnavailableException.class, FaultToleranceException.class })
    public Response identityUnavailable(RuntimeException e, UriInfo uri) {
        LOG.warnf("%s: identity-service unavailable: %s", uri.getPath(), e.toString());
        Response response = render(503, ProblemTypes.UPSTREAM_UNAVAILABLE, "Service Unavailable",
                "identity-service is unavailable; retry later", uri);
        return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        LOG.debugf("%s: not authenticated: %s", uri.getPath(), e.getMessage());
        Response response = render(401, ProblemTypes.UNAUTHORIZED, "Unauthorized",
                "a valid bearer token from identity-service is required", uri);
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return render(403, ProblemTypes.FORBIDDEN, "Forbidden", "not allowed", uri);
    }

    @ServerExceptionMapper
    public Response jaxrs(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        // An outbound call's error status is not this request's: never echo it (IdentityClient translates
        // identity's answers; anything that slips through is our fault).
        if (status >= 500 || e instanceof ClientWebApplicationException) {
            return internal(e, uri);
        }
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        String title = statusType == null ? "HTTP " + status : statusType.getReasonPhrase();
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
            default -> title;
        };
        return render(status, type, title, detail, uri);
    }

    @ServerExceptionMapper
    public Response internal(Throwable e, UriInfo uri) {
        LOG.errorf(e, "%s: unexpected failure", uri.getPath());
        return render(500, ProblemTypes.INTERNAL, "Internal Server Error", "internal error", uri);
    }

    private Response render(int status, URI type, String title, String detail, UriInfo uri) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.toString());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", uri.getPath());
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a map of strings", e);
        }
        return Response.status(status).type(PROBLEM_JSON).entity(text).build();
    }
}
