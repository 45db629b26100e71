package io.devhealth.sync.provider.github;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** GitHub provider settings ({@code devhealth.github.*}); per-configuration choices are the configuration's options. */
@ConfigMapping(prefix = "devhealth.github")
public interface GitHubConfig {

    /** API root used when a configuration has no {@code apiUrl} option. */
    @WithDefault(GitHubApi.PUBLIC_API)
    String apiUrl();

    /** Items per list page (GitHub allows 1–100). */
    @WithDefault("100")
    int pageSize();

    /**
     * Read each changed pull request's detail (additions, deletions, changed files, commits, comments, who merged):
     * one request per pull request, which the list does not give.
     */
    @WithDefault("true")
    boolean pullRequestDetails();
}
