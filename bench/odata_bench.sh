#!/usr/bin/env bash
# OData pull benchmark (issue: OData): N nomenclature items and 3N prices in the 1C OData
# emulator, pulled into a fresh SQLite database and, when CRMSYNC_TEST_PG_URL is set (run it
# through scripts/with-postgres.sh), a fresh PostgreSQL database; then 100 items change and the
# pull runs again. Prints wall seconds, requests to 1C and rows written per pull.
# Usage: bench/odata_bench.sh [N]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${CRMSYNC_BUILD_DIR:-build}
bench="$build/bench/odata_bench"
[ -x "$bench" ] || { echo "build first: bash scripts/build.sh" >&2; exit 2; }
n=${1:-100000}
work=$(mktemp -d /tmp/crmsync-odata-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

urls=("sqlite://$work/bench.db")
if [ -n "${CRMSYNC_TEST_PG_URL:-}" ]; then
  psql -q -d "$CRMSYNC_TEST_PG_URL" -c "DROP DATABASE IF EXISTS crmsync_odata_bench" \
       -c "CREATE DATABASE crmsync_odata_bench" >/dev/null
  urls+=("${CRMSYNC_TEST_PG_URL%/*}/crmsync_odata_bench")
else
  echo "postgresql: skipped (run through scripts/with-postgres.sh)"
fi
/usr/bin/time -f "peak RSS %M KB (emulator included: it holds the whole infobase)" \
  "$bench" config/mappings/odata-ut11.xml "$n" "${urls[@]}"
