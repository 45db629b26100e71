package io.devhealth.identity.auth.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import io.devhealth.support.auth.VerifiedTokens;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies this service's bearer tokens against the {@link KeyRing}: the header's {@code kid} picks the key, so
 * tokens signed before a key rotation (or by another replica's key) stay valid until they expire. A token without
 * a known {@code kid}, not RS256, with another issuer or audience, or expired, is refused (401).
 *
 * <p>A verified token is kept until it expires ({@link VerifiedTokens}): later requests with it skip the signature
 * check and the JSON parsing. A kept token still stops working when its key leaves the key ring.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class KeyRingJwtParser extends DefaultJWTParser {

    private final KeyRing keyRing;
    private final VerifiedTokens<Verified> verified = new VerifiedTokens<>();

    KeyRingJwtParser(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        Verified known = verified.find(bearerToken);
        if (known != null && keyRing.verification(known.kid()).isPresent()) {
            return known.token();
        }
        String kid = keyId(bearerToken);
        JsonWebToken token = parse(bearerToken, keyRing.verification(kid)
                .orElseThrow(() -> new ParseException("the token is not signed by a known key")));
        verified.keep(bearerToken, new Verified(token, kid), token.getExpirationTime());
        return token;
    }

    /** A token that passed every check, and the key that signed it. */
    private record Verified(JsonWebToken token, String kid) {
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
