-- What DORA linkage needs from the providers (https://dora.dev/guides/dora-metrics/): the pipeline run that made a
-- deployment (several deployments of one pipeline run count as one deployment) and the commits of each pull/merge
-- request (the change's first commit time; which request shipped a commit). Conventions as in V1.

-- The CI pipeline run that made the deployment (GitLab: deployable.pipeline.id; GitHub: the workflow run, when the
-- deployment names it); '' when unknown.
ALTER TABLE deployments ADD COLUMN IF NOT EXISTS pipeline_id String DEFAULT '' AFTER environment;

-- One row per commit of a pull/merge request, as the provider lists them (GitHub caps the list at 250 commits).
CREATE TABLE pull_request_commits
(
    org_id       UUID,
    repo_id      UUID,
    provider     LowCardinality(String),
    pr_number    UInt64,
    sha          String,
    author_name  String,
    author_email String,
    -- the provider account of the commit's author, when the provider matched one ('' otherwise)
    author_login String,
    author_id    String,
    authored_at  DateTime64(3, 'UTC'),
    committed_at DateTime64(3, 'UTC'),
    is_deleted   UInt8 DEFAULT 0,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, repo_id, pr_number, sha)
SETTINGS non_replicated_deduplication_window = 1000;
