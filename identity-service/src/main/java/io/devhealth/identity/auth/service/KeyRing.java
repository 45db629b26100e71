package io.devhealth.identity.auth.service;

import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

import io.devhealth.identity.config.JwtConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every key whose tokens may still be alive: this replica's signing key and those other replicas or earlier
 * starts signed with ({@code signing_keys}). Each replica records its key at start and every
 * {@link #REFRESH_INTERVAL} while it runs; a key stays published (JWKS) and accepted (token verification) until
 * one access-token lifetime after it last signed, so rotating the mounted key never invalidates a live token.
 */
@ApplicationScoped
public class KeyRing {

    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(KeyRing.class);
    private static final String RECORD = """
            INSERT INTO signing_keys (kid, public_jwk, last_signed_at) VALUES ($1, $2, now())
            ON CONFLICT (kid) DO UPDATE SET last_signed_at = now()""";
    private static final String LIVE = """
            SELECT kid, public_jwk FROM signing_keys
            WHERE last_signed_at > now() - make_interval(secs => $1) ORDER BY last_signed_at DESC""";

    private final SigningKeys signingKeys;
    private final JwtConfig config;
    private final Pool pool;
    private final Vertx vertx;
    private final Map<String, JWTAuthContextInfo> verification = new ConcurrentHashMap<>();
    private volatile String jwks;
    private long timerId = -1;

    KeyRing(SigningKeys signingKeys, JwtConfig config, Pool pool, Vertx vertx) {
        this.signingKeys = signingKeys;
        this.config = config;
        this.pool = pool;
        this.vertx = vertx;
        verification.put(signingKeys.keyId(), context(signingKeys.publicKey()));
        jwks = "{\"keys\":[" + signingKeys.publicJwk() + "]}";
    }

    void onStart(@Observes StartupEvent event) {
        refresh().await().atMost(Duration.ofSeconds(30));
        timerId = vertx.setPeriodic(REFRESH_INTERVAL.toMillis(), id -> refresh().subscribe().with(
                done -> { }, failure -> LOG.warnf("could not refresh the signing keys: %s", failure.getMessage())));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** The JWK Set of every live key ({@code {"keys": [{"kty": "RSA", "kid": …, "n": …, "e": …}, …]}}). */
    public String jwks() {
        return jwks;
    }

    /** How tokens signed by {@code kid} are verified, if that key is live. */
    public Optional<JWTAuthContextInfo> verification(String kid) {
        return Optional.ofNullable(kid).map(verification::get);
    }

    /** Records this replica's key as signing now, then reloads the live keys. */
    Uni<Void> refresh() {
        double retentionSeconds = config.lifetime().plus(REFRESH_INTERVAL.multipliedBy(2)).toSeconds();
        return pool.preparedQuery(RECORD).execute(Tuple.of(signingKeys.keyId(), signingKeys.publicJwk()))
                .chain(() -> pool.preparedQuery(LIVE).execute(Tuple.of(retentionSeconds)))
                .invoke(rows -> {
                    List<String> jwks = new ArrayList<>();
                    for (Row row : rows) {
                        String kid = row.getString("kid");
                        String jwk = row.getString("public_jwk");
                        if (!verification.containsKey(kid)) {
                            parse(jwk).ifPresent(key -> verification.put(kid, context(key)));
                        }
                        jwks.add(jwk);
                    }
                    Set<String> live = new HashSet<>();
                    rows.forEach(row -> live.add(row.getString("kid")));
                    live.add(signingKeys.keyId());
                    verification.keySet().retainAll(live);
                    this.jwks = "{\"keys\":[" + String.join(",", jwks) + "]}";
                })
                .replaceWithVoid();
    }

    private JWTAuthContextInfo context(RSAPublicKey key) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(key, config.issuer());
        info.setExpectedAudience(Set.of(config.audience(), config.serviceAudience()));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        return info;
    }

    private static Optional<RSAPublicKey> parse(String jwk) {
        try {
            if (JsonWebKey.Factory.newJwk(jwk) instanceof RsaJsonWebKey rsa) {
                return Optional.of(rsa.getRsaPublicKey());
            }
        } catch (JoseException e) {
            LOG.warnf("ignoring a malformed key in signing_keys: %s", e.getMessage());
        }
        return Optional.empty();
    }
}
