#!/usr/bin/env bash
# Checks that an integrator can build a channel adapter with the NuGet packages alone (issue 9): packs
# CxInbox.Contracts, CxInbox.Channels.Abstractions, CxInbox.Channels, CxInbox.Channels.Testing and the template package into a temporary feed,
# installs the template from that feed into a throw-away template hive, generates an adapter OUTSIDE the repository
# against the packages (no checkout, no project references), builds it and runs its conformance tests. A fresh adapter
# is red until implemented, so every conformance test must fail, and there must be some.
# The packages get a version of this run's own, and are removed from the NuGet cache afterwards, so a stale package of
# an earlier run can never stand in for this one.
# Usage: scripts/check-packages.sh [--keep]   (--keep leaves the temporary folder for a look)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
version="0.0.0-check.$(date +%s).$$"
packages=(src/CxInbox.Contracts src/CxInbox.Channels.Abstractions src/CxInbox.Channels src/CxInbox.Channels.Testing templates/CxInbox.Channel.Templates.csproj)
cache="$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: //')"

cleanup() {
  for id in cxinbox.contracts cxinbox.channels.abstractions cxinbox.channels cxinbox.channels.testing cxinbox.channel.templates; do
    rm -rf "${cache:?}/$id/$version"
    rmdir "$cache/$id" 2>/dev/null || true   # only when no other version of it is cached
  done
  if [[ "${1:-}" != "--keep" ]]; then rm -rf "$work"; else echo "kept $work"; fi
}
trap 'cleanup "${1:-}"' EXIT

case "$work" in "$repo"/*) echo "FAIL: the temporary folder $work is inside the repository" >&2; exit 1 ;; esac

feed="$work/feed"
echo "== pack $version into $feed"
for project in "${packages[@]}"; do
  dotnet pack "$repo/$project" -c Release -o "$feed" -p:Version="$version" -nologo -v quiet
done
for id in CxInbox.Contracts CxInbox.Channels.Abstractions CxInbox.Channels CxInbox.Channels.Testing CxInbox.Channel.Templates; do
  package="$feed/$id.$version.nupkg"
  [[ -f "$package" ]] || { echo "FAIL: $package was not produced" >&2; exit 1; }
  # Every package carries its README, licence and version.
  nuspec="$(unzip -p "$package" "$id.nuspec")"
  for field in "<readme>README.md</readme>" "<license type=\"expression\">" "<version>$version</version>"; do
    grep -qF "$field" <<<"$nuspec" || { echo "FAIL: $id.nuspec has no $field" >&2; exit 1; }
  done
  unzip -l "$package" README.md >/dev/null || { echo "FAIL: $id has no README.md" >&2; exit 1; }
done

echo "== install the template from the feed and generate an adapter outside the repository"
hive="$work/hive"
dotnet new install "$feed/CxInbox.Channel.Templates.$version.nupkg" --debug:custom-hive "$hive" >/dev/null
adapter="$work/acme-channel"
dotnet new cxinbox-channel -n Acme -o "$adapter" --CxInboxPackageVersion "$version" --debug:custom-hive "$hive" >/dev/null
# The packages come from the local feed only; their own dependencies (MassTransit, Polly, NUnit) from wherever this
# machine restores packages.
cat >"$adapter/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="cxinbox-local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="cxinbox-local"><package pattern="CxInbox.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
CONFIG
# Its only project reference is the test project's to the adapter: CxInbox itself comes as packages.
other_references="$(grep -rh "ProjectReference" "$adapter" --include=*.csproj | grep -v "CxInbox.Channels.Acme.csproj" || true)"
if [[ -n "$other_references" ]]; then
  echo "FAIL: the generated adapter references projects instead of packages: $other_references" >&2; exit 1
fi

tests_project="$adapter/tests/CxInbox.Channels.Acme.Tests"
echo "== build"
dotnet build "$tests_project" -c Release -nologo -v quiet
echo "== conformance tests (all must fail)"
output="$(dotnet test "$tests_project" -c Release --no-build -nologo 2>&1 || true)"
summary="$(grep -E '^(Failed|Passed)!' <<<"$output" | tail -1)"
echo "$summary"
failed="$(sed -nE 's/.*Failed: +([0-9]+),.*/\1/p' <<<"$summary")"
passed="$(sed -nE 's/.*Passed: +([0-9]+),.*/\1/p' <<<"$summary")"
if [[ -z "$failed" || "$failed" -eq 0 || "$passed" -ne 0 ]]; then
  echo "FAIL: expected every conformance test of an unimplemented adapter to fail" >&2
  echo "$output" | tail -40 >&2
  exit 1
fi
# Red for the right reason: the NotImplementedExceptions that say what to write, not a missing type or package.
if [[ "$(grep -c 'System.NotImplementedException' <<<"$output")" -lt "$failed" ]]; then
  echo "FAIL: some conformance tests failed for another reason than the template's NotImplementedException" >&2
  echo "$output" | tail -40 >&2
  exit 1
fi
resolved="$(grep -ho '"CxInbox\.[A-Za-z.]*/[^"]*"' "$tests_project/obj/project.assets.json" | sort -u | tr '\n' ' ')"
echo "resolved from the feed: $resolved"

echo "OK: the packages build an adapter outside the repository, and its conformance tests are red until implemented"
