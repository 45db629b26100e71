-- Incident ↔ deployment links (issue #7; https://dora.dev/guides/dora-metrics/: a change failure is a deployment
-- that required immediate intervention, recovery ends when service is restored). sync-service links every incident
-- of an organization to the deployment that caused it after each sync of deployments or incidents, without git:
-- the git-derived part of each deployment's fact (rollback, hotfix, revert) is kept in the sequence_* columns, and
-- deployment_facts' failure_cause / recovered_at / is_rework are that part combined with the incident links.

-- What the deployment sequence of the environment alone says (written by the git linkage): 'rollback', 'hotfix',
-- 'revert' or ''; the remediating deployment's finish; whether this deployment was an unplanned remediation.
ALTER TABLE deployment_facts ADD COLUMN IF NOT EXISTS sequence_failure_cause LowCardinality(String) DEFAULT '' AFTER is_rework;
ALTER TABLE deployment_facts ADD COLUMN IF NOT EXISTS sequence_recovered_at Nullable(DateTime64(3, 'UTC')) AFTER sequence_failure_cause;
ALTER TABLE deployment_facts ADD COLUMN IF NOT EXISTS sequence_rework UInt8 DEFAULT 0 AFTER sequence_recovered_at;

-- One row per incident: the deployment that caused it (or none) and how the link was made.
CREATE TABLE incident_links
(
    org_id                    UUID,
    -- the incident (incidents.provider, incidents.incident_id)
    provider                  LowCardinality(String),
    incident_id               String,
    incident_created_at       DateTime64(3, 'UTC'),
    -- the deployment that caused it; NULL / '' when unlinked
    repo_id                   Nullable(UUID),
    deployment_id             String,
    -- 'manual' (an organization's correction), 'explicit-deployment', 'explicit-commit', 'explicit-pull-request'
    -- (a reference in the incident), 'last-production-deployment' (the last production deployment of the incident's
    -- repositories finished at or before it was triggered), 'none' (unlinked, see reason)
    link_method               LowCardinality(String),
    -- why an incident is unlinked: 'corrected-to-none', 'no-repository' (its service or project maps to no
    -- repository and it references nothing known), 'no-earlier-deployment', 'corrected-deployment-unknown'; ''
    -- when linked
    reason                    LowCardinality(String),
    -- the next deployment of the failed one's environment made while the incident was open (unplanned rework)
    remediation_deployment_id String,
    -- service restored: the earlier of the incident's resolution and the remediating deployment's finish
    recovered_at              Nullable(DateTime64(3, 'UTC')),
    linked_at                 DateTime64(3, 'UTC'),
    is_deleted                UInt8 DEFAULT 0,
    version                   UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, provider, incident_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- identity-service's incident link corrections (its incident_link_corrections, copied from its change feed like
-- people and teams): one row per correction id; repo_id NULL means "no deployment caused it"; version = the feed
-- version of the change (a withdrawal's is newer than the correction's).
CREATE TABLE incident_link_corrections
(
    org_id        UUID,
    correction_id UUID,
    provider      LowCardinality(String),
    incident_id   String,
    repo_id       Nullable(UUID),
    deployment_id String,
    is_deleted    UInt8 DEFAULT 0,
    version       UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, correction_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- Facts written before this migration: what they say without incidents is their sequence part (an 'incident' cause
-- hid the sequence's own; the next linkage of the repository recomputes it).
ALTER TABLE deployment_facts UPDATE sequence_failure_cause = failure_cause, sequence_recovered_at = recovered_at,
    sequence_rework = is_rework WHERE failure_cause != 'incident';
