package io.devhealth.identity.auth.service;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import io.devhealth.identity.config.JwtConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * Makes SmallRye JWT verify this service's own endpoints against the in-memory signing key. The other services
 * fetch the same key from the JWKS endpoint; identity cannot (the key may exist only in this process), so it
 * replaces the configuration-driven {@code JWTAuthContextInfo} with one built from {@link SigningKeys}.
 * Anything not signed by that key with RS256, or with another issuer or audience, or expired, is a 401.
 */
@ApplicationScoped
public class TokenVerification {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo verification(SigningKeys keys, JwtConfig config) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(keys.publicKey(), config.issuer());
        info.setExpectedAudience(Set.of(config.audience(), config.serviceAudience()));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        return info;
    }
}
