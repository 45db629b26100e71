-- DORA facts (https://dora.dev/guides/dora-metrics/): one row per production-or-other deployment and one per change
-- a deployment shipped, written by sync-service when it links deployments to the commits they shipped (by git
-- ancestry: the commits between the environment's previous successful deployment and this one) and to the
-- incidents, rollbacks and hotfixes that followed them. analytics-service computes every DORA metric over any
-- window from these rows: medians and percentiles of facts, never medians of daily medians.

-- One row per successful deployment (a deployment that failed to deploy is not a deployment).
CREATE TABLE deployment_facts
(
    org_id        UUID,
    repo_id       UUID,
    provider      LowCardinality(String),
    deployment_id String,
    environment   LowCardinality(String),
    -- the environment is one of the organization's production environments (setting dora.production-environments)
    is_production UInt8,
    -- deployments made by one pipeline run (several services or regions at once) share it and count as one
    -- deployment; '' when the deployment has no pipeline
    pipeline_id   String,
    commit_sha    String,
    finished_at   DateTime64(3, 'UTC'),
    -- changes (commits) this deployment brought to the environment
    changes       UInt32,
    -- why the deployment counts as a change failure (it required immediate intervention): 'incident' (an incident
    -- linked to it), 'rollback' (the environment went back to an earlier commit), 'hotfix' (an unplanned
    -- remediating deployment followed); '' when it did not fail
    failure_cause LowCardinality(String),
    -- service restored after the failure: the incident resolved or the remediating deployment finished; NULL when
    -- the deployment did not fail or has not recovered yet
    recovered_at  Nullable(DateTime64(3, 'UTC')),
    -- DORA 2024 deployment rework: an unplanned deployment made because of a production incident
    is_rework     UInt8,
    is_deleted    UInt8 DEFAULT 0,
    version       UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, repo_id, deployment_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- One row per change (commit) and environment: the first successful deployment to that environment that shipped it.
CREATE TABLE change_facts
(
    org_id             UUID,
    repo_id            UUID,
    environment        LowCardinality(String),
    is_production      UInt8,
    sha                String,
    -- the change's commit time (git author date: when the change was made; rebases keep it)
    authored_at        DateTime64(3, 'UTC'),
    committed_at       DateTime64(3, 'UTC'),
    -- the pull/merge request that merged it, when any
    pr_number          Nullable(UInt64),
    pr_opened_at       Nullable(DateTime64(3, 'UTC')),
    pr_first_review_at Nullable(DateTime64(3, 'UTC')),
    pr_merged_at       Nullable(DateTime64(3, 'UTC')),
    deployment_id      String,
    deployed_at        DateTime64(3, 'UTC'),
    -- how the change was linked to the deployment: 'ancestry' (git rev-list previous..deployed), 'deployed-commit'
    -- (the deployment's own commit, no earlier deployment known), 'pr-merge-commit'
    link_method        LowCardinality(String),
    is_deleted         UInt8 DEFAULT 0,
    version            UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, repo_id, environment, sha)
SETTINGS non_replicated_deduplication_window = 1000;
