package io.devhealth.support.auth;

import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Bearer tokens that passed verification, kept until they expire, so that a client sending the same token with every
 * request for its 15-minute lifetime costs one signature check and one parse, not one per request (together about half
 * the CPU of an authenticated request: the RSA operation, Base64 and JSON of the token).
 *
 * <p>Keyed by the whole compact token: any changed byte misses and goes through full verification. What was verified
 * is kept as {@code T} (the parsed token, and whatever else the verifier needs to re-check cheaply, such as the
 * signing key's id). Bounded to 5,000 tokens; past that, the least used leave first.
 *
 * @param <T> what verification produced
 */
public final class VerifiedTokens<T> {

    /** Bounds memory (a token and its claims take a few KB): more than the tokens one replica sees in 15 minutes. */
    private static final int MAXIMUM_SIZE = 5_000;

    private record Entry<T>(T verified, Instant expiresAt) {
    }

    private final Cache<String, Entry<T>> verified;

    public VerifiedTokens() {
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAXIMUM_SIZE)
                .expireAfter(Expiry.creating((String token, Entry<T> entry) ->
                        Duration.between(Instant.now(), entry.expiresAt())))
                .build();
    }

    /**
     * What verifying {@code compactToken} produced, while it has not expired (the cache never answers an entry past
     * its {@code expiresAt}); null otherwise (or for null).
     */
    public T find(String compactToken) {
        Entry<T> entry = compactToken == null ? null : verified.getIfPresent(compactToken);
        return entry == null ? null : entry.verified();
    }

    /**
     * Keeps a verified token until its {@code exp}; a token already expired is not kept.
     *
     * @param expiresAt the token's {@code exp} claim, seconds since the epoch
     */
    public void keep(String compactToken, T verified, long expiresAt) {
        Instant expiry = Instant.ofEpochSecond(expiresAt);
        if (expiry.isAfter(Instant.now())) {
            this.verified.put(compactToken, new Entry<>(verified, expiry));
        }
    }
}
