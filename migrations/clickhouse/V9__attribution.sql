-- Attribution of activity to canonical people and teams (io.devhealth.sync.metrics.PeopleMetricsDaily) and the
-- reports of observed identities to identity-service (io.devhealth.sync.people.ObservedIdentityReport).
-- Conventions as in V1.

-- Who acknowledged and who resolved an incident: incidents.acknowledged_by_id / resolved_by_id (V8, PagerDuty user
-- ids as PagerDuty gives them; person_identities holds them lower-cased).

-- Per person (user_metrics_daily: identity_key = the person id when the identity is mapped, else
-- '<provider>:<lower-cased external id>', e.g. 'git:jane@acme.io') and per team: incidents resolved that UTC day,
-- and pull requests opened by the team's members.
ALTER TABLE user_metrics_daily ADD COLUMN IF NOT EXISTS incidents_resolved UInt32 DEFAULT 0 AFTER work_items_completed;
ALTER TABLE team_metrics_daily ADD COLUMN IF NOT EXISTS prs_opened UInt32 DEFAULT 0 AFTER active_members;
ALTER TABLE team_metrics_daily ADD COLUMN IF NOT EXISTS incidents_resolved UInt32 DEFAULT 0 AFTER work_items_completed;

-- Sync runs whose identities are still to be reported to identity-service: a run's rows are found again by its
-- version, so a report that failed (identity unavailable) is retried by a later run. The latest state wins.
CREATE TABLE observed_identity_reports
(
    org_id     UUID,
    -- the run's version (the version column of every row it wrote)
    version    UInt64,
    -- the run's provider (reviews and review comments carry none of their own)
    provider   LowCardinality(String),
    reported   UInt8,
    attempts   UInt32,
    updated_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (org_id, version);
