-- DevHealth's ClickHouse logins, least privilege; the local facade (dev/clickhouse-facade) enforces the same roles.
--   default / devhealth_owner   the owner: sync-service's Flyway migrations at start (DEVHEALTH_CLICKHOUSE_MIGRATION_*)
--   devhealth_writer            sync-service's rows: SELECT, INSERT and lightweight DELETE, no DDL
--                               (DEVHEALTH_CLICKHOUSE_USERNAME / _PASSWORD of sync-service)
--   devhealth_reader            analytics-service: read-only (readonly = 2: its reads set their own settings, such as
--                               final = 1 and max_execution_time, never beyond the profile's maxima)
--                               (DEVHEALTH_CLICKHOUSE_USERNAME / _PASSWORD of analytics-service)
-- Run it once as an administrator (SQL-driven access control on, access_management = 1) after replacing the three
-- CHANGE-ME passwords; on a cluster add ON CLUSTER <name> after each object's name (see README, "Deploy").
-- The database is `devhealth` (DEVHEALTH_CLICKHOUSE_DATABASE); change it here too when yours differs.

CREATE SETTINGS PROFILE IF NOT EXISTS devhealth_reader_profile SETTINGS
    readonly = 2,
    max_execution_time = 30 MAX 60,
    max_result_rows = 1000000 MAX 1000000,
    result_overflow_mode = 'throw' CONST,
    max_memory_usage = 4000000000 MAX 8000000000;

CREATE USER IF NOT EXISTS devhealth_owner IDENTIFIED WITH sha256_password BY 'CHANGE-ME';
GRANT ALL ON devhealth.* TO devhealth_owner;

CREATE USER IF NOT EXISTS devhealth_writer IDENTIFIED WITH sha256_password BY 'CHANGE-ME';
GRANT SELECT, INSERT, ALTER DELETE ON devhealth.* TO devhealth_writer;
-- On a cluster the writer's stale-row DELETEs run ON CLUSTER on the local tables: also GRANT CLUSTER ON *.* TO devhealth_writer

CREATE USER IF NOT EXISTS devhealth_reader IDENTIFIED WITH sha256_password BY 'CHANGE-ME'
    SETTINGS PROFILE 'devhealth_reader_profile';
GRANT SELECT ON devhealth.* TO devhealth_reader;
