#!/usr/bin/env bash
# Usage: bench/large-coverage.sh [megabytes]   (default 200; RUNS=3, BUDGET_MB=500, KEEP=1 keeps the generated file)
# Does TestGate stream a very large Cobertura file in bounded memory, and how does it compare with ReportGenerator
# on the same file? Builds bench/LargeCoverage in Release, generates a coverlet-shaped Cobertura file of about the
# requested size under artifacts/bench-large/, then alternates (A, B, A, B, ...) in one session:
#   A  `dotnet LargeCoverage.dll testgate FILE`: CoberturaReader.Read + CoverageMerger.Merge, as the gate does;
#   B  ReportGenerator 5.6.0 (restored by the bench project) on the same file, -reporttypes:TextSummary.
# Each run is measured from outside: wall time of the whole process (runtime start-up included) and its peak
# resident set (GNU time's maximum RSS, else VmHWM polled from /proc). Prints the medians and the ratios
# TestGate/ReportGenerator, checks that both tools found the same types and lines, and fails if TestGate's median
# peak RSS is over BUDGET_MB.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
megabytes="${1:-200}"
runs="${RUNS:-3}"
budget_mb="${BUDGET_MB:-500}"
work="$root/artifacts/bench-large"
project="$root/bench/LargeCoverage/LargeCoverage.csproj"
file="$work/coverage-${megabytes}mb.cobertura.xml"
mkdir -p "$work"

cleanup() {
  rm -rf "$work/rg"
  if [[ "${KEEP:-0}" != "1" ]]; then rm -f "$file"; fi
}
trap cleanup EXIT

echo "==> Build bench/LargeCoverage (Release)"
dotnet build "$project" -c Release -nologo -v q -o "$work/app" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
app="$work/app/LargeCoverage.dll"

# ReportGenerator comes from the bench project's PackageReference (ExcludeAssets="all", GeneratePathProperty).
rg_package="$(dotnet msbuild "$project" -nologo -getProperty:PkgReportGenerator -p:Configuration=Release)"
rg_env=()
if [[ -f "$rg_package/tools/net10.0/ReportGenerator.dll" ]]; then
  rg_dll="$rg_package/tools/net10.0/ReportGenerator.dll"
else
  rg_dll="$rg_package/tools/net8.0/ReportGenerator.dll"
  rg_env=(DOTNET_ROLL_FORWARD=Major)   # only a newer runtime may be installed
fi
[[ -f "$rg_dll" ]] || { echo "ReportGenerator.dll not found under '$rg_package'" >&2; exit 1; }
echo "    ReportGenerator: $rg_dll"

echo "==> Generate a ${megabytes} MB Cobertura file"
dotnet "$app" generate "$file" "$megabytes"
bytes=$(stat -c %s "$file")

gnu_time=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then gnu_time=/usr/bin/time; fi
echo "    peak RSS measured with: ${gnu_time:-/proc/<pid>/status VmHWM polling}"

# measure OUT -- command...: runs the command with its output in OUT, prints "<wall ms> <peak RSS kB>".
measure() {
  local out="$1"; shift; shift
  local start end peak
  start=$(date +%s%N)
  if [[ -n "$gnu_time" ]]; then
    "$gnu_time" -f '%M' -o "$out.rss" "$@" >"$out" 2>&1 || { echo "failed: $* (see $out)" >&2; cat "$out" >&2; exit 1; }
    end=$(date +%s%N)
    peak=$(tail -n 1 "$out.rss")
  else
    "$@" >"$out" 2>&1 &
    local pid=$! hwm
    peak=0
    while kill -0 "$pid" 2>/dev/null; do
      hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
      [[ -n "$hwm" && "$hwm" -gt "$peak" ]] && peak=$hwm
      sleep 0.05
    done
    wait "$pid" || { echo "failed: $* (see $out)" >&2; cat "$out" >&2; exit 1; }
    end=$(date +%s%N)
  fi
  echo "$(( (end - start) / 1000000 )) $peak"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

tg_ms=() tg_kb=() rg_ms=() rg_kb=()
echo "==> $runs runs each, alternating"
for i in $(seq 1 "$runs"); do
  # (a plain assignment, so that a failed run stops the script under set -e)
  m=$(measure "$work/testgate.log" -- dotnet "$app" testgate "$file")
  read -r ms kb <<<"$m"
  tg_ms+=("$ms") tg_kb+=("$kb")
  rm -rf "$work/rg"
  m=$(measure "$work/reportgenerator.log" -- env "${rg_env[@]}" dotnet "$rg_dll" \
    "-reports:$file" "-targetdir:$work/rg" -reporttypes:TextSummary -verbosity:Error)
  read -r ms kb <<<"$m"
  rg_ms+=("$ms") rg_kb+=("$kb")
  printf '    run %d: TestGate %6d ms %6d MiB | ReportGenerator %6d ms %6d MiB\n' \
    "$i" "${tg_ms[-1]}" $(( tg_kb[-1] / 1024 )) "${rg_ms[-1]}" $(( rg_kb[-1] / 1024 ))
done

# Both tools must have read the same thing, or the comparison means nothing.
result="$(grep '^RESULT ' "$work/testgate.log")"
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$result"; }
types=$(field types) lines=$(field lines) covered=$(field covered) branches=$(field branches)
in_process_ms=$(field elapsed_ms)
summary="$work/rg/Summary.txt"
rg_field() { sed -n "s/^ *$1: *\([0-9]*\).*/\1/p" "$summary" | head -n 1; }
rg_classes=$(rg_field Classes) rg_lines=$(rg_field 'Coverable lines') rg_covered=$(rg_field 'Covered lines') rg_branches=$(rg_field 'Total branches')
if [[ "$types:$lines:$covered:$branches" != "$rg_classes:$rg_lines:$rg_covered:$rg_branches" ]]; then
  echo "TestGate and ReportGenerator disagree: types/lines/covered/branches $types/$lines/$covered/$branches vs $rg_classes/$rg_lines/$rg_covered/$rg_branches" >&2
  exit 1
fi

tgt=$(printf '%s\n' "${tg_ms[@]}" | median) tgm=$(printf '%s\n' "${tg_kb[@]}" | median)
rgt=$(printf '%s\n' "${rg_ms[@]}" | median) rgm=$(printf '%s\n' "${rg_kb[@]}" | median)
echo
echo "Cobertura file: $bytes bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MiB); both tools found $types types, $lines coverable lines ($covered covered), $branches branches"
echo "Median of $runs runs on $(nproc) cores, .NET SDK $(dotnet --version):"
awk -v tt="$tgt" -v tm="$tgm" -v rt="$rgt" -v rm="$rgm" -v ip="$in_process_ms" 'BEGIN {
  printf "  %-34s %9s %14s\n", "", "wall time", "peak RSS"
  printf "  %-34s %6d ms %10.1f MiB\n", "TestGate (read + merge)", tt, tm / 1024
  printf "  %-34s %6d ms %10.1f MiB\n", "ReportGenerator 5.6.0 (TextSummary)", rt, rm / 1024
  printf "  %-34s %9.3f %14.3f\n", "ratio TestGate / ReportGenerator", tt / rt, tm / rm
  printf "  TestGate in-process read + merge (last run, no runtime start-up): %d ms\n", ip
}'
if (( tgm > budget_mb * 1024 )); then
  echo "FAIL: TestGate peak RSS $(( tgm / 1024 )) MiB is over the ${budget_mb} MiB budget" >&2
  exit 1
fi
echo "OK: TestGate peak RSS $(( tgm / 1024 )) MiB is within the ${budget_mb} MiB budget"
