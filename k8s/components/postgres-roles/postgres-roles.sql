-- DevHealth's PostgreSQL roles and grants: seed 003's three roles plus the login that migrates.
--   devhealth_owner    NOLOGIN; owns the database, its public schema and every table (Flyway creates them as it)
--   devhealth_migrator LOGIN, NOINHERIT member of devhealth_owner: identity-service's Flyway signs in as it and runs
--                      `SET ROLE devhealth_owner` (quarkus.flyway.init-sql); it holds no privilege of its own
--   devhealth_app      LOGIN; SELECT/INSERT/UPDATE/DELETE on the application's tables and their sequences, nothing
--                      else (no DDL, no TRUNCATE, Flyway's history read-only): identity-service's connection pool
--   devhealth_readonly LOGIN; SELECT only, for reporting and logical backups (pg_dump)
--
-- Run it as a superuser (or the database's administrator), connected to DevHealth's database, before identity-service
-- first starts; it is idempotent, so run it again after an upgrade. Then give the three logins passwords (SCRAM-SHA-256,
-- PostgreSQL's default password_encryption): ALTER ROLE devhealth_app PASSWORD '…'; and so on.
-- An installation whose schema an earlier single login created has its tables, sequences and functions handed over to
-- devhealth_owner below, so later migrations (run as the owner) can alter them.
-- The local engine (dev/engines/postgres, the tests' clusters) applies this same file to every database it creates.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'devhealth_owner') THEN
        CREATE ROLE devhealth_owner NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'devhealth_migrator') THEN
        CREATE ROLE devhealth_migrator LOGIN NOINHERIT;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'devhealth_app') THEN
        CREATE ROLE devhealth_app LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'devhealth_readonly') THEN
        CREATE ROLE devhealth_readonly LOGIN;
    END IF;
END
$$;

GRANT devhealth_owner TO devhealth_migrator;

DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I OWNER TO devhealth_owner', current_database());
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO devhealth_migrator, devhealth_app, devhealth_readonly',
                   current_database());
END
$$;

ALTER SCHEMA public OWNER TO devhealth_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO devhealth_app, devhealth_readonly;

DO $$
DECLARE
    object record;
BEGIN
    FOR object IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v')
                    AND pg_get_userbyid(c.relowner) <> 'devhealth_owner' LOOP
        EXECUTE format('ALTER %s public.%I OWNER TO devhealth_owner',
                       CASE object.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, object.relname);
    END LOOP;
    FOR object IN SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> 'devhealth_owner' LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO devhealth_owner', object.signature);
    END LOOP;
END
$$;

-- Tables and sequences Flyway creates later (as devhealth_owner) come with these grants.
ALTER DEFAULT PRIVILEGES FOR ROLE devhealth_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO devhealth_app;
ALTER DEFAULT PRIVILEGES FOR ROLE devhealth_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO devhealth_app;
ALTER DEFAULT PRIVILEGES FOR ROLE devhealth_owner IN SCHEMA public
    GRANT SELECT ON TABLES TO devhealth_readonly;
ALTER DEFAULT PRIVILEGES FOR ROLE devhealth_owner IN SCHEMA public
    GRANT SELECT ON SEQUENCES TO devhealth_readonly;

-- Tables that already exist (a re-run, an upgrade).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO devhealth_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO devhealth_app;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO devhealth_readonly;
GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO devhealth_readonly;
DO $$
BEGIN
    IF to_regclass('public.flyway_schema_history') IS NOT NULL THEN
        REVOKE INSERT, UPDATE, DELETE ON public.flyway_schema_history FROM devhealth_app;
    END IF;
END
$$;
