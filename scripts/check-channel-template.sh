#!/usr/bin/env bash
# Checks templates/cxinbox-channel end to end: installs it into a throw-away template hive, generates an adapter
# (1) outside the repository with --CxInboxRepo and (2) at the repository root, the way docs/integrators.md says,
# builds each and runs its conformance tests, which must all fail: a fresh adapter is red until implemented.
# Slow (it builds the referenced projects too), so it is a script rather than a test in the suite.
# Usage: scripts/check-channel-template.sh [--outside-only]
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
name="TemplateCheck$$"
inside_src="$repo/src/CxInbox.Channels.$name"
inside_tests="$repo/tests/CxInbox.Channels.$name.Tests"

cleanup() {
  rm -rf "$work"
  # Only what this run generated: the names carry this process's id.
  rm -rf "$inside_src" "$inside_tests"
}
trap cleanup EXIT

hive="$work/hive"
dotnet new install "$repo/templates/cxinbox-channel" --debug:custom-hive "$hive" >/dev/null

# Builds and tests one generated adapter; every conformance test must fail, and there must be some.
check() {
  local where="$1" tests_project="$2"
  echo "== $where: build"
  dotnet build "$tests_project" -c Release -nologo -v quiet
  echo "== $where: conformance tests (all must fail)"
  local output
  output="$(dotnet test "$tests_project" -c Release --no-build -nologo 2>&1 || true)"
  local summary
  summary="$(grep -E '^(Failed|Passed)!' <<<"$output" | tail -1)"
  echo "$summary"
  local failed passed
  failed="$(sed -nE 's/.*Failed: +([0-9]+),.*/\1/p' <<<"$summary")"
  passed="$(sed -nE 's/.*Passed: +([0-9]+),.*/\1/p' <<<"$summary")"
  if [[ -z "$failed" || "$failed" -eq 0 || "$passed" -ne 0 ]]; then
    echo "FAIL ($where): expected every conformance test of an unimplemented adapter to fail" >&2
    echo "$output" | tail -40 >&2
    exit 1
  fi
}

outside="$work/outside"
dotnet new cxinbox-channel -n Acme -o "$outside" --CxInboxRepo "$repo" --debug:custom-hive "$hive" >/dev/null
check "outside the repository" "$outside/tests/CxInbox.Channels.Acme.Tests"

if [[ "${1:-}" != "--outside-only" ]]; then
  if [[ -e "$inside_src" || -e "$inside_tests" ]]; then
    echo "FAIL: $inside_src or $inside_tests already exists" >&2
    exit 1
  fi
  dotnet new cxinbox-channel -n "$name" -o "$repo" --debug:custom-hive "$hive" >/dev/null
  check "at the repository root" "$inside_tests"
fi

echo "OK: the template builds and its conformance tests are red until implemented"
