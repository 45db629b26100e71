package io.devhealth.identity.auth.rest;

import io.devhealth.identity.auth.service.AccessToken;

/** An OAuth-style token response; {@code expiresIn} in seconds. */
public record TokenResponse(String accessToken, String tokenType, long expiresIn) {

    static TokenResponse from(AccessToken token) {
        return new TokenResponse(token.token(), "Bearer", token.lifetime().toSeconds());
    }
}
