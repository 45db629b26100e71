package io.devhealth.identity.credential.service;

import static io.devhealth.identity.credential.CredentialSteps.KEY_A;
import static io.devhealth.identity.credential.CredentialSteps.KEY_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.devhealth.identity.credential.CredentialSteps;
import io.devhealth.identity.credential.service.UnreadableSecretException.Reason;

/** Envelope encryption without the application: sealing, opening, binding, tampering, re-wrapping, fingerprints. */
class CredentialCipherTests {

    private static final String SECRET = "  ghp_Secret λ 🔑\n";

    private final CredentialCipher cipher = CredentialSteps.cipher(KEY_A);
    private final UUID org = UUID.randomUUID();
    private final UUID credential = UUID.randomUUID();

    @Test
    void aSealedSecretOpensToExactlyWhatWasSealed() throws Exception {
        SealedSecret sealed = cipher.seal(org, credential, SECRET);

        assertThat(sealed.masterKeyId()).isEqualTo("local-test-a");
        assertThat(sealed.ciphertext()).hasSize(SECRET.getBytes(StandardCharsets.UTF_8).length + 28);
        assertThat(sealed.wrappedDataKey()).hasSize(60);
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("ghp_Secret");
        assertThat(cipher.open(org, credential, sealed)).isEqualTo(SECRET);
    }

    @Test
    void everySealUsesAFreshDataKeyAndNonce() {
        SealedSecret first = cipher.seal(org, credential, SECRET);
        SealedSecret second = cipher.seal(org, credential, SECRET);

        assertThat(second.ciphertext()).isNotEqualTo(first.ciphertext());
        assertThat(second.wrappedDataKey()).isNotEqualTo(first.wrappedDataKey());
    }

    @Test
    void aSecretOnlyOpensForTheOrganizationAndCredentialItWasSealedFor() {
        SealedSecret sealed = cipher.seal(org, credential, SECRET);

        assertUnreadable(() -> cipher.open(UUID.randomUUID(), credential, sealed), Reason.INTEGRITY_CHECK_FAILED);
        assertUnreadable(() -> cipher.open(org, UUID.randomUUID(), sealed), Reason.INTEGRITY_CHECK_FAILED);
        // Another row's data key with this row's ciphertext: the swap is detected too.
        UUID other = UUID.randomUUID();
        SealedSecret neighbour = cipher.seal(org, other, SECRET);
        assertUnreadable(() -> cipher.open(org, credential,
                new SealedSecret(sealed.ciphertext(), neighbour.wrappedDataKey(), sealed.masterKeyId())),
                Reason.INTEGRITY_CHECK_FAILED);
    }

    @Test
    void anyFlippedBitFailsTheIntegrityCheck() {
        SealedSecret sealed = cipher.seal(org, credential, SECRET);
        for (int i = 0; i < sealed.ciphertext().length; i += 7) {
            byte[] tampered = sealed.ciphertext().clone();
            tampered[i] ^= 0x01;
            assertUnreadable(() -> cipher.open(org, credential,
                    new SealedSecret(tampered, sealed.wrappedDataKey(), sealed.masterKeyId())),
                    Reason.INTEGRITY_CHECK_FAILED);
        }
        byte[] wrapped = sealed.wrappedDataKey().clone();
        wrapped[wrapped.length - 1] ^= (byte) 0x80;
        assertUnreadable(() -> cipher.open(org, credential,
                new SealedSecret(sealed.ciphertext(), wrapped, sealed.masterKeyId())), Reason.INTEGRITY_CHECK_FAILED);
        assertUnreadable(() -> cipher.open(org, credential,
                new SealedSecret(new byte[5], sealed.wrappedDataKey(), sealed.masterKeyId())),
                Reason.INTEGRITY_CHECK_FAILED);
    }

    @Test
    void aRowUnderAnUnconfiguredOrSwappedMasterKeyIsRefused() {
        SealedSecret sealed = cipher.seal(org, credential, SECRET);

        assertUnreadable(() -> CredentialSteps.cipher(KEY_B).open(org, credential, sealed),
                Reason.MASTER_KEY_NOT_CONFIGURED);
        // Relabelled as wrapped by the other configured key: that key cannot unwrap it.
        CredentialCipher both = CredentialSteps.cipher(KEY_A, KEY_B);
        assertUnreadable(() -> both.open(org, credential,
                new SealedSecret(sealed.ciphertext(), sealed.wrappedDataKey(), "local-test-b")),
                Reason.INTEGRITY_CHECK_FAILED);
    }

    @Test
    void rewrapMovesTheDataKeyUnderThePrimaryKeyAndKeepsTheCiphertext() throws Exception {
        SealedSecret underA = cipher.seal(org, credential, SECRET);
        CredentialCipher rotated = CredentialSteps.cipher(KEY_B, KEY_A);

        SealedSecret underB = rotated.rewrap(org, credential, underA);

        assertThat(underB.masterKeyId()).isEqualTo("local-test-b");
        assertThat(underB.ciphertext()).isEqualTo(underA.ciphertext());
        assertThat(underB.wrappedDataKey()).isNotEqualTo(underA.wrappedDataKey());
        assertThat(CredentialSteps.cipher(KEY_B).open(org, credential, underB)).isEqualTo(SECRET);
        assertUnreadable(() -> rotated.rewrap(UUID.randomUUID(), credential, underA), Reason.INTEGRITY_CHECK_FAILED);
    }

    @Test
    void fingerprintsAreShortKeyedAndDeterministic() throws Exception {
        String fingerprint = cipher.fingerprint(SECRET);

        assertThat(fingerprint).matches("^[0-9a-f]{8}$");
        assertThat(cipher.fingerprint(SECRET)).isEqualTo(fingerprint);
        assertThat(cipher.fingerprint(SECRET + "x")).isNotEqualTo(fingerprint);
        // Keyed: another master key gives another fingerprint, and it is no plain hash anyone could recompute.
        assertThat(CredentialSteps.cipher(KEY_B).fingerprint(SECRET)).isNotEqualTo(fingerprint);
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(HexFormat.of().formatHex(sha256)).doesNotStartWith(fingerprint);
    }

    @Test
    void failuresNameNoSecret() {
        SealedSecret sealed = cipher.seal(org, credential, SECRET);
        UnreadableSecretException failure = assertUnreadable(() -> cipher.open(UUID.randomUUID(), credential, sealed),
                Reason.INTEGRITY_CHECK_FAILED);

        assertThat(failure.getMessage()).doesNotContain("ghp_Secret");
        assertThat(failure.getCause()).isNull();
        assertThat(failure.getStackTrace()).isEmpty();
    }

    private static UnreadableSecretException assertUnreadable(Opening opening, Reason reason) {
        UnreadableSecretException failure = assertThrows(UnreadableSecretException.class, opening::open);
        assertThat(failure.reason()).isEqualTo(reason);
        return failure;
    }

    @FunctionalInterface
    private interface Opening {
        Object open() throws UnreadableSecretException;
    }
}
