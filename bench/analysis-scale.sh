#!/usr/bin/env bash
# Usage: bench/analysis-scale.sh [productionTypes=2000] [repetitions=3]
# Structural analysis time against Roslyn parse-only time on a generated solution (N types, 5 tests each), and the
# growth from N to 2N. See docs/performance.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet run -c Release --project "$root/bench/AnalysisScale/AnalysisScale.csproj" -- "$@"
