-- Flyway callback (not a versioned migration; runs after every migrate, as devhealth_owner): Flyway's own history is
-- the owner's to write. The default privileges of k8s/components/postgres-roles/postgres-roles.sql gave devhealth_app CRUD on every
-- table the owner creates, this one included; the application may read it, never rewrite it.
REVOKE INSERT, UPDATE, DELETE ON flyway_schema_history FROM devhealth_app;
