#!/usr/bin/env bash
# Usage: bench/gate-overhead.sh [runs]   (default 5)
# What TestGate adds to `dotnet test`: the sample shop solution (Shop.slnx) run with TestGate.Sdk, against the same
# solution collecting the same Cobertura coverage with plain coverlet.msbuild and no gate. Both variants are
# restored and built once first; then runs alternate (A, B, A, B, ...) so machine drift hits both alike. Each timed
# run is a full `dotnet test` (incremental build, tests, coverage, and for A the gate). Prints the medians and
# the ratio A/B, and the gate's own time (`dotnet msbuild -t:TestGate` over existing results).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
work="$root/artifacts/bench"
"$root/eng/prepare-sample.sh" "$work" >/dev/null

gated="$work/shop"
plain="$work/shop-plain"
cp -R "$gated" "$plain"
# The baseline: no TestGate anywhere, coverlet.msbuild referenced directly, same output format.
rm -f "$plain/global.json"
# An empty Directory.Solution.targets, not none: MSBuild would otherwise find the repository's own (which gates our suite).
echo '<Project />' > "$plain/Directory.Solution.targets"
for project in "$plain"/tests/*/*.csproj; do
  sed -i -e '/<Sdk Name="TestGate.Sdk"/d' \
         -e 's#<PackageReference Include="xunit" />#<PackageReference Include="xunit" />\n    <PackageReference Include="coverlet.msbuild" PrivateAssets="all" />#' "$project"
done
sed -i 's#</ItemGroup>#  <PackageVersion Include="coverlet.msbuild" Version="10.0.1" />\n  </ItemGroup>#' "$plain/Directory.Packages.props"

gated_args=(test Shop.slnx --no-restore -nologo)
plain_args=(test Shop.slnx --no-restore -nologo -p:CollectCoverage=true -p:CoverletOutputFormat=cobertura)

echo "==> Warm-up (restore and build both variants)"
(cd "$gated" && dotnet test Shop.slnx -nologo >"$work/warmup-gated.log" 2>&1) || { echo "gated warm-up failed: $work/warmup-gated.log" >&2; exit 1; }
(cd "$plain" && dotnet test Shop.slnx -nologo -p:CollectCoverage=true -p:CoverletOutputFormat=cobertura >"$work/warmup-plain.log" 2>&1) || { echo "plain warm-up failed: $work/warmup-plain.log" >&2; exit 1; }
grep -q "Testing standards satisfied." "$work/warmup-gated.log" || { echo "gated run did not reach a verdict" >&2; exit 1; }
ls "$plain"/tests/*/coverage.cobertura.xml >/dev/null || { echo "plain run wrote no Cobertura file" >&2; exit 1; }

milliseconds() { # dir, args...
  local dir="$1"; shift
  local start end
  start=$(date +%s%N)
  (cd "$dir" && dotnet "$@" >/dev/null 2>&1)
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

gated_times=() plain_times=() gate_only=()
for i in $(seq 1 "$runs"); do
  gated_times+=("$(milliseconds "$gated" "${gated_args[@]}")")
  plain_times+=("$(milliseconds "$plain" "${plain_args[@]}")")
  gate_only+=("$(milliseconds "$gated" msbuild Shop.slnx -t:TestGate -nologo)")
  echo "    run $i: TestGate ${gated_times[-1]} ms, plain coverlet ${plain_times[-1]} ms, gate alone ${gate_only[-1]} ms"
done

g=$(printf '%s\n' "${gated_times[@]}" | median)
p=$(printf '%s\n' "${plain_times[@]}" | median)
o=$(printf '%s\n' "${gate_only[@]}" | median)
echo
echo "dotnet test Shop.slnx, median of $runs runs on $(nproc) cores:"
echo "  with TestGate:          $g ms"
echo "  plain coverlet.msbuild: $p ms"
awk -v g="$g" -v p="$p" 'BEGIN { printf "  ratio TestGate/plain:   %.3f (%+.1f%%)\n", g / p, (g / p - 1) * 100 }'
echo "  gate alone (msbuild -t:TestGate over existing results): $o ms"
