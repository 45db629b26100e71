package io.devhealth.sync.provider.gitlab;

/** {@link GitLabConfig} for tests: small pages, so the replayed lists span several. */
record TestGitLabConfig(String apiUrl, int pageSize, boolean mergeRequestDetails) implements GitLabConfig {

    static TestGitLabConfig pagesOf(int pageSize) {
        return new TestGitLabConfig(GitLabApi.PUBLIC_API, pageSize, true);
    }
}
