#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the storage tests, for CI and for laptops.
#
#   eval "$(scripts/pg-cluster.sh start)"   # prints: export PARLEY_TEST_PG_URL=postgres://postgres@127.0.0.1:PORT/parley_test
#   scripts/pg-cluster.sh stop              # stops it and deletes its folder
#
# Uses the newest /usr/lib/postgresql/*/bin (or $PG_BINDIR, or initdb on PATH). Listens on
# 127.0.0.1 only, trust auth on loopback, durability off: it holds nothing worth keeping.
# Run as root (a fresh CI machine), the server runs as the `postgres` user, since PostgreSQL
# refuses to run as root. Messages go to stderr so that stdout can be eval'd.
set -euo pipefail

STATE_FILE="${PARLEY_PG_STATE_FILE:-${TMPDIR:-/tmp}/parley-pg-cluster.state}"

log() { echo "pg-cluster: $*" >&2; }
die() { log "$*"; exit 1; }

find_bindir() {
  if [[ -n "${PG_BINDIR:-}" ]]; then echo "$PG_BINDIR"; return; fi
  local newest
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$newest" && -x "$newest/initdb" ]]; then echo "$newest"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  die "no PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin and PATH); install postgresql or set PG_BINDIR"
}

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! port_in_use "$p"; then echo "$p"; return; fi
  done
  die "no free port found on 127.0.0.1"
}

start() {
  if [[ -f "$STATE_FILE" ]]; then
    die "a cluster is already recorded in $STATE_FILE; run '$0 stop' first"
  fi
  local bindir dir port
  bindir="$(find_bindir)"
  if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to run the server as"
  fi
  dir="$(mktemp -d "${TMPDIR:-/tmp}/parley-pg.XXXXXX")"
  chmod 700 "$dir"
  if [[ "$(id -u)" == 0 ]]; then chown postgres: "$dir"; fi
  log "initdb with $bindir in $dir"
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; die "initdb failed"; }
  # Our own pg_hba: loopback only, trust. The socket lives in the folder because a fresh machine
  # may have no /var/run/postgresql.
  as_owner tee "$dir/data/pg_hba.conf" >/dev/null <<HBA
local all all              trust
host  all all 127.0.0.1/32 trust
HBA
  for attempt in 1 2 3; do
    port="$(pick_port)"
    as_owner tee -a "$dir/data/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start >&2; then break; fi
    if [[ "$attempt" == 3 ]]; then tail -n 20 "$dir/postgres.log" >&2 || true; rm -rf "$dir"; die "server did not start"; fi
    log "start failed on port $port, retrying"
  done
  printf '%s\n%s\n%s\n' "$dir" "$port" "$bindir" >"$STATE_FILE"
  as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres parley_test
  log "running on 127.0.0.1:$port (data in $dir)"
  echo "export PARLEY_TEST_PG_URL=postgres://postgres@127.0.0.1:$port/parley_test"
}

stop() {
  [[ -f "$STATE_FILE" ]] || die "no cluster recorded in $STATE_FILE"
  local dir bindir
  dir="$(sed -n 1p "$STATE_FILE")"
  bindir="$(sed -n 3p "$STATE_FILE")"
  [[ "$dir" == */parley-pg.* ]] || die "state file $STATE_FILE names an unexpected folder: $dir"
  if [[ -d "$dir/data" ]]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2 || log "pg_ctl stop failed; deleting anyway"
  fi
  rm -rf "$dir"
  rm -f "$STATE_FILE"
  log "stopped and deleted $dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
