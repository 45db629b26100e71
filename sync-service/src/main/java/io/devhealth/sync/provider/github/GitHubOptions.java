package io.devhealth.sync.provider.github;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.devhealth.sync.provider.SyncFailedException;

/**
 * A github configuration's options as identity validated them: {@code owner} with {@code repos} (names), or
 * {@code org} (every repository of the organization); optional {@code apiUrl} (GitHub Enterprise Server:
 * {@code https://host/api/v3}); optional {@code gitHistory} ({@code true} by default: also clone each repository and
 * sync its commits; {@code false}: API streams only).
 *
 * @param repositories {@code owner/name} of each configured repository (empty with {@code org})
 * @param gitHistory   whether each repository's git history is synced too
 */
record GitHubOptions(String apiUrl, String org, List<String> repositories, boolean gitHistory) {

    static GitHubOptions from(Map<String, Object> options, String defaultApiUrl) throws SyncFailedException {
        String apiUrl = options.get("apiUrl") instanceof String url && !url.isBlank() ? url : defaultApiUrl;
        Object gitHistoryOption = options.getOrDefault("gitHistory", Boolean.TRUE);
        if (!(gitHistoryOption instanceof Boolean gitHistory)) {
            throw new SyncFailedException("options.gitHistory must be true or false");
        }
        if (options.get("org") instanceof String org && !org.isBlank()) {
            return new GitHubOptions(apiUrl, org, List.of(), gitHistory);
        }
        if (!(options.get("owner") instanceof String owner) || owner.isBlank()
                || !(options.get("repos") instanceof List<?> repos) || repos.isEmpty()) {
            throw new SyncFailedException("options must give either owner with repos, or org");
        }
        List<String> names = new ArrayList<>();
        for (Object repo : repos) {
            if (!(repo instanceof String name) || name.isBlank()) {
                throw new SyncFailedException("options.repos must be repository names");
            }
            names.add(owner + "/" + name);
        }
        return new GitHubOptions(apiUrl, null, List.copyOf(names), gitHistory);
    }

    /** The cursor's scope key of a repository. */
    static String key(String fullName) {
        return fullName.toLowerCase(Locale.ROOT);
    }
}
