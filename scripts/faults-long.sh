#!/usr/bin/env bash
# The fault suite's long form: every fault scenario with CXINBOX_FAULT_SCALE times its short-form customers (default
# 10: thousands of messages per scenario), then the hostile-input tests with CXINBOX_HOSTILE_INPUTS inputs per target
# (default 5000). Prints the `fault report:` and `hostile input:` lines docs/reliability.md tabulates; the full output
# goes to the log file it names.
# Needs the services of `./test.sh --services-only` (eval its output first). The RabbitMQ restart scenario stops the
# machine's broker, so it runs only with --with-broker-restart.
# Usage: scripts/faults-long.sh [--with-broker-restart] [--faults-only]
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
export CXINBOX_FAULT_SCALE="${CXINBOX_FAULT_SCALE:-10}"
export CXINBOX_HOSTILE_INPUTS="${CXINBOX_HOSTILE_INPUTS:-5000}"
filter="FullyQualifiedName~Faults&TestCategory!=BrokerRestart"
hostile=true
for argument in "$@"; do
  case "$argument" in
    --with-broker-restart) filter="FullyQualifiedName~Faults" ;;
    --faults-only) hostile=false ;;
    *) echo "unknown option: $argument" >&2; exit 2 ;;
  esac
done

log="$repo/faults-long-$(date -u +%Y%m%dT%H%MZ).log"
echo "long form: CXINBOX_FAULT_SCALE=$CXINBOX_FAULT_SCALE CXINBOX_HOSTILE_INPUTS=$CXINBOX_HOSTILE_INPUTS, log: $log"
dotnet build "$repo/tests/CxInbox.IntegrationTests" -c Release -nologo -v quiet
if [ "$hostile" = true ]; then
  filter="($filter)|FullyQualifiedName~Hostile"
fi

status=0
dotnet test "$repo/tests/CxInbox.IntegrationTests" -c Release --no-build --filter "$filter" \
  --logger "console;verbosity=detailed" >"$log" 2>&1 || status=$?
if [ "$hostile" = true ]; then
  dotnet test "$repo/tests/CxInbox.Channels.Tests" -c Release --filter "FullyQualifiedName~EmailParserHostile" \
    --logger "console;verbosity=detailed" >>"$log" 2>&1 || status=$?
fi
grep -E "fault report:|hostile input:|Passed!|Failed!|Total tests|Passed:|Failed:" "$log" | sort -u || true
exit "$status"
