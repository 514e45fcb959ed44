#!/usr/bin/env bash
# Builds the solution in Release and packs every package into a folder feed.
#   bash build/pack.sh [--no-build] [FEED [VERSION]]     default: artifacts/packages, 0.1.0-dev.<UTC timestamp>
# A new version each time, because NuGet serves a repacked same-version package from its cache without a word.
# --no-build packs what the last Release build left (build/test.sh, right after its own build).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=true
if [ "${1:-}" = "--no-build" ]; then
  build=false
  shift
fi
feed=${1:-$repo/artifacts/packages}
version=${2:-0.1.0-dev.$(date -u +%Y%m%d%H%M%S)}
mkdir -p "$feed"
if $build; then
  dotnet build "$repo/MLTabularExtensions.sln" -c Release -v quiet
fi
start=$(date +%s%N)
dotnet pack "$repo/MLTabularExtensions.sln" -c Release --no-build -v quiet -p:PackageVersion="$version" -o "$feed" >/dev/null
awk -v ns=$(($(date +%s%N) - start)) -v v="$version" -v f="$feed" 'BEGIN {printf "packed %s into %s in %.1f s\n", v, f, ns / 1e9}'
for package in "$feed"/*."$version".nupkg; do
  awk -v n="$(basename "$package")" -v b="$(stat -c %s "$package")" 'BEGIN {printf "  %-72s %10.0f kB\n", n, b / 1024}'
done
