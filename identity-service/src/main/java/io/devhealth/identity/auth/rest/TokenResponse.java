package io.devhealth.identity.auth.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.auth.service.AccessToken;
import io.devhealth.identity.auth.service.Session;

/**
 * An OAuth 2.0-style token response (RFC 6749 §5.1); lifetimes in seconds. Service tokens have no refresh token
 * (both refresh members null): services ask again with their client secret.
 */
public record TokenResponse(
        @Schema(description = "RS256 JWT for the Authorization: Bearer header", examples = "eyJraWQiOiJ…")
        String accessToken,
        @Schema(examples = "Bearer") String tokenType,
        @Schema(description = "Seconds until the access token expires", examples = "900") long expiresIn,
        @Schema(description = "Opaque, single-use: POST it to /auth/refresh for the next pair; null for services",
                examples = "dhr_9qGxk1V0Jm3c0yq1n6sY0bWQ2m3c7Y9PZQvLwq0H3rA") String refreshToken,
        @Schema(description = "Seconds until the refresh token expires", examples = "2592000") Long refreshExpiresIn) {

    static TokenResponse from(Session session) {
        return new TokenResponse(session.access().token(), "Bearer", session.access().lifetime().toSeconds(),
                session.refreshToken(), session.refreshLifetime().toSeconds());
    }

    static TokenResponse from(AccessToken token) {
        return new TokenResponse(token.token(), "Bearer", token.lifetime().toSeconds(), null, null);
    }

    @Override
    public String toString() {
        return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
}
