package io.devhealth.identity.credential.service;

import static io.devhealth.identity.credential.CredentialSteps.KEY_A;
import static io.devhealth.identity.credential.CredentialSteps.KEY_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** How the master key configuration is read, and refused with a message that names the property, never a key. */
class MasterKeyringTests {

    private static final String MATERIAL_A = KEY_A.substring(KEY_A.indexOf(':') + 1);
    private static final String SHORT_KEY = Base64.getEncoder().encodeToString(new byte[16]);

    @Test
    void oneKeyIsPrimaryWithoutBeingNamed() {
        MasterKeyring keys = MasterKeyring.parse(Optional.of(List.of(KEY_A)), Optional.empty());

        assertThat(keys.primaryKeyId()).isEqualTo("local-test-a");
        assertThat(keys.keyIds()).containsExactly("local-test-a");
    }

    @Test
    void severalKeysNeedTheirPrimaryNamed() {
        MasterKeyring keys = MasterKeyring.parse(Optional.of(List.of(KEY_A, " " + KEY_B + " ")),
                Optional.of("local-test-b"));

        assertThat(keys.primaryKeyId()).isEqualTo("local-test-b");
        assertThat(keys.keyIds()).containsExactly("local-test-a", "local-test-b");
        assertRefused(List.of(KEY_A, KEY_B), null, "DEVHEALTH_CREDENTIALS_PRIMARY_KEY_ID) is not set");
        assertRefused(List.of(KEY_A, KEY_B), "local-test-c", "names 'local-test-c', which is not among the keys");
    }

    @Test
    void aMissingConfigurationStopsTheServiceWithAClearMessage() {
        assertThatThrownBy(() -> MasterKeyring.parse(Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "devhealth.credentials.master-keys (DEVHEALTH_CREDENTIALS_MASTER_KEYS) is not set");
        assertRefused(List.of(" "), null, "is not set");
    }

    @Test
    void malformedEntriesAreRefusedWithoutEchoingKeyMaterial() {
        assertRefused(List.of(MATERIAL_A), null, "entry 1 is not keyId:base64-key");
        assertRefused(List.of(KEY_A, "bad id:" + MATERIAL_A), "local-test-a", "entry 2: the key id must be");
        assertRefused(List.of("k:" + MATERIAL_A + "!"), null, "entry 1 ('k'): the key is not standard base64");
        assertRefused(List.of("k:" + SHORT_KEY), null, "the key must be 32 bytes, it has 16");
        assertRefused(List.of(KEY_A, KEY_A), "local-test-a", "key id 'local-test-a' is listed twice");
    }

    private static void assertRefused(List<String> entries, String primary, String message) {
        assertThatThrownBy(() -> MasterKeyring.parse(Optional.of(entries), Optional.ofNullable(primary)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(message)
                .message().doesNotContain(MATERIAL_A).doesNotContain(MATERIAL_A.substring(0, 12));
    }
}
