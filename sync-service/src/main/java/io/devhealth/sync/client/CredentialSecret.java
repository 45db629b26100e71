package io.devhealth.sync.client;

import java.util.Map;
import java.util.UUID;

/**
 * An integration credential with its plaintext secret, as identity's internal
 * {@code POST /internal/v1/orgs/{orgId}/credentials/{id}/secret} answers it. Held in memory for one run only: never
 * written to disk, logged or put in an exception; {@link #toString()} leaves the secret out.
 *
 * @param provider {@code github}, {@code gitlab}, …
 * @param metadata non-secret details stored with it, e.g. {@code {"account": "acme"}}
 * @param secret   the token, exactly as stored
 */
public record CredentialSecret(UUID id, UUID orgId, String provider, String name, Map<String, String> metadata,
        String secret) {

    @Override
    public String toString() {
        return "CredentialSecret[id=" + id + ", provider=" + provider + ", secret=(hidden)]";
    }
}
