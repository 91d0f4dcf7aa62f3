#!/usr/bin/env bash
# Merge-path benchmark (issue: two-way sync). On SQLite, for N products (default 100,000) of a
# catalog made by ../shared/tools/gen_commerceml.py:
#   capture  - a plain-SQL UPDATE of every product row, with the change-capture triggers and
#              with them dropped: the difference is what capturing N CRM edits costs;
#   merge    - 1C changes every product's description and re-sends the catalog: imported into
#              a copy where the CRM changed nothing (every record a plain update) and into a
#              copy where the CRM had renamed every product (every record a three-way merge
#              that keeps the CRM's name and takes 1C's description);
# each beside `xmllint --stream` over the same file, measured in the same run.
# Usage: bench/merge_bench.sh [N]     CRMSYNC_BIN overrides build/app/crmsync.
set -euo pipefail
cd "$(dirname "$0")/.."
crmsync=${CRMSYNC_BIN:-build/app/crmsync}
gen=${CRMSYNC_SHARED_DIR:-../shared}/tools/gen_commerceml.py
[ -x "$crmsync" ] || { echo "build first: bash scripts/build.sh" >&2; exit 2; }
[ -f "$gen" ] || { echo "bench: $gen not found (needs ../shared beside the repo)" >&2; exit 2; }
n=${1:-100000}
work=$(mktemp -d /tmp/crmsync-merge-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

seconds() {  # command...: runs it, prints its wall seconds
  local start end
  start=$(date +%s.%N)
  "$@" >"$work/out.log" 2>&1 || { cat "$work/out.log" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}

python3 "$gen" "$work/cat" "$n" >/dev/null
# The shipped mapping takes the catalog from 1C (from-1c); here the CRM may edit a product's
# name and description too, so both directions are merged.
sed -e 's|<field source="Наименование" target="name"/>|<field source="Наименование" target="name" direction="both"><reverse target="Наименование"/></field>|' \
    -e 's|<field source="Описание" target="description"/>|<field source="Описание" target="description" direction="both"><reverse target="Описание"/></field>|' \
    config/mappings/commerceml-ut11.xml >"$work/two-way.xml"
"$crmsync" mapping check "$work/two-way.xml" >/dev/null
sed 's/<Описание>Описание товара/<Описание>Новое описание товара/' "$work/cat/import.xml" \
    >"$work/import2.xml"
xmllint_s=$(seconds xmllint --stream --noout "$work/import2.xml")
"$crmsync" import --db "sqlite://$work/base.db" --mapping "$work/two-way.xml" \
    "$work/cat/import.xml" >/dev/null

cp "$work/base.db" "$work/capture.db"
cp "$work/base.db" "$work/nocapture.db"
sqlite3 "$work/nocapture.db" "DROP TRIGGER product_capture_update"
with=$(seconds sqlite3 "$work/capture.db" "UPDATE product SET name = name || ' (CRM)'")
without=$(seconds sqlite3 "$work/nocapture.db" "UPDATE product SET name = name || ' (CRM)'")
captured=$(sqlite3 "$work/capture.db" "SELECT COUNT(*) FROM crm_change")

cp "$work/base.db" "$work/update.db"
update_s=$(seconds "$crmsync" import --db "sqlite://$work/update.db" --mapping "$work/two-way.xml" \
    "$work/import2.xml")
merge_s=$(seconds "$crmsync" import --db "sqlite://$work/capture.db" --mapping "$work/two-way.xml" \
    "$work/import2.xml")
merged=$(sqlite3 "$work/capture.db" "SELECT COUNT(*) FROM journal WHERE op = 'merge'")
kept=$(sqlite3 "$work/capture.db" "SELECT COUNT(*) FROM product WHERE name LIKE '% (CRM)' AND
                                  description LIKE 'Новое описание%'")

echo "merge benchmark, N=$n products (SQLite)"
echo "  xmllint --stream over the changed import.xml: $xmllint_s s"
awk -v w="$with" -v o="$without" -v n="$n" -v c="$captured" 'BEGIN {
  printf "  capture: UPDATE of %d rows %.2f s with triggers, %.2f s without: %.2f s per 100k edits (%d captured)\n",
         n, w, o, (w - o) * 100000 / n, c }'
awk -v u="$update_s" -v m="$merge_s" -v x="$xmllint_s" -v n="$n" -v k="$kept" -v j="$merged" 'BEGIN {
  printf "  re-import, 1C changed every record:  %.2f s (%.2f x xmllint)\n", u, u / x
  printf "  the same, CRM had renamed every one: %.2f s (%.2f x xmllint): merge costs %.2f s per 100k records\n",
         m, m / x, (m - u) * 100000 / n
  printf "  merged records journaled: %d; rows keeping both edits: %d\n", j, k }'
