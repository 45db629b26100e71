package io.devhealth.identity.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class PasswordHasherTests {

    private final PasswordHasher hasher = new PasswordHasher(600_000);

    @Test
    void hashesAreSaltedPbkdf2Sha256InTheStoredFormat() {
        String first = hasher.hash("s3cret");
        String second = hasher.hash("s3cret");

        assertThat(first).matches("pbkdf2-sha256\\$600000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.matches("s3cret", first)).isTrue();
        assertThat(hasher.matches("s3cret", second)).isTrue();
        assertThat(hasher.matches("S3cret", first)).isFalse();
    }

    @Test
    void verifiesHashesMadeElsewhereInTheSameFormat() {
        // RFC 7914, section 11: PBKDF2-HMAC-SHA256, P = "passwd", S = "salt", c = 1, dkLen = 64.
        byte[] expected = HexFormat.of().parseHex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
        String stored = "pbkdf2-sha256$1$" + Base64.getEncoder().encodeToString("salt".getBytes()) + "$"
                + Base64.getEncoder().encodeToString(expected);

        assertThat(hasher.matches("passwd", stored)).isTrue();
        assertThat(hasher.matches("passwd!", stored)).isFalse();
    }

    @Test
    void hashesWithFewerIterationsThanConfiguredNeedARehash() {
        PasswordHasher weaker = new PasswordHasher(1000);
        String old = weaker.hash("s3cret");

        assertThat(hasher.needsRehash(old)).isTrue();
        assertThat(hasher.matches("s3cret", old)).isTrue();
        assertThat(weaker.needsRehash(old)).isFalse();
        assertThat(weaker.needsRehash(hasher.hash("s3cret"))).isFalse();
        assertThat(hasher.needsRehash("not-a-hash")).isTrue();
    }

    @Test
    void absentOrMalformedHashesNeverMatch() {
        assertThat(hasher.matches("anything", null)).isFalse();
        assertThat(hasher.matches("anything", "plain-text-password")).isFalse();
        assertThat(hasher.matches("anything", "bcrypt$10$abc$def")).isFalse();
        assertThat(hasher.matches("anything", "pbkdf2-sha256$many$abc$def")).isFalse();
    }
}
