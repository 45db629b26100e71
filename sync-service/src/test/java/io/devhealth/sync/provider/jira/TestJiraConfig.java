package io.devhealth.sync.provider.jira;

/**
 * {@link JiraConfig} for tests: small pages, so the replayed searches and changelogs span several; {@code searchSlices}
 * 1 walks one window (no probe).
 */
record TestJiraConfig(int pageSize, int searchSlices, int changelogPageSize) implements JiraConfig {
}
