package io.devhealth.identity.credential.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.util.SecretBytes;

/**
 * The configured master keys ({@code devhealth.credentials.master-keys}), each an AES-256-GCM AEAD that wraps
 * data keys, and which one is primary. Also derives, from the primary key, the key of secret fingerprints (HKDF,
 * so the master key itself is only ever used for wrapping). Immutable; holds key material, so it has no
 * {@code toString} of interest and its error messages name key ids and entry positions, never key material.
 */
public final class MasterKeyring {

    /** AES-256. */
    static final int KEY_BYTES = 32;
    /** What a key id may be: also the schema's CHECK on {@code integration_credentials.key_id}. */
    static final Pattern KEY_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

    private static final String MASTER_KEYS = "devhealth.credentials.master-keys (DEVHEALTH_CREDENTIALS_MASTER_KEYS)";
    private static final String PRIMARY_KEY_ID =
            "devhealth.credentials.primary-key-id (DEVHEALTH_CREDENTIALS_PRIMARY_KEY_ID)";
    private static final byte[] FINGERPRINT_INFO =
            "devhealth/credential-fingerprint/v1".getBytes(StandardCharsets.UTF_8);

    private final Map<String, Aead> keys;
    private final String primaryKeyId;
    private final byte[] fingerprintKey;

    private MasterKeyring(Map<String, Aead> keys, String primaryKeyId, byte[] fingerprintKey) {
        this.keys = Collections.unmodifiableMap(keys);
        this.primaryKeyId = primaryKeyId;
        this.fingerprintKey = fingerprintKey;
    }

    /**
     * The keyring the configuration describes.
     *
     * @param entries {@code keyId:base64} entries, 32-byte keys, distinct ids; empty or absent is refused
     * @param primaryKeyId one of the entries' ids; may be absent when there is exactly one entry
     * @throws IllegalStateException naming the property and what is wrong with it (never the key material)
     */
    public static MasterKeyring parse(Optional<List<String>> entries, Optional<String> primaryKeyId) {
        List<String> listed = entries.orElse(List.of()).stream().filter(entry -> !entry.isBlank()).toList();
        if (listed.isEmpty()) {
            throw new IllegalStateException(MASTER_KEYS + " is not set: identity-service needs at least one master "
                    + "key to encrypt integration credentials. Set it to keyId:base64-of-32-random-bytes "
                    + "(e.g. main-2026:$(openssl rand -base64 32)) from a secret store.");
        }
        Map<String, byte[]> material = new LinkedHashMap<>();
        for (int i = 0; i < listed.size(); i++) {
            parseEntry(listed.get(i).strip(), i + 1, material);
        }
        String primary = primaryKeyId.map(String::strip).filter(id -> !id.isEmpty()).orElseGet(() -> {
            if (material.size() != 1) {
                throw new IllegalStateException(PRIMARY_KEY_ID + " is not set: with " + material.size()
                        + " master keys listed (" + String.join(", ", material.keySet()) + "), name the one to use");
            }
            return material.keySet().iterator().next();
        });
        if (!material.containsKey(primary)) {
            throw new IllegalStateException(PRIMARY_KEY_ID + " names '" + primary + "', which is not among the keys "
                    + "of " + MASTER_KEYS + " (" + String.join(", ", material.keySet()) + ")");
        }
        Map<String, Aead> aeads = new LinkedHashMap<>();
        material.forEach((id, key) -> aeads.put(id, aesGcm(key)));
        return new MasterKeyring(aeads, primary, derive(material.get(primary), FINGERPRINT_INFO));
    }

    /** The id of the key new and re-wrapped rows use. */
    public String primaryKeyId() {
        return primaryKeyId;
    }

    /** The ids of every configured key, in configuration order. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** The AEAD of the configured key {@code keyId}, if it is configured. */
    Optional<Aead> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    Aead primaryKey() {
        return keys.get(primaryKeyId);
    }

    /** Key of {@link CredentialCipher#fingerprint}; derived from the primary key. */
    byte[] fingerprintKey() {
        return fingerprintKey.clone();
    }

    /** AES-256-GCM with a random 12-byte nonce prepended and a 16-byte tag appended (Tink, no key prefix). */
    static Aead aesGcm(byte[] key) {
        try {
            AesGcmParameters parameters = AesGcmParameters.builder()
                    .setKeySizeBytes(KEY_BYTES)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                    .build();
            return AesGcmJce.create(AesGcmKey.builder()
                    .setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get()))
                    .build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JDK", e);
        }
    }

    private static void parseEntry(String entry, int position, Map<String, byte[]> material) {
        int colon = entry.indexOf(':');
        String where = MASTER_KEYS + " entry " + position;
        if (colon < 0) {
            throw new IllegalStateException(where + " is not keyId:base64-key");
        }
        String id = entry.substring(0, colon).strip();
        if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalStateException(where + ": the key id must be 1–64 letters, digits, dots, underscores "
                    + "or hyphens, starting with a letter or digit");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException(where + " ('" + id + "'): the key is not standard base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(where + " ('" + id + "'): the key must be " + KEY_BYTES
                    + " bytes, it has " + key.length);
        }
        if (material.putIfAbsent(id, key) != null) {
            throw new IllegalStateException(where + ": key id '" + id + "' is listed twice");
        }
    }

    private static byte[] derive(byte[] key, byte[] info) {
        try {
            return Hkdf.computeHkdf("HMACSHA256", key, new byte[0], info, KEY_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
        }
    }
}
