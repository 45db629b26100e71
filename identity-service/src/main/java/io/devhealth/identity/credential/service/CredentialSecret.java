package io.devhealth.identity.credential.service;

import io.devhealth.identity.credential.IntegrationCredential;

/**
 * A credential with its decrypted secret, for sync-service only. Its {@code toString} leaves the secret out.
 */
public record CredentialSecret(IntegrationCredential credential, String secret) {

    @Override
    public String toString() {
        return "CredentialSecret[credential=" + credential.id + ", secret=(hidden)]";
    }
}
