-- Jira Cloud work items that V1-V6 have no column for. Written by sync-service's jira provider
-- (io.devhealth.sync.provider.jira); conventions as in V1, V4 and V6. For Jira, work_item_id is the issue key
-- (PAY-123: what people, commit messages and branch names use); parent_id holds the parent's key.

-- Jira's own numeric issue id, stable when an issue moves to another project (its key changes; the row under the old
-- key is tombstoned by the next full refresh). '' for providers whose work_item_id already is their id.
ALTER TABLE work_items ADD COLUMN IF NOT EXISTS provider_id String DEFAULT '' AFTER work_item_id;
-- The issue type's name as the site shows it (often localised: 故事, Historia); type holds the mapped vocabulary.
ALTER TABLE work_items ADD COLUMN IF NOT EXISTS type_name String DEFAULT '' AFTER type;
-- Display names beside the provider ids: they feed identity's mapping suggestions.
ALTER TABLE work_items ADD COLUMN IF NOT EXISTS assignee_name String DEFAULT '' AFTER assignee_id;
ALTER TABLE work_items ADD COLUMN IF NOT EXISTS reporter_name String DEFAULT '' AFTER reporter_id;
ALTER TABLE work_items ADD COLUMN IF NOT EXISTS components Array(String) DEFAULT [] AFTER labels;
-- The epic the item belongs to (its key): the epic-link field of company-managed projects, else an epic parent.
ALTER TABLE work_items ADD COLUMN IF NOT EXISTS epic_key String DEFAULT '' AFTER parent_id;
-- The item's current sprint (the active one, else the last it was in); '' when it was never in one.
ALTER TABLE work_items ADD COLUMN IF NOT EXISTS sprint_id String DEFAULT '' AFTER epic_key;
ALTER TABLE work_items ADD COLUMN IF NOT EXISTS sprint_name String DEFAULT '' AFTER sprint_id;
-- When the item was resolved (Jira's resolutiondate), as recorded; completed_at is when it reached a done status.
ALTER TABLE work_items ADD COLUMN IF NOT EXISTS resolved_at Nullable(DateTime64(3, 'UTC')) AFTER completed_at;
-- The configuration that wrote the row: the scope a full refresh tombstones within for providers without
-- repositories (a Jira configuration's projects or JQL). NULL for rows of repository-scoped providers.
ALTER TABLE work_items ADD COLUMN IF NOT EXISTS sync_configuration_id Nullable(UUID) AFTER repo_id;

-- Transitions: who made them by name, and the configuration that wrote them (as above).
ALTER TABLE work_item_transitions ADD COLUMN IF NOT EXISTS actor_name String DEFAULT '' AFTER actor;
ALTER TABLE work_item_transitions ADD COLUMN IF NOT EXISTS sync_configuration_id Nullable(UUID) AFTER work_item_id;
