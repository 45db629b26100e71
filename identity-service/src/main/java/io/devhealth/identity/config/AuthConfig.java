package io.devhealth.identity.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sign-in, sessions and throttling ({@code devhealth.auth.*}; environment {@code DEVHEALTH_AUTH_*}). */
@ConfigMapping(prefix = "devhealth.auth")
public interface AuthConfig {

    /**
     * PBKDF2-HMAC-SHA256 iterations for new hashes; stored hashes with fewer are re-hashed at their next sign-in.
     * 600,000 is OWASP's 2023 figure; only tests lower it.
     */
    @WithDefault("600000")
    int passwordIterations();

    /** How long a refresh token stays usable after it is issued (each refresh issues a new one), ISO-8601. */
    @WithDefault("P30D")
    Duration refreshTokenLifetime();

    /** Whether anyone may create an account with {@code POST /auth/register}; off by default. */
    @WithDefault("false")
    boolean selfRegistration();

    /**
     * How long an organization-scoped read may rely on a cached membership, role and account status
     * ({@code io.devhealth.identity.org.service.CallerAccessCache}). Changes made through the same replica show at
     * once; this bounds how late other replicas' changes show. {@code PT0S} turns the cache off.
     */
    @WithDefault("PT2S")
    Duration accessCacheTtl();

    /** Failed sign-in throttling. */
    Throttle throttle();

    interface Throttle {

        /** Failures counted together: older failures are forgotten. */
        @WithDefault("PT15M")
        Duration window();

        /** Failures of one account (known or not) within the window before its sign-ins are refused. */
        @WithDefault("5")
        int accountFailures();

        /** Failures from one client address within the window before its sign-ins are refused. */
        @WithDefault("50")
        int clientFailures();

        /** The first refusal lasts this long; each further failure doubles it, up to {@link #maxBlock()}. */
        @WithDefault("PT30S")
        Duration firstBlock();

        @WithDefault("PT15M")
        Duration maxBlock();
    }
}
