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
import io.devhealth.identity.user.User;
import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.problem.ProblemException;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Issues RS256 access tokens: {@code iss}, {@code aud}, {@code sub}, {@code upn}, {@code groups}, the
 * {@code orgs} claim ({@link OrgClaims}) and {@code exp} after {@code devhealth.jwt.lifetime}; header
 * {@code kid} names the key in the JWKS.
 */
@ApplicationScoped
public class TokenService {

    private final JwtConfig config;
    private final String serviceSecret;
    private final SigningKeys keys;

    /**
     * @param serviceSecret {@code devhealth.service-secret} (environment {@code DEVHEALTH_SERVICE_SECRET}): what
     *        sync-service presents for a service token; no default in prod, so the service does not start without it
     */
    TokenService(JwtConfig config, @ConfigProperty(name = "devhealth.service-secret") String serviceSecret,
            SigningKeys keys) {
        this.config = config;
        this.serviceSecret = serviceSecret;
        this.keys = keys;
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

    /**
     * An access token for {@code user} carrying {@code memberships} (claim {@code orgs}) and the groups
     * {@code user} (+ {@code superuser}).
     */
    public AccessToken forUser(User user, List<MembershipSummary> memberships) {
        Set<String> groups = new LinkedHashSet<>();
        groups.add(OrgClaims.USER_GROUP);
        if (user.superuser) {
            groups.add(OrgClaims.SUPERUSER_GROUP);
        }
        return sign(Jwt.subject(user.id.toString())
                .upn(user.email)
                .groups(groups)
                .claim(OrgClaims.CLAIM, OrgClaims.toClaim(memberships.stream().map(MembershipSummary::grant).toList())));
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
