package io.devhealth.identity.auth.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies this service's bearer tokens against the {@link KeyRing}: the header's {@code kid} picks the key, so
 * tokens signed before a key rotation (or by another replica's key) stay valid until they expire. A token without
 * a known {@code kid}, not RS256, with another issuer or audience, or expired, is refused (401).
 *
 * <p>A client sends the same token with every request for its 15-minute lifetime, so a verified token is kept
 * (keyed by the whole compact string: any changed byte misses) until it expires, and later requests skip the
 * signature check and the JSON parsing (together about half of the CPU an authenticated request cost). A kept
 * token still stops working when its key leaves the key ring.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class KeyRingJwtParser extends DefaultJWTParser {

    /** Bounds memory (a token and its claims take a few KB): more than the tokens one replica sees in 15 minutes. */
    private static final int VERIFIED_TOKENS = 5_000;

    private final KeyRing keyRing;
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(VERIFIED_TOKENS)
            .expireAfter(Expiry.creating((String token, Verified entry) ->
                    Duration.between(Instant.now(), entry.expiresAt())))
            .build();

    KeyRingJwtParser(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        Verified known = bearerToken == null ? null : verified.getIfPresent(bearerToken);
        if (known != null && known.expiresAt().isAfter(Instant.now())
                && keyRing.verification(known.kid()).isPresent()) {
            return known.token();
        }
        String kid = keyId(bearerToken);
        JsonWebToken token = parse(bearerToken, keyRing.verification(kid)
                .orElseThrow(() -> new ParseException("the token is not signed by a known key")));
        Instant expiresAt = Instant.ofEpochSecond(token.getExpirationTime());
        if (expiresAt.isAfter(Instant.now())) {
            verified.put(bearerToken, new Verified(token, kid, expiresAt));
        }
        return token;
    }

    /** A token that passed every check, the key that signed it, and its {@code exp}. */
    private record Verified(JsonWebToken token, String kid, Instant expiresAt) {
    }

    private static String keyId(String token) throws ParseException {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            throw new ParseException("not a compact JWS");
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            return JsonUtil.parseJson(header).get("kid") instanceof String kid ? kid : null;
        } catch (IllegalArgumentException | JoseException | ClassCastException malformed) {
            throw new ParseException("malformed token header");
        }
    }
}
