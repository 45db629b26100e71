package io.devhealth.identity.people;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a provider identity comes from, and what its external id is there. Identities are unique per organization
 * and provider, compared case-insensitively (the unique index on {@code lower(external_id)}).
 */
public enum IdentityProvider {
    /** A commit author or committer email; the name is kept beside it. Matched case-insensitively. */
    GIT("an email address without spaces, control characters or angle brackets", "^[^\\s\\p{Z}\\p{Cc}<>]+$"),
    /** A GitHub login (1–39 letters, digits or hyphens, not starting with a hyphen; apps end in {@code [bot]}). */
    GITHUB("a GitHub login: 1–39 letters, digits or hyphens, not starting with a hyphen",
            "^[A-Za-z0-9][A-Za-z0-9-]{0,38}(\\[bot\\])?$"),
    /** A GitLab username. */
    GITLAB("a GitLab username: letters, digits, '_', '.' or '-', not starting with '-' or '.'",
            "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$"),
    /** A Jira (Atlassian) accountId, e.g. {@code 557058:f58131cb-b67d-43c7-b30d-6b58d40bd077}. */
    JIRA("a Jira accountId: 1–128 letters, digits, ':', '_' or '-'", "^[A-Za-z0-9:_-]{1,128}$"),
    /** A PagerDuty user id, e.g. {@code PXPGF42}. */
    PAGERDUTY("a PagerDuty user id: 2–32 letters or digits", "^[A-Za-z0-9]{2,32}$");

    /** The API's spelling of every provider, for validation messages and patterns. */
    public static final String NAMES = "git|github|gitlab|jira|pagerduty";

    private final String rule;
    private final Pattern pattern;

    IdentityProvider(String rule, String pattern) {
        this.rule = rule;
        this.pattern = Pattern.compile(pattern);
    }

    /** The API's (and the database's) name: {@code git}, {@code github}, … */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The provider called {@code name} ({@link #NAMES}), if any. */
    public static Optional<IdentityProvider> parse(String name) {
        return Arrays.stream(values()).filter(provider -> provider.apiName().equals(name)).findFirst();
    }

    /** Why {@code externalId} cannot be an external id of this provider, or empty when it can. */
    public Optional<String> externalIdProblem(String externalId) {
        return pattern.matcher(externalId).matches() ? Optional.empty() : Optional.of("must be " + rule);
    }
}
