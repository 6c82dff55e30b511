#!/usr/bin/env bash
# One-shot Temporal schema job (docker-compose.yml, service temporal-schema), run in the
# temporalio/admin-tools image whose version matches the server's.
#
# Creates the two PostgreSQL databases Temporal needs when they are missing and applies the
# schema versions shipped in the image that the databases do not have yet. Every step is
# idempotent, so the job runs on each `docker compose up` and upgrades the schema after the
# Temporal images are bumped.
#
# temporal-sql-tool reads its connection from SQL_PLUGIN, SQL_HOST, SQL_PORT, SQL_USER and
# SQL_PASSWORD; DBNAME and VISIBILITY_DBNAME are the names the server image reads as well.
set -euo pipefail

: "${SQL_HOST:?SQL_HOST is required}"
: "${SQL_USER:?SQL_USER is required}"
: "${SQL_PASSWORD:?SQL_PASSWORD is required (set POSTGRES_PASSWORD for docker compose)}"
: "${SQL_PORT:=5432}"
: "${DBNAME:=temporal}"
: "${VISIBILITY_DBNAME:=temporal_visibility}"
export SQL_PLUGIN="${SQL_PLUGIN:-postgres12}" SQL_PORT

schema_root=/etc/temporal/schema/postgresql/v12

attempts=30
for ((i = 1; i <= attempts; i++)); do
  if pg_isready -q -h "$SQL_HOST" -p "$SQL_PORT" -U "$SQL_USER"; then
    break
  fi
  if ((i == attempts)); then
    echo "PostgreSQL at $SQL_HOST:$SQL_PORT did not accept connections after $attempts attempts" >&2
    exit 1
  fi
  echo "waiting for PostgreSQL at $SQL_HOST:$SQL_PORT ($i/$attempts)"
  sleep 2
done

prepare() {
  local database="$1" schema="$2"
  echo "Temporal database \"$database\": create if missing, then apply pending $schema schema versions"
  temporal-sql-tool --db "$database" create-database
  # Records version 0.0 on a new database; a no-op when the database is already further along.
  temporal-sql-tool --db "$database" setup-schema -v 0.0
  temporal-sql-tool --db "$database" update-schema -d "$schema_root/$schema/versioned"
}

prepare "$DBNAME" temporal
prepare "$VISIBILITY_DBNAME" visibility
echo "Temporal schema is up to date"
