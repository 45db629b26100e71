package io.devhealth.identity.team.service;

import java.util.List;
import java.util.UUID;

/**
 * A partial update of a team (JSON merge patch): a null value leaves that member as it is (none of a team's
 * members can be cleared to null: lists are emptied with {@code []}); a list replaces the current one.
 */
public record TeamChanges(String key, String name, List<UUID> members, List<String> repositoryPatterns,
        List<String> jiraProjectKeys) {
}
