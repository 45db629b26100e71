package io.devhealth.sync.provider.jira;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Jira provider settings ({@code devhealth.jira.*}); per-configuration choices are the configuration's options. */
@ConfigMapping(prefix = "devhealth.jira")
public interface JiraConfig {

    /** Issues per search page ({@code maxResults}; Jira Cloud gives at most 100 with fields and changelogs). */
    @WithDefault("100")
    int pageSize();

    /**
     * Disjoint {@code updated} windows a read is split into and walked concurrently. The enhanced search pages by a
     * token each page names, so one walk reads one page at a time; a full refresh of many issues goes as fast as that
     * many walks. 1: a single walk (no probe request).
     */
    @WithDefault("4")
    int searchSlices();

    /** Changelog entries per page when an issue's embedded changelog is truncated (Jira allows up to 100). */
    @WithDefault("100")
    int changelogPageSize();
}
