package io.devhealth.identity.team.service;

import java.util.List;
import java.util.UUID;

/** A team to create, validated by the request record; the lists are sets (duplicates are dropped). */
public record TeamDraft(String key, String name, List<UUID> members, List<String> repositoryPatterns,
        List<String> jiraProjectKeys) {
}
