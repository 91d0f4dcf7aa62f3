#!/usr/bin/env bash
# Builds crmsync and runs every test: SQLite and, on a throwaway PostgreSQL server started on
# loopback for the run, PostgreSQL. Tests that need ../shared/fixtures/real skip without it.
# Prints each phase's wall time as it ends (setup, configure, build, PostgreSQL start, tests)
# and all of them again at the end, also when a phase failed.
set -euo pipefail
cd "$(dirname "$0")/.."
CRMSYNC_TIMING_FILE=$(mktemp "${TMPDIR:-/tmp}/crmsync-times.XXXXXX")
export CRMSYNC_TIMING_FILE
summary() {
  local status=$?
  echo "phase times (wall):" >&2
  sed 's/^/  /' "$CRMSYNC_TIMING_FILE" >&2
  rm -f "$CRMSYNC_TIMING_FILE"
  exit "$status"
}
trap summary EXIT
bash scripts/build.sh
bash scripts/with-postgres.sh \
  bash scripts/timed.sh tests ctest --test-dir build --output-on-failure -j"$(nproc)"
