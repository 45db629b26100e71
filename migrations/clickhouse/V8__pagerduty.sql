-- PagerDuty incidents (REST v2) that V1 has no column for, and their log entries. Written by sync-service's pagerduty
-- provider (io.devhealth.sync.provider.pagerduty); conventions as in V1 and V4 (ReplacingMergeTree(version, is_deleted),
-- org_id first, deterministic keys, deduplicated inserts). PagerDuty ids (incidents, services, users) are opaque
-- strings such as PABC123, kept as given; person_identities matches them lower-cased.

-- incidents.service (V1) holds the service's name; service_id its PagerDuty id.
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS incident_number UInt64 DEFAULT 0 AFTER incident_id;
-- The incident's text (PagerDuty description, else its body details), at most 4 KB: where explicit deployment,
-- commit or pull request references are looked for.
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS description String DEFAULT '' AFTER title;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS service_id String DEFAULT '' AFTER service;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS escalation_policy_id String DEFAULT '' AFTER service_id;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS escalation_policy String DEFAULT '' AFTER escalation_policy_id;
-- Every repository and team the organization setting pagerduty.services maps the incident's service to (repo_id
-- keeps the first repository, NULL when none).
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS repo_ids Array(UUID) DEFAULT [] AFTER repo_id;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS team_keys Array(String) DEFAULT [] AFTER repo_ids;
-- 1 when the organization's incident rules count it (incidents.rules.pagerDutyServiceIds lists its service, or lists
-- none); 0 for incidents of other services, which are synced too so that a change of the rules needs no new sync.
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS counts_as_incident UInt8 DEFAULT 1 AFTER team_keys;
-- When the status last changed (PagerDuty last_status_change_at).
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS updated_at Nullable(DateTime64(3, 'UTC')) AFTER resolved_at;
-- Who triggered, first acknowledged and resolved it: the log entry's agent (type user_reference: a PagerDuty user
-- id, an identity for people mapping; service_reference, integration_reference: automation), '' when unknown.
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS triggered_by_id String DEFAULT '' AFTER updated_at;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS triggered_by_type LowCardinality(String) DEFAULT '' AFTER triggered_by_id;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS triggered_by_name String DEFAULT '' AFTER triggered_by_type;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS acknowledged_by_id String DEFAULT '' AFTER triggered_by_name;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS acknowledged_by_type LowCardinality(String) DEFAULT '' AFTER acknowledged_by_id;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS acknowledged_by_name String DEFAULT '' AFTER acknowledged_by_type;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS resolved_by_id String DEFAULT '' AFTER acknowledged_by_name;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS resolved_by_type LowCardinality(String) DEFAULT '' AFTER resolved_by_id;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS resolved_by_name String DEFAULT '' AFTER resolved_by_type;
-- The sync configuration that wrote the row: a full refresh tombstones only its own configuration's vanished incidents.
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS sync_configuration_id Nullable(UUID) AFTER resolved_by_name;

-- Every log entry of an incident, one row each: type as PagerDuty names it (trigger_log_entry, acknowledge_log_entry,
-- resolve_log_entry, assign_log_entry, escalate_log_entry, notify_log_entry, annotate_log_entry, …), when, and the
-- agent that caused it ('' for entries without one, e.g. notifications).
CREATE TABLE incident_log_entries
(
    org_id       UUID,
    provider     LowCardinality(String),
    incident_id  String,
    log_entry_id String,
    type         LowCardinality(String),
    created_at   DateTime64(3, 'UTC'),
    agent_id     String,
    agent_type   LowCardinality(String),
    agent_name   String,
    channel_type LowCardinality(String),
    summary      String,
    is_deleted   UInt8 DEFAULT 0,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, provider, incident_id, log_entry_id)
SETTINGS non_replicated_deduplication_window = 1000;
