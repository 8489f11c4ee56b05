#!/usr/bin/env bash
# Usage: bench/cli-review.sh [productionTypes=2000] [runs=5]
# End-to-end time of `testgate review` (a cold process: start-up, JIT, reading, analysis, three reports) on the sample
# shop and on a generated solution of N production types, as shipped (profile-guided re-jitting off, see
# TestGate.Cli.csproj) against the runtime's default (DOTNET_TieredPGO=1) in the same run. Runs alternate so machine
# drift hits both alike; prints medians and the ratio shipped/default. See docs/performance.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
types="${1:-2000}"
runs="${2:-5}"
work="$root/artifacts/bench/cli-review"
rm -rf "$work" && mkdir -p "$work"

dotnet build "$root/src/TestGate.Cli" -c Release --artifacts-path "$work/build" -p:TestGateDogfood=false -nologo -v:q >/dev/null
cli="$work/build/bin/TestGate.Cli/release/testgate.dll"
dotnet run -c Release --project "$root/bench/AnalysisScale/AnalysisScale.csproj" -- write "$work/generated" "$types"

milliseconds() { # folder, env assignment
  local start end
  start=$(date +%s%N)
  env "$2" dotnet "$cli" review "$1" --out "$work/out" >/dev/null 2>&1 || [ $? -eq 1 ] # 1 = verdict failed, still a run
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

for target in "$root/samples/shop" "$work/generated"; do
  shipped=(); default=()
  milliseconds "$target" "TESTGATE_BENCH=warm-up" >/dev/null
  for _ in $(seq "$runs"); do
    shipped+=("$(milliseconds "$target" "TESTGATE_BENCH=shipped")")
    default+=("$(milliseconds "$target" "DOTNET_TieredPGO=1")")
  done
  s=$(printf '%s\n' "${shipped[@]}" | median); d=$(printf '%s\n' "${default[@]}" | median)
  echo "$(basename "$target"): shipped ${s} ms, runtime default ${d} ms, ratio shipped/default $(awk -v a="$s" -v b="$d" 'BEGIN { printf "%.2f", a / b }')  (runs: ${shipped[*]} | ${default[*]})"
done
