package io.devhealth.identity.credential.service;

/**
 * A secret as stored: its ciphertext under a data key, that data key wrapped by a master key, and the master key's
 * id. Both ciphertexts are AES-256-GCM ({@code nonce ‖ ciphertext ‖ tag}) bound to the organization and
 * credential ids (associated data). Carries no plaintext.
 *
 * @param ciphertext the secret's UTF-8 bytes encrypted under the data key (its size + 28 bytes)
 * @param wrappedDataKey the 32-byte data key encrypted under the master key (60 bytes)
 * @param masterKeyId the id of the master key in {@code devhealth.credentials.master-keys}
 */
public record SealedSecret(byte[] ciphertext, byte[] wrappedDataKey, String masterKeyId) {
}
