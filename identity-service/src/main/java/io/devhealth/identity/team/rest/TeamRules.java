package io.devhealth.identity.team.rest;

/** The bounds of a team's fields, shared by the request records (the schema's CHECKs mirror them). */
final class TeamRules {

    /** V1's CHECK on {@code team_mappings.team_key}. */
    static final String KEY_PATTERN = "^[a-z0-9][a-z0-9_.-]{0,127}$";
    static final String KEY_RULE = "must be 1–128 lower-case letters, digits, '_', '.' or '-', starting with a letter "
            + "or digit";
    /** Jira's project key rule: an upper-case letter, then upper-case letters, digits or '_'. */
    static final String JIRA_KEY_PATTERN = "^[A-Z][A-Z0-9_]{1,49}$";
    static final String JIRA_KEY_RULE = "must be a Jira project key: an upper-case letter, then 1–49 upper-case "
            + "letters, digits or '_'";
    static final int NAME_MAX = 200;
    static final int MEMBERS_MAX = 5000;
    static final int PATTERNS_MAX = 200;
    static final int PROJECT_KEYS_MAX = 200;

    private TeamRules() {
    }
}
