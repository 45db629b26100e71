package io.devhealth.identity.auth.service;

import java.time.Duration;

/** A signed, compact JWT and how long it is valid from now. */
public record AccessToken(String token, Duration lifetime) {
}
