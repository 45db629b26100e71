package io.devhealth.identity.credential.service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What creating a credential takes; checked by {@link CredentialRules}. Its {@code toString} leaves the secret out.
 *
 * @param provider one of {@link CredentialRules#PROVIDER_PATTERN}
 * @param name unique per organization and provider, stripped
 * @param secret the secret, exactly as sent
 * @param metadata a JSON object of non-secret strings, or null
 */
public record NewCredential(String provider, String name, String secret, JsonNode metadata) {

    @Override
    public String toString() {
        return "NewCredential[provider=" + provider + ", name=" + name + ", secret=(hidden)]";
    }
}
