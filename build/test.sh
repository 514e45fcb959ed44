#!/usr/bin/env bash
# The README's test command: restores (NuGet.config), builds (the native patch runs as part of the build) and runs
# every test of the solution, then prints the one-line summary CI reads: "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
dotnet test MLTabularExtensions.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# dotnet test prints one "Passed!/Failed!  - Failed: N, Passed: N, Skipped: N, Total: N" line per test assembly.
summary=$(grep -E '(Passed|Failed)! +- Failed: ' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped\n", p, f, s}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$summary" = "0 passed, 0 failed, 0 skipped" ]; then
  # The build or the test host failed before any test ran: say so in the line CI reads.
  summary="0 passed, 1 failed, 0 skipped"
fi
echo "$summary"
exit "$status"
