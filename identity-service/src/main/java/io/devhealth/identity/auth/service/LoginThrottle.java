package io.devhealth.identity.auth.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.config.AuthConfig;
import io.devhealth.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Throttles failed sign-ins per account and per client address, in PostgreSQL so every replica sees the same
 * counts ({@code login_throttles}). An account is keyed by its lower-cased email whether or not it exists, so
 * throttling answers never tell which emails have accounts. After {@code devhealth.auth.throttle.account-failures}
 * (or {@code client-failures}) failures within the window, sign-ins of that subject are refused with 429 for
 * {@code first-block}, doubling with each further failure up to {@code max-block}; refused attempts cost no
 * password hash. A successful sign-in clears its account's count.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String RECORD_FAILURE = """
            INSERT INTO login_throttles AS t (subject_hash, failures, window_started_at)
            VALUES ($1, 1, now())
            ON CONFLICT (subject_hash) DO UPDATE SET
                failures = CASE WHEN t.window_started_at < now() - make_interval(secs => $2) THEN 1
                                ELSE t.failures + 1 END,
                window_started_at = CASE WHEN t.window_started_at < now() - make_interval(secs => $2) THEN now()
                                         ELSE t.window_started_at END
            RETURNING failures""";
    private static final String BLOCK = """
            UPDATE login_throttles
            SET blocked_until = now() + make_interval(secs => least($2 * power(2, failures - $3), $4))
            WHERE subject_hash = $1 AND failures >= $3""";
    private static final String BLOCKED_FOR = """
            SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::bigint FROM login_throttles
            WHERE subject_hash = ANY($1) AND blocked_until > now()""";
    private static final String CLEAR = "DELETE FROM login_throttles WHERE subject_hash = $1";

    private final Pool pool;
    private final AuthConfig.Throttle config;

    LoginThrottle(Pool pool, AuthConfig config) {
        this.pool = pool;
        this.config = config.throttle();
    }

    /**
     * Fails with 429 {@code too-many-requests} (and {@code Retry-After}) when the account or the client is
     * currently blocked.
     */
    public Uni<Void> requireAllowed(String email, String clientAddress) {
        return pool.preparedQuery(BLOCKED_FOR)
                .execute(Tuple.of(new Buffer[] { account(email), client(clientAddress) }))
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    Long seconds = row.getLong(0);
                    if (seconds != null) {
                        throw ProblemException.tooManyRequests(
                                "too many failed sign-ins; try again later", Duration.ofSeconds(Math.max(1, seconds)));
                    }
                })
                .replaceWithVoid();
    }

    /** Counts a failed sign-in against the account and the client, blocking those that reached their limit. */
    public Uni<Void> recordFailure(String email, String clientAddress) {
        return count(account(email), config.accountFailures())
                .chain(() -> count(client(clientAddress), config.clientFailures()));
    }

    /** Forgets the account's failures after a successful sign-in (the client's stay counted). */
    public Uni<Void> recordSuccess(String email) {
        return pool.preparedQuery(CLEAR).execute(Tuple.of(account(email))).replaceWithVoid();
    }

    private Uni<Void> count(Buffer subject, int limit) {
        return pool.preparedQuery(RECORD_FAILURE)
                .execute(Tuple.of(subject, (double) config.window().toSeconds()))
                .flatMap(rows -> rows.iterator().next().getInteger(0) < limit
                        ? Uni.createFrom().voidItem()
                        : pool.preparedQuery(BLOCK).execute(Tuple.from(List.of(subject,
                                (double) config.firstBlock().toSeconds(), limit,
                                (double) config.maxBlock().toSeconds()))).replaceWithVoid());
    }

    private static Buffer account(String email) {
        return sha256("account:" + email.strip().toLowerCase(Locale.ROOT));
    }

    private static Buffer client(String clientAddress) {
        return sha256("client:" + clientAddress);
    }

    /** A bytea parameter: the reactive PostgreSQL client takes Buffers, not byte arrays. */
    private static Buffer sha256(String value) {
        try {
            return Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
