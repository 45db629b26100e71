package io.devhealth.sync.client;

import java.util.List;

/**
 * Body of identity's {@code POST /internal/v1/orgs/{orgId}/observed-identities} (sync-service's view of it):
 * provider identities seen in synced data, 1–{@value #MAX_BATCH} per call.
 */
public record ObservedIdentities(List<Identity> identities) {

    /** identity's limit per call. */
    public static final int MAX_BATCH = 1000;

    /**
     * @param provider   {@code git}, {@code github}, {@code gitlab}, {@code jira} or {@code pagerduty}
     * @param externalId git: the email; github: the login; gitlab: the username; jira: the accountId; pagerduty: the
     *                   user id
     * @param name       the display name seen with it; null when none (identity keeps the one it has)
     * @param email      an email seen with it; null when none
     */
    public record Identity(String provider, String externalId, String name, String email) {
    }

    /** identity's answer: distinct identities recorded. */
    public record Recorded(int recorded) {
    }
}
