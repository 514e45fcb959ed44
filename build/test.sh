#!/usr/bin/env bash
# The README's test command. In order:
#   1. restores (NuGet.config), builds (the native patch runs as part of the build) and runs every NUnit test,
#      counted from its TRX results (no test run at all counts as a failure), then checks the code's format against
#      .editorconfig (dotnet format --verify-no-changes);
#   2. packs every package into a fresh folder feed, with a version unique to this run (build/pack.sh);
#   3. installs them as a user would, outside the repository (build/package-tests.sh);
#   4. runs every notebook headless against that feed (build/notebooks.sh; MLTAB_NOTEBOOK_QUICK=1 unless set);
#   5. deletes that version from the NuGet cache (a same-version repack would otherwise be served stale, silently);
# then prints the one line CI reads, counting all of them: "N passed, N failed, N skipped".
#   bash build/test.sh [--fast] [dotnet test options]
# --fast leaves out the tests in category Slow (real data, end-to-end jobs, child processes), the format check and
# steps 2-5.
set -uo pipefail
cd "$(dirname "$0")/.."
fast=false
args=()
for arg in "$@"; do
  if [ "$arg" = "--fast" ]; then fast=true; else args+=("$arg"); fi
done
if $fast; then args+=(--filter "TestCategory!=Slow"); fi

version=0.1.0-dev.$(date -u +%Y%m%d%H%M%S)
scratch=$(mktemp -d)
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
cleanup() {
  rm -rf "$scratch"
  for id in mltabularextensions mltabularextensions.onnx mltabularextensions.torchsharp mltabularextensions.vision \
            mltabularextensions.vision.torchsharp mltabularextensions.lessons mltab; do
    rm -rf "${packages%/}/$id/$version"
  done
}
trap cleanup EXIT

dotnet test MLTabularExtensions.sln -c Release --logger "trx;LogFileName=unit.trx" --results-directory "$scratch/trx" "${args[@]}"
status=$?
# TRX: <Counters total=… executed=… passed=… failed=… error=… timeout=… aborted=… notExecuted=… …/>
counters=$(cat "$scratch"/trx/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | head -n 1)
count_of() { sed -nE "s/.* $1=\"([0-9]+)\".*/\1/p" <<<"$counters"; }
if [ -z "$counters" ]; then
  echo "no test results: the build or the test host failed before any test ran"
  passed=0 failed=1 skipped=0
else
  passed=$(count_of passed)
  failed=$(($(count_of failed) + $(count_of error) + $(count_of timeout) + $(count_of aborted)))
  # Ignored tests (NUnit's Assert.Ignore) are in total but not executed; TRX's notExecuted stays 0 for them.
  skipped=$(($(count_of total) - $(count_of executed)))
  if [ "$(count_of executed)" -eq 0 ]; then
    echo "no test was executed"
    failed=$((failed + 1))
  fi
fi

# Adds the "<prefix>: N passed, N failed" line of a step's output to the totals.
count() {
  local line
  line=$(grep -E "^$1: [0-9]+ passed, [0-9]+ failed" "$2" | tail -n 1)
  if [ -z "$line" ]; then
    failed=$((failed + 1))
    return
  fi
  passed=$((passed + $(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")))
  failed=$((failed + $(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")))
}

if ! $fast && [ "$passed" -gt 0 ]; then
  if dotnet format MLTabularExtensions.sln --verify-no-changes --no-restore -v q; then
    echo "format: 1 passed, 0 failed"
  else
    echo "format: 0 passed, 1 failed (run: dotnet format MLTabularExtensions.sln)"
  fi | tee "$scratch/format.log"
  count format "$scratch/format.log"
  if bash build/pack.sh --no-build "$scratch/feed" "$version"; then
    bash build/package-tests.sh "$scratch/feed" "$version" | tee "$scratch/install.log"
    count install "$scratch/install.log"
    MLTAB_NOTEBOOK_QUICK=${MLTAB_NOTEBOOK_QUICK:-1} bash build/notebooks.sh "$scratch/feed" | tee "$scratch/notebooks.log"
    count notebooks "$scratch/notebooks.log"
  else
    echo "pack failed"
    failed=$((failed + 1))
  fi
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
