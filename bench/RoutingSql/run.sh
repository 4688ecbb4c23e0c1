#!/usr/bin/env bash
# PostgreSQL's share of routing a new customer's message, one transaction per message against set-based statements for
# a batch of 50 (docs/performance.md, "What batching would save"). pgbench runs the statements the routing role sends
# (per-message.sql, taken from the stores) and a set-based version of the same writes (batch.sql) against a fresh
# database with the Host's migrations and 20 online agents, alternately, and prints messages/s and PostgreSQL's CPU per
# message. onetx10 (made here from per-message.sql) runs the per-message statements for ten messages in one transaction:
# what committing once per batch saves without set-based statements; pipelined.sql sends the per-message statements
# in 5 round trips instead of 14. RUNS picks the scripts (script:clients:messages per transaction). Needs the
# PostgreSQL that test.sh starts (PGHOST, PGPORT, PGUSER, PGPASSWORD as for bench/RoutingLoad).
#   bench/RoutingSql/run.sh [seconds per run, default 20] [rounds, default 2]
set -euo pipefail
cd "$(dirname "$0")"
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-cxinbox} PGPASSWORD=${PGPASSWORD:-cxinbox}
SECONDS_PER_RUN=${1:-20}
ROUNDS=${2:-2}
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -1)
DATABASE="routing_sql_$(date +%s)_$$"
WORK=$(mktemp -d)
cp ./*.sql "$WORK"
# per-message.sql's statements ten times over in one transaction, each message with its own random number.
for i in $(seq 0 9); do
  echo "\\set r$i random(1, 2000000000)"
  grep -v -e '^BEGIN;$' -e '^COMMIT;$' -e '^\\set' per-message.sql | sed "s/:r /:r$i /g"
done | { echo 'BEGIN;'; cat; echo 'COMMIT;'; } > "$WORK/onetx10.sql"

psql -q -d postgres -c "CREATE DATABASE \"$DATABASE\""
trap 'rm -rf "$WORK"; psql -q -d postgres -c "DROP DATABASE IF EXISTS \"$DATABASE\" WITH (FORCE)"' EXIT
for migration in ../../src/CxInbox.Data/Migrations/Postgres/*.sql; do
  psql -q -v ON_ERROR_STOP=1 -d "$DATABASE" -f "$migration"
done
psql -q -d "$DATABASE" -c "INSERT INTO agents (id, name, capacity, presence, created_at)
  SELECT gen_random_uuid(), 'agent ' || g, 1000000, 'online', now() FROM generate_series(1, 20) g" \
  -c "INSERT INTO agent_teams (agent_id, team) SELECT id, 'service' FROM agents"

# CPU seconds of every PostgreSQL process so far, with what its exited children spent (pgbench's backends have exited
# by the second reading; their time is then in the postmaster's children's total).
postgres_cpu() {
  python3 -c "
import os
t = 0
for pid in filter(str.isdigit, os.listdir('/proc')):
    try:
        if open(f'/proc/{pid}/comm').read().startswith('postgres'):
            f = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
            t += int(f[11]) + int(f[12]) + int(f[13]) + int(f[14])
    except OSError:
        pass
print(t / os.sysconf('SC_CLK_TCK'))"
}

echo "| script | clients | messages/s | PostgreSQL CPU ms per message | transaction latency ms | load average |"
echo "| --- | --- | --- | --- | --- | --- |"
for _ in $(seq 1 "$ROUNDS"); do
  for run in ${RUNS:-per-message:8:1 pipelined:8:1 onetx10:2:10 batch:2:50 batch:4:50}; do
    IFS=: read -r script clients per_transaction <<<"$run"
    before=$(postgres_cpu)
    out=$("$PGBENCH" -n -c "$clients" -j 2 -T "$SECONDS_PER_RUN" -M prepared -f "$WORK/$script.sql" "$DATABASE" 2>&1)
    after=$(postgres_cpu)
    transactions=$(awk '/actually processed/ {print $NF}' <<<"$out")
    latency=$(awk '/latency average/ {print $4}' <<<"$out")
    python3 -c "
m = $transactions * $per_transaction
print(f'| $script | $clients | {m / $SECONDS_PER_RUN:.0f} | {1000 * ($after - $before) / m:.3f} | $latency | $(cut -d' ' -f1-3 /proc/loadavg) |')"
  done
done
