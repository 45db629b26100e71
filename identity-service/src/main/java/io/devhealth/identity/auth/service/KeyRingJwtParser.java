package io.devhealth.identity.auth.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies this service's bearer tokens against the {@link KeyRing}: the header's {@code kid} picks the key, so
 * tokens signed before a key rotation (or by another replica's key) stay valid until they expire. A token without
 * a known {@code kid}, not RS256, with another issuer or audience, or expired, is refused (401).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class KeyRingJwtParser extends DefaultJWTParser {

    private final KeyRing keyRing;

    KeyRingJwtParser(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        String kid = keyId(bearerToken);
        return parse(bearerToken, keyRing.verification(kid)
                .orElseThrow(() -> new ParseException("the token is not signed by a known key")));
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
