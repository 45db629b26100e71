-- GitHub (and, with the same columns, GitLab) provider data: provider identities on every row, the fields the REST
-- APIs give that V1 lacked, and the entities V1 has no table for. Written by sync-service's github provider
-- (io.devhealth.sync.provider.github); conventions as in V1 (ReplacingMergeTree(version, is_deleted), org_id first,
-- deterministic keys, deduplicated inserts). Provider ids are kept as strings: GitHub's are 64-bit numbers, GitLab's
-- too, and other providers use opaque ones.

-- Pull requests: the head/base commits, the author's provider id (login is V1's author_login) and who merged it.
ALTER TABLE pull_requests ADD COLUMN IF NOT EXISTS head_sha String DEFAULT '' AFTER head_branch;
ALTER TABLE pull_requests ADD COLUMN IF NOT EXISTS base_sha String DEFAULT '' AFTER head_sha;
ALTER TABLE pull_requests ADD COLUMN IF NOT EXISTS author_id String DEFAULT '' AFTER author_login;
ALTER TABLE pull_requests ADD COLUMN IF NOT EXISTS merged_by_login String DEFAULT '' AFTER merged_at;
ALTER TABLE pull_requests ADD COLUMN IF NOT EXISTS merged_by_id String DEFAULT '' AFTER merged_by_login;
ALTER TABLE pull_requests ADD COLUMN IF NOT EXISTS review_comments_count UInt32 DEFAULT 0 AFTER comments_count;

-- Reviews: the reviewer's provider id and the commit the review was made on.
ALTER TABLE pull_request_reviews ADD COLUMN IF NOT EXISTS reviewer_id String DEFAULT '' AFTER reviewer_login;
ALTER TABLE pull_request_reviews ADD COLUMN IF NOT EXISTS commit_sha String DEFAULT '' AFTER state;

-- Issues (work_items, provider github): the reporter's and assignee's provider ids.
ALTER TABLE work_items ADD COLUMN IF NOT EXISTS reporter_id String DEFAULT '' AFTER reporter;
ALTER TABLE work_items ADD COLUMN IF NOT EXISTS assignee_id String DEFAULT '' AFTER assignee;

-- CI runs: who triggered the run and the head commit's author as git recorded it.
ALTER TABLE ci_pipeline_runs ADD COLUMN IF NOT EXISTS pipeline_id String DEFAULT '' AFTER pipeline_name;
ALTER TABLE ci_pipeline_runs ADD COLUMN IF NOT EXISTS run_attempt UInt32 DEFAULT 1 AFTER pipeline_id;
ALTER TABLE ci_pipeline_runs ADD COLUMN IF NOT EXISTS actor_login String DEFAULT '' AFTER event;
ALTER TABLE ci_pipeline_runs ADD COLUMN IF NOT EXISTS actor_id String DEFAULT '' AFTER actor_login;
ALTER TABLE ci_pipeline_runs ADD COLUMN IF NOT EXISTS commit_author_name String DEFAULT '' AFTER actor_id;
ALTER TABLE ci_pipeline_runs ADD COLUMN IF NOT EXISTS commit_author_email String DEFAULT '' AFTER commit_author_name;
ALTER TABLE ci_pipeline_runs ADD COLUMN IF NOT EXISTS updated_at Nullable(DateTime64(3, 'UTC')) AFTER finished_at;

-- Deployments: who created it, its task, and when it last changed (its latest status).
ALTER TABLE deployments ADD COLUMN IF NOT EXISTS creator_login String DEFAULT '' AFTER ref;
ALTER TABLE deployments ADD COLUMN IF NOT EXISTS creator_id String DEFAULT '' AFTER creator_login;
ALTER TABLE deployments ADD COLUMN IF NOT EXISTS task String DEFAULT '' AFTER creator_id;
ALTER TABLE deployments ADD COLUMN IF NOT EXISTS updated_at Nullable(DateTime64(3, 'UTC')) AFTER finished_at;

-- Review comments (comments on a pull request's diff), one row per comment.
CREATE TABLE pull_request_review_comments
(
    org_id         UUID,
    repo_id        UUID,
    pr_number      UInt64,
    comment_id     String,
    -- the review the comment belongs to; '' when none
    review_id      String,
    in_reply_to_id String,
    author_login   String,
    author_id      String,
    path           String,
    commit_sha     String,
    created_at     DateTime64(3, 'UTC'),
    updated_at     DateTime64(3, 'UTC'),
    url            String,
    is_deleted     UInt8 DEFAULT 0,
    version        UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, repo_id, pr_number, comment_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- CI jobs of a pipeline run (GitHub Actions jobs, GitLab jobs).
CREATE TABLE ci_pipeline_jobs
(
    org_id      UUID,
    repo_id     UUID,
    provider    LowCardinality(String),
    run_id      String,
    job_id      String,
    name        String,
    -- success, failure, canceled, skipped, running, queued (as ci_pipeline_runs.status)
    status      LowCardinality(String),
    run_attempt UInt32,
    runner_name String,
    commit_sha  String,
    started_at  Nullable(DateTime64(3, 'UTC')),
    finished_at Nullable(DateTime64(3, 'UTC')),
    url         String,
    is_deleted  UInt8 DEFAULT 0,
    version     UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, repo_id, provider, run_id, job_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- Every status a deployment went through (its state transitions); deployments.status is the latest.
CREATE TABLE deployment_statuses
(
    org_id        UUID,
    repo_id       UUID,
    provider      LowCardinality(String),
    deployment_id String,
    status_id     String,
    -- the provider's state: success, failure, error, inactive, in_progress, queued, pending
    state         LowCardinality(String),
    environment   LowCardinality(String),
    creator_login String,
    creator_id    String,
    description   String,
    created_at    DateTime64(3, 'UTC'),
    url           String,
    is_deleted    UInt8 DEFAULT 0,
    version       UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, repo_id, provider, deployment_id, status_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE releases
(
    org_id           UUID,
    repo_id          UUID,
    provider         LowCardinality(String),
    release_id       String,
    tag_name         String,
    name             String,
    target_commitish String,
    is_draft         UInt8,
    is_prerelease    UInt8,
    author_login     String,
    author_id        String,
    created_at       DateTime64(3, 'UTC'),
    published_at     Nullable(DateTime64(3, 'UTC')),
    url              String,
    is_deleted       UInt8 DEFAULT 0,
    version          UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, repo_id, provider, release_id)
SETTINGS non_replicated_deduplication_window = 1000;
