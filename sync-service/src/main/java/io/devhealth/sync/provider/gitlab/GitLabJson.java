package io.devhealth.sync.provider.gitlab;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.http.ProviderJson;

/**
 * GitLab's user members: objects {@code {"id", "username", "name", "public_email"?}}, named by {@code username}
 * ({@link ProviderJson} reads everything else).
 */
final class GitLabJson {

    private GitLabJson() {
    }

    /** The username of a user member ({@code author}, {@code user}, {@code merge_user}…); {@code ""} when absent. */
    static String username(JsonNode node, String userField) {
        return ProviderJson.text(node, userField, "username");
    }
}
