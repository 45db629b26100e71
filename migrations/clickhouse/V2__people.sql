-- People and teams as identity-service maps them, copied from its change feeds by sync-service
-- (io.devhealth.sync.people): canonical people, the provider identities that resolve to them, and teams of people.
-- Metric computations attribute commits, PRs, reviews, work items and incidents to people and teams through
-- person_identities. Versions are identity's feed versions (per organization, increasing with every change).

CREATE TABLE people
(
    org_id        UUID,
    person_id     UUID,
    -- the organization's own key for the person ('' when none)
    person_key    String,
    display_name  String,
    primary_email String,
    -- the linked DevHealth user, when any
    user_id       Nullable(UUID),
    updated_at    DateTime64(3, 'UTC'),
    is_deleted    UInt8 DEFAULT 0,
    version       UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, person_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- One row per provider identity: (provider, external_id) resolves to one person of the organization.
-- external_id is lower-cased (identity matches it case-insensitively): git's is the author/committer email,
-- github's the login, gitlab's the username, jira's the accountId, pagerduty's the user id.
-- version = feed version * 2 + 1 for a live row, * 2 for a tombstone: when a merge moves an identity to another
-- person and deletes the first in one change, the live row wins over the tombstone of the same change.
CREATE TABLE person_identities
(
    org_id      UUID,
    provider    LowCardinality(String),
    external_id String,
    person_id   UUID,
    name        String,
    email       String,
    is_deleted  UInt8 DEFAULT 0,
    version     UInt64
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, provider, external_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- teams.team_id is identity's team id; team_key its human key; members are person ids.
ALTER TABLE teams ADD COLUMN team_key String AFTER team_id;

-- The feed version sync-service last applied completely, per organization and feed ('people', 'teams').
-- The latest write wins (applied_at), so a feed reset (identity restored from a backup) can move it back.
CREATE TABLE identity_feed_cursors
(
    org_id     UUID,
    feed       LowCardinality(String),
    version    UInt64,
    applied_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(applied_at)
ORDER BY (org_id, feed);
