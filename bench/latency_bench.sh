#!/usr/bin/env bash
# Real-time push latency (issue #14): orders inserted into the CRM database by plain SQL at
# RATE per second for SECONDS, each delivered to the in-process 1C emulator by a `crmsync serve`
# whose push job has `on = crm-change(order)` and no schedule; prints p50/p95/p99/max from the
# CRM commit to the emulator's write. SQLite always (the daemon polls the change log every
# 200 ms); PostgreSQL (LISTEN/NOTIFY) when CRMSYNC_TEST_PG_URL is set, i.e. run through
# scripts/with-postgres.sh. Targets: p99 < 1 s on PostgreSQL, < 2 s on SQLite.
# Usage: bench/latency_bench.sh [--seconds S] [--rate R]   (defaults 60 s at 50 orders/s)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${CRMSYNC_BUILD_DIR:-build}
bench="$build/bench/latency_bench"
[ -x "$bench" ] && [ -x "$build/app/crmsync" ] ||
  { echo "build first: bash scripts/build.sh latency_bench" >&2; exit 2; }
seconds=60
rate=50
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    *) echo "usage: $0 [--seconds S] [--rate R]" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d /tmp/crmsync-latency-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

urls=("sqlite://$work/bench.db")
if [ -n "${CRMSYNC_TEST_PG_URL:-}" ]; then
  psql -q -d "$CRMSYNC_TEST_PG_URL" -c "DROP DATABASE IF EXISTS crmsync_latency_bench" \
       -c "CREATE DATABASE crmsync_latency_bench" >/dev/null
  urls+=("${CRMSYNC_TEST_PG_URL%/*}/crmsync_latency_bench")
else
  echo "postgresql: skipped (run through scripts/with-postgres.sh)"
fi
"$bench" "$build/app/crmsync" config/mappings/odata-ut11.xml "$seconds" "$rate" "${urls[@]}"
