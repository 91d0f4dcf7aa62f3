#!/usr/bin/env bash
# The web UI's end-to-end tests (ui.test.mjs) in headless Chromium against a real
# `crmsync serve` on loopback fed by the OData 1C emulator:
#   bash tests/browser/run.sh [BUILD_DIR]
# Builds nothing: it runs BUILD_DIR/app/crmsync and BUILD_DIR/tests/emulator/onec-emulator
# (BUILD_DIR defaults to build/). Installs the locked npm packages (playwright-core) when they
# are missing. One pass on a fresh SQLite database, and one on a fresh PostgreSQL database when
# CRMSYNC_TEST_PG_URL is set (scripts/with-postgres.sh). Screenshots of every page go to
# CRMSYNC_SCREENSHOT_DIR (default BUILD_DIR/screenshots). Everything it starts is stopped on
# exit. Without Chromium, node or npm it says so and exits 77 (CTest's "skipped"), or fails
# when CI is set, since CI must run it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$repo/build}" && pwd)
crmsync=$build/app/crmsync
emulator=$build/tests/emulator/onec-emulator
chromium=${CRMSYNC_CHROMIUM:-/usr/bin/chromium}
screens=${CRMSYNC_SCREENSHOT_DIR:-$build/screenshots}
interval=10  # the daemon's [odata] interval_seconds (the config's minimum)

say() { echo "browser_ui: $*" >&2; }
unavailable() {
  say "$1 (bash scripts/setup-debian.sh installs it)"
  if [ -n "${CI:-}" ]; then exit 1; fi
  exit 77
}
[ -x "$chromium" ] || unavailable "no Chromium at $chromium"
command -v node >/dev/null || unavailable "no node"
command -v npm >/dev/null || unavailable "no npm"
for binary in "$crmsync" "$emulator"; do
  if [ ! -x "$binary" ]; then
    say "no $binary: build it first (bash scripts/build.sh crmsync onec-emulator)"
    exit 1
  fi
done
if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
  say "installing the locked npm packages (npm ci)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/crmsync-ui.XXXXXX")
pids=()
pg_databases=()
stop_all() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}
cleanup() {
  local status=$?
  stop_all
  local db
  for db in "${pg_databases[@]}"; do
    psql -X -q "$CRMSYNC_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => {
    console.log(s.address().port); s.close(); });'
}
# Waits until something accepts connections on the loopback port, or the process died.
wait_for_port() {
  local port=$1 pid=$2 what=$3 tries=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "$what exited before listening on $port"
      return 1
    fi
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ]; then
      say "$what is not listening on $port after 30 s"
      return 1
    fi
    sleep 0.1
  done
}
secret() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }

# One pass: emulator, users, daemon, browser. $1 names the pass, $2 is the database URL.
run_pass() {
  local pass=$1 db_url=$2
  local dir=$work/$pass
  mkdir -p "$dir"
  local onec_port http_port
  onec_port=$(free_port)
  http_port=$(free_port)
  export CRMSYNC_ONEC_PASSWORD
  CRMSYNC_ONEC_PASSWORD=$(secret)
  local onec_user=Администратор

  "$emulator" odata-serve --listen "127.0.0.1:$onec_port" --user "$onec_user" \
    --items 20 --counterparties 6 --orders 12 >"$dir/onec.log" 2>&1 &
  pids+=($!)
  wait_for_port "$onec_port" "${pids[-1]}" "the 1C emulator" || { cat "$dir/onec.log" >&2; return 1; }

  # The daemon's mapping files are copies: the admin's scenario edits and saves them.
  cp "$repo/config/mappings/commerceml-ut11.xml" "$dir/commerceml.xml"
  cp "$repo/config/mappings/odata-ut11.xml" "$dir/odata.xml"

  cat >"$dir/crmsync.ini" <<INI
[database]
url = $db_url

[drop_folder]
enabled = false

[http]
listen = 127.0.0.1:$http_port

[log]
level = info
file = $dir/crmsync.log

[exchange]
enabled = false

[mapping]
file = $dir/commerceml.xml
poll_seconds = 1

[odata]
enabled = true
url = http://127.0.0.1:$onec_port/base/odata/standard.odata
user = $onec_user
mapping = $dir/odata.xml
interval_seconds = $interval
push = true

# A job for the admin's jobs scenario: retention keeps the recent runs, so running it now
# changes nothing the other scenarios look at.
[job.cleanup]
action = retention
schedule = 0 30 3 * * *
INI

  "$crmsync" migrate --db "$db_url" >"$dir/migrate.log" 2>&1 || { cat "$dir/migrate.log" >&2; return 1; }
  local accountant_password admin_password
  accountant_password=$(secret)
  admin_password=$(secret)
  printf '%s\n' "$accountant_password" |
    "$crmsync" user add --db "$db_url" --role accountant "Иванова" >>"$dir/users.log" 2>&1 &&
  printf '%s\n' "$admin_password" |
    "$crmsync" user add --db "$db_url" --role admin admin >>"$dir/users.log" 2>&1 ||
    { cat "$dir/users.log" >&2; return 1; }

  "$crmsync" serve --config "$dir/crmsync.ini" >"$dir/serve.log" 2>&1 &
  pids+=($!)
  wait_for_port "$http_port" "${pids[-1]}" "crmsync serve" || { cat "$dir/serve.log" >&2; return 1; }

  local status=0
  CRMSYNC_UI_PASS=$pass \
  CRMSYNC_UI_URL="http://127.0.0.1:$http_port" \
  CRMSYNC_UI_DB_URL=$db_url \
  CRMSYNC_UI_ONEC_URL="http://127.0.0.1:$onec_port/base/odata/standard.odata" \
  CRMSYNC_UI_ONEC_USER=$onec_user \
  CRMSYNC_UI_ACCOUNTANT="Иванова" CRMSYNC_UI_ACCOUNTANT_PASSWORD=$accountant_password \
  CRMSYNC_UI_ADMIN=admin CRMSYNC_UI_ADMIN_PASSWORD=$admin_password \
  CRMSYNC_UI_INTERVAL_SECONDS=$interval \
  CRMSYNC_UI_MAPPING_FILE=$dir/commerceml.xml \
  CRMSYNC_UI_FIXTURES=$repo/tests/fixtures \
  CRMSYNC_SCREENSHOT_DIR=$screens \
  CRMSYNC_CHROMIUM=$chromium \
    node --test --test-reporter=spec "$here/ui.test.mjs" || status=$?
  if [ "$status" -ne 0 ]; then
    say "$pass pass failed; the daemon's log:"
    tail -n 60 "$dir/crmsync.log" "$dir/serve.log" >&2 || true
  fi
  stop_all
  return "$status"
}

run_pass sqlite "sqlite://$work/crm.db"
say "sqlite pass passed; screenshots in $screens"
if [ -n "${CRMSYNC_TEST_PG_URL:-}" ]; then
  pg_db=crmsync_ui_$$
  psql -X -q "$CRMSYNC_TEST_PG_URL" -c "CREATE DATABASE $pg_db" >/dev/null
  pg_databases+=("$pg_db")
  run_pass postgresql "${CRMSYNC_TEST_PG_URL%/*}/$pg_db"
  say "postgresql pass passed"
fi
