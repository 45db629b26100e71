package io.devhealth.identity.auth.service;

import java.time.Duration;

/**
 * What a sign-in or a refresh hands out: an access token and the session's next refresh token (opaque,
 * {@code dhr_} + 43 base64url characters, valid for {@code refreshLifetime}).
 */
public record Session(AccessToken access, String refreshToken, Duration refreshLifetime) {

    @Override
    public String toString() {
        return "Session[refreshToken=***]";
    }
}
