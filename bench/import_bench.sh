#!/usr/bin/env bash
# Import benchmark (issue: foundation). For each N: generate a catalog of N products with
# ../shared/tools/gen_commerceml.py (import.xml + offers.xml, 3 price types), import it into a
# fresh SQLite database and into a fresh PostgreSQL database, then import the same files again.
# Prints wall seconds, products per second and peak RSS of each crmsync process.
# Usage: bench/import_bench.sh [N...]   (default: 10000 100000)
# PostgreSQL runs when CRMSYNC_TEST_PG_URL is set (scripts/with-postgres.sh sets it).
set -euo pipefail
cd "$(dirname "$0")/.."
crmsync=${CRMSYNC_BIN:-build/app/crmsync}
gen=${CRMSYNC_SHARED_DIR:-../shared}/tools/gen_commerceml.py
[ -x "$crmsync" ] || { echo "build first: bash scripts/build.sh" >&2; exit 2; }
[ -f "$gen" ] || { echo "bench: $gen not found (needs ../shared beside the repo)" >&2; exit 2; }
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
work=$(mktemp -d /tmp/crmsync-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

measure() {  # label n db
  local label=$1 n=$2 db=$3 out="$work/time.txt"
  /usr/bin/time -f "%e %M" -o "$out" "$crmsync" import --db "$db" \
      "$work/$n/import.xml" "$work/$n/offers.xml" >"$work/import.log" 2>&1 \
      || { cat "$work/import.log" >&2; exit 1; }
  read -r secs rss_kb <"$out"
  awk -v l="$label" -v n="$n" -v s="$secs" -v r="$rss_kb" 'BEGIN {
      printf "%-28s N=%-7d %8.2f s %10.0f products/s %8.1f MB peak RSS\n", l, n, s, (s > 0 ? n / s : 0), r / 1024 }'
}

pg_fresh() {  # n -> url of an empty database
  local name="crmsync_bench_$1"
  psql -q -d "$CRMSYNC_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
  echo "${CRMSYNC_TEST_PG_URL%/*}/$name"
}

for n in "${sizes[@]}"; do
  python3 "$gen" "$work/$n" "$n" >/dev/null
  echo "catalog N=$n: import.xml $(du -m "$work/$n/import.xml" | cut -f1) MB, offers.xml $(du -m "$work/$n/offers.xml" | cut -f1) MB"
  rm -f "$work/bench.db"*
  measure "sqlite first import" "$n" "sqlite://$work/bench.db"
  measure "sqlite re-import" "$n" "sqlite://$work/bench.db"
  if [ -n "${CRMSYNC_TEST_PG_URL:-}" ]; then
    url=$(pg_fresh "$n")
    measure "postgresql first import" "$n" "$url"
    measure "postgresql re-import" "$n" "$url"
  else
    echo "postgresql: skipped (run through scripts/with-postgres.sh)"
  fi
done
