package io.devhealth.identity.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The access tokens identity-service issues ({@code devhealth.jwt.*}; environment {@code DEVHEALTH_JWT_*}).
 * Narrower than {@code devhealth.*} because other components share that namespace (the test engines, the
 * ClickHouse settings of the other services), and a mapping rejects properties under its prefix it does not know.
 */
@ConfigMapping(prefix = "devhealth.jwt")
public interface JwtConfig {

    /** {@code iss} of every token issued; verifiers configure the same value. */
    @WithDefault("devhealth-identity")
    String issuer();

    /** {@code aud} of every token issued. */
    @WithDefault("devhealth")
    String audience();

    /**
     * {@code aud} of service (client-credentials) tokens: accepted by identity's internal API only, so a service
     * token can never act on the public APIs.
     */
    @WithDefault("devhealth-services")
    String serviceAudience();

    /**
     * A directory holding one file per service client, named by client id ({@code sync-service},
     * {@code analytics-service}) and containing its secret: a Kubernetes Secret mounted as a volume. Absent: every
     * client presents {@code devhealth.service-secret} (local runs and tests).
     */
    Optional<Path> serviceSecretsDir();

    /**
     * How long an access token is valid ({@code exp − iat}), ISO-8601 duration. Also how late a changed role
     * reaches sync-service at worst (a removed membership or a deactivated user is refused by the other services
     * as soon as identity is next asked), and how long a rotated-out signing key stays in the JWKS.
     */
    @WithDefault("PT15M")
    Duration lifetime();

    /**
     * File holding the RS256 signing key, PEM PKCS#8 (what {@code openssl pkcs8 -topk8} writes), RSA ≥ 2048 bits; in Kubernetes
     * mounted from a Secret; {@code dev/up} keeps one under its data directory. Absent: a fresh key pair is
     * generated at each start, so tokens do not survive a restart (tests only). To rotate, mount a new key: the
     * previous one stays published in the JWKS until the last token it signed has expired.
     */
    Optional<Path> privateKeyLocation();
}
