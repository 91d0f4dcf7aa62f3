#!/usr/bin/env bash
# Runs CMD as the phase NAME and prints its wall time; exits with CMD's status:
#   scripts/timed.sh NAME CMD [ARGS...]
# With CRMSYNC_TIMING_FILE set, the line is also appended there (scripts/test.sh sums it up).
set -uo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 NAME CMD [ARGS...]" >&2
  exit 2
fi
name=$1
shift
start=$(date +%s.%N)
"$@"
status=$?
line=$(awk -v name="$name" -v a="$start" -v b="$(date +%s.%N)" -v s="$status" \
         'BEGIN { printf "%-18s %8.1f s%s", name, b - a, (s == 0 ? "" : "  (failed)") }')
echo "time: $line" >&2
[ -z "${CRMSYNC_TIMING_FILE:-}" ] || echo "$line" >>"$CRMSYNC_TIMING_FILE"
exit "$status"
