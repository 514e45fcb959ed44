#!/usr/bin/env bash
# The README's test command. In order:
#   1. restores (NuGet.config), builds (the native patch runs as part of the build) and runs every NUnit test;
#   2. packs every package into a fresh folder feed, with a version unique to this run (build/pack.sh);
#   3. installs them as a user would, outside the repository (build/package-tests.sh);
#   4. runs every notebook headless against that feed (build/notebooks.sh; MLTAB_NOTEBOOK_QUICK=1 unless set);
#   5. deletes that version from the NuGet cache (a same-version repack would otherwise be served stale, silently);
# then prints the one line CI reads, counting all of them: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
dotnet test MLTabularExtensions.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# dotnet test prints one "Passed!/Failed!  - Failed: N, Passed: N, Skipped: N, Total: N" line per test assembly.
read -r failed passed skipped < <(grep -E '(Passed|Failed)! +- Failed: ' "$log" \
  | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {print f+0, p+0, s+0}')
if [ "$status" -ne 0 ] && [ "$passed$failed" = "00" ]; then
  failed=1   # the build or the test host failed before any test ran
fi

version=0.1.0-dev.$(date -u +%Y%m%d%H%M%S)
scratch=$(mktemp -d)
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
cleanup() {
  rm -rf "$scratch" "$log"
  for id in mltabularextensions mltabularextensions.torchsharp mltabularextensions.vision \
            mltabularextensions.vision.torchsharp mltabularextensions.lessons mltab; do
    rm -rf "${packages%/}/$id/$version"
  done
}
trap cleanup EXIT

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

if [ "$status" -eq 0 ] || [ "$passed" -gt 0 ]; then
  if bash build/pack.sh "$scratch/feed" "$version"; then
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
