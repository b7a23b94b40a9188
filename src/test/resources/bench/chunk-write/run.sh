#!/bin/bash
# A chunk's write alone, on PostgreSQL: what each index of the purge's two tables costs it.
#   ./setup.sh                       # once, about a minute; then change indexes in chunkwrite as you like
#   ./run.sh LABEL [CHUNKS]          # a checkpoint, then CHUNKS (4 000) chunks from one client
# Prints the mean latency of a chunk's transaction (its commit included) and the WAL it wrote. The
# setup leaves 50 000 chunks to write; setup.sh again starts over.
set -euo pipefail
cd "$(dirname "$0")"
chunks=${2:-4000}
db() { psql -U postgres -d chunkwrite -Atq -c "$1"; }
db "CHECKPOINT"
before=$(db "SELECT pg_current_wal_lsn()")
latency=$(pgbench -U postgres -n -c 1 -t "$chunks" -f chunk.sql chunkwrite 2>&1 | sed -n 's/^latency average = //p')
wal=$(db "SELECT round(pg_wal_lsn_diff(pg_current_wal_lsn(), '$before') / $chunks / 1024.0, 1)")
echo "$1: $chunks chunks, $latency a chunk, $wal KB of WAL a chunk"
