package io.devhealth.sync.client;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.devhealth.support.problem.ProblemException;

/**
 * identity-service's answers and failures, as seen by a request to sync-service, in problem+json. Everything
 * else (the caller's token, Bean Validation, JAX-RS errors, unexpected failures) is mapped by
 * {@link io.devhealth.support.problem.ProblemMappers}; these mappers win over its catch-all because they name
 * more specific exception types.
 * <ul>
 * <li>identity's verdict on the caller's token (401/403): passed through;</li>
 * <li>a run already running or a lost lease (409): their own problem types;</li>
 * <li>identity unreachable, timing out or its circuit open: 503 {@code upstream-unavailable} with
 * {@code Retry-After};</li>
 * <li>an identity answer sync-service did not expect ({@link IdentityRejectedException}): the 500 catch-all.</li>
 * </ul>
 */
public class IdentityProblemMappers {

    private static final Logger LOG = Logger.getLogger(IdentityProblemMappers.class);
    /** Seconds a client should wait before retrying when identity-service is unavailable. */
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response identityDenied(IdentityAccessDeniedException e, UriInfo uri) {
        ProblemException problem = e.status() == 401
                ? ProblemException.unauthorized("the access token was not accepted")
                : ProblemException.forbidden("not a member of this organization");
        return problem.toResponse(uri.getPath());
    }

    @ServerExceptionMapper
    public Response alreadyRunning(RunAlreadyRunningException e, UriInfo uri) {
        return ProblemException.syncRunAlreadyRunning(
                "a run of sync configuration " + e.syncConfigurationId() + " is already running")
                .toResponse(uri.getPath());
    }

    @ServerExceptionMapper
    public Response leaseLost(LeaseLostException e, UriInfo uri) {
        return ProblemException.leaseLost("the lease of sync run " + e.runId() + " was lost").toResponse(uri.getPath());
    }

    @ServerExceptionMapper({ IdentityUnavailableException.class, FaultToleranceException.class })
    public Response identityUnavailable(RuntimeException e, UriInfo uri) {
        LOG.warnf("%s: identity-service unavailable: %s", uri.getPath(), e.toString());
        Response response = ProblemException.upstreamUnavailable("identity-service is unavailable; retry later")
                .toResponse(uri.getPath());
        return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }
}
