package io.devhealth.identity.credential.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The master keys that wrap the data keys of integration credentials ({@code devhealth.credentials.*};
 * environment {@code DEVHEALTH_CREDENTIALS_*}, a Kubernetes Secret in production). Never logged. Checked at
 * start by {@link io.devhealth.identity.credential.service.MasterKeyring#parse}: the service does not start
 * without a usable master key.
 */
@ConfigMapping(prefix = "devhealth.credentials")
public interface CredentialsConfig {

    /**
     * One or more comma-separated {@code keyId:base64} entries: a key id of 1–64 letters, digits, dots,
     * underscores or hyphens, and 32 random bytes in standard base64 ({@code openssl rand -base64 32}). Keep old
     * keys listed after a rotation until {@code POST /api/v1/identity/admin/credentials/rewrap} reports no row
     * under them: rows under a key that is not listed cannot be decrypted.
     */
    Optional<List<String>> masterKeys();

    /** The key id new and re-wrapped rows use; may be omitted when exactly one key is listed. */
    Optional<String> primaryKeyId();
}
