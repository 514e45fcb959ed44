#!/usr/bin/env bash
# Runs every notebook in notebooks/ headless with dotnet-repl (from the repository's tool manifest) against the
# packages of folder feed FEED. Polyglot's `#i "nuget: …"` wants a full path, so each notebook runs from a copy whose
# `#i "nuget: ../artifacts/packages"` line names FEED instead; the executed copies (outputs and pictures included) land
# in artifacts/notebooks/. A notebook whose cell fails (its checks throw) makes dotnet-repl exit non-zero.
# Prints "notebooks: NAME passed|failed (seconds)" per notebook and "notebooks: N passed, N failed" last.
#   bash build/notebooks.sh FEED
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
feed=$(cd "$1" && pwd)
out=$repo/artifacts/notebooks
mkdir -p "$out"
dotnet tool restore >/dev/null || { echo "notebooks: 0 passed, 1 failed (dotnet tool restore)"; exit 1; }
passed=0
failed=0
for notebook in "$repo"/notebooks/*.ipynb; do
  name=$(basename "$notebook" .ipynb)
  # The copy stays in notebooks/ so relative paths resolve as they do for a person running it there.
  copy=$repo/notebooks/.run-$name.ipynb
  sed "s|#i \\\\\"nuget: ../artifacts/packages\\\\\"|#i \\\\\"nuget: $feed\\\\\"|" "$notebook" >"$copy"
  start=$(date +%s)
  (cd "$repo/notebooks" && dotnet repl --run "$copy" --exit-after-run --output-path "$out/$name.ipynb") >"$out/$name.log" 2>&1
  status=$?
  rm -f "$copy"
  if [ "$status" -eq 0 ]; then
    echo "notebooks: $name passed ($(($(date +%s) - start)) s)"
    passed=$((passed + 1))
  else
    echo "notebooks: $name failed ($(($(date +%s) - start)) s, exit $status); its failed cells:"
    python3 - "$out/$name.ipynb" <<'PY' 2>/dev/null || tail -n 20 "$out/$name.log"
import json, sys
for cell in json.load(open(sys.argv[1]))["cells"]:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            print("    " + "".join(cell["source"])[:120].replace("\n", " ") + "\n      -> " + output.get("evalue", "")[:600])
PY
    failed=$((failed + 1))
  fi
done
echo "notebooks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
