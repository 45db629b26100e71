package io.devhealth.sync.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * sync-service's service token for identity's internal API, obtained with the shared secret
 * {@code devhealth.service-secret} and cached until shortly before it expires. A 401 from identity (key
 * rotation, restart with new keys) makes the caller {@link #invalidate} it and fetch a new one.
 */
@ApplicationScoped
class ServiceTokens {

    static final String CLIENT_ID = "sync-service";
    /** Refresh this long before expiry so a token never expires in flight. */
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
    /** When identity does not say how long the token lives. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private final IdentityRestClient identity;
    private final String secret;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Cached cached;

    @Inject
    ServiceTokens(@RestClient IdentityRestClient identity,
            @ConfigProperty(name = "devhealth.service-secret") String secret) {
        this(identity, secret, Clock.systemUTC());
    }

    ServiceTokens(IdentityRestClient identity, String secret, Clock clock) {
        this.identity = identity;
        this.secret = secret;
        this.clock = clock;
    }

    /**
     * The {@code Authorization} header value ({@code Bearer …}) of a valid service token.
     *
     * @throws IdentityUnavailableException when identity cannot issue one (unreachable, 5xx, or it rejects the
     *                                      secret: check {@code DEVHEALTH_SERVICE_SECRET} on both services)
     */
    String bearer() {
        Cached current = cached;
        if (current != null && current.fresh(clock.instant())) {
            return current.bearer;
        }
        lock.lock();
        try {
            current = cached;
            if (current != null && current.fresh(clock.instant())) {
                return current.bearer;
            }
            cached = fetch();
            return cached.bearer;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets {@code bearer} if it is still the cached token (a concurrent caller may have refreshed it). */
    void invalidate(String bearer) {
        lock.lock();
        try {
            if (cached != null && cached.bearer.equals(bearer)) {
                cached = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private Cached fetch() {
        Instant requestedAt = clock.instant();
        IdentityRestClient.AccessToken token;
        try {
            token = identity.serviceToken(new IdentityRestClient.ServiceTokenRequest(CLIENT_ID, secret));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 401 || status == 403) {
                throw new IdentityUnavailableException("identity-service rejected sync-service's service secret ("
                        + status + "): devhealth.service-secret must match on both services", e);
            }
            throw new IdentityUnavailableException("identity-service answered " + status + " to the service-token request", e);
        } catch (ProcessingException e) {
            throw new IdentityUnavailableException("identity-service unreachable: " + e.getMessage(), e);
        }
        if (token == null || token.accessToken() == null || token.accessToken().isBlank()) {
            throw new IdentityUnavailableException("identity-service returned no service token", null);
        }
        Duration lifetime = token.expiresIn() == null || token.expiresIn() <= 0
                ? DEFAULT_LIFETIME : Duration.ofSeconds(token.expiresIn());
        // Short-lived tokens: refresh at half-life rather than never caching them.
        Duration margin = lifetime.compareTo(REFRESH_MARGIN.multipliedBy(2)) > 0 ? REFRESH_MARGIN : lifetime.dividedBy(2);
        return new Cached("Bearer " + token.accessToken(), requestedAt.plus(lifetime).minus(margin));
    }

    private record Cached(String bearer, Instant refreshAt) {
        boolean fresh(Instant now) {
            return now.isBefore(refreshAt);
        }
    }
}
