-- Organization settings get a size bound; sync configurations get cron schedules, a backfill window and the
-- next fire time of their cron schedule. Expand only: scheduleIntervalSeconds keeps working beside cron.

-- Every known setting is far smaller (identity-service validates each key's shape); this bounds unknown ones.
ALTER TABLE settings
    ADD CONSTRAINT settings_value_size CHECK (length(value::text) <= 65536);

ALTER TABLE sync_configurations
    -- A Unix cron expression (5 fields) evaluated in schedule_time_zone (an IANA zone id). When set it takes
    -- precedence over schedule_interval_seconds.
    ADD COLUMN schedule_cron        text        CHECK (length(btrim(schedule_cron)) BETWEEN 9 AND 200),
    ADD COLUMN schedule_time_zone   text        CHECK (length(schedule_time_zone) BETWEEN 1 AND 64),
    -- When the cron schedule next starts a run; moved forward by every scheduled claim.
    ADD COLUMN schedule_next_run_at timestamptz,
    -- How far back the first (full) sync reaches, in days; NULL: the whole history.
    ADD COLUMN backfill_days        integer     CHECK (backfill_days BETWEEN 1 AND 3650),
    ADD CONSTRAINT sync_configurations_cron_has_time_zone
        CHECK ((schedule_cron IS NULL) = (schedule_time_zone IS NULL)),
    ADD CONSTRAINT sync_configurations_cron_has_next_run
        CHECK ((schedule_cron IS NULL) = (schedule_next_run_at IS NULL)),
    ADD CONSTRAINT sync_configurations_options_size CHECK (length(options::text) <= 65536);

-- The scheduler's question: which enabled cron schedules are due now.
CREATE INDEX sync_configurations_cron_due_idx ON sync_configurations (schedule_next_run_at)
    WHERE is_enabled AND schedule_cron IS NOT NULL;
