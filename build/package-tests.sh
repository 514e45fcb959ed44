#!/usr/bin/env bash
# Installs the packed packages as a user would, in a temporary folder outside the repository (none of its
# Directory.Build.* files above it), from the folder feed FEED of version VERSION (build/pack.sh):
#   (a) TrainApp trains TabularNet, saves, reloads in a fresh MLContext and predicts with a PredictionEngine;
#   (b) ScoreApp, with no TorchSharp package, loads (a)'s model with Model.Load and with LoadWithBatchedScoring and
#       gets identical scores both ways, TorchSharp never loaded;
#   (c) mltab installed with `dotnet tool install --tool-path` runs `mltab rossmann --epochs 1`, then train, predict,
#       preprocess and pets.
# Prints "install: NAME passed|failed" per check and "install: N passed, N failed" last.
#   bash build/package-tests.sh FEED VERSION
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
feed=$1
version=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/mltab-install.XXXXXX")
passed=0
failed=0

check() {
  local name=$1
  shift
  local start=$(date +%s)
  if (cd "$work" && "$@") >"$work/$name.log" 2>&1; then
    echo "install: $name passed ($(($(date +%s) - start)) s)"
    passed=$((passed + 1))
  else
    echo "install: $name failed ($(($(date +%s) - start)) s); the end of its log:"
    tail -n 40 "$work/$name.log" | sed 's/^/    /'
    failed=$((failed + 1))
  fi
}

nuspec() { unzip -p "$feed/$1.$version.nupkg" "$1.nuspec"; }

# Each package says what it is, and the light ones do not drag in the heavy ones.
metadata() {
  for id in MLTabularExtensions MLTabularExtensions.Onnx MLTabularExtensions.TorchSharp MLTabularExtensions.Vision MLTabularExtensions.Vision.TorchSharp mltab; do
    local spec
    spec=$(nuspec "$id") || { echo "no package $id"; return 1; }
    for field in '<license type="expression">MIT</license>' '<readme>README.md</readme>' '<repository type="git"' '<description>' '<tags>'; do
      grep -qF "$field" <<<"$spec" || { echo "$id: no $field"; return 1; }
    done
    [ -f "$feed/$id.$version.snupkg" ] || { echo "$id: no symbols package"; return 1; }
  done
  ! nuspec MLTabularExtensions | grep -Ei 'id="(TorchSharp|SkiaSharp|libtorch)' || { echo "MLTabularExtensions pulls TorchSharp or SkiaSharp"; return 1; }
  ! nuspec MLTabularExtensions.Onnx | grep -Ei 'id="(TorchSharp|SkiaSharp|libtorch)' || { echo "MLTabularExtensions.Onnx pulls TorchSharp or SkiaSharp"; return 1; }
  ! nuspec MLTabularExtensions.TorchSharp | grep -Ei 'id="(SkiaSharp|Microsoft.ML.ImageAnalytics|libtorch)' || { echo "MLTabularExtensions.TorchSharp pulls SkiaSharp, ImageAnalytics or a backend"; return 1; }
  ! nuspec MLTabularExtensions.Vision | grep -Ei 'id="(TorchSharp|libtorch)' || { echo "MLTabularExtensions.Vision pulls TorchSharp"; return 1; }
  grep -qF '<packageType name="DotnetTool"' <<<"$(nuspec mltab)" || { echo "mltab is not a .NET tool package"; return 1; }
  grep -q 'buildTransitive/MLTabularExtensions.TorchSharp.targets' <<<"$(unzip -l "$feed/MLTabularExtensions.TorchSharp.$version.nupkg")" \
    || { echo "the GLIBCXX targets are not in the package"; return 1; }
}

# (Here-strings, not pipes into grep -q: under pipefail the writer's SIGPIPE would fail the check.)
weak() { grep -qF 'GLIBCXX_3.4.32  Flags: WEAK' <<<"$(readelf -V "$1")"; }

train_app() {
  cp -r "$repo/test/Install/TrainApp" "$repo/test/Install/ScoreApp" "$work/"
  cat >"$work/NuGet.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="feed" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
</configuration>
CONFIG
  cd TrainApp
  dotnet build -c Release -p:MLTabVersion="$version" -o bin/app || return 1
  # The package's buildTransitive targets patched the app's copy; the NuGet cache's copy stays as published.
  if ! grep -q GLIBCXX_3.4.32 /usr/lib/x86_64-linux-gnu/libstdc++.so.6; then
    weak bin/app/runtimes/linux-x64/native/libLibTorchSharp.so || { echo "the app's libLibTorchSharp.so is not patched"; return 1; }
    ! weak "$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')torchsharp/0.107.0/runtimes/linux-x64/native/libLibTorchSharp.so" \
      || { echo "the NuGet cache was patched"; return 1; }
  fi
  dotnet bin/app/TrainApp.dll
}

score_app() {
  cd ScoreApp
  dotnet build -c Release -p:MLTabVersion="$version" -o bin/app || return 1
  ! grep -qi '"TorchSharp/' obj/project.assets.json || { echo "the scoring app's package graph holds TorchSharp"; return 1; }
  dotnet bin/app/ScoreApp.dll ../TrainApp/model.zip ../TrainApp/sales.csv ../TrainApp/scores.txt
}

tool() {
  dotnet tool install mltab --version "$version" --tool-path tools --add-source "$feed" || return 1
  grep -q '  rossmann ' <<<"$(tools/mltab --help)" || { echo "mltab --help does not list rossmann"; return 1; }
  tools/mltab rossmann --epochs 1 --out rossmann-out | tee rossmann.log || return 1
  grep -q 'RMSPE' rossmann.log && [ -s rossmann-out/model.zip ] || { echo "no RMSPE printed or no model written"; return 1; }
}

# The tool's other commands, on the training app's CSV and on generated images.
tool_commands() {
  tools/mltab train --data TrainApp/sales.csv --label Sales --cat Store --cont Promo Distance --date Date --epochs 2 --out train-out \
    && [ -s train-out/model.zip ] || { echo "mltab train wrote no model"; return 1; }
  tools/mltab predict --model train-out/model.zip --data TrainApp/sales.csv --out predictions.csv \
    && [ "$(wc -l <predictions.csv)" -eq 4001 ] || { echo "mltab predict did not score the 4,000 rows"; return 1; }
  tools/mltab preprocess --out preprocess-out || return 1
  tools/mltab pets --epochs 1 --augmented-only --out pets-out && [ -s pets-out/model.zip ] && [ -s pets-out/heatmaps.png ] \
    || { echo "mltab pets wrote no model or heatmaps"; return 1; }
}

check package-metadata metadata
check train-app train_app
check score-app-without-torchsharp score_app
check tool-mltab-rossmann tool
check tool-mltab-train-predict-preprocess-pets tool_commands
rm -rf "$work"
echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
