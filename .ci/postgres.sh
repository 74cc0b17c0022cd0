#!/usr/bin/env bash
# Start a throwaway PostgreSQL on 127.0.0.1 for the test suite and print its URL.
# Usage: eval "$(bash .ci/postgres.sh)"   -> exports BLAMEFREE_TEST_POSTGRES_URL
set -euo pipefail
PORT="${BLAMEFREE_PG_PORT:-54329}"
DATA="${BLAMEFREE_PG_DATA:-/tmp/blamefree-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$BIN" ]; then
  echo "echo 'PostgreSQL is not installed (apt-get install postgresql); its tests will be skipped' >&2"
  exit 0
fi
run_as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q; then
  rm -rf "$DATA" && mkdir -p "$DATA"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DATA"
  run_as_postgres "$BIN/initdb" -D "$DATA" -A trust -U postgres --no-sync >/dev/null
  run_as_postgres "$BIN/pg_ctl" -D "$DATA" -o "-h 127.0.0.1 -p $PORT -k $DATA -c fsync=off -c full_page_writes=off" -l "$DATA/server.log" -w start >/dev/null
fi
"$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='blamefree_test'" | grep -q 1 \
  || "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres blamefree_test
echo "export BLAMEFREE_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:$PORT/blamefree_test"
