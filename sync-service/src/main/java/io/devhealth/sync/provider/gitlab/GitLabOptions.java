package io.devhealth.sync.provider.gitlab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.devhealth.sync.provider.SyncFailedException;

/**
 * A gitlab configuration's options as identity validated them: {@code projects} and/or {@code groups}, each a list of
 * numeric ids or full paths ({@code acme/platform/api}); a group brings every project in it and its subgroups;
 * optional {@code baseUrl} (self-managed GitLab: {@code https://host[/prefix]/api/v4}); optional {@code gitHistory}
 * ({@code true} by default: also clone each project and sync its commits).
 *
 * @param projects project references as configured (ids as text)
 * @param groups   group references as configured (ids as text)
 */
record GitLabOptions(String baseUrl, List<String> projects, List<String> groups, boolean gitHistory) {

    static GitLabOptions from(Map<String, Object> options, String defaultApiUrl) throws SyncFailedException {
        String baseUrl = options.get("baseUrl") instanceof String url && !url.isBlank() ? url : defaultApiUrl;
        List<String> projects = references(options.get("projects"), "projects");
        List<String> groups = references(options.get("groups"), "groups");
        if (projects.isEmpty() && groups.isEmpty()) {
            throw new SyncFailedException("options must give projects, groups or both");
        }
        Object gitHistoryOption = options.getOrDefault("gitHistory", Boolean.TRUE);
        if (!(gitHistoryOption instanceof Boolean gitHistory)) {
            throw new SyncFailedException("options.gitHistory must be true or false");
        }
        return new GitLabOptions(baseUrl, projects, groups, gitHistory);
    }

    private static List<String> references(Object raw, String name) throws SyncFailedException {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw new SyncFailedException("options." + name + " must be a list of ids or full paths");
        }
        List<String> references = new ArrayList<>();
        for (Object reference : list) {
            if (reference instanceof Number id && id.longValue() > 0) {
                references.add(Long.toString(id.longValue()));
            } else if (reference instanceof String path && !path.isBlank()) {
                references.add(path.strip());
            } else {
                throw new SyncFailedException("options." + name + " must be a list of ids or full paths");
            }
        }
        return List.copyOf(references);
    }
}
