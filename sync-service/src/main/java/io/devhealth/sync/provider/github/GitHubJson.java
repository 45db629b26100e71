package io.devhealth.sync.provider.github;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.http.ProviderJson;

/** GitHub's user members: accounts are named by {@code login} ({@link ProviderJson} reads everything else). */
final class GitHubJson {

    private GitHubJson() {
    }

    /** The login of a user member ({@code user}, {@code author}, {@code actor}…); {@code ""} when absent (ghost). */
    static String login(JsonNode node, String userField) {
        return ProviderJson.text(node, userField, "login");
    }
}
