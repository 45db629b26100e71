-- Identity and team mappings (issue #5): canonical people with their provider identities, teams with person
-- members, the identities sync-service has observed, rejected suggestions, and the per-organization change feed
-- sync-service polls to refresh ClickHouse.
--
-- Expand only. V1's identity_mappings and team_mappings stay and gain what the new model needs; what they carried
-- before is superseded, not dropped:
--   identity_mappings.canonical_key  -> identity_mappings.person_id (people); canonical_key becomes nullable
--   identity_mappings.user_id        -> people.user_id
--   team_mappings.members            -> team_members (team_id, person_id)
-- A later contract migration validates identity_mappings_person_id_not_null, sets NOT NULL and drops the three
-- superseded columns. The new tables are empty or small when this runs, so plain (not CONCURRENTLY built) indexes
-- are fine inside Flyway's transaction.

-- ---- The change feed ----------------------------------------------------------------------------------------
-- One counter per organization. Every transaction that changes the organization's people, identities or teams
-- locks this row first (so such transactions serialize and commit in version order), takes version + 1 and stamps
-- it on every row it changes; deletions leave a row in change_feed_deletions with that version.
CREATE TABLE change_feed_versions (
    organization_id uuid        PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    version         bigint      NOT NULL DEFAULT 0 CHECK (version >= 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE change_feed_deletions (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    entity          text        NOT NULL CHECK (entity IN ('person', 'team')),
    -- the id of the deleted person or team
    entity_id       uuid        NOT NULL,
    change_version  bigint      NOT NULL CHECK (change_version >= 1),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT change_feed_deletions_entity_key UNIQUE (organization_id, entity, entity_id)
);
CREATE INDEX change_feed_deletions_feed_idx ON change_feed_deletions (organization_id, entity, change_version, entity_id);

-- ---- People -------------------------------------------------------------------------------------------------
CREATE TABLE people (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- the organization's own stable key for the person (an HR id, an email); imports match people by it
    person_key      text        CHECK (person_key = btrim(person_key) AND length(person_key) BETWEEN 1 AND 320),
    display_name    text        NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
    primary_email   text        CHECK (primary_email = btrim(primary_email) AND primary_email LIKE '_%@_%'
                                       AND length(primary_email) <= 320),
    -- the DevHealth user this person is (a member of the organization)
    user_id         uuid        REFERENCES users (id) ON DELETE SET NULL,
    change_version  bigint      NOT NULL CHECK (change_version >= 1),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    -- target of the composite foreign keys that keep identities and team members inside one organization
    CONSTRAINT people_organization_id_id_key UNIQUE (organization_id, id)
);
CREATE UNIQUE INDEX people_organization_key_key ON people (organization_id, lower(person_key));
CREATE UNIQUE INDEX people_organization_primary_email_key ON people (organization_id, lower(primary_email));
CREATE UNIQUE INDEX people_organization_user_key ON people (organization_id, user_id);
CREATE INDEX people_user_id_idx ON people (user_id);
CREATE INDEX people_organization_name_idx ON people (organization_id, lower(display_name), id);
CREATE INDEX people_organization_change_version_idx ON people (organization_id, change_version, id);

-- ---- Provider identities: identity_mappings (V1) now point at a person ----------------------------------------
ALTER TABLE identity_mappings
    ADD COLUMN person_id uuid,
    -- the identity's email: the address itself for git, the account's email (when known) for the others
    ADD COLUMN email     text CHECK (email = btrim(email) AND length(email) BETWEEN 1 AND 320),
    ALTER COLUMN canonical_key DROP NOT NULL,
    ADD CONSTRAINT identity_mappings_person_fkey FOREIGN KEY (organization_id, person_id)
        REFERENCES people (organization_id, id) ON DELETE CASCADE;
CREATE INDEX identity_mappings_person_idx ON identity_mappings (organization_id, person_id);
CREATE INDEX identity_mappings_email_idx ON identity_mappings (organization_id, lower(email)) WHERE email IS NOT NULL;

-- Backfill: one person per (organization, canonical key) of V1's rows, keyed by that canonical key. A user that
-- V1 linked to several canonical keys stays unlinked (a user is at most one person of an organization).
WITH grouped AS (
    SELECT organization_id,
           min(btrim(canonical_key)) AS person_key,
           min(btrim(display_name)) FILTER (WHERE btrim(display_name) <> '') AS display_name,
           (array_agg(user_id ORDER BY user_id) FILTER (WHERE user_id IS NOT NULL))[1] AS user_id
    FROM identity_mappings
    GROUP BY organization_id, lower(btrim(canonical_key))
)
INSERT INTO people (organization_id, person_key, display_name, user_id, change_version)
SELECT organization_id, person_key, coalesce(display_name, left(person_key, 200)),
       CASE WHEN count(*) OVER (PARTITION BY organization_id, user_id) = 1 THEN user_id END,
       1
FROM grouped;

UPDATE identity_mappings i
SET person_id = p.id,
    email     = CASE WHEN i.provider = 'git' THEN btrim(i.external_id) END
FROM people p
WHERE p.organization_id = i.organization_id AND lower(p.person_key) = lower(btrim(i.canonical_key));

-- Enforced for every new or changed row now; validated (and replaced by NOT NULL) by the contract migration.
ALTER TABLE identity_mappings
    ADD CONSTRAINT identity_mappings_person_id_not_null CHECK (person_id IS NOT NULL) NOT VALID;

COMMENT ON COLUMN identity_mappings.canonical_key IS
    'Superseded by person_id (V4): no longer written; dropped by a later migration.';
COMMENT ON COLUMN identity_mappings.user_id IS
    'Superseded by people.user_id (V4): no longer written; dropped by a later migration.';

-- ---- Teams: team_mappings (V1) keep key, name, patterns and project keys; members move to team_members --------
ALTER TABLE team_mappings
    ADD COLUMN change_version bigint NOT NULL DEFAULT 1 CHECK (change_version >= 1),
    ADD CONSTRAINT team_mappings_organization_id_id_key UNIQUE (organization_id, id),
    -- the API's bounds; NOT VALID: V1 rows are not re-checked
    ADD CONSTRAINT team_mappings_repo_patterns_bound CHECK (cardinality(repo_patterns) <= 200) NOT VALID,
    ADD CONSTRAINT team_mappings_project_keys_bound CHECK (cardinality(project_keys) <= 200) NOT VALID;
-- The default only stamped V1's rows; the application always sets the version.
ALTER TABLE team_mappings ALTER COLUMN change_version DROP DEFAULT;
CREATE INDEX team_mappings_organization_change_version_idx ON team_mappings (organization_id, change_version, id);
COMMENT ON COLUMN team_mappings.members IS
    'Superseded by team_members (V4): no longer written; dropped by a later migration.';

CREATE TABLE team_members (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    team_id         uuid        NOT NULL,
    person_id       uuid        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT team_members_team_fkey FOREIGN KEY (organization_id, team_id)
        REFERENCES team_mappings (organization_id, id) ON DELETE CASCADE,
    CONSTRAINT team_members_person_fkey FOREIGN KEY (organization_id, person_id)
        REFERENCES people (organization_id, id) ON DELETE CASCADE,
    CONSTRAINT team_members_organization_team_person_key UNIQUE (organization_id, team_id, person_id)
);
CREATE INDEX team_members_organization_person_idx ON team_members (organization_id, person_id);

INSERT INTO team_members (organization_id, team_id, person_id)
SELECT DISTINCT t.organization_id, t.id, p.id
FROM team_mappings t
CROSS JOIN LATERAL unnest(t.members) AS m (canonical_key)
JOIN people p ON p.organization_id = t.organization_id AND lower(p.person_key) = lower(btrim(m.canonical_key));

-- Organizations with backfilled rows start their feed at version 1, the version those rows carry.
INSERT INTO change_feed_versions (organization_id, version)
SELECT organization_id, 1 FROM people
UNION
SELECT organization_id, 1 FROM team_mappings;

-- ---- What sync-service has seen, and suggestions the organization rejected ------------------------------------
-- Provider identities sync-service reported (POST /internal/v1/orgs/{orgId}/observed-identities), mapped or not;
-- the input of the mapping suggestions.
CREATE TABLE observed_identities (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    provider        text        NOT NULL CHECK (provider IN ('git', 'github', 'gitlab', 'jira', 'pagerduty')),
    external_id     text        NOT NULL CHECK (external_id = btrim(external_id) AND length(external_id) BETWEEN 1 AND 320),
    name            text        CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    email           text        CHECK (email = btrim(email) AND length(email) BETWEEN 1 AND 320),
    first_seen_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz NOT NULL DEFAULT now(),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX observed_identities_external_key ON observed_identities (organization_id, provider, lower(external_id));
CREATE INDEX observed_identities_email_idx ON observed_identities (organization_id, lower(email)) WHERE email IS NOT NULL;

-- A suggestion is identified by a fingerprint of what it proposes (e.g. extend:<person>:github:octocat); a
-- rejected fingerprint is never suggested again.
CREATE TABLE rejected_suggestions (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- the id the API showed: derived from the organization and the fingerprint
    suggestion_id   uuid        NOT NULL,
    fingerprint     text        NOT NULL CHECK (length(fingerprint) BETWEEN 1 AND 1000),
    rejected_by     uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT rejected_suggestions_organization_fingerprint_key UNIQUE (organization_id, fingerprint)
);
CREATE INDEX rejected_suggestions_rejected_by_idx ON rejected_suggestions (rejected_by);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['change_feed_versions', 'change_feed_deletions', 'people', 'team_members',
                             'observed_identities', 'rejected_suggestions']
    LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
                       t || '_set_updated_at', t);
    END LOOP;
END;
$$;
