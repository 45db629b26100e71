package io.devhealth.identity.auth.service;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.devhealth.identity.config.AuthConfig;

/**
 * PBKDF2-HMAC-SHA256 password hashes, encoded {@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>}
 * (the format of {@code users.password_hash}): each hash names its own parameters, so raising
 * {@code devhealth.auth.password-iterations} keeps old hashes verifiable and {@link #needsRehash} tells which to
 * upgrade at the next sign-in.
 *
 * <p>Both operations cost one full key derivation (about 0.3 s of CPU at 600,000 iterations): call them on a
 * worker thread, never on the event loop.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final Logger LOG = Logger.getLogger(PasswordHasher.class);
    private static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final int iterations;
    /** Verified against when there is no stored hash, so an unknown email costs as much as a wrong password. */
    private final Encoded decoy;

    @Inject
    PasswordHasher(AuthConfig config) {
        this(config.passwordIterations());
    }

    /** A hasher producing hashes with {@code iterations} (tests write fixtures with it). */
    public PasswordHasher(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("devhealth.auth.password-iterations must be positive");
        }
        this.iterations = iterations;
        this.decoy = new Encoded(iterations, new byte[SALT_BYTES], new byte[HASH_BYTES]);
    }

    /** A new hash of {@code password} with a random 16-byte salt and the configured iterations. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new Encoded(iterations, salt, derive(password, salt, iterations, HASH_BYTES)).toString();
    }

    /**
     * Whether {@code password} matches {@code stored} (compared in constant time). A {@code null} or malformed
     * {@code stored} never matches, after the same amount of work as a real comparison.
     */
    public boolean matches(String password, String stored) {
        Optional<Encoded> parsed = stored == null ? Optional.empty() : Encoded.parse(stored);
        if (stored != null && parsed.isEmpty()) {
            LOG.warn("a stored password hash is not in the pbkdf2-sha256 format; the sign-in is refused");
        }
        Encoded expected = parsed.orElse(decoy);
        byte[] actual = derive(password, expected.salt(), expected.iterations(), expected.hash().length);
        return MessageDigest.isEqual(actual, expected.hash()) && parsed.isPresent();
    }

    /** Whether {@code stored} was made with weaker parameters than new hashes get (fewer iterations). */
    public boolean needsRehash(String stored) {
        return Encoded.parse(stored).map(encoded -> encoded.iterations() < iterations).orElse(true);
    }

    private static byte[] derive(String password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    private record Encoded(int iterations, byte[] salt, byte[] hash) {

        static Optional<Encoded> parse(String stored) {
            String[] parts = stored.split("\\$");
            if (parts.length != 4 || !SCHEME.equals(parts[0])) {
                return Optional.empty();
            }
            try {
                Encoded encoded = new Encoded(Integer.parseInt(parts[1]), DECODER.decode(parts[2]),
                        DECODER.decode(parts[3]));
                return encoded.iterations() > 0 && encoded.hash().length > 0 ? Optional.of(encoded) : Optional.empty();
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return String.join("$", SCHEME, Integer.toString(iterations), ENCODER.encodeToString(salt),
                    ENCODER.encodeToString(hash));
        }
    }
}
