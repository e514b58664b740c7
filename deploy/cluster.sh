#!/usr/bin/env bash
# A whole platform cluster on this machine as separate processes on loopback: a private PostgreSQL, `platform migrate`,
# N silos (Orleans membership in PostgreSQL), M workers (Orleans clients, trials in their own processes) and a dashboard.
#
#   deploy/cluster.sh start [--silos 3] [--workers 2]   # prints the API and dashboard addresses
#   deploy/cluster.sh add silo|worker                   # one more, while it runs
#   deploy/cluster.sh status                            # each process: running or not, and the membership table
#   deploy/cluster.sh stop                              # SIGTERM (workers drain, silos leave), wait, report; then PostgreSQL
#
# Environment: CLUSTER_DIR (state, logs; default /tmp/platform-cluster), PLATFORM_DLL (a built platform.dll; default: build
# this checkout's Release with ./platform), PG_PORT (55432), DASHBOARD_PORT (5080), PLATFORM_DATA_DIR (the course's data).
# Ports: silo k listens on 11110+k (silo), 30000+k (gateway), 5100+k (HTTP API); worker k on 5200+k (health).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${CLUSTER_DIR:-/tmp/platform-cluster}"
pg_port="${PG_PORT:-55432}"
dashboard_port="${DASHBOARD_PORT:-5080}"
cluster_id="platform-loopback"
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=platform;Timeout=15"
stop_wait_seconds=40 # a worker's drain (20 s) plus its hand-back calls

die() { echo "cluster.sh: $*" >&2; exit 1; }

pg_bin() {
  local d
  # initdb on PATH is often a link into the versioned folder, which also holds psql and createdb.
  for d in $(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || echo /nonexistent)")") $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/psql" ] && { echo "$d"; return; }
  done
  die "PostgreSQL server binaries (initdb, pg_ctl) not found; Debian: apt-get install -y postgresql"
}

# PostgreSQL refuses to run as root: run its tools as the postgres user then.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

dll() { echo "${PLATFORM_DLL:-$root/src/Cli/bin/Release/net10.0/platform.dll}"; }

alive() { [ -f "$dir/pids/$1" ] && kill -0 "$(cat "$dir/pids/$1")" 2>/dev/null; }

# Common settings of every platform process (environment variables bind with __).
cluster_env() {
  export Cluster__Membership=postgres Cluster__ClusterId="$cluster_id" Cluster__ServiceId=platform Cluster__AdvertisedIp=127.0.0.1 \
    Cluster__FastFailover=true Store__Provider=postgres Store__ConnectionString="$connection" Store__ArtifactRoot="$dir/artifacts" \
    Http__Host=127.0.0.1 Auth__Enabled=false
}

launch() { # name, then the platform verb and its settings as --Key=Value
  local name="$1"; shift
  # Its own session: a stop of the group also reaches the trial processes it started.
  ( cluster_env; exec setsid dotnet "$(dll)" "$@" ) >"$dir/logs/$name.log" 2>&1 &
  echo $! >"$dir/pids/$name"
}

next_index() { local n=1; while [ -f "$dir/pids/$1-$n" ]; do n=$((n + 1)); done; echo "$n"; }

start_silo() {
  local k; k="$(next_index silo)"
  launch "silo-$k" silo --Cluster:SiloPort=$((11110 + k)) --Cluster:GatewayPort=$((30000 + k)) --Http:Port=$((5100 + k))
  echo "silo-$k: API http://127.0.0.1:$((5100 + k))/"
}

start_worker() {
  local k; k="$(next_index worker)"
  # Silo 1's API first; the other silos' APIs while silo 1 cannot be reached.
  local fallbacks="" f
  for f in "$dir"/pids/silo-*; do
    [ -e "$f" ] && [ "${f##*-}" != 1 ] && fallbacks="${fallbacks:+$fallbacks,}http://127.0.0.1:$((5100 + ${f##*-}))/"
  done
  launch "worker-$k" worker --Http:Port=$((5200 + k)) --Worker:ApiBaseAddress=http://127.0.0.1:5101/ \
    ${fallbacks:+--Worker:ApiFallbackAddresses=$fallbacks} \
    --Worker:WorkerId="worker-$k" ${PLATFORM_DATA_DIR:+--Worker:DataDirectory=$PLATFORM_DATA_DIR}
  echo "worker-$k"
}

wait_http() { # url, seconds
  local i
  for i in $(seq 1 "$2"); do curl -fs -o /dev/null "$1" && return 0; sleep 1; done
  return 1
}

start() {
  local silos=3 workers=2
  while [ $# -gt 0 ]; do
    case "$1" in
      --silos) silos="$2"; shift 2 ;;
      --workers) workers="$2"; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  [ -d "$dir/pids" ] && [ -n "$(ls "$dir/pids")" ] && die "a cluster is already running in $dir (deploy/cluster.sh stop first)"
  [ -n "${PLATFORM_DLL:-}" ] || "$root/platform" --help >/dev/null # builds this checkout (Release) when needed
  local bin; bin="$(pg_bin)"
  mkdir -p "$dir/pids" "$dir/logs" "$dir/artifacts"
  if [ ! -d "$dir/pg/data" ]; then
    mkdir -p "$dir/pg"
    [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir/pg"
    as_postgres "$bin/initdb" -D "$dir/pg/data" -U postgres --auth=trust -E UTF8 --locale=C >"$dir/logs/initdb.log"
  fi
  as_postgres "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $dir/pg" start >/dev/null
  as_postgres "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='platform'" | grep -q 1 \
    || as_postgres "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres platform
  echo "postgres: 127.0.0.1:$pg_port (data $dir/pg/data)"
  ( cluster_env; dotnet "$(dll)" migrate ) || die "platform migrate failed"
  local i
  for i in $(seq 1 "$silos"); do start_silo; done
  wait_http "http://127.0.0.1:5101/api/platform/v1/assignments" 90 || die "silo-1 did not answer in 90 s (see $dir/logs/silo-1.log)"
  for i in $(seq 1 "$workers"); do start_worker; done
  launch dashboard dashboard --Http:Port="$dashboard_port" --Dashboard:ApiUrl=http://127.0.0.1:5101/ --Dashboard:RequireLogin=false
  echo "dashboard: http://127.0.0.1:$dashboard_port/"
  echo "submit with: ./platform sweep submit FILE --server http://127.0.0.1:5101"
}

status() {
  [ -d "$dir/pids" ] || { echo "no cluster in $dir"; return 0; }
  local f name
  for f in "$dir"/pids/*; do
    [ -e "$f" ] || continue
    name="$(basename "$f")"
    if alive "$name"; then echo "$name: running (pid $(cat "$f"))"; else echo "$name: not running"; fi
  done
  as_postgres "$(pg_bin)/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d platform -c \
    "SELECT address, port, proxyport, siloname, CASE status WHEN 3 THEN 'active' WHEN 6 THEN 'dead' ELSE status::text END AS status, iamalivetime FROM orleansmembershiptable ORDER BY port, generation" 2>/dev/null \
    || echo "postgres: not reachable on 127.0.0.1:$pg_port"
}

stop_group() { # names...: SIGTERM all, wait, report
  local name pid waited
  for name in "$@"; do
    if alive "$name"; then kill -TERM "$(cat "$dir/pids/$name")"; else echo "$name: was not running"; rm -f "$dir/pids/$name"; fi
  done
  for name in "$@"; do
    [ -f "$dir/pids/$name" ] || continue
    pid="$(cat "$dir/pids/$name")"; waited=0
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt "$stop_wait_seconds" ]; do sleep 1; waited=$((waited + 1)); done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"; echo "$name: killed after ${stop_wait_seconds} s"
    else
      echo "$name: stopped (${waited} s)"
    fi
    rm -f "$dir/pids/$name"
  done
}

stop() {
  [ -d "$dir/pids" ] || { echo "no cluster in $dir"; return 0; }
  # Workers first (they drain and hand their trials back to the silos), then the dashboard, then silos, then the store.
  stop_group $(cd "$dir/pids" && ls | grep '^worker-' || true)
  stop_group $(cd "$dir/pids" && ls | grep '^dashboard$' || true)
  stop_group $(cd "$dir/pids" && ls | grep '^silo-' || true)
  if [ -d "$dir/pg/data" ]; then
    as_postgres "$(pg_bin)/pg_ctl" -D "$dir/pg/data" -m fast -w stop >/dev/null 2>&1 && echo "postgres: stopped" || echo "postgres: was not running"
  fi
  echo "logs and data kept in $dir (delete it for a fresh cluster)"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  add)
    case "${2:-}" in
      silo) start_silo ;;
      worker) start_worker ;;
      *) die "usage: cluster.sh add silo|worker" ;;
    esac ;;
  status) status ;;
  stop) stop ;;
  *) echo "usage: deploy/cluster.sh start [--silos N] [--workers N] | add silo|worker | status | stop" >&2; exit 2 ;;
esac
