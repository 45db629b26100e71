package io.devhealth.sync.provider.jira;

/** {@link JiraConfig} for tests: small pages, so the replayed searches and changelogs span several. */
record TestJiraConfig(int pageSize, int changelogPageSize) implements JiraConfig {
}
