package io.devhealth.analytics.org;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Asks identity-service about organizations on the caller's behalf, with a timeout, one retry and a circuit
 * breaker so a slow or failing identity-service costs a request at most a few seconds. Blocking.
 */
@ApplicationScoped
public class IdentityClient {

    private final IdentityRestClient identity;

    IdentityClient(@RestClient IdentityRestClient identity) {
        this.identity = identity;
    }

    /**
     * {@code GET /api/v1/identity/orgs/{org}} with the caller's own bearer token, so identity-service applies its
     * access rules to the caller.
     *
     * @param org slug or id
     * @return the organization, or empty when identity-service knows no such org (404)
     * @throws OrgAccessDeniedException when the org exists but the caller may not see it (403)
     * @throws RuntimeException when identity-service is unreachable, slow or failing, or the circuit is open
     */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, abortOn = OrgAccessDeniedException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = OrgAccessDeniedException.class)
    public Optional<IdentityOrg> findOrg(String org, String bearerToken) {
        try {
            return Optional.of(identity.getOrg(org, "Bearer " + bearerToken));
        } catch (WebApplicationException e) {
            return switch (e.getResponse().getStatus()) {
                case 404 -> Optional.empty();
                case 401, 403 -> throw new OrgAccessDeniedException(org, e.getResponse().getStatus());
                default -> throw e;
            };
        }
    }
}
