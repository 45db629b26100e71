package io.devhealth.identity.auth.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.devhealth.identity.auth.RefreshToken;
import io.devhealth.identity.auth.repository.RefreshTokenRepository;
import io.devhealth.identity.config.AuthConfig;
import io.devhealth.identity.org.repository.MembershipRepository;
import io.devhealth.identity.user.User;
import io.devhealth.identity.user.repository.UserRepository;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Sign-in sessions: password sign-in (throttled, hashes upgraded on the way), refresh-token rotation with reuse
 * detection, sign-out. Refresh tokens are random 256-bit strings stored only as SHA-256; presenting a token that
 * was already rotated means two parties hold it, so the whole session is revoked (OAuth 2.0 Security BCP §4.14).
 */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);
    private static final String INVALID_CREDENTIALS = "invalid email or password";
    private static final String INVALID_REFRESH = "the refresh token is invalid, expired or revoked; sign in again";
    private static final String TOKEN_PREFIX = "dhr_";
    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final AuthConfig config;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final TokenService tokens;
    private final UserRepository users;
    private final MembershipRepository memberships;
    private final RefreshTokenRepository refreshTokens;

    SessionService(AuthConfig config, PasswordHasher hasher, LoginThrottle throttle, TokenService tokens,
            UserRepository users, MembershipRepository memberships, RefreshTokenRepository refreshTokens) {
        this.config = config;
        this.hasher = hasher;
        this.throttle = throttle;
        this.tokens = tokens;
        this.users = users;
        this.memberships = memberships;
        this.refreshTokens = refreshTokens;
    }

    /**
     * A new session for {@code email}/{@code password}. An unknown email, a wrong password and a deactivated
     * account fail alike (401, same detail, same work), so the endpoint does not tell which emails exist.
     *
     * @param clientAddress the caller's address, for per-client throttling
     * @throws ProblemException 401 {@code unauthorized}; 429 {@code too-many-requests} while throttled
     */
    public Uni<Session> signIn(String email, String password, String clientAddress) {
        return throttle.requireAllowed(email, clientAddress)
                .chain(() -> Panache.withSession(() -> users.findByEmail(email)))
                .chain(user -> VertxContextSupport.executeBlocking(
                                () -> hasher.matches(password, user == null ? null : user.passwordHash))
                        .chain(matches -> matches && user.active
                                ? throttle.recordSuccess(email).replaceWith(user)
                                : throttle.recordFailure(email, clientAddress).chain(() -> Uni.createFrom()
                                        .failure(ProblemException.unauthorized(INVALID_CREDENTIALS)))))
                // Read again in the transaction: the hash ran on a worker holding no connection, and the user
                // may have been deactivated meanwhile.
                .chain(user -> upgradedHash(user, password)
                        .chain(newHash -> Panache.withTransaction(() -> users.findById(user.id)
                                .onItem().ifNull().failWith(() -> ProblemException.unauthorized(INVALID_CREDENTIALS))
                                .onItem().transform(stored -> {
                                    if (!stored.active) {
                                        throw ProblemException.unauthorized(INVALID_CREDENTIALS);
                                    }
                                    return stored;
                                })
                                .invoke(stored -> {
                                    stored.lastLoginAt = Instant.now();
                                    if (newHash != null) {
                                        stored.passwordHash = newHash;
                                    }
                                })
                                .chain(stored -> open(stored, UUID.randomUUID())))));
    }

    /**
     * Rotates {@code refreshToken}: the session continues with a new refresh token and a fresh access token
     * carrying the user's current memberships. Reusing a rotated token revokes the session.
     *
     * @throws ProblemException 401 {@code unauthorized} for an unknown, expired, revoked or reused token, or a
     *         deactivated user
     */
    public Uni<Session> refresh(String refreshToken) {
        return Panache.withTransaction(() -> refreshTokens.findByHashForUpdate(hash(refreshToken))
                .chain(token -> {
                    if (token == null || token.revokedAt != null || token.expiresAt.isBefore(Instant.now())) {
                        return Uni.createFrom().<Session>nullItem();
                    }
                    if (token.rotatedAt != null) {
                        LOG.warnf("a rotated refresh token of user %s was presented again: session %s revoked",
                                token.userId, token.familyId);
                        return refreshTokens.revokeFamily(token.familyId, RefreshToken.REVOKED_FOR_REUSE)
                                .replaceWith(Uni.createFrom().<Session>nullItem());
                    }
                    return users.findById(token.userId).chain(user -> {
                        if (user == null || !user.active) {
                            return refreshTokens.revokeAllOf(token.userId, RefreshToken.REVOKED_BY_DEACTIVATION)
                                    .replaceWith(Uni.createFrom().<Session>nullItem());
                        }
                        token.rotatedAt = Instant.now();
                        return open(user, token.familyId);
                    });
                }))
                // Outside the transaction: a revocation above must commit before the caller hears 401.
                .onItem().ifNull().failWith(() -> ProblemException.unauthorized(INVALID_REFRESH));
    }

    /** Ends the session {@code refreshToken} belongs to; unknown or already revoked tokens are ignored. */
    public Uni<Void> signOut(String refreshToken) {
        return Panache.withTransaction(() -> refreshTokens.findByHashForUpdate(hash(refreshToken))
                .chain(token -> token == null
                        ? Uni.createFrom().voidItem()
                        : refreshTokens.revokeFamily(token.familyId, RefreshToken.REVOKED_BY_LOGOUT).replaceWithVoid()));
    }

    /** Revokes every session of the user (deactivation, password change); in the caller's transaction. */
    public Uni<Integer> revokeAll(UUID userId, String reason) {
        return refreshTokens.revokeAllOf(userId, reason);
    }

    /** A new hash when the stored one is weaker than the configured parameters, else null. */
    private Uni<String> upgradedHash(User user, String password) {
        return hasher.needsRehash(user.passwordHash)
                ? VertxContextSupport.executeBlocking(() -> hasher.hash(password))
                : Uni.createFrom().nullItem();
    }

    /** Persists a new refresh token of session {@code familyId} and signs the access token; in a transaction. */
    private Uni<Session> open(User user, UUID familyId) {
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String refreshToken = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        RefreshToken row = new RefreshToken();
        row.userId = user.id;
        row.familyId = familyId;
        row.tokenHash = hash(refreshToken);
        row.expiresAt = Instant.now().plus(config.refreshTokenLifetime());
        return refreshTokens.persist(row)
                .chain(() -> memberships.summariesOf(user.id))
                .map(summaries -> new Session(tokens.forUser(user, summaries), refreshToken,
                        config.refreshTokenLifetime()));
    }

    private static byte[] hash(String refreshToken) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
