package io.devhealth.sync.provider.gitlab;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** GitLab provider settings ({@code devhealth.gitlab.*}); per-configuration choices are the configuration's options. */
@ConfigMapping(prefix = "devhealth.gitlab")
public interface GitLabConfig {

    /** API root used when a configuration has no {@code baseUrl} option. */
    @WithDefault(GitLabApi.PUBLIC_API)
    String apiUrl();

    /** Items per list page (GitLab allows 1–100). */
    @WithDefault("100")
    int pageSize();

    /**
     * Read each changed merge request's detail (base commit from {@code diff_refs}, changed files): one request per
     * merge request, which the list does not give.
     */
    @WithDefault("true")
    boolean mergeRequestDetails();
}
