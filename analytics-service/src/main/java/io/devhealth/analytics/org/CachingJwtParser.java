package io.devhealth.analytics.org;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.devhealth.support.auth.VerifiedTokens;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * SmallRye JWT's verification (identity-service's JWKS, issuer, audience, expiry; {@code mp.jwt.verify.*}), each token
 * verified once and then kept until it expires ({@link VerifiedTokens}): a dashboard sends the same token with every
 * request, and verifying it was the largest part of a request's own time (0.3 ms of RSA, Base64 and JSON on the daily
 * endpoints, measured with bench/analytics).
 *
 * <p>A kept token is not re-checked against the JWKS. A key identity-service withdraws stops its tokens here within
 * {@code devhealth.analytics.org-access-cache-ttl} all the same: every org read asks identity-service with the caller's
 * token once that long ({@link OrgAccess}), and identity refuses a token whose key left its key ring.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser extends DefaultJWTParser {

    private final VerifiedTokens<JsonWebToken> verified = new VerifiedTokens<>();

    /** The token as {@link #parse} verified it before, while it has not expired; null when it must be verified. */
    public JsonWebToken verified(String bearerToken) {
        return verified.find(bearerToken);
    }

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        JsonWebToken known = verified.find(bearerToken);
        if (known != null) {
            return known;
        }
        JsonWebToken token = super.parse(bearerToken);
        verified.keep(bearerToken, token, token.getExpirationTime());
        return token;
    }
}
