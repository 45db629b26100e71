package io.devhealth.identity.auth.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.devhealth.identity.config.JwtConfig;
import io.devhealth.identity.org.MembershipSummary;
import io.devhealth.identity.user.User;
import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.auth.ServiceRole;
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

    private static final Logger LOG = Logger.getLogger(TokenService.class);

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
     * A service token for a known client ({@link ServiceRole.Client}): {@code sub} = {@code clientId}, groups
     * {@code service} + the client's roles, audience {@code devhealth.jwt.service-audience}. The secret is the
     * client's file in {@code devhealth.jwt.service-secrets-dir}, or {@code devhealth.service-secret} without one;
     * compared in constant time. An unknown client and a wrong secret fail alike (401).
     */
    public AccessToken issueForService(String clientId, String clientSecret) {
        ServiceRole.Client client = ServiceRole.Client.byId(clientId).orElse(null);
        String expected = client == null ? null : expectedSecret(client);
        boolean matches = MessageDigest.isEqual(sha256(clientSecret), sha256(expected == null ? "" : expected));
        if (client == null || expected == null || expected.isEmpty() || !matches) {
            throw ProblemException.unauthorized("invalid client credentials");
        }
        return sign(Jwt.subject(clientId).upn(clientId).groups(client.groups())
                .audience(config.serviceAudience()));
    }

    private String expectedSecret(ServiceRole.Client client) {
        if (config.serviceSecretsDir().isEmpty()) {
            return serviceSecret;
        }
        Path file = config.serviceSecretsDir().get().resolve(client.clientId());
        try {
            return Files.isRegularFile(file) ? Files.readString(file).strip() : null;
        } catch (IOException unreadable) {
            LOG.warnf("cannot read the secret of service client %s from %s", client.clientId(), file);
            return null;
        }
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
        return sign(Jwt.subject(user.id.toString()).audience(config.audience())
                .upn(user.email)
                .groups(groups)
                .claim(OrgClaims.CLAIM, OrgClaims.toClaim(memberships.stream().map(MembershipSummary::grant).toList())));
    }

    private AccessToken sign(JwtClaimsBuilder claims) {
        String token = claims.issuer(config.issuer())
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
