#!/usr/bin/env bash
# Exchange-protocol benchmark (issue 4): the generated N-product catalog (import.xml +
# offers.xml from ../shared/tools/gen_commerceml.py) pushed through `crmsync serve`'s 1C endpoint
# by the 1C emulator in 1 MB parts and imported, next to a direct `crmsync import` of the same
# files into a fresh database. Prints wall seconds of each and the protocol's overhead.
# Usage: bench/exchange_bench.sh [N]   (default 100000)
# CRMSYNC_BUILD_DIR picks the build (default build/); with CRMSYNC_TEST_PG_URL set (run through
# scripts/with-postgres.sh) the same is measured on PostgreSQL too.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${CRMSYNC_BUILD_DIR:-build}
crmsync=$build/app/crmsync
emulator=$build/tests/emulator/onec-emulator
gen=${CRMSYNC_SHARED_DIR:-../shared}/tools/gen_commerceml.py
for tool in "$crmsync" "$emulator"; do
  [ -x "$tool" ] || { echo "build first: $tool is missing" >&2; exit 2; }
done
[ -f "$gen" ] || { echo "bench: $gen not found (needs ../shared beside the repo)" >&2; exit 2; }
n=${1:-100000}
chunk=$((1024 * 1024))
work=$(mktemp -d /tmp/crmsync-exchange-bench.XXXXXX)
daemon_pid=
cleanup() {
  if [ -n "$daemon_pid" ]; then kill -TERM "$daemon_pid" 2>/dev/null || true; wait "$daemon_pid" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The exchange login exists only for this run; it is never written to a file.
export CRMSYNC_EXCHANGE_USER=bench
CRMSYNC_EXCHANGE_PASSWORD=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
export CRMSYNC_EXCHANGE_PASSWORD

seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

direct() {  # db-url -> seconds
  local start; start=$(seconds)
  "$crmsync" import --db "$1" "$work/cat/import.xml" "$work/cat/offers.xml" >"$work/direct.log" 2>&1 \
    || { cat "$work/direct.log" >&2; exit 1; }
  elapsed "$start" "$(seconds)"
}

through_endpoint() {  # db-url -> seconds
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  rm -rf "$work/upload"
  cat >"$work/crmsync.ini" <<INI
[database]
url = $1
[drop_folder]
enabled = false
[http]
listen = 127.0.0.1:$port
[log]
level = warn
[exchange]
upload_dir = $work/upload
file_limit = $chunk
step_seconds = 20
INI
  "$crmsync" serve --config "$work/crmsync.ini" >"$work/daemon.log" 2>&1 &
  daemon_pid=$!
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  local start; start=$(seconds)
  "$emulator" --url "http://127.0.0.1:$port/1c_exchange" catalog --chunk "$chunk" \
      "$work/cat/import.xml" "$work/cat/offers.xml" >"$work/emulator.log" 2>&1 \
    || { cat "$work/emulator.log" "$work/daemon.log" >&2; exit 1; }
  local took; took=$(elapsed "$start" "$(seconds)")
  kill -TERM "$daemon_pid"; wait "$daemon_pid" || true; daemon_pid=
  echo "$took"
}

report() {  # label direct endpoint
  awk -v l="$1" -v d="$2" -v e="$3" -v n="$n" 'BEGIN {
    printf "%-11s N=%-7d direct import %8.2f s   through the 1C endpoint %8.2f s   overhead %+6.1f%%\n",
           l, n, d, e, (d > 0 ? (e - d) / d * 100 : 0) }'
}

python3 "$gen" "$work/cat" "$n" >/dev/null
echo "catalog N=$n: import.xml $(du -m "$work/cat/import.xml" | cut -f1) MB, offers.xml $(du -m "$work/cat/offers.xml" | cut -f1) MB, parts of $chunk bytes"

d=$(direct "sqlite://$work/direct.db")
e=$(through_endpoint "sqlite://$work/exchange.db")
report sqlite "$d" "$e"
echo "  emulator: $(tail -n 1 "$work/emulator.log")"
if [ -n "${CRMSYNC_TEST_PG_URL:-}" ]; then
  for db in crmsync_xbench_direct crmsync_xbench_endpoint; do
    psql -q -d "$CRMSYNC_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  done
  d=$(direct "${CRMSYNC_TEST_PG_URL%/*}/crmsync_xbench_direct")
  e=$(through_endpoint "${CRMSYNC_TEST_PG_URL%/*}/crmsync_xbench_endpoint")
  report postgresql "$d" "$e"
  echo "  emulator: $(tail -n 1 "$work/emulator.log")"
else
  echo "postgresql: skipped (run through scripts/with-postgres.sh)"
fi
