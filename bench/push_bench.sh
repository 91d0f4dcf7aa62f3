#!/usr/bin/env bash
# OData push benchmark (issue: the outbox): N counterparties bound in a fresh SQLite database
# and, when CRMSYNC_TEST_PG_URL is set (run it through scripts/with-postgres.sh), a fresh
# PostgreSQL database; the first push (every row looked at once) is the reference, then a push
# with nothing to do and one after 10 CRM changes. Prints wall seconds, messages and rows read.
# Usage: bench/push_bench.sh [N]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${CRMSYNC_BUILD_DIR:-build}
bench="$build/bench/push_bench"
[ -x "$bench" ] || { echo "build first: bash scripts/build.sh" >&2; exit 2; }
n=${1:-100000}
work=$(mktemp -d /tmp/crmsync-push-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

urls=("sqlite://$work/bench.db")
if [ -n "${CRMSYNC_TEST_PG_URL:-}" ]; then
  psql -q -d "$CRMSYNC_TEST_PG_URL" -c "DROP DATABASE IF EXISTS crmsync_push_bench" \
       -c "CREATE DATABASE crmsync_push_bench" >/dev/null
  urls+=("${CRMSYNC_TEST_PG_URL%/*}/crmsync_push_bench")
else
  echo "postgresql: skipped (run through scripts/with-postgres.sh)"
fi
"$bench" config/mappings/odata-ut11.xml "$n" "${urls[@]}"
