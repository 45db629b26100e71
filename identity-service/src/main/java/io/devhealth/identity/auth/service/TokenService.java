package io.devhealth.identity.auth.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.devhealth.identity.config.JwtConfig;
import io.devhealth.identity.org.MembershipSummary;
import io.devhealth.identity.org.repository.MembershipRepository;
import io.devhealth.identity.user.User;
import io.devhealth.identity.user.repository.UserRepository;
import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.mutiny.Uni;

/**
 * Issues RS256 access tokens: {@code iss}, {@code aud}, {@code sub}, {@code upn}, {@code groups}, the
 * {@code orgs} claim ({@link OrgClaims}) and {@code exp} after {@code devhealth.jwt.lifetime}; header
 * {@code kid} names the key in the JWKS.
 */
@ApplicationScoped
public class TokenService {

    private static final String INVALID_CREDENTIALS = "invalid email or password";

    private final JwtConfig config;
    private final String serviceSecret;
    private final SigningKeys keys;
    private final PasswordHasher hasher;
    private final UserRepository users;
    private final MembershipRepository memberships;

    /**
     * @param serviceSecret {@code devhealth.service-secret} (environment {@code DEVHEALTH_SERVICE_SECRET}): what
     *        sync-service presents for a service token; no default in prod, so the service does not start without it
     */
    TokenService(JwtConfig config, @ConfigProperty(name = "devhealth.service-secret") String serviceSecret,
            SigningKeys keys, PasswordHasher hasher, UserRepository users, MembershipRepository memberships) {
        this.config = config;
        this.serviceSecret = serviceSecret;
        this.keys = keys;
        this.hasher = hasher;
        this.users = users;
        this.memberships = memberships;
    }

    /**
     * A user token for {@code email}/{@code password}, with the user's current memberships. An unknown email,
     * a wrong password and a deactivated account fail alike (401 problem, same detail, same work), so the
     * endpoint does not tell which emails exist.
     */
    @WithSession
    public Uni<AccessToken> issueForUser(String email, String password) {
        return users.findByEmail(email)
                .call(user -> VertxContextSupport.executeBlocking(
                                () -> hasher.matches(password, user == null ? null : user.passwordHash))
                        .invoke(matches -> {
                            if (!matches || !user.active) {
                                throw ProblemException.unauthorized(INVALID_CREDENTIALS);
                            }
                        }))
                .flatMap(user -> memberships.summariesOf(user.id).map(summaries -> userToken(user, summaries)));
    }

    /**
     * A service token (groups {@code ["service"]}, {@code sub} = {@code clientId}) when {@code clientSecret} is
     * {@code devhealth.service-secret}; compared in constant time.
     */
    public AccessToken issueForService(String clientId, String clientSecret) {
        if (!MessageDigest.isEqual(sha256(clientSecret), sha256(serviceSecret))) {
            throw ProblemException.unauthorized("invalid client credentials");
        }
        return sign(Jwt.subject(clientId).upn(clientId).groups(OrgClaims.SERVICE_GROUP));
    }

    private AccessToken userToken(User user, List<MembershipSummary> summaries) {
        Set<String> groups = new LinkedHashSet<>();
        groups.add(OrgClaims.USER_GROUP);
        if (user.superuser) {
            groups.add(OrgClaims.SUPERUSER_GROUP);
        }
        return sign(Jwt.subject(user.id.toString())
                .upn(user.email)
                .groups(groups)
                .claim(OrgClaims.CLAIM, OrgClaims.toClaim(summaries.stream().map(MembershipSummary::grant).toList())));
    }

    private AccessToken sign(JwtClaimsBuilder claims) {
        String token = claims.issuer(config.issuer())
                .audience(config.audience())
                .expiresIn(config.lifetime())
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(keys.keyId())
                .sign(keys.privateKey());
        return new AccessToken(token, config.lifetime());
    }

    /** Digests first, so the comparison takes the same time whatever the lengths. */
    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
