-- DevHealth analytics layer (ClickHouse). Applied by sync-service (the only writer) with Flyway at start-up;
-- Flyway's flyway_schema_history makes a second start a no-op. Never edit a shipped file: add V2__….
--
-- Conventions
-- * org_id leads every ORDER BY: every query is tenant-scoped and reads one contiguous key range.
-- * ReplacingMergeTree(version[, is_deleted]): rows are keyed deterministically, so re-inserting a row
--   (a retried batch, a re-run sync) replaces it instead of duplicating it. Merges are eventual: readers
--   use FINAL (analytics-service's query layer does, for every source table).
-- * Source entities carry is_deleted (1 = tombstone, dropped by FINAL) and version (the sync run's epoch
--   milliseconds; the latest sync wins).
-- * non_replicated_deduplication_window lets insert_deduplication_token drop an identical retried batch on
--   a single-node server too (replicated tables deduplicate inserts by default).
-- * Times are DateTime64(3, 'UTC'); UTC offsets, where the source has them, are kept in minutes.

CREATE TABLE repos
(
    org_id                UUID,
    repo_id               UUID,
    provider              LowCardinality(String),
    full_name             String,
    url                   String,
    default_branch        String,
    sync_configuration_id Nullable(UUID),
    synced_at             DateTime64(3, 'UTC'),
    is_deleted            UInt8 DEFAULT 0,
    version               UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, repo_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE commits
(
    org_id                     UUID,
    repo_id                    UUID,
    sha                        String,
    parents                    Array(String),
    is_merge                   UInt8,
    author_name                String,
    author_email               String,
    authored_at                DateTime64(3, 'UTC'),
    author_tz_offset_minutes   Int16,
    committer_name             String,
    committer_email            String,
    committed_at               DateTime64(3, 'UTC'),
    committer_tz_offset_minutes Int16,
    subject                    String,
    -- Totals of commit_stats for this commit (0 for merges, as in git log --numstat).
    additions                  UInt32,
    deletions                  UInt32,
    files_changed              UInt32,
    is_deleted                 UInt8 DEFAULT 0,
    version                    UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, repo_id, sha)
SETTINGS non_replicated_deduplication_window = 1000;

-- One row per file changed by a non-merge commit against its first parent (git log --numstat --no-renames).
CREATE TABLE commit_stats
(
    org_id       UUID,
    repo_id      UUID,
    sha          String,
    path         String,
    -- git's status letter: A added, M modified, D deleted, T type changed
    change_type  LowCardinality(String),
    additions    UInt32,
    deletions    UInt32,
    -- binary files count 0/0, as in git log --numstat
    is_binary    UInt8,
    authored_at  DateTime64(3, 'UTC'),
    committed_at DateTime64(3, 'UTC'),
    is_deleted   UInt8 DEFAULT 0,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, repo_id, sha, path)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE pull_requests
(
    org_id           UUID,
    repo_id          UUID,
    provider         LowCardinality(String),
    number           UInt64,
    provider_id      String,
    title            String,
    -- open, closed, merged
    state            LowCardinality(String),
    is_draft         UInt8,
    author_login     String,
    base_branch      String,
    head_branch      String,
    merge_commit_sha String,
    labels           Array(String),
    additions        UInt32,
    deletions        UInt32,
    changed_files    UInt32,
    commits_count    UInt32,
    comments_count   UInt32,
    created_at       DateTime64(3, 'UTC'),
    updated_at       DateTime64(3, 'UTC'),
    first_commit_at  Nullable(DateTime64(3, 'UTC')),
    first_review_at  Nullable(DateTime64(3, 'UTC')),
    merged_at        Nullable(DateTime64(3, 'UTC')),
    closed_at        Nullable(DateTime64(3, 'UTC')),
    url              String,
    is_deleted       UInt8 DEFAULT 0,
    version          UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, repo_id, number)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE pull_request_reviews
(
    org_id         UUID,
    repo_id        UUID,
    pr_number      UInt64,
    review_id      String,
    reviewer_login String,
    -- APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED
    state          LowCardinality(String),
    submitted_at   DateTime64(3, 'UTC'),
    is_deleted     UInt8 DEFAULT 0,
    version        UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, repo_id, pr_number, review_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE work_items
(
    org_id          UUID,
    provider        LowCardinality(String),
    work_item_id    String,
    project_key     String,
    repo_id         Nullable(UUID),
    title           String,
    -- story, bug, task, epic, incident, other
    type            LowCardinality(String),
    status          String,
    -- todo, in_progress, done
    status_category LowCardinality(String),
    priority        String,
    assignee        String,
    reporter        String,
    labels          Array(String),
    parent_id       String,
    story_points    Nullable(Float64),
    created_at      DateTime64(3, 'UTC'),
    updated_at      DateTime64(3, 'UTC'),
    started_at      Nullable(DateTime64(3, 'UTC')),
    completed_at    Nullable(DateTime64(3, 'UTC')),
    url             String,
    is_deleted      UInt8 DEFAULT 0,
    version         UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, provider, work_item_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE work_item_transitions
(
    org_id          UUID,
    provider        LowCardinality(String),
    work_item_id    String,
    transitioned_at DateTime64(3, 'UTC'),
    from_status     String,
    to_status       String,
    from_category   LowCardinality(String),
    to_category     LowCardinality(String),
    actor           String,
    is_deleted      UInt8 DEFAULT 0,
    version         UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, provider, work_item_id, transitioned_at, to_status)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE ci_pipeline_runs
(
    org_id        UUID,
    repo_id       UUID,
    provider      LowCardinality(String),
    run_id        String,
    pipeline_name String,
    -- success, failure, canceled, skipped, running, queued
    status        LowCardinality(String),
    commit_sha    String,
    branch        String,
    event         LowCardinality(String),
    created_at    DateTime64(3, 'UTC'),
    started_at    Nullable(DateTime64(3, 'UTC')),
    finished_at   Nullable(DateTime64(3, 'UTC')),
    url           String,
    is_deleted    UInt8 DEFAULT 0,
    version       UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, repo_id, provider, run_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE deployments
(
    org_id        UUID,
    repo_id       UUID,
    provider      LowCardinality(String),
    deployment_id String,
    environment   LowCardinality(String),
    is_production UInt8,
    -- success, failure, error, inactive, in_progress, queued
    status        LowCardinality(String),
    commit_sha    String,
    ref           String,
    created_at    DateTime64(3, 'UTC'),
    finished_at   Nullable(DateTime64(3, 'UTC')),
    url           String,
    is_deleted    UInt8 DEFAULT 0,
    version       UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, repo_id, deployment_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE incidents
(
    org_id          UUID,
    provider        LowCardinality(String),
    incident_id     String,
    title           String,
    -- triggered, acknowledged, resolved
    status          LowCardinality(String),
    urgency         LowCardinality(String),
    service         String,
    repo_id         Nullable(UUID),
    deployment_id   String,
    created_at      DateTime64(3, 'UTC'),
    acknowledged_at Nullable(DateTime64(3, 'UTC')),
    resolved_at     Nullable(DateTime64(3, 'UTC')),
    url             String,
    is_deleted      UInt8 DEFAULT 0,
    version         UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, provider, incident_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE teams
(
    org_id        UUID,
    team_id       String,
    name          String,
    -- canonical identity keys
    members       Array(String),
    repo_patterns Array(String),
    project_keys  Array(String),
    updated_at    DateTime64(3, 'UTC'),
    is_deleted    UInt8 DEFAULT 0,
    version       UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, team_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- Daily tables are recomputed by sync-service for the days a sync touched; version = computation time, so
-- the latest computation replaces the previous one. `day` is the UTC day.

CREATE TABLE repo_metrics_daily
(
    org_id                  UUID,
    repo_id                 UUID,
    day                     Date,
    -- every commit authored that day, merges included
    commits                 UInt32,
    merge_commits           UInt32,
    additions               UInt64,
    deletions               UInt64,
    -- file rows in commit_stats (a file changed by two commits counts twice)
    files_changed           UInt64,
    -- distinct author emails (lower-cased)
    authors                 UInt32,
    prs_opened              UInt32,
    prs_merged              UInt32,
    pr_cycle_time_p50_hours Nullable(Float64),
    computed_at             DateTime64(3, 'UTC'),
    version                 UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (org_id, repo_id, day);

CREATE TABLE user_metrics_daily
(
    org_id               UUID,
    -- canonical identity key (identity_mappings), else the lower-cased git email
    identity_key         String,
    day                  Date,
    commits              UInt32,
    additions            UInt64,
    deletions            UInt64,
    files_changed        UInt64,
    repos_touched        UInt32,
    prs_opened           UInt32,
    prs_merged           UInt32,
    reviews_given        UInt32,
    work_items_completed UInt32,
    computed_at          DateTime64(3, 'UTC'),
    version              UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (org_id, identity_key, day);

CREATE TABLE team_metrics_daily
(
    org_id               UUID,
    team_id              String,
    day                  Date,
    commits              UInt32,
    additions            UInt64,
    deletions            UInt64,
    active_members       UInt32,
    prs_merged           UInt32,
    reviews_given        UInt32,
    work_items_completed UInt32,
    computed_at          DateTime64(3, 'UTC'),
    version              UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (org_id, team_id, day);

CREATE TABLE work_item_metrics_daily
(
    org_id               UUID,
    provider             LowCardinality(String),
    project_key          String,
    day                  Date,
    created              UInt32,
    completed            UInt32,
    -- items in progress at the end of the day
    wip                  UInt32,
    bugs_created         UInt32,
    lead_time_p50_hours  Nullable(Float64),
    cycle_time_p50_hours Nullable(Float64),
    computed_at          DateTime64(3, 'UTC'),
    version              UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (org_id, provider, project_key, day);

-- DORA per repository, environment and UTC day (dora.dev 2024 definitions). Counts are additive over a
-- window; medians are per day only (window medians are computed from the source tables).
CREATE TABLE dora_metrics_daily
(
    org_id                                  UUID,
    repo_id                                 UUID,
    environment                             LowCardinality(String),
    day                                     Date,
    deployments                             UInt32,
    failed_deployments                      UInt32,
    -- unplanned deployments made to remediate a failed one
    rework_deployments                      UInt32,
    change_lead_time_p50_hours              Nullable(Float64),
    failed_deployment_recovery_time_p50_hours Nullable(Float64),
    computed_at                             DateTime64(3, 'UTC'),
    version                                 UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (org_id, repo_id, environment, day);
