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

    /**
     * Read each changed pull request's commits ({@code GET /pulls/{n}/commits}, up to 250 per request as GitHub
     * caps it): one request per pull request, for {@code pull_request_commits} and the request's first commit time
     * (the start of its cycle time) and for linking deployed commits to the requests that merged them.
     */
    @WithDefault("true")
    boolean pullRequestCommits();
}
