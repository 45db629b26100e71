package io.devhealth.identity.auth.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.Use;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.HashUtil;

import io.devhealth.identity.config.JwtConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The RS256 key pair tokens are signed with: loaded from {@code devhealth.jwt.private-key-location} (PEM
 * PKCS#8) or, when that is unset, generated at start (RSA 2048, kept in memory only). Its key id is the
 * RFC 7638 JWK thumbprint (SHA-256) of the public key, so the same key always gets the same {@code kid}.
 * {@link KeyRing} publishes it, with the keys other replicas and earlier starts signed with.
 * Created at start so that a bad key file stops the service instead of failing its first login.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    private static final int MIN_KEY_BITS = 2048;

    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;
    private final String publicJwk;

    SigningKeys(JwtConfig config) {
        KeyPair pair = config.privateKeyLocation().map(SigningKeys::load).orElseGet(SigningKeys::generate);
        privateKey = pair.getPrivate();
        publicKey = (RSAPublicKey) pair.getPublic();
        RsaJsonWebKey jwk = new RsaJsonWebKey(publicKey);
        keyId = jwk.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
        jwk.setKeyId(keyId);
        jwk.setUse(Use.SIGNATURE);
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        publicJwk = jwk.toJson(OutputControlLevel.PUBLIC_ONLY);
        LOG.infof("signing tokens with RSA key %s (%s)", keyId,
                config.privateKeyLocation().isPresent() ? "configured" : "generated at start");
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** The {@code kid} of tokens signed with this key. */
    public String keyId() {
        return keyId;
    }

    /** The public key as a JWK ({@code {"kty": "RSA", "kid": …, "use": "sig", "alg": "RS256", "n": …, "e": …}}). */
    public String publicJwk() {
        return publicJwk;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(MIN_KEY_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
    }

    private static KeyPair load(Path location) {
        String pem;
        try {
            pem = Files.readString(location);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read devhealth.jwt.private-key-location " + location, e);
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            // SmallRye JWT's PEM reader: PKCS#8 only, which is what Kubernetes Secrets made by openssl pkcs8 hold.
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyUtils.decodePrivateKey(pem);
            if (key.getModulus().bitLength() < MIN_KEY_BITS) {
                throw new IllegalStateException("the signing key must have at least " + MIN_KEY_BITS + " bits");
            }
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            return new KeyPair(publicKey, key);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("devhealth.jwt.private-key-location " + location + " is not a PEM"
                    + " PKCS#8 RSA private key (convert a PKCS#1 key with: openssl pkcs8 -topk8 -nocrypt -in key.pem)", e);
        }
    }
}
