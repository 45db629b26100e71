package io.devhealth.analytics.org;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.devhealth.analytics.AnalyticsConfig;
import io.devhealth.analytics.http.OffEventLoop;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Decides whether the caller may read an organization's analytics, and which org the {@code {org}} path segment
 * names. Every role, viewer included, holds {@link OrgPermission#ANALYTICS_READ}.
 *
 * <p>identity-service decides, asked with the caller's own token, for every token: a signed, unexpired token is
 * not enough, since identity refuses a deactivated user's or a removed member's at once (401/403), long before the
 * token expires. Its positive answers are reused per token and org for
 * {@code devhealth.analytics.org-access-cache-ttl} (60 s): a dashboard costs one call a minute, not one per
 * request, and a revocation reaches analytics within that time; refusals are never cached.
 */
@ApplicationScoped
public class OrgAccess {

    private static final Logger LOG = Logger.getLogger(OrgAccess.class);
    private static final int CACHED_ANSWERS = 10_000;

    private final JsonWebToken token;
    private final IdentityClient identity;
    private final Cache<Lookup, UUID> identityAnswers;

    OrgAccess(JsonWebToken token, IdentityClient identity, AnalyticsConfig config) {
        this.token = token;
        this.identity = identity;
        this.identityAnswers = Caffeine.newBuilder()
                .expireAfterWrite(config.orgAccessCacheTtl())
                .maximumSize(CACHED_ANSWERS)
                .build();
    }

    /**
     * The id of the organization named by {@code org}, when the caller may read it.
     *
     * @param org slug or id, as in the request path
     * @throws ProblemException 401 {@code unauthorized} when identity no longer accepts the token (a deactivated
     *         user's); 403 {@code forbidden} when the org exists and the caller is not a member; 404
     *         {@code not-found} when no such org exists; 503 {@code upstream-unavailable} when identity-service
     *         cannot tell
     */
    public UUID readableOrgId(String org) {
        return readableOrgId(org, token.getRawToken());
    }

    /**
     * {@code work} with {@link #readableOrgId(String)} on a worker thread ({@link OffEventLoop}), for an endpoint
     * answering on the event loop: the caller's token is taken here, where the request's CDI context is, since the
     * worker has none. A refusal is the returned {@link Uni}'s failure, as {@link #readableOrgId(String)} throws it.
     */
    public <T> Uni<T> offEventLoop(String org, Function<UUID, T> work) {
        String bearerToken = token.getRawToken();
        return OffEventLoop.call(() -> work.apply(readableOrgId(org, bearerToken)));
    }

    private UUID readableOrgId(String org, String bearerToken) {
        return identityAnswers.get(new Lookup(bearerToken, org), this::askIdentity);
    }

    /**
     * {@link #readableOrgId}'s answer when it is at hand without asking identity-service (a positive answer for this
     * token and org within the TTL); null otherwise, and then {@link #readableOrgId} decides. Never blocks.
     */
    public UUID cachedReadableOrgId(String org) {
        return identityAnswers.getIfPresent(new Lookup(token.getRawToken(), org));
    }

    private UUID askIdentity(Lookup lookup) {
        Optional<IdentityOrg> found;
        try {
            found = identity.findOrg(lookup.org(), lookup.bearerToken());
        } catch (OrgAccessDeniedException e) {
            if (e.status() == 401) {
                throw ProblemException.unauthorized("identity-service no longer accepts this token");
            }
            throw ProblemException.forbidden("Not a member of organization '" + lookup.org() + "'.");
        } catch (RuntimeException unavailable) {
            // Unreachable, timed out, failing, or the circuit is open: whatever it is, identity cannot tell now.
            LOG.warnf(unavailable, "identity-service could not resolve organization '%s'", lookup.org());
            throw ProblemException.upstreamUnavailable("identity-service could not confirm access to organization '"
                    + lookup.org() + "'; retry later.");
        }
        return found.map(IdentityOrg::id)
                .orElseThrow(() -> ProblemException.notFound("No organization '" + lookup.org() + "'."));
    }

    /** Cache key: identity-service's answer depends on the token it was asked with. */
    private record Lookup(String bearerToken, String org) {
    }
}
