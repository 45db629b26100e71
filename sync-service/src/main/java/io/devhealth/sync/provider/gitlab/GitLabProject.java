package io.devhealth.sync.provider.gitlab;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.http.ProviderJson;

/**
 * A project being synced.
 *
 * @param key           the scope key in the cursor: GitLab's numeric project id (stable across renames and moves)
 * @param gitlabId      GitLab's numeric id
 * @param fullPath      its current {@code path_with_namespace}, e.g. {@code acme/platform/api}
 * @param repoId        DevHealth's id: a name-based UUID of org, API base URL and GitLab id
 * @param webUrl        its web page
 * @param defaultBranch e.g. {@code main}; empty for a project without a repository
 * @param cloneUrl      {@code http_url_to_repo}, for the git clone of the project's history
 * @param features      which of {@code merge_requests}, {@code issues}, {@code builds} (pipelines, deployments) the
 *                      project has enabled: a disabled feature answers 403, which is no failure of the project
 */
record GitLabProject(String key, long gitlabId, String fullPath, UUID repoId, String webUrl, String defaultBranch,
        String cloneUrl, Set<String> features) {

    static final String MERGE_REQUESTS = "merge_requests";
    static final String ISSUES = "issues";
    static final String BUILDS = "builds";

    /** The API path prefix of the project, {@code /projects/<id>}. */
    String path() {
        return "/projects/" + gitlabId;
    }

    static UUID repoId(UUID orgId, String apiBaseUrl, long gitlabId) {
        return UUID.nameUUIDFromBytes(("gitlab:" + orgId + ":" + apiBaseUrl + ":" + gitlabId)
                .getBytes(StandardCharsets.UTF_8));
    }

    static GitLabProject from(UUID orgId, String apiBaseUrl, JsonNode project) {
        long id = ProviderJson.requiredNumber(project, "id");
        String fullPath = ProviderJson.text(project, "path_with_namespace");
        if (fullPath.isEmpty()) {
            throw ProviderJson.malformed("path_with_namespace", "is missing");
        }
        Set<String> features = new TreeSet<>();
        for (String feature : List.of(MERGE_REQUESTS, ISSUES, BUILDS)) {
            if (enabled(project, feature)) {
                features.add(feature);
            }
        }
        return new GitLabProject(Long.toString(id), id, fullPath, repoId(orgId, apiBaseUrl, id),
                ProviderJson.text(project, "web_url"), ProviderJson.text(project, "default_branch"),
                ProviderJson.text(project, "http_url_to_repo"), Set.copyOf(features));
    }

    boolean has(String feature) {
        return features.contains(feature);
    }

    /**
     * A feature is on unless {@code <feature>_access_level} says {@code disabled} or the older boolean
     * ({@code merge_requests_enabled}, {@code issues_enabled}, {@code jobs_enabled}) says false; unknown means on.
     */
    private static boolean enabled(JsonNode project, String feature) {
        if ("disabled".equals(ProviderJson.text(project, feature + "_access_level"))) {
            return false;
        }
        JsonNode flag = project.get(feature.equals(BUILDS) ? "jobs_enabled" : feature + "_enabled");
        return flag == null || !flag.isBoolean() || flag.asBoolean();
    }
}
