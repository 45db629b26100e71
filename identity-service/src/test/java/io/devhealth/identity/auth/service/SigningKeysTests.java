package io.devhealth.identity.auth.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.devhealth.identity.config.JwtConfig;

class SigningKeysTests {

    @TempDir
    Path directory;

    @Test
    void loadsAConfiguredPkcs8KeyNamedByItsRfc7638Thumbprint() throws Exception {
        KeyPair pair = rsa(2048);
        Path pem = writePem("key.pem", "PRIVATE KEY", pair.getPrivate().getEncoded());

        SigningKeys keys = new SigningKeys(config(Optional.of(pem)));

        assertThat(keys.publicKey()).isEqualTo(pair.getPublic());
        assertThat(keys.keyId())
                .isEqualTo(thumbprint(keys.publicKey().getModulus(), keys.publicKey().getPublicExponent()));
        assertThat(new SigningKeys(config(Optional.of(pem))).keyId()).as("stable across restarts")
                .isEqualTo(keys.keyId());
        assertThat(keys.publicJwk()).contains("\"kid\":\"" + keys.keyId() + "\"", "\"alg\":\"RS256\"", "\"use\":\"sig\"")
                .doesNotContain("\"d\"", "\"p\"", "\"q\"");
    }

    @Test
    void generatesAFreshKeyWhenNoneIsConfigured() {
        SigningKeys first = new SigningKeys(config(Optional.empty()));
        SigningKeys second = new SigningKeys(config(Optional.empty()));

        assertThat(first.publicKey().getModulus().bitLength()).isEqualTo(2048);
        assertThat(first.keyId()).isNotEqualTo(second.keyId());
    }

    @Test
    void refusesKeysItCannotUse() throws Exception {
        Path pkcs1 = writePem("pkcs1.pem", "RSA PRIVATE KEY", new byte[] { 1, 2, 3 });
        assertThatThrownBy(() -> new SigningKeys(config(Optional.of(pkcs1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PKCS#8");

        Path weak = writePem("weak.pem", "PRIVATE KEY", rsa(1024).getPrivate().getEncoded());
        assertThatThrownBy(() -> new SigningKeys(config(Optional.of(weak))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("2048");

        assertThatThrownBy(() -> new SigningKeys(config(Optional.of(directory.resolve("missing.pem")))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot read");
    }

    /** RFC 7638: SHA-256 over the required members in lexicographic order, without whitespace. */
    private static String thumbprint(BigInteger modulus, BigInteger exponent) throws Exception {
        String members = "{\"e\":\"" + base64url(exponent) + "\",\"kty\":\"RSA\",\"n\":\"" + base64url(modulus) + "\"}";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(members.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] unsigned = bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
    }

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    private Path writePem(String name, String type, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return Files.writeString(directory.resolve(name),
                "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    private static JwtConfig config(Optional<Path> privateKeyLocation) {
        return new JwtConfig() {
            @Override
            public String issuer() {
                return "devhealth-identity";
            }

            @Override
            public String audience() {
                return "devhealth";
            }

            @Override
            public String serviceAudience() {
                return "devhealth-services";
            }

            @Override
            public Optional<Path> serviceSecretsDir() {
                return Optional.empty();
            }

            @Override
            public Duration lifetime() {
                return Duration.ofMinutes(15);
            }

            @Override
            public Optional<Path> privateKeyLocation() {
                return privateKeyLocation;
            }
        };
    }
}
