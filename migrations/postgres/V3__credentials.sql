-- Integration credentials: envelope encryption and the audit of secret reads (identity-service,
-- io.devhealth.identity.credential). Expand only: V1's integration_credentials keeps every column.
--
-- Per row: encrypted_secret = AES-256-GCM(data key, secret), wrapped_data_key = AES-256-GCM(master key, data
-- key), key_id = the master key's id; both bind the org id and the credential id as associated data, so a row
-- copied to another organization or credential does not decrypt. No row was written before this migration (no
-- code did), but the new NOT NULL rules are NOT VALID CHECKs all the same: they hold for every row written from
-- now on without rewriting or scanning the table (a later migration may VALIDATE them).

ALTER TABLE integration_credentials
    ADD COLUMN wrapped_data_key   bytea,
    -- First 8 hex digits of HMAC-SHA256(secret) under a key derived from the master key: shows a secret changed
    -- without letting anyone test guesses offline.
    ADD COLUMN secret_fingerprint text,
    ADD COLUMN secret_updated_at  timestamptz NOT NULL DEFAULT now();

ALTER TABLE integration_credentials
    ADD CONSTRAINT integration_credentials_envelope_present CHECK (
        wrapped_data_key IS NOT NULL AND secret_fingerprint IS NOT NULL) NOT VALID,
    -- A secret is at most 16 KiB of UTF-8; GCM adds a 12-byte nonce and a 16-byte tag. Data keys are 32 bytes.
    ADD CONSTRAINT integration_credentials_encrypted_secret_size CHECK (
        octet_length(encrypted_secret) BETWEEN 29 AND 16384 + 28) NOT VALID,
    ADD CONSTRAINT integration_credentials_wrapped_data_key_size CHECK (
        octet_length(wrapped_data_key) = 32 + 28) NOT VALID,
    ADD CONSTRAINT integration_credentials_secret_fingerprint_format CHECK (
        secret_fingerprint ~ '^[0-9a-f]{8}$') NOT VALID,
    ADD CONSTRAINT integration_credentials_key_id_format CHECK (
        key_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$') NOT VALID,
    -- Metadata is a flat object of at most 32 string values (keys ≤ 64, values ≤ 1024 characters).
    ADD CONSTRAINT integration_credentials_metadata_shape CHECK (
        jsonb_typeof(metadata) = 'object' AND length(metadata::text) <= 65536) NOT VALID;

-- The rotation job looks for rows under keys other than the primary one.
CREATE INDEX integration_credentials_key_id_idx ON integration_credentials (key_id);

-- One row per plaintext read of a credential's secret (by sync-service, on behalf of a sync run). Insert-only.
-- credential_id and sync_run_id are deliberately not foreign keys: the audit outlives the credential and the
-- run it names; it goes only with the organization.
CREATE TABLE credential_reads (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    credential_id   uuid        NOT NULL,
    -- The subject of the token that read it, e.g. sync-service.
    reader          text        NOT NULL CHECK (length(btrim(reader)) BETWEEN 1 AND 200),
    sync_run_id     uuid,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credential_reads_credential_created_idx ON credential_reads (credential_id, created_at DESC, id DESC);
CREATE INDEX credential_reads_organization_id_idx ON credential_reads (organization_id);

CREATE TRIGGER credential_reads_set_updated_at BEFORE UPDATE ON credential_reads
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
