package io.devhealth.support.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class VerifiedTokensTests {

    private final VerifiedTokens<String> tokens = new VerifiedTokens<>();

    @Test
    void aKeptTokenIsFoundByItsWholeCompactForm() {
        tokens.keep("header.claims.signature", "verified", Instant.now().plusSeconds(900).getEpochSecond());

        assertThat(tokens.find("header.claims.signature")).isEqualTo("verified");
        assertThat(tokens.find("header.claims.signaturE")).isNull();
        assertThat(tokens.find("header.claims")).isNull();
        assertThat(tokens.find(null)).isNull();
    }

    @Test
    void anExpiredTokenIsNotKept() {
        tokens.keep("expired.claims.signature", "verified", Instant.now().minusSeconds(1).getEpochSecond());

        assertThat(tokens.find("expired.claims.signature")).isNull();
    }
}
