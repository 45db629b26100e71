-- Incident ↔ deployment link corrections (issue #7). sync-service links each incident to the deployment that caused
-- it (explicit references, else the last production deployment of its repositories before it was triggered); an
-- organization corrects a wrong link here, and the correction wins over every automatic method. Corrections travel
-- to sync-service on the organization's change feed (V4), like people and teams, so a correction reaches the DORA
-- facts within a minute.

CREATE TABLE incident_link_corrections (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- the incident as sync-service stores it: its source and its id there (a PagerDuty incident id, a Jira issue
    -- key, a GitHub/GitLab issue's work item id)
    provider        text        NOT NULL CHECK (provider IN ('pagerduty', 'jira', 'github', 'gitlab')),
    incident_id     text        NOT NULL CHECK (length(incident_id) BETWEEN 1 AND 200
                                               AND incident_id !~ '[[:cntrl:]]'),
    -- the deployment that caused it (its repository id in ClickHouse and its provider id), or both NULL: no
    -- deployment caused it (it counts against none)
    repo_id         uuid,
    deployment_id   text        CHECK (length(deployment_id) BETWEEN 1 AND 200 AND deployment_id !~ '[[:cntrl:]]'),
    note            text        NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
    -- the user who made the correction last (NULL once that user is deleted)
    corrected_by    uuid        REFERENCES users (id) ON DELETE SET NULL,
    change_version  bigint      NOT NULL CHECK (change_version >= 1),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT incident_link_corrections_deployment_check CHECK ((repo_id IS NULL) = (deployment_id IS NULL)),
    CONSTRAINT incident_link_corrections_incident_key UNIQUE (organization_id, provider, incident_id)
);
CREATE INDEX incident_link_corrections_feed_idx ON incident_link_corrections (organization_id, change_version, id);
CREATE INDEX incident_link_corrections_corrected_by_idx ON incident_link_corrections (corrected_by);
CREATE TRIGGER incident_link_corrections_set_updated_at BEFORE UPDATE ON incident_link_corrections
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- A withdrawn correction is a feed deletion like a deleted person or team.
ALTER TABLE change_feed_deletions DROP CONSTRAINT change_feed_deletions_entity_check;
ALTER TABLE change_feed_deletions ADD CONSTRAINT change_feed_deletions_entity_check
    CHECK (entity IN ('person', 'team', 'incident_link_correction'));
