package io.devhealth.sync.client;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * sync-service's door to identity-service: sync configurations, run leases (claim, heartbeat, complete) with
 * the service token, and org/run reads with the end user's own token.
 *
 * <p>Blocking: call from worker or virtual threads. Each call has a 5 s timeout; reads, heartbeats and
 * completions are retried twice (200 ms apart) when identity cannot answer, claims are not (a claim whose
 * answer was lost would otherwise collide with itself; the scheduler simply tries again on its next poll).
 * A circuit breaker per method opens when identity keeps failing. identity's definitive answers are never
 * retried: 404 becomes {@link Optional#empty()}, 409 {@link RunAlreadyRunningException} or
 * {@link LeaseLostException}, 401/403 on user calls {@link IdentityAccessDeniedException}. When identity
 * cannot answer the methods throw {@link IdentityUnavailableException} (or, from the fault-tolerance layer,
 * {@code TimeoutException}/{@code CircuitBreakerOpenException}).
 */
@ApplicationScoped
public class IdentityClient {

    private static final Logger LOG = Logger.getLogger(IdentityClient.class);

    /** Marker for {@link #call}: a 404 means "no such thing" and becomes {@code null}. */
    private static final Function<Throwable, IdentityException.Answer> EMPTY = cause -> {
        throw new IllegalStateException("marker, never applied");
    };

    private final IdentityRestClient identity;
    private final ServiceTokens tokens;

    @Inject
    public IdentityClient(@RestClient IdentityRestClient identity, ServiceTokens tokens) {
        this.identity = identity;
        this.tokens = tokens;
    }

    /** {@code GET /internal/v1/sync-configurations/{id}}; empty when identity does not know the id. */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = IdentityException.Answer.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5000, skipOn = IdentityException.Answer.class)
    public Optional<SyncConfiguration> findConfiguration(UUID id) {
        return Optional.ofNullable(call("GET sync configuration",
                () -> withServiceToken(bearer -> identity.configuration(bearer, id)), EMPTY, null));
    }

    /**
     * {@code GET /internal/v1/sync-configurations/due}: enabled configurations with a schedule whose last run
     * started at least an interval ago (or never) and that have no running run with a live lease.
     */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = IdentityException.Answer.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5000, skipOn = IdentityException.Answer.class)
    public List<SyncConfiguration> dueConfigurations() {
        List<SyncConfiguration> due = call("GET due sync configurations",
                () -> withServiceToken(identity::dueConfigurations), null, null);
        return due == null ? List.of() : due;
    }

    /**
     * {@code POST /internal/v1/sync-runs}: starts a run and takes its lease for {@code request.leaseSeconds()}.
     *
     * @throws RunAlreadyRunningException when a run of the configuration holds a live lease
     */
    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5000, skipOn = IdentityException.Answer.class)
    public SyncRun claim(ClaimRequest request) {
        return call("claim sync run", () -> withServiceToken(bearer -> identity.claim(bearer, request)),
                null, cause -> new RunAlreadyRunningException(request.syncConfigurationId(), cause));
    }

    /**
     * {@code POST /internal/v1/sync-runs/{id}/heartbeat}: renews the lease and records progress.
     *
     * @throws LeaseLostException when this holder no longer holds the lease or the run has ended
     */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = IdentityException.Answer.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5000, skipOn = IdentityException.Answer.class)
    public SyncRun heartbeat(UUID runId, HeartbeatRequest request) {
        // 404: the run is gone (its configuration was deleted) — as lost as a lease can be.
        return call("heartbeat sync run", () -> withServiceToken(bearer -> identity.heartbeat(bearer, runId, request)),
                cause -> new LeaseLostException(runId, cause), cause -> new LeaseLostException(runId, cause));
    }

    /**
     * {@code POST /internal/v1/sync-runs/{id}/complete}: ends the run; on success identity stores the cursor.
     *
     * @throws LeaseLostException when this holder no longer holds the lease or the run has already ended
     */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = IdentityException.Answer.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5000, skipOn = IdentityException.Answer.class)
    public SyncRun complete(UUID runId, CompleteRequest request) {
        return call("complete sync run", () -> withServiceToken(bearer -> identity.complete(bearer, runId, request)),
                cause -> new LeaseLostException(runId, cause), cause -> new LeaseLostException(runId, cause));
    }

    /**
     * {@code POST /internal/v1/orgs/{orgId}/credentials/{id}/secret}: the credential's plaintext secret, read for
     * run {@code runId} (identity audits every read). Not cached: read once per run, kept in memory only.
     *
     * @return the credential, or empty when the organization has no such credential (deleted since configured)
     * @throws IdentityRejectedException 409 when identity cannot decrypt it (an admin must replace it), 422 when
     *                                   the run is not one of the organization's
     */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = IdentityException.Answer.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5000, skipOn = IdentityException.Answer.class)
    public Optional<CredentialSecret> readCredentialSecret(UUID orgId, UUID credentialId, UUID runId) {
        return Optional.ofNullable(call("read credential secret", () -> withServiceToken(bearer ->
                identity.credentialSecret(bearer, orgId, credentialId, new IdentityRestClient.ReadSecretRequest(runId))),
                EMPTY, null));
    }

    /**
     * {@code GET /api/v1/identity/orgs/{org}} with the caller's token ({@code Bearer …}).
     *
     * @return the organization, or empty when it does not exist
     * @throws IdentityAccessDeniedException 403 when it exists but the caller is neither a member nor a
     *                                       superuser; 401 when identity does not accept the token
     */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = IdentityException.Answer.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5000, skipOn = IdentityException.Answer.class)
    public Optional<Organization> findOrganization(String org, String callerBearer) {
        return Optional.ofNullable(call("GET organization",
                () -> asCaller(() -> identity.organization(callerBearer, org)), EMPTY, null));
    }

    /**
     * {@code GET /api/v1/identity/orgs/{org}/sync-runs/{runId}} with the caller's token: the run with the
     * progress its heartbeats recorded.
     *
     * @return the run, or empty when there is no such run in that organization
     * @throws IdentityAccessDeniedException 401/403 as identity answers them for this caller
     */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = IdentityException.Answer.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5000, skipOn = IdentityException.Answer.class)
    public Optional<SyncRun> findRun(String org, UUID runId, String callerBearer) {
        return Optional.ofNullable(call("GET sync run",
                () -> asCaller(() -> identity.run(callerBearer, org, runId)), EMPTY, null));
    }

    /**
     * {@code GET /internal/v1/orgs/{orgId}/settings}: the organization's settings (every known key, defaults
     * included).
     *
     * @throws IdentityRejectedException 404 when the organization no longer exists
     */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = IdentityException.Answer.class)
    public OrgSettings orgSettings(UUID orgId) {
        return call("read organization settings", () -> withServiceToken(bearer -> identity.orgSettings(bearer, orgId)),
                null, null);
    }

    /** {@code GET /internal/v1/change-feeds}: every live organization's people/teams feed version. */
    @Timeout(10000)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, abortOn = IdentityException.Answer.class)
    public List<ChangeFeedPage.OrgVersion> feedVersions() {
        return call("list change-feed versions", () -> withServiceToken(identity::feedVersions), null, null);
    }

    /**
     * One page of the organization's people feed after ({@code sinceVersion}, {@code afterId}).
     *
     * @throws IdentityRejectedException 404 when the organization no longer exists
     */
    @Timeout(30000)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, abortOn = IdentityException.Answer.class)
    public ChangeFeedPage<ChangeFeedPage.Person> peopleChanges(UUID orgId, long sinceVersion, UUID afterId,
            int limit) {
        return call("read people feed", () -> withServiceToken(
                bearer -> identity.peopleChanges(bearer, orgId, sinceVersion, afterId, limit)), null, null);
    }

    /**
     * One page of the organization's teams feed after ({@code sinceVersion}, {@code afterId}).
     *
     * @throws IdentityRejectedException 404 when the organization no longer exists
     */
    @Timeout(30000)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, abortOn = IdentityException.Answer.class)
    public ChangeFeedPage<ChangeFeedPage.Team> teamChanges(UUID orgId, long sinceVersion, UUID afterId, int limit) {
        return call("read teams feed", () -> withServiceToken(
                bearer -> identity.teamChanges(bearer, orgId, sinceVersion, afterId, limit)), null, null);
    }

    /**
     * One page of the organization's incident link correction feed after ({@code sinceVersion}, {@code afterId}).
     *
     * @throws IdentityRejectedException 404 when the organization no longer exists
     */
    @Timeout(30000)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, abortOn = IdentityException.Answer.class)
    public ChangeFeedPage<ChangeFeedPage.Correction> incidentLinkCorrectionChanges(UUID orgId, long sinceVersion,
            UUID afterId, int limit) {
        return call("read incident link corrections feed", () -> withServiceToken(
                bearer -> identity.incidentLinkCorrectionChanges(bearer, orgId, sinceVersion, afterId, limit)),
                null, null);
    }

    /**
     * {@code POST /internal/v1/orgs/{orgId}/observed-identities}: reports identities seen in the organization's data
     * (at most {@link ObservedIdentities#MAX_BATCH} per call). Idempotent (identity upserts them).
     *
     * @return identities identity recorded
     * @throws IdentityRejectedException 404 when the organization no longer exists, 422 for an identity it refuses
     */
    @Timeout(30000)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, abortOn = IdentityException.Answer.class)
    public int observeIdentities(UUID orgId, ObservedIdentities request) {
        return call("report observed identities", () -> withServiceToken(
                bearer -> identity.observeIdentities(bearer, orgId, request)), null, null).recorded();
    }

    /** Calls with the service token; a 401 means the cached token went stale: fetch a new one, once. */
    private <T> T withServiceToken(Function<String, T> request) {
        String bearer = tokens.bearer();
        try {
            return request.apply(bearer);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() != Response.Status.UNAUTHORIZED.getStatusCode()) {
                throw e;
            }
            LOG.debug("identity-service rejected the cached service token; fetching a new one");
            tokens.invalidate(bearer);
            return request.apply(tokens.bearer());
        }
    }

    /** Calls with the end user's token: 401 and 403 are identity's verdict on that user. */
    private static <T> T asCaller(Supplier<T> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 401 || status == 403) {
                throw new IdentityAccessDeniedException(status, e);
            }
            throw e;
        }
    }

    /**
     * Runs {@code request}, translating identity's answers: 404 → {@code notFound} ({@link #EMPTY}: return
     * {@code null}; absent: {@link IdentityRejectedException}), 409 → {@code conflict} (absent: rejected),
     * other 4xx → {@link IdentityRejectedException}, 5xx and unreachable → {@link IdentityUnavailableException}.
     */
    private static <T> T call(String operation, Supplier<T> request,
            Function<Throwable, IdentityException.Answer> notFound,
            Function<Throwable, IdentityException.Answer> conflict) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404 && notFound == EMPTY) {
                return null;
            }
            if (status == 404 && notFound != null) {
                throw notFound.apply(e);
            }
            if (status == 409 && conflict != null) {
                throw conflict.apply(e);
            }
            if (status >= 400 && status < 500) {
                throw new IdentityRejectedException(operation, status, body(e.getResponse()), e);
            }
            throw new IdentityUnavailableException("identity-service answered " + status + " to " + operation, e);
        } catch (ProcessingException e) {
            throw new IdentityUnavailableException("identity-service unreachable (" + operation + "): "
                    + rootMessage(e), e);
        }
    }

    private static String body(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
