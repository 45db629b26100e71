#!/usr/bin/env bash
# First start of the postgres image (docker-entrypoint-initdb.d): DevHealth's roles and grants in POSTGRES_DB, then
# the passwords of the two logins identity-service uses, from its Secret (never on a command line: psql variables
# read from the environment by the script itself).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -f /docker-entrypoint-initdb.d/postgres-roles.sql
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$DEVHEALTH_APP_PASSWORD" -v migrator_password="$DEVHEALTH_MIGRATOR_PASSWORD" <<'SQL'
ALTER ROLE devhealth_app PASSWORD :'app_password';
ALTER ROLE devhealth_migrator PASSWORD :'migrator_password';
SQL
