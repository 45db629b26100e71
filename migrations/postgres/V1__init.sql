-- DevHealth control plane (PostgreSQL). Applied by identity-service with Flyway at start-up.
-- Shipped migrations are never edited: add V2__… instead (expand, migrate, contract).

CREATE FUNCTION set_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TABLE users (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text        NOT NULL CHECK (email = btrim(email) AND email LIKE '_%@_%' AND length(email) <= 320),
    display_name  text        CHECK (length(display_name) <= 200),
    -- PBKDF2-HMAC-SHA256, encoded as pbkdf2-sha256$iterations$salt$hash (base64); never the password.
    password_hash text        NOT NULL,
    is_superuser  boolean     NOT NULL DEFAULT false,
    is_active     boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

CREATE TABLE organizations (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    slug       text        NOT NULL CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    name       text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organizations_slug_key ON organizations (slug);

CREATE TABLE memberships (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            text        NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT memberships_organization_user_key UNIQUE (organization_id, user_id)
);
CREATE INDEX memberships_user_id_idx ON memberships (user_id);

-- Org-scoped configuration; values are JSON so new settings need no migration.
CREATE TABLE settings (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    key             text        NOT NULL CHECK (key ~ '^[a-z][a-z0-9_.-]{0,127}$'),
    value           jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT settings_organization_key_key UNIQUE (organization_id, key)
);

-- Provider secrets, encrypted by identity-service (AEAD, org id as associated data). key_id names the
-- key that encrypted the row so keys can rotate without a rewrite.
CREATE TABLE integration_credentials (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    provider         text        NOT NULL CHECK (provider IN ('git', 'github', 'gitlab', 'jira', 'pagerduty')),
    name             text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    encrypted_secret bytea       NOT NULL,
    key_id           text        NOT NULL,
    -- Non-secret connection details (base URL, account, scopes).
    metadata         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_by       uuid        REFERENCES users (id) ON DELETE SET NULL,
    last_used_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT integration_credentials_organization_provider_name_key UNIQUE (organization_id, provider, name)
);
CREATE INDEX integration_credentials_created_by_idx ON integration_credentials (created_by);

CREATE TABLE sync_configurations (
    id                        uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id           uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name                      text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    provider                  text        NOT NULL CHECK (provider IN ('git', 'github', 'gitlab', 'jira', 'pagerduty')),
    credential_id             uuid        REFERENCES integration_credentials (id) ON DELETE RESTRICT,
    -- Provider options, e.g. {"repositoryPath": "/srv/git/app.git"} for git.
    options                   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    -- Seconds between scheduled runs; NULL = on demand only.
    schedule_interval_seconds integer     CHECK (schedule_interval_seconds >= 60),
    is_enabled                boolean     NOT NULL DEFAULT true,
    -- The last committed sync cursor (e.g. ref tips for git); a failed run never moves it.
    cursor                    jsonb,
    created_by                uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sync_configurations_organization_name_key UNIQUE (organization_id, name)
);
CREATE INDEX sync_configurations_credential_id_idx ON sync_configurations (credential_id);
CREATE INDEX sync_configurations_created_by_idx ON sync_configurations (created_by);

-- One row per sync run. A running run holds a lease (holder + expiry, renewed by heartbeats); a run whose
-- lease expired may be taken over. At most one running run per configuration.
CREATE TABLE sync_runs (
    id                    uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    sync_configuration_id uuid        NOT NULL REFERENCES sync_configurations (id) ON DELETE CASCADE,
    organization_id       uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    trigger               text        NOT NULL CHECK (trigger IN ('manual', 'schedule')),
    requested_by          uuid        REFERENCES users (id) ON DELETE SET NULL,
    status                text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    phase                 text        NOT NULL DEFAULT 'starting' CHECK (length(phase) <= 64),
    lease_holder          text        CHECK (length(lease_holder) <= 200),
    lease_expires_at      timestamptz,
    heartbeat_at          timestamptz,
    items_processed       bigint      NOT NULL DEFAULT 0 CHECK (items_processed >= 0),
    items_total           bigint      CHECK (items_total >= 0),
    -- Per-table rows written and other figures, e.g. {"commits": 10, "commit_stats": 52, "missingObjects": 0}.
    counts                jsonb       NOT NULL DEFAULT '{}'::jsonb,
    error                 text        CHECK (length(error) <= 4000),
    started_at            timestamptz NOT NULL DEFAULT now(),
    finished_at           timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sync_runs_finished_iff_done CHECK ((status = 'running') = (finished_at IS NULL)),
    CONSTRAINT sync_runs_running_has_lease CHECK (status <> 'running' OR (lease_holder IS NOT NULL AND lease_expires_at IS NOT NULL)),
    CONSTRAINT sync_runs_failed_has_error CHECK (status <> 'failed' OR error IS NOT NULL)
);
CREATE UNIQUE INDEX sync_runs_one_running_per_configuration ON sync_runs (sync_configuration_id) WHERE status = 'running';
CREATE INDEX sync_runs_configuration_started_idx ON sync_runs (sync_configuration_id, started_at DESC);
CREATE INDEX sync_runs_organization_id_idx ON sync_runs (organization_id);
CREATE INDEX sync_runs_requested_by_idx ON sync_runs (requested_by);
CREATE INDEX sync_runs_lease_expires_idx ON sync_runs (lease_expires_at) WHERE status = 'running';

-- Cross-provider identity resolution: a provider identity (git email, GitHub login, Jira account id…)
-- belongs to one canonical person of the organization, optionally a DevHealth user.
CREATE TABLE identity_mappings (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    canonical_key   text        NOT NULL CHECK (length(btrim(canonical_key)) BETWEEN 1 AND 320),
    display_name    text        CHECK (length(display_name) <= 200),
    provider        text        NOT NULL CHECK (provider IN ('git', 'github', 'gitlab', 'jira', 'pagerduty')),
    external_id     text        NOT NULL CHECK (length(btrim(external_id)) BETWEEN 1 AND 320),
    user_id         uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX identity_mappings_external_key ON identity_mappings (organization_id, provider, lower(external_id));
CREATE INDEX identity_mappings_canonical_idx ON identity_mappings (organization_id, canonical_key);
CREATE INDEX identity_mappings_user_id_idx ON identity_mappings (user_id);

-- Team definitions; sync writes the resolved teams to ClickHouse `teams`.
CREATE TABLE team_mappings (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    team_key        text        NOT NULL CHECK (team_key ~ '^[a-z0-9][a-z0-9_.-]{0,127}$'),
    name            text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    -- canonical_key values of identity_mappings
    members         text[]      NOT NULL DEFAULT '{}',
    -- glob patterns over repository full names, e.g. {"acme/payments-*"}
    repo_patterns   text[]      NOT NULL DEFAULT '{}',
    -- work-item project keys, e.g. {"PAY"}
    project_keys    text[]      NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT team_mappings_organization_team_key_key UNIQUE (organization_id, team_key)
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['users', 'organizations', 'memberships', 'settings', 'integration_credentials',
                             'sync_configurations', 'sync_runs', 'identity_mappings', 'team_mappings']
    LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
                       t || '_set_updated_at', t);
    END LOOP;
END;
$$;
