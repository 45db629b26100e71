package io.devhealth.identity.credential.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.Random;

import io.devhealth.identity.credential.config.CredentialsConfig;
import io.devhealth.identity.credential.service.UnreadableSecretException.Reason;
import io.quarkus.runtime.Startup;

/**
 * Envelope encryption of integration credentials' secrets. Each secret gets its own random AES-256-GCM data key;
 * the data key is wrapped (AES-256-GCM) by the primary master key of {@link MasterKeyring}. Both ciphertexts carry
 * the organization and credential ids as associated data, so a row copied to another organization or credential
 * fails to decrypt. Rotation re-wraps the data key only ({@link #rewrap}); the secret's ciphertext never changes
 * until the secret does.
 *
 * <p>Created at start ({@link Startup}): a missing or malformed master key configuration stops the service with a
 * message naming the property.
 */
@Startup
@Singleton
public class CredentialCipher {

    private static final int DATA_KEY_BYTES = MasterKeyring.KEY_BYTES;
    private static final int FINGERPRINT_BYTES = 4;
    private static final String SECRET_PURPOSE = "credential-secret";
    private static final String DATA_KEY_PURPOSE = "credential-data-key";

    private final MasterKeyring keys;

    @Inject
    CredentialCipher(CredentialsConfig config) {
        this(MasterKeyring.parse(config.masterKeys(), config.primaryKeyId()));
    }

    /** A cipher over {@code keys}; the application's own comes from the configuration. */
    public CredentialCipher(MasterKeyring keys) {
        this.keys = keys;
    }

    /** The id of the master key {@link #seal} and {@link #rewrap} use. */
    public String primaryKeyId() {
        return keys.primaryKeyId();
    }

    /** Whether rows under {@code masterKeyId} can be decrypted with this configuration. */
    public boolean isConfigured(String masterKeyId) {
        return keys.key(masterKeyId).isPresent();
    }

    /** {@code secret} encrypted under a new data key, wrapped by the primary master key, for that credential. */
    public SealedSecret seal(UUID orgId, UUID credentialId, String secret) {
        byte[] dataKey = Random.randBytes(DATA_KEY_BYTES);
        try {
            byte[] ciphertext = MasterKeyring.aesGcm(dataKey).encrypt(secret.getBytes(StandardCharsets.UTF_8),
                    associatedData(SECRET_PURPOSE, orgId, credentialId));
            return new SealedSecret(ciphertext, wrap(dataKey, orgId, credentialId), keys.primaryKeyId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM encryption failed", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The plaintext of a secret {@link #seal} produced for the same organization and credential. */
    public String open(UUID orgId, UUID credentialId, SealedSecret sealed) throws UnreadableSecretException {
        byte[] dataKey = unwrap(orgId, credentialId, sealed);
        try {
            byte[] plaintext = MasterKeyring.aesGcm(dataKey)
                    .decrypt(sealed.ciphertext(), associatedData(SECRET_PURPOSE, orgId, credentialId));
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw tampered("the secret");
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * The same secret with its data key wrapped by the primary master key instead; fails, like {@link #open}, when
     * the secret cannot be decrypted now (so a re-wrapped row is known to be readable).
     */
    public SealedSecret rewrap(UUID orgId, UUID credentialId, SealedSecret sealed) throws UnreadableSecretException {
        open(orgId, credentialId, sealed);
        byte[] dataKey = unwrap(orgId, credentialId, sealed);
        try {
            return new SealedSecret(sealed.ciphertext(), wrap(dataKey, orgId, credentialId), keys.primaryKeyId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM encryption failed", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Eight hex digits of HMAC-SHA256({@code secret}) under a key derived from the primary master key: tells two
     * secrets apart without telling anything of them, and cannot be brute-forced without the master key.
     */
    public String fingerprint(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.fingerprintKey(), "HmacSHA256"));
            byte[] digest = mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, FINGERPRINT_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
        }
    }

    private byte[] wrap(byte[] dataKey, UUID orgId, UUID credentialId) throws GeneralSecurityException {
        return keys.primaryKey().encrypt(dataKey, associatedData(DATA_KEY_PURPOSE, orgId, credentialId));
    }

    private byte[] unwrap(UUID orgId, UUID credentialId, SealedSecret sealed) throws UnreadableSecretException {
        Aead master = keys.key(sealed.masterKeyId()).orElseThrow(() -> new UnreadableSecretException(
                Reason.MASTER_KEY_NOT_CONFIGURED,
                "master key '" + sealed.masterKeyId() + "' is not configured (devhealth.credentials.master-keys)"));
        try {
            return master.decrypt(sealed.wrappedDataKey(), associatedData(DATA_KEY_PURPOSE, orgId, credentialId));
        } catch (GeneralSecurityException e) {
            throw tampered("the wrapped data key");
        }
    }

    private static UnreadableSecretException tampered(String what) {
        return new UnreadableSecretException(Reason.INTEGRITY_CHECK_FAILED, what + " failed its integrity check: "
                + "the row was altered, or copied from another credential or organization");
    }

    /** Binds a ciphertext to its purpose, organization and credential. */
    private static byte[] associatedData(String purpose, UUID orgId, UUID credentialId) {
        return ("devhealth/" + purpose + "/v1:" + orgId + ":" + credentialId).getBytes(StandardCharsets.UTF_8);
    }
}
