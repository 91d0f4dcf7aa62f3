#!/usr/bin/env bash
# Runs CMD with a throwaway PostgreSQL server on loopback and exits with CMD's status:
#   scripts/with-postgres.sh CMD [ARGS...]
# The cluster lives in a fresh temp directory, listens only on 127.0.0.1 (free port) and on a
# unix socket inside that directory, trusts local connections, runs with fsync off (tests only
# need a server that is fast; CRMSYNC_PG_DURABLE=1 keeps PostgreSQL's default durability, for
# benchmarks: fsync, synchronous_commit and full_page_writes on), and is
# stopped and deleted when the script exits. CMD sees
#   CRMSYNC_TEST_PG_URL=postgresql://<user>@127.0.0.1:<port>/postgres
# The system service is never touched; the start-up's wall time is printed (and appended to
# CRMSYNC_TIMING_FILE when set, for scripts/test.sh). PostgreSQL refuses to run as root, so as
# root the cluster runs as the `postgres` system user (Debian's package creates it) or, failing
# that, as a system user `crmsync-pg` created here; CMD itself still runs as the caller.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

say() { echo "with-postgres: $*" >&2; }
# The start-up is a phase of its own in scripts/test.sh's times (CRMSYNC_TIMING_FILE).
start_time=$(date +%s.%N)

# The newest server installed by Debian's postgresql-NN packages.
bindir=$(for dir in /usr/lib/postgresql/*/bin; do
           [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
         done | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
  say "no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)"
  exit 2
fi

# Who runs the server.
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  if id -u postgres >/dev/null 2>&1; then
    pg_user=postgres
  else
    pg_user=crmsync-pg
    if ! id -u "$pg_user" >/dev/null 2>&1; then
      useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
        "$pg_user"
    fi
  fi
  run_as=(runuser -u "$pg_user" --)
  # TMPDIR of root may be closed to other users; /tmp is open to all.
  base=/tmp
else
  pg_user=$(id -un)
  base=${TMPDIR:-/tmp}
fi

work=$(mktemp -d "$base/crmsync-pg.XXXXXX")
chmod 700 "$work"
[ ${#run_as[@]} -eq 0 ] || chown "$pg_user" "$work"
data="$work/data"
log="$work/server.log"  # written by the server user
setup_log="$work/setup.log"

# Server-side commands run inside $work: the server user may not be allowed into the caller's
# current directory. No command reads standard input.
as_server() { (cd "$work" && "${run_as[@]}" "$@" </dev/null); }

started=0
cleanup() {
  local status=$?
  if [ "$started" -eq 1 ]; then
    as_server "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! as_server "$bindir/initdb" -D "$data" -U "$pg_user" --auth=trust --encoding=UTF8 \
       --no-locale --no-sync >"$setup_log" 2>&1; then
  say "initdb failed:"; cat "$setup_log" >&2; exit 2
fi

# A port nobody listens on: the kernel's pick for port 0 when python3 is there, else the first
# unanswered port from 54320. Another process may take it before the server binds, so a failed
# start is retried on a new port.
free_port() {
  local py
  for py in /usr/bin/python3 python3; do
    if command -v "$py" >/dev/null 2>&1 &&
       "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
         2>/dev/null; then
      return 0
    fi
  done
  local port
  for ((port = 54320 + RANDOM % 200; port < 55000; port++)); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
if [ "${CRMSYNC_PG_DURABLE:-}" = 1 ]; then
  durability=""
  say "PostgreSQL runs with its default durability (fsync, synchronous_commit, full_page_writes on)"
fi
port=""
for attempt in 1 2 3 4 5; do
  port=$(free_port) || { say "no free TCP port on 127.0.0.1"; exit 2; }
  if as_server "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 \
       -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$work' \
           $durability" \
       start >"$setup_log" 2>&1; then
    started=1
    break
  fi
  say "start on port $port failed (attempt $attempt)"
done
if [ "$started" -ne 1 ]; then
  say "could not start PostgreSQL:"; cat "$setup_log" "$log" >&2 2>/dev/null; exit 2
fi

for _ in $(seq 1 100); do
  "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$pg_user" -d postgres && break
  sleep 0.1
done
if ! "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$pg_user" -d postgres; then
  say "PostgreSQL did not become ready:"; cat "$log" >&2; exit 2
fi

export CRMSYNC_TEST_PG_URL="postgresql://$pg_user@127.0.0.1:$port/postgres"
say "PostgreSQL $(basename "$(dirname "$bindir")") ready: CRMSYNC_TEST_PG_URL=$CRMSYNC_TEST_PG_URL"
start_line=$(awk -v a="$start_time" -v b="$(date +%s.%N)" \
               'BEGIN { printf "%-18s %8.1f s", "PostgreSQL start", b - a }')
echo "time: $start_line" >&2
[ -z "${CRMSYNC_TIMING_FILE:-}" ] || echo "$start_line" >>"$CRMSYNC_TIMING_FILE"

# Not exec: the trap must still stop the server. `|| status=$?` keeps set -e from exiting early.
status=0
"$@" || status=$?
exit "$status"
