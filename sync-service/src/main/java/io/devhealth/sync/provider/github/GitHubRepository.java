package io.devhealth.sync.provider.github;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.http.ProviderJson;

/**
 * A repository being synced.
 *
 * @param key           the scope key in the cursor: the repository as configured, lower case ({@code owner/name})
 * @param githubId      GitHub's numeric id (stable across renames and transfers)
 * @param fullName      its current {@code owner/name} (after a rename, the new one)
 * @param repoId        DevHealth's id: a name-based UUID of org, API base URL and GitHub id
 * @param htmlUrl       its web page
 * @param defaultBranch e.g. {@code main}
 */
record GitHubRepository(String key, long githubId, String fullName, UUID repoId, String htmlUrl, String defaultBranch) {

    /** The API path prefix of the repository, {@code /repos/owner/name}. */
    String path() {
        return "/repos/" + fullName;
    }

    static UUID repoId(UUID orgId, String apiBaseUrl, long githubId) {
        return UUID.nameUUIDFromBytes(("github:" + orgId + ":" + apiBaseUrl + ":" + githubId)
                .getBytes(StandardCharsets.UTF_8));
    }

    static GitHubRepository from(String key, UUID orgId, String apiBaseUrl, JsonNode repo) {
        long id = ProviderJson.requiredNumber(repo, "id");
        String fullName = ProviderJson.text(repo, "full_name");
        if (fullName.isEmpty()) {
            throw ProviderJson.malformed("full_name", "is missing");
        }
        return new GitHubRepository(key, id, fullName, repoId(orgId, apiBaseUrl, id), ProviderJson.text(repo, "html_url"),
                ProviderJson.text(repo, "default_branch"));
    }
}
