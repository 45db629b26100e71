package io.devhealth.identity.team.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepositoryPatternTests {

    @Test
    void starMatchesWithinOneSegmentCaseInsensitively() {
        assertThat(matches("acme/payments-*", "acme/payments-api")).isTrue();
        assertThat(matches("acme/payments-*", "ACME/Payments-")).isTrue();
        assertThat(matches("acme/payments-*", "acme/payments-api/extra")).isFalse();
        assertThat(matches("acme/payments-*", "other/payments-api")).isFalse();
        assertThat(matches("*/api", "acme/api")).isTrue();
        assertThat(matches("*/api", "acme/sub/api")).isFalse();
    }

    @Test
    void doubleStarMatchesAnyNumberOfSegments() {
        assertThat(matches("acme/**", "acme/a")).isTrue();
        assertThat(matches("acme/**", "acme/group/sub/project")).isTrue();
        assertThat(matches("acme/**", "acme")).isFalse();
        assertThat(matches("**/api", "api")).isTrue();
        assertThat(matches("**/api", "acme/group/api")).isTrue();
        assertThat(matches("acme/**/api", "acme/api")).isTrue();
        assertThat(matches("acme/**/api", "acme/x/y/api")).isTrue();
        assertThat(matches("acme/**/api", "acme/x/y/apis")).isFalse();
        assertThat(matches("**", "anything/at/all")).isTrue();
    }

    @Test
    void questionMarksAndClassesMatchOneCharacter() {
        assertThat(matches("acme/svc-?", "acme/svc-1")).isTrue();
        assertThat(matches("acme/svc-?", "acme/svc-12")).isFalse();
        assertThat(matches("acme/svc-[0-9]", "acme/svc-7")).isTrue();
        assertThat(matches("acme/svc-[!0-9]", "acme/svc-x")).isTrue();
        assertThat(matches("acme/svc-[!0-9]", "acme/svc-7")).isFalse();
        assertThat(matches("acme/a.b", "acme/aXb")).isFalse();
        assertThat(matches("acme/a.b", "acme/a.b")).isTrue();
    }

    @Test
    void invalidGlobsAreExplained() {
        assertThat(RepositoryPattern.problem("")).contains("must not be empty");
        assertThat(RepositoryPattern.problem("/acme/x")).hasValueSatisfying(p -> assertThat(p).contains("'/'"));
        assertThat(RepositoryPattern.problem("acme//x")).hasValueSatisfying(p -> assertThat(p).contains("empty segment"));
        assertThat(RepositoryPattern.problem("acme/[a-z")).hasValueSatisfying(p -> assertThat(p).contains("unclosed"));
        assertThat(RepositoryPattern.problem("acme/[]")).hasValueSatisfying(p -> assertThat(p).contains("empty"));
        assertThat(RepositoryPattern.problem("acme/[z-a]")).hasValueSatisfying(p -> assertThat(p).contains("reversed"));
        assertThat(RepositoryPattern.problem("acme/x**")).hasValueSatisfying(p -> assertThat(p).contains("whole segment"));
        assertThat(RepositoryPattern.problem("**/**")).hasValueSatisfying(p -> assertThat(p).contains("'**/**'"));
        assertThat(RepositoryPattern.problem("acme/a b")).hasValueSatisfying(p -> assertThat(p).contains("' '"));
        assertThat(RepositoryPattern.problem("acme/(x|y)")).hasValueSatisfying(p -> assertThat(p).contains("'('"));
        assertThat(RepositoryPattern.problem("acme/\u00e9")).hasValueSatisfying(p -> assertThat(p).contains("\\u00e9"));
        assertThat(RepositoryPattern.problem("a".repeat(201))).hasValueSatisfying(p -> assertThat(p).contains("200"));
        assertThat(RepositoryPattern.problem("acme/payments-*")).isEmpty();
    }

    private static boolean matches(String glob, String repository) {
        return RepositoryPattern.compile(glob).matcher(repository).matches();
    }
}
