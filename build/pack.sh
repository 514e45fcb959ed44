#!/usr/bin/env bash
# Packs every package of the solution (after a Release build) into a folder feed.
#   bash build/pack.sh [FEED [VERSION]]     default: artifacts/packages, 0.1.0-dev.<UTC timestamp>
# A new version each time, because NuGet serves a repacked same-version package from its cache without a word.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
feed=${1:-$repo/artifacts/packages}
version=${2:-0.1.0-dev.$(date -u +%Y%m%d%H%M%S)}
mkdir -p "$feed"
if [ ! -f "$repo/src/MLTabularExtensions.Cli/bin/Release/net10.0/mltab.dll" ]; then
  dotnet build "$repo/MLTabularExtensions.sln" -c Release -v quiet
fi
start=$(date +%s%N)
dotnet pack "$repo/MLTabularExtensions.sln" -c Release --no-build -v quiet -p:PackageVersion="$version" -o "$feed" >/dev/null
awk -v ns=$(($(date +%s%N) - start)) -v v="$version" -v f="$feed" 'BEGIN {printf "packed %s into %s in %.1f s\n", v, f, ns / 1e9}'
for package in "$feed"/*."$version".nupkg; do
  awk -v n="$(basename "$package")" -v b="$(stat -c %s "$package")" 'BEGIN {printf "  %-72s %10.0f kB\n", n, b / 1024}'
done
