package io.devhealth.sync.people;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.devhealth.sync.client.ObservedIdentities.Identity;

/** Identities are cleaned to what identity-service accepts, so one odd value never costs a whole batch. */
class ObservedIdentityRulesTests {

    @Test
    void idsIdentityWouldRefuseAreSkipped() {
        assertThat(ObservedIdentityRules.clean("github", "-starts-with-hyphen", null)).isEmpty();
        assertThat(ObservedIdentityRules.clean("git", "has space@example.com", null)).isEmpty();
        assertThat(ObservedIdentityRules.clean("pagerduty", "P", null)).isEmpty();
        assertThat(ObservedIdentityRules.clean("svn", "anyone", null)).isEmpty();
        assertThat(ObservedIdentityRules.clean("git", "a".repeat(321), null)).isEmpty();
        assertThat(ObservedIdentityRules.clean("github", "dependabot[bot]", null)).isPresent();
        assertThat(ObservedIdentityRules.clean("jira", "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077", "Jane"))
                .contains(new Identity("jira", "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077", "Jane", null));
    }

    @Test
    void namesAreSingleLineTrimmedAndShortenedWithoutSplittingACharacter() {
        assertThat(name("Ada\tLovelace\n")).isEqualTo("Ada Lovelace");
        assertThat(name("\u00a0\u2003 ")).isNull();
        assertThat(name("N\u0000L")).isEqualTo("N L");
        String emoji = "\uD83D\uDE00";
        String longName = "x".repeat(199) + emoji + "tail";
        assertThat(name(longName)).isEqualTo("x".repeat(199));
        assertThat(name("y".repeat(250))).hasSize(200);
    }

    private static String name(String name) {
        return ObservedIdentityRules.clean("git", "ada@acme.io", name).orElseThrow().name();
    }
}
