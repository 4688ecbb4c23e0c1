#!/usr/bin/env bash
# The routing load benchmark in one command (docs/performance.md):
#   bench/RoutingLoad/run.sh            rates 50,100,200,500 msg/s, 10 s each, router then baseline at each rate
#   bench/RoutingLoad/run.sh --short    rates 50,100,200 msg/s, 3 s each
#   bench/RoutingLoad/run.sh --count --short --only router
#                                       also counts the statements and round trips the Host sends to PostgreSQL per
#                                       message, through a relay (which adds a little latency: time without --count)
#   bench/RoutingLoad/run.sh --cpu ...  also prints the CPU seconds each process (Host, PostgreSQL, RabbitMQ, harness)
#                                       spent from the harness's start to its end, warm-up included
#   bench/RoutingLoad/run.sh --split-roles ...
#                                       runs the Host as two processes, ingress and api on $BENCH_PORT and routing on
#                                       the next port, so --cpu tells the two apart (host-ingress,api, host-routing)
# Any other option goes to the harness (--rates, --seconds, --only router|baseline, ...; --help lists them).
# Needs the PostgreSQL and RabbitMQ (with management) that test.sh starts. It builds the Host and the harness in
# Release, creates a database and a RabbitMQ virtual host of its own, starts the Host on port $BENCH_PORT (5090),
# runs the harness, and removes all of it again. Host output: $BENCH_LOG (/tmp/cxinbox-bench-host.log).
set -euo pipefail
cd "$(dirname "$0")/../.."

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-cxinbox} PGPASSWORD=${PGPASSWORD:-cxinbox}
AMQP=${BENCH_RABBITMQ:-amqp://cxinbox:cxinbox@127.0.0.1:5672}
MANAGEMENT=${BENCH_RABBITMQ_MANAGEMENT:-http://127.0.0.1:15672}
MANAGEMENT_USER=${BENCH_RABBITMQ_MANAGEMENT_USER:-cxinbox:cxinbox}
PORT=${BENCH_PORT:-5090}
LOG=${BENCH_LOG:-/tmp/cxinbox-bench-host.log}
RUN="bench_$(date +%s)_$$"
COUNT=""
CPU=""
SPLIT=""
while [[ "${1:-}" == "--count" || "${1:-}" == "--cpu" || "${1:-}" == "--split-roles" ]]; do
  case "$1" in
    --count) COUNT=/tmp/cxinbox-bench-counts-$$ ;;
    --cpu) CPU=/tmp/cxinbox-bench-cpu-$$ ;;
    --split-roles) SPLIT=1 ;;
  esac
  shift
done
DATABASE="cxinbox_$RUN"
VHOST="cxinbox-$RUN"

dotnet build src/CxInbox.Host -c Release -v q --nologo >/dev/null
dotnet build bench/RoutingLoad -c Release -v q --nologo >/dev/null

psql -q -d postgres -c "CREATE DATABASE \"$DATABASE\""
curl -fsS -u "$MANAGEMENT_USER" -X PUT "$MANAGEMENT/api/vhosts/$VHOST" >/dev/null
curl -fsS -u "$MANAGEMENT_USER" -X PUT -H 'content-type: application/json' \
  -d '{"configure":".*","write":".*","read":".*"}' "$MANAGEMENT/api/permissions/$VHOST/${MANAGEMENT_USER%%:*}" >/dev/null

HOST_PIDS=()
RELAY_PID=""
cleanup() {
  for pid in "${HOST_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [[ -n "$RELAY_PID" ]]; then kill "$RELAY_PID" 2>/dev/null || true; wait "$RELAY_PID" 2>/dev/null || true; rm -f "$COUNT"; fi
  psql -q -d postgres -c "DROP DATABASE IF EXISTS \"$DATABASE\" WITH (FORCE)" || true
  curl -fsS -u "$MANAGEMENT_USER" -X DELETE "$MANAGEMENT/api/vhosts/$VHOST" >/dev/null || true
}
trap cleanup EXIT

POSTGRES="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$DATABASE;SslMode=${BENCH_SSLMODE:-Disable}"
HOST_POSTGRES="$POSTGRES"
EXTRA=()
if [[ -n "$COUNT" ]]; then
  RELAY_PORT=${BENCH_RELAY_PORT:-5433}
  dotnet bench/RoutingLoad/bin/Release/net10.0/RoutingLoad.dll count-statements "$RELAY_PORT" "$PGHOST:$PGPORT" "$COUNT" &
  RELAY_PID=$!
  HOST_POSTGRES="Host=127.0.0.1;Port=$RELAY_PORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$DATABASE;SslMode=Disable;GssEncryptionMode=Disable"
  EXTRA=(--counts-file "$COUNT")
  sleep 2
fi
# The Host runs with its own output directory as content root, as a deployment does: it reads its shipped
# appsettings.json (Microsoft.AspNetCore and MassTransit log at Warning) instead of logging every request at Information
# to the console, and watches that directory, not the whole repository, for configuration changes. It runs in the
# Production environment, as deployed (BENCH_ENVIRONMENT to change): Development validates every DI scope and adds the
# developer exception page; every setting the Host needs is given below.
# All the harness's webhooks come from one address, so the per-client webhook limit is lifted: a full run offers more
# than the default 6,000 a minute, and a 429 would count as a failed message.
start_host() { # roles port log
  CxInbox__RateLimits__Webhooks__PermitLimit=10000000 \
  ASPNETCORE_ENVIRONMENT=${BENCH_ENVIRONMENT:-Production} ASPNETCORE_URLS="http://127.0.0.1:$2" CxInbox__PublicBaseUrl="http://127.0.0.1:$PORT" \
  ConnectionStrings__Postgres="$HOST_POSTGRES" ConnectionStrings__RabbitMq="$AMQP/$VHOST" \
  CxInbox__Auth__BootstrapAdminKey=dev-admin-key Channels__Twilio__AccountSid=AC00000000000000000000000000000000 \
  Channels__Twilio__AuthToken=dev-twilio-auth-token \
    dotnet src/CxInbox.Host/bin/Release/net10.0/CxInbox.Host.dll --contentRoot "$PWD/src/CxInbox.Host/bin/Release/net10.0" --urls "http://127.0.0.1:$2" --role "$1" >"$3" 2>&1 &
  HOST_PIDS+=($!)
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$2/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "${HOST_PIDS[-1]}" 2>/dev/null || { echo "The Host ($1) stopped; see $3" >&2; exit 1; }
    sleep 1
  done
  echo "The Host ($1) was not ready after 120 s; see $3" >&2
  exit 1
}
if [[ -n "$SPLIT" ]]; then
  start_host routing "$((PORT + 1))" "$LOG.routing"
  start_host ingress,api "$PORT" "$LOG"
else
  start_host all "$PORT" "$LOG"
fi

echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' + uncommitted changes'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n "$CPU" ]]; then
  rm -f "$CPU.stop"
  python3 bench/RoutingLoad/cpu_by_process.py "$CPU.stop" >"$CPU" &
  CPU_PID=$!
fi
status=0
dotnet bench/RoutingLoad/bin/Release/net10.0/RoutingLoad.dll --url "http://127.0.0.1:$PORT" \
  --postgres "$POSTGRES" --rabbitmq "$AMQP/$VHOST" "${EXTRA[@]}" "$@" || status=$?
if [[ -n "$CPU" ]]; then
  touch "$CPU.stop"
  wait "$CPU_PID"
  echo "CPU seconds per process, harness start to end (warm-up included):"
  cat "$CPU"
  rm -f "$CPU" "$CPU.stop"
fi
exit "$status"
