#!/usr/bin/env bash
# Checks that an integrator can build a channel adapter with the NuGet packages alone (issue 9): packs
# CxInbox.Contracts, CxInbox.Channels.Abstractions, CxInbox.Channels, CxInbox.Channels.Testing and the template package into a temporary feed,
# installs the template from that feed into a throw-away template hive, generates an adapter OUTSIDE the repository
# against the packages (no checkout, no project references), builds it and runs its conformance tests. A fresh adapter
# is red until implemented, so every conformance test must fail, and there must be some.
# Then green: the worked example (src/CxInbox.Channels.Webhook and its test project) is copied out of the repository,
# its project references switched to the same packages, built, and every one of its tests, the conformance suite's
# included, must pass.
# The projects are packed from a copy of their sources in the temporary folder, so the check never writes into the
# repository's bin/ and obj/ (the test run calls it while other test assemblies load from there).
# The packages get a version of this run's own, and are removed from the NuGet cache afterwards, so a stale package of
# an earlier run can never stand in for this one.
# Usage: scripts/check-packages.sh [--keep]   (--keep leaves the temporary folder for a look)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
version="0.0.0-check.$(date +%s).$$"
packages=(src/CxInbox.Contracts src/CxInbox.Channels.Abstractions src/CxInbox.Channels src/CxInbox.Channels.Testing templates/CxInbox.Channel.Templates.csproj)
package_sources=(src/CxInbox.Contracts src/CxInbox.Channels.Abstractions src/CxInbox.Channels src/CxInbox.Channels.Testing templates)
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

sources="$work/sources"
mkdir -p "$sources"
(cd "$repo" && tar -cf - --exclude=bin --exclude=obj .editorconfig Directory.Build.props Directory.Packages.props \
  src/Packaging.props "${package_sources[@]}") | tar -xf - -C "$sources"
feed="$work/feed"
echo "== pack $version into $feed"
for project in "${packages[@]}"; do
  dotnet pack "$sources/$project" -c Release -o "$feed" -p:Version="$version" -nologo -v quiet
done
for id in CxInbox.Contracts CxInbox.Channels.Abstractions CxInbox.Channels CxInbox.Channels.Testing CxInbox.Channel.Templates; do
  package="$feed/$id.$version.nupkg"
  [[ -f "$package" ]] || { echo "FAIL: $package was not produced" >&2; exit 1; }
  # Every package carries its README, the repository's licence (MIT) and the version.
  nuspec="$(unzip -p "$package" "$id.nuspec")"
  for field in "<readme>README.md</readme>" "<license type=\"expression\">MIT</license>" "<version>$version</version>"; do
    grep -qF "$field" <<<"$nuspec" || { echo "FAIL: $id.nuspec has no $field" >&2; exit 1; }
  done
  unzip -l "$package" README.md >/dev/null || { echo "FAIL: $id has no README.md" >&2; exit 1; }
done

echo "== install the template from the feed and generate an adapter outside the repository"
hive="$work/hive"
dotnet new install "$feed/CxInbox.Channel.Templates.$version.nupkg" --debug:custom-hive "$hive" >/dev/null
adapter="$work/acme-channel"
dotnet new cxinbox-channel -n Acme -o "$adapter" --CxInboxPackageVersion "$version" --debug:custom-hive "$hive" >/dev/null
# The packages come from the local feed; their own dependencies (MassTransit, Polly, NUnit) from wherever this
# machine restores packages.
# machine restores packages: the feed is added to the sources this machine's NuGet configuration names, not put in
# their place. The version is this run's own, so no other source can have it.
cat >"$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="cxinbox-check-$$" value="$feed" />
  </packageSources>
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

echo "== the worked example outside the repository, against the packages"
example="$work/webhook-example"
mkdir -p "$example/src" "$example/tests"
(cd "$repo" && tar -cf - --exclude=bin --exclude=obj src/CxInbox.Channels.Webhook tests/CxInbox.Channels.Webhook.Tests) | tar -xf - -C "$example"
# The same build settings and package versions the generated adapter got, and the analyzer settings the example is
# written to (the repository's .editorconfig files: e.g. plain ILogger calls, test names with underscores).
cp "$adapter/Directory.Build.props" "$adapter/Directory.Packages.props" "$repo/.editorconfig" "$example/"
cp "$adapter/tests/Directory.Build.props" "$repo/tests/.editorconfig" "$example/tests/"
cat >"$example/src/CxInbox.Channels.Webhook/CxInbox.Channels.Webhook.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="CxInbox.Channels" />
  </ItemGroup>
</Project>
PROJECT
cat >"$example/tests/CxInbox.Channels.Webhook.Tests/CxInbox.Channels.Webhook.Tests.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <ProjectReference Include="../../src/CxInbox.Channels.Webhook/CxInbox.Channels.Webhook.csproj" />
    <PackageReference Include="CxInbox.Channels.Testing" />
  </ItemGroup>
</Project>
PROJECT
example_tests="$example/tests/CxInbox.Channels.Webhook.Tests"
dotnet build "$example_tests" -c Release -nologo -v quiet
echo "== the worked example's tests, the conformance suite's included (all must pass)"
output="$(dotnet test "$example_tests" -c Release --no-build -nologo --logger "trx;LogFileName=example.trx" --results-directory "$work/results" 2>&1 || true)"
summary="$(grep -E '^(Failed|Passed)!' <<<"$output" | tail -1)"
echo "$summary"
failed="$(sed -nE 's/.*Failed: +([0-9]+),.*/\1/p' <<<"$summary")"
passed="$(sed -nE 's/.*Passed: +([0-9]+),.*/\1/p' <<<"$summary")"
if [[ -z "$failed" || "$failed" -ne 0 || -z "$passed" || "$passed" -eq 0 ]]; then
  echo "FAIL: expected every test of the worked example to pass against the packages" >&2
  echo "$output" | tail -40 >&2
  exit 1
fi
# Green for the right reason: the inherited conformance tests ran, not only the example's own.
for fixture in GenericWebhookConformanceTests GenericReplySenderConformanceTests; do
  grep -q "className=\"[A-Za-z.]*\.$fixture\"" "$work/results/example.trx" ||
    { echo "FAIL: no test of $fixture ran in the worked example" >&2; exit 1; }
done
resolved="$(grep -ho '"CxInbox\.[A-Za-z.]*/[^"]*"' "$example_tests/obj/project.assets.json" | sort -u | tr '\n' ' ')"
echo "resolved from the feed: $resolved"

echo "OK: the packages build an adapter outside the repository: a generated one is red until implemented, the worked example is green"
