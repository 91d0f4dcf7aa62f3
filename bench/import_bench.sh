#!/usr/bin/env bash
# Import benchmark (issue: foundation). For each N: generate a catalog of N products with
# ../shared/tools/gen_commerceml.py (import.xml + offers.xml, 3 price types), import it into a
# fresh SQLite database and into a fresh PostgreSQL database, then import the same files again.
# Prints wall seconds, products per second and peak RSS of each crmsync process, and beside
# them the time of `xmllint --stream` over the same two files, measured in the same run, with
# each import as a ratio to it: this machine's speed varies up to threefold between days, the
# ratios much less. A shared
# two-core machine varies by a fifth from one run to the next, so each SQLite measurement is
# taken CRMSYNC_BENCH_RUNS times (default 3: a fresh database for each first import, the
# re-import after each) and the median is printed with the fastest and slowest run; PostgreSQL,
# minutes per 100,000-product import, runs once.
# Usage: bench/import_bench.sh [N...]   (default: 10000 100000)
# PostgreSQL runs when CRMSYNC_TEST_PG_URL is set (scripts/with-postgres.sh sets it). With
# CRMSYNC_BENCH_DELAY_MS=1 it runs once more through bench/delay_proxy.py, which adds that
# delay each way between crmsync and the server (a database on another machine).
set -euo pipefail
cd "$(dirname "$0")/.."
crmsync=${CRMSYNC_BIN:-build/app/crmsync}
gen=${CRMSYNC_SHARED_DIR:-../shared}/tools/gen_commerceml.py
[ -x "$crmsync" ] || { echo "build first: bash scripts/build.sh" >&2; exit 2; }
[ -f "$gen" ] || { echo "bench: $gen not found (needs ../shared beside the repo)" >&2; exit 2; }
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
work=$(mktemp -d /tmp/crmsync-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

runs=${CRMSYNC_BENCH_RUNS:-3}

import_once() {  # n db file: imports the catalog, appends "seconds rss_kb" to file
  local n=$1 db=$2 file=$3
  # Each import starts with nothing waiting to be written back: the database files an earlier
  # import left dirty would otherwise be flushed during this one (on ext4 an fsync, which
  # PostgreSQL does at each commit, waits for them), charging one import with another's I/O.
  sync
  /usr/bin/time -f "%e %M" -a -o "$file" "$crmsync" import --db "$db" \
      "$work/$n/import.xml" "$work/$n/offers.xml" >"$work/import.log" 2>&1 \
      || { cat "$work/import.log" >&2; exit 1; }
}

median() {  # file: the median of the first column
  sort -n "$1" | awk '{ s[NR] = $1 } END { print s[int((NR + 1) / 2)] }'
}

ratio() {  # label seconds_file: "label: X.XX x xmllint --stream"
  awk -v l="$1" -v a="$(median "$2")" -v b="$xmllint_s" \
      'BEGIN { printf "  %-26s %.2f x xmllint --stream (%.2f s against %.2f s)\n", l, a / b, a, b }'
}

vs_sqlite() {  # label seconds_file sqlite_seconds: "label: X.XX x SQLite's"
  awk -v l="$1" -v a="$(median "$2")" -v b="$3" \
      'BEGIN { printf "  %-26s %.2f x SQLite (%.2f s against %.2f s)\n", l, a / b, a, b }'
}

report() {  # label n file: prints the runs in file (median, fastest, slowest, peak RSS)
  sort -n "$3" | awk -v l="$1" -v n="$2" '
      { s[NR] = $1; if ($2 > rss) rss = $2 }
      END {
        m = s[int((NR + 1) / 2)]
        spread = NR > 1 ? sprintf("  (%d runs: %.2f-%.2f s)", NR, s[1], s[NR]) : ""
        printf "%-28s N=%-7d %8.2f s %10.0f products/s %8.1f MB peak RSS%s\n",
               l, n, m, (m > 0 ? n / m : 0), rss / 1024, spread }'
}

pg_fresh() {  # n -> url of an empty database
  local name="crmsync_bench_$1"
  psql -q -d "$CRMSYNC_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null 2>&1
  echo "${CRMSYNC_TEST_PG_URL%/*}/$name"
}

delay=${CRMSYNC_BENCH_DELAY_MS:-}
proxy_pid=
if [ -n "$delay" ] && [ -n "${CRMSYNC_TEST_PG_URL:-}" ]; then
  pg_hostport=${CRMSYNC_TEST_PG_URL#*@}; pg_hostport=${pg_hostport%%/*}
  proxy_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  python3 bench/delay_proxy.py "$proxy_port" "${pg_hostport%:*}" "${pg_hostport#*:}" "$delay" &
  proxy_pid=$!
  trap 'kill $proxy_pid 2>/dev/null; rm -rf "$work"' EXIT
  sleep 0.5
fi

for n in "${sizes[@]}"; do
  python3 "$gen" "$work/$n" "$n" >/dev/null
  sync  # the generator's files on disk, so that their writeback does not slow the imports
  echo "catalog N=$n: import.xml $(du -m "$work/$n/import.xml" | cut -f1) MB, offers.xml $(du -m "$work/$n/offers.xml" | cut -f1) MB"
  rm -f "$work/first.txt" "$work/again.txt" "$work/xmllint.txt"
  for ((run = 0; run < runs; run++)); do
    # The reference: libxml2's own streaming reader over the same files, no database.
    /usr/bin/time -f "%e %M" -a -o "$work/xmllint.txt" \
        xmllint --stream --noout "$work/$n/import.xml" "$work/$n/offers.xml"
    rm -f "$work/bench.db"*
    import_once "$n" "sqlite://$work/bench.db" "$work/first.txt"
    import_once "$n" "sqlite://$work/bench.db" "$work/again.txt"
  done
  xmllint_s=$(median "$work/xmllint.txt")
  report "xmllint --stream (reference)" "$n" "$work/xmllint.txt"
  report "sqlite first import" "$n" "$work/first.txt"
  report "sqlite re-import" "$n" "$work/again.txt"
  ratio "sqlite first import" "$work/first.txt"
  ratio "sqlite re-import" "$work/again.txt"
  sqlite_first=$(median "$work/first.txt"); sqlite_again=$(median "$work/again.txt")
  if [ -n "${CRMSYNC_TEST_PG_URL:-}" ]; then
    rm -f "$work/first.txt" "$work/again.txt"
    url=$(pg_fresh "$n")
    echo "postgresql server: $(psql -qAt -d "$url" -c "SELECT 'fsync=' || current_setting('fsync') || ' synchronous_commit=' || current_setting('synchronous_commit') || ' full_page_writes=' || current_setting('full_page_writes')")"
    import_once "$n" "$url" "$work/first.txt"
    report "postgresql first import" "$n" "$work/first.txt"
    import_once "$n" "$url" "$work/again.txt"
    report "postgresql re-import" "$n" "$work/again.txt"
    ratio "postgresql first import" "$work/first.txt"
    ratio "postgresql re-import" "$work/again.txt"
    vs_sqlite "postgresql first import" "$work/first.txt" "$sqlite_first"
    vs_sqlite "postgresql re-import" "$work/again.txt" "$sqlite_again"
    if [ -n "$proxy_pid" ]; then
      rm -f "$work/first.txt" "$work/again.txt"
      url=$(pg_fresh "${n}_delay")
      url="${url/$pg_hostport/127.0.0.1:$proxy_port}"
      import_once "$n" "$url" "$work/first.txt"
      report "postgresql +${delay}ms first" "$n" "$work/first.txt"
      import_once "$n" "$url" "$work/again.txt"
      report "postgresql +${delay}ms re-import" "$n" "$work/again.txt"
      vs_sqlite "postgresql +${delay}ms first" "$work/first.txt" "$sqlite_first"
      vs_sqlite "postgresql +${delay}ms re-import" "$work/again.txt" "$sqlite_again"
    fi
  else
    echo "postgresql: skipped (run through scripts/with-postgres.sh)"
  fi
done
