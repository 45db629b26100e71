-- Sessions (refresh tokens), login throttling, signing-key rotation, organization soft delete.
-- Expand-only: new tables and nullable columns; nothing existing changes meaning.

-- Refresh tokens: opaque random strings handed to the client once; only their SHA-256 is stored. Each refresh
-- rotates the token (rotated_at set, a new row in the same family); presenting a rotated token again means it
-- leaked, so the whole family is revoked.
CREATE TABLE refresh_tokens (
    id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id      uuid        NOT NULL,
    token_hash     bytea       NOT NULL CHECK (length(token_hash) = 32),
    expires_at     timestamptz NOT NULL,
    rotated_at     timestamptz,
    revoked_at     timestamptz,
    revoked_reason text        CHECK (revoked_reason IN ('logout', 'reuse', 'deactivated', 'password-changed')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT refresh_tokens_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX refresh_tokens_user_id_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_expires_at_idx ON refresh_tokens (expires_at);

-- Failed sign-ins per throttling subject: an account (keyed by the SHA-256 of its lower-cased email, so unknown
-- emails are throttled exactly like known ones) or a client address. Shared by every identity replica.
CREATE TABLE login_throttles (
    subject_hash      bytea       PRIMARY KEY CHECK (length(subject_hash) = 32),
    failures          integer     NOT NULL CHECK (failures >= 0),
    window_started_at timestamptz NOT NULL,
    blocked_until     timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_throttles_window_started_at_idx ON login_throttles (window_started_at);

-- Public halves of the keys tokens were signed with. A replica records its key at start and while it signs;
-- the JWKS publishes every key that signed within the last access-token lifetime, so tokens signed by a
-- rotated-out key stay verifiable until they expire.
CREATE TABLE signing_keys (
    kid            text        PRIMARY KEY CHECK (length(kid) BETWEEN 1 AND 128),
    public_jwk     text        NOT NULL,
    last_signed_at timestamptz NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Soft delete: a deleted organization disappears from every API; its rows stay until an operator purges them.
ALTER TABLE organizations ADD COLUMN deleted_at timestamptz;
ALTER TABLE organizations ADD COLUMN deleted_by uuid REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX organizations_deleted_by_idx ON organizations (deleted_by);

-- When a user was last seen signing in; deactivation time for audits.
ALTER TABLE users ADD COLUMN last_login_at timestamptz;
ALTER TABLE users ADD COLUMN deactivated_at timestamptz;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['refresh_tokens', 'login_throttles', 'signing_keys']
    LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
                       t || '_set_updated_at', t);
    END LOOP;
END;
$$;
