package io.devhealth.sync.provider.jira;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Jira provider settings ({@code devhealth.jira.*}); per-configuration choices are the configuration's options. */
@ConfigMapping(prefix = "devhealth.jira")
public interface JiraConfig {

    /** Issues per search page ({@code maxResults}; Jira Cloud gives at most 100 with fields and changelogs). */
    @WithDefault("100")
    int pageSize();

    /** Changelog entries per page when an issue's embedded changelog is truncated (Jira allows up to 100). */
    @WithDefault("100")
    int changelogPageSize();
}
