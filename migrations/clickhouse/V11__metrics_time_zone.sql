-- Daily metrics in the organization's time zone, work-item facts and metric recomputations (issue #8). Written by
-- sync-service's io.devhealth.sync.metrics; conventions as in V1.
--
-- Every *_metrics_daily table's day is now a calendar day in the organization's time zone (identity setting
-- `timezone`, IANA id, default UTC): ClickHouse toDate(ts, zone). Tables computed before this migration used UTC,
-- which is what an organization without a row in metrics_time_zones is taken to have.

-- The zone each organization's daily tables were last computed with. When the organization's setting differs, the
-- next computation recomputes every daily table of the organization, then records the new zone.
CREATE TABLE metrics_time_zones
(
    org_id      UUID,
    time_zone   String,
    computed_at DateTime64(3, 'UTC'),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY org_id;

-- One row per work item (any provider): the item's timestamps, its lead and cycle time, and its history as
-- consecutive state intervals, so a percentile or a time-in-state over any window is exact (computed from items,
-- never from daily medians). Rebuilt for the items a sync run wrote (and by a recomputation); versioned by
-- computation. The intervals come from work_item_transitions; an item without transitions (GitHub, GitLab issues)
-- gets intervals from created_at / started_at / completed_at, named by their category ('todo', 'in_progress')
-- except the last, which carries the item's current status.
CREATE TABLE work_item_facts
(
    org_id              UUID,
    provider            LowCardinality(String),
    work_item_id        String,
    project_key         String,
    -- story, bug, task, epic, incident, other (work_items.type)
    type                LowCardinality(String),
    created_at          DateTime64(3, 'UTC'),
    started_at          Nullable(DateTime64(3, 'UTC')),
    completed_at        Nullable(DateTime64(3, 'UTC')),
    -- completed_at − created_at, hours; NULL while not completed
    lead_time_hours     Nullable(Float64),
    -- completed_at − started_at, hours; NULL while not completed or never started
    cycle_time_hours    Nullable(Float64),
    -- state intervals in time order: status i held from state_entered_at[i] until state_left_at[i] (NULL: still)
    state_status        Array(String),
    state_category      Array(LowCardinality(String)),
    state_entered_at    Array(DateTime64(3, 'UTC')),
    state_left_at       Array(Nullable(DateTime64(3, 'UTC'))),
    computed_at         DateTime64(3, 'UTC'),
    is_deleted          UInt8 DEFAULT 0,
    version             UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, provider, work_item_id);

-- Time in each state: hours the items completed that day spent in each status before completing (additive over
-- days; divide by completed for a mean; work_item_facts gives exact per-item percentiles).
ALTER TABLE work_item_metrics_daily ADD COLUMN IF NOT EXISTS time_in_state_hours Map(String, Float64) AFTER cycle_time_p50_hours;

-- Metric recomputations requested through sync-service's API (POST /api/v1/sync/orgs/{org}/metrics/recompute): one
-- row per state change, the latest (version) wins. Kept in ClickHouse so every replica answers GET …/{id} and the
-- record survives a restart; a replica that dies mid-way stops heartbeating (updated_at) and readers report the
-- recomputation failed as abandoned.
CREATE TABLE metrics_recomputes
(
    org_id         UUID,
    recompute_id   UUID,
    from_day       Date,
    to_day         Date,
    time_zone      String,
    -- queued, running, succeeded, failed
    state          LowCardinality(String),
    days_total     UInt32,
    days_done      UInt32,
    failure_reason String,
    requested_by   String,
    requested_at   DateTime64(3, 'UTC'),
    updated_at     DateTime64(3, 'UTC'),
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (org_id, recompute_id);
