#!/bin/bash
# The database chunkwrite, shaped as the benchmark leaves the purge's tables: the schema from the
# application's own migrations (as Flyway applies them on PostgreSQL), then fill.sql's rows.
#   ./setup.sh    # about a minute; again to start over
set -euo pipefail
cd "$(dirname "$0")"
migrations=../../../../main/resources/db/migration
PGOPTIONS="-c client_min_messages=warning" psql -U postgres -v ON_ERROR_STOP=1 -q -c "DROP DATABASE IF EXISTS chunkwrite" -c "CREATE DATABASE chunkwrite"
# In version order (V9 before V10), with the one placeholder the migrations use substituted as
# SchemaMigration does for PostgreSQL.
for migration in $(ls "$migrations"/V*__*.sql | sort -V); do
    sed 's/\${textPatternOps}/text_pattern_ops/g' "$migration"
done | psql -U postgres -d chunkwrite -v ON_ERROR_STOP=1 -q
psql -U postgres -d chunkwrite -v ON_ERROR_STOP=1 -q -f fill.sql
