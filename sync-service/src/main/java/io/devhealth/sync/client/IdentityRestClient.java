package io.devhealth.sync.client;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * identity-service's HTTP API as sync-service uses it. Package-private: callers go through
 * {@link IdentityClient}, which adds timeouts, retries, the circuit breaker, the service token and the mapping
 * of identity's status codes (404 → empty, 409 → typed exceptions). Base URL: {@code devhealth.identity.url}.
 *
 * <p>Every method throws {@code WebApplicationException} for a non-2xx answer and {@code ProcessingException}
 * when identity cannot be reached.
 */
@RegisterRestClient(configKey = "identity")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface IdentityRestClient {

    /** {@code POST /internal/v1/auth/service-token}: exchanges the shared service secret for a service token. */
    @POST
    @Path("/internal/v1/auth/service-token")
    AccessToken serviceToken(ServiceTokenRequest request);

    @GET
    @Path("/internal/v1/sync-configurations/{id}")
    SyncConfiguration configuration(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") UUID id);

    @GET
    @Path("/internal/v1/sync-configurations/due")
    List<SyncConfiguration> dueConfigurations(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @POST
    @Path("/internal/v1/sync-runs")
    SyncRun claim(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, ClaimRequest request);

    @POST
    @Path("/internal/v1/sync-runs/{id}/heartbeat")
    SyncRun heartbeat(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") UUID runId,
            HeartbeatRequest request);

    @POST
    @Path("/internal/v1/sync-runs/{id}/complete")
    SyncRun complete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") UUID runId,
            CompleteRequest request);

    /** Reads a credential's secret for a run; identity audits the read (reader, time, run id). */
    @POST
    @Path("/internal/v1/orgs/{orgId}/credentials/{id}/secret")
    CredentialSecret credentialSecret(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("orgId") UUID orgId, @PathParam("id") UUID credentialId, ReadSecretRequest request);

    /** Public API with the caller's own token: 200, 403 (exists, caller may not see it) or 404. */
    @GET
    @Path("/api/v1/identity/orgs/{org}")
    Organization organization(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("org") String org);

    /** Public API with the caller's own token: the run if it belongs to {@code org} and the caller may see it. */
    @GET
    @Path("/api/v1/identity/orgs/{org}/sync-runs/{runId}")
    SyncRun run(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("org") String org,
            @PathParam("runId") UUID runId);

    @GET
    @Path("/internal/v1/orgs/{orgId}/settings")
    OrgSettings orgSettings(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("orgId") UUID orgId);

    @GET
    @Path("/internal/v1/change-feeds")
    List<ChangeFeedPage.OrgVersion> feedVersions(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @GET
    @Path("/internal/v1/orgs/{orgId}/people")
    ChangeFeedPage<ChangeFeedPage.Person> peopleChanges(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("orgId") UUID orgId, @QueryParam("sinceVersion") long sinceVersion,
            @QueryParam("afterId") UUID afterId, @QueryParam("limit") int limit);

    @GET
    @Path("/internal/v1/orgs/{orgId}/teams")
    ChangeFeedPage<ChangeFeedPage.Team> teamChanges(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("orgId") UUID orgId, @QueryParam("sinceVersion") long sinceVersion,
            @QueryParam("afterId") UUID afterId, @QueryParam("limit") int limit);

    @GET
    @Path("/internal/v1/orgs/{orgId}/incident-link-corrections")
    ChangeFeedPage<ChangeFeedPage.Correction> incidentLinkCorrectionChanges(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("orgId") UUID orgId,
            @QueryParam("sinceVersion") long sinceVersion, @QueryParam("afterId") UUID afterId,
            @QueryParam("limit") int limit);

    @POST
    @Path("/internal/v1/orgs/{orgId}/observed-identities")
    ObservedIdentities.Recorded observeIdentities(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("orgId") UUID orgId, ObservedIdentities request);

    /** @param runId the sync run the secret is read for (recorded in identity's audit) */
    record ReadSecretRequest(UUID runId) {
    }

    record ServiceTokenRequest(String clientId, String clientSecret) {
    }

    /** @param expiresIn seconds until the token expires */
    record AccessToken(String accessToken, String tokenType, Long expiresIn) {
    }
}
