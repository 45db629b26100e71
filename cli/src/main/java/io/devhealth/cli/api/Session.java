package io.devhealth.cli.api;

import java.time.Instant;

/**
 * A signed-in session: the gateway it belongs to, who signed in, the access token (a JWT, sent as Bearer) with the
 * instant it expires, and the refresh token ({@code dhr_…}) that gets the next one.
 */
public record Session(String url, String email, String accessToken, Instant accessTokenExpiresAt,
        String refreshToken, Instant refreshTokenExpiresAt) {

    /** True when the access token expires within {@code marginSeconds} of {@code now}. */
    public boolean accessTokenExpired(Instant now, long marginSeconds) {
        return accessTokenExpiresAt == null || !now.plusSeconds(marginSeconds).isBefore(accessTokenExpiresAt);
    }

    @Override
    public String toString() {
        // Tokens are secrets: never in a log line or an exception message.
        return "Session[url=" + url + ", email=" + email + ", accessTokenExpiresAt=" + accessTokenExpiresAt + "]";
    }
}
