package io.devhealth.identity.people.service;

import java.util.Optional;
import java.util.regex.Pattern;

import io.devhealth.identity.people.IdentityProvider;

/**
 * What a person and an identity may hold: the bounds the request records' annotations, the import's row checks
 * and the schema's CHECK constraints (V4) share. Values arrive already stripped of Unicode white space.
 */
public final class PeopleRules {

    public static final int NAME_MAX = 200;
    public static final int KEY_MAX = 320;
    public static final int EMAIL_MAX = 320;
    public static final int EXTERNAL_ID_MAX = 320;
    /** Per person: a bound on every response that lists a person's identities. */
    public static final int IDENTITIES_PER_PERSON_MAX = 200;

    /** An email as identities carry it: {@code local@domain}, no white space, control characters or angle brackets. */
    public static final String EMAIL_PATTERN = "^[^\\s\\p{Z}\\p{Cc}@<>]+@[^\\s\\p{Z}\\p{Cc}@<>]+$";
    public static final String EMAIL_RULE = "must be an email address (local@domain, without spaces)";
    /** Names and keys are single-line text: no control characters (tabs, line breaks). */
    public static final String SINGLE_LINE_PATTERN = "^\\P{Cc}*$";
    public static final String SINGLE_LINE_RULE = "must not contain control characters such as tabs or line breaks";
    public static final String PROVIDER_RULE = "must be one of git, github, gitlab, jira, pagerduty";

    private static final Pattern EMAIL = Pattern.compile(EMAIL_PATTERN);
    private static final Pattern SINGLE_LINE = Pattern.compile(SINGLE_LINE_PATTERN);

    private PeopleRules() {
    }

    /** Why {@code value} cannot be a display name (required), or empty. */
    public static Optional<String> displayNameProblem(String value) {
        return required(value).or(() -> singleLine(value, NAME_MAX));
    }

    /** Why {@code value} cannot be a person key (required in imports), or empty. */
    public static Optional<String> keyProblem(String value) {
        return required(value).or(() -> singleLine(value, KEY_MAX));
    }

    /** Why {@code value} cannot be an identity's name (optional), or empty. */
    public static Optional<String> nameProblem(String value) {
        return value == null ? Optional.empty() : singleLine(value, NAME_MAX);
    }

    /** Why {@code value} cannot be an email (optional), or empty. */
    public static Optional<String> emailProblem(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > EMAIL_MAX) {
            return Optional.of("must be at most " + EMAIL_MAX + " characters");
        }
        return EMAIL.matcher(value).matches() ? Optional.empty() : Optional.of(EMAIL_RULE);
    }

    /** Why {@code externalId} cannot be an identity of {@code provider} (required), or empty. */
    public static Optional<String> externalIdProblem(IdentityProvider provider, String externalId) {
        if (externalId == null || externalId.isEmpty()) {
            return Optional.of("must not be blank");
        }
        if (externalId.length() > EXTERNAL_ID_MAX) {
            return Optional.of("must be at most " + EXTERNAL_ID_MAX + " characters");
        }
        return provider.externalIdProblem(externalId);
    }

    private static Optional<String> required(String value) {
        return value == null || value.isEmpty() ? Optional.of("must not be blank") : Optional.empty();
    }

    private static Optional<String> singleLine(String value, int max) {
        if (value.isEmpty()) {
            return Optional.of("must not be blank");
        }
        if (value.length() > max) {
            return Optional.of("must be at most " + max + " characters");
        }
        return SINGLE_LINE.matcher(value).matches() ? Optional.empty() : Optional.of(SINGLE_LINE_RULE);
    }
}
