#!/usr/bin/env bash
# The main job: pack TestGate.Sdk from this repository and gate the sample shop service with it.
# Runs the passing suite (Shop.slnx, expected: "Testing standards satisfied.") and the deficient one
# (Shop.Deficient.slnx, expected: TG0901 for the Domain layer), prints both verdicts, and exits non-zero
# only when either verdict is not the expected one.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/artifacts/sample"
"$root/eng/prepare-sample.sh" "$work"

cd "$work/shop"
run() {
  local solution="$1" log="$work/$1.log"
  echo
  echo "==> dotnet test $solution"
  local code=0
  dotnet test "$solution" "-p:TestGateRepositoryRoot=$work/shop/" "-p:TestGateReportDirectory=$work/reports/$solution/" >"$log" 2>&1 || code=$?
  grep -E "TestGate|error TG|warning TG|^ +Layer +Types|^  +[A-Za-z]+ +[0-9]+ |Passed!|Failed!" "$log" || true
  echo "    exit code: $code"
  return "$code"
}

status=0
if run Shop.slnx; then
  echo "    as expected: the complete suite passes the gate."
else
  echo "    UNEXPECTED: the complete suite should pass; see $work/Shop.slnx.log" >&2
  status=1
fi

if run Shop.Deficient.slnx; then
  echo "    UNEXPECTED: the deficient suite should fail with TG0901; see $work/Shop.Deficient.slnx.log" >&2
  status=1
elif grep -q "error TG0901: Domain layer" "$work/Shop.Deficient.slnx.log"; then
  echo "    as expected: the deficient suite fails with TG0901 for the Domain layer."
else
  echo "    UNEXPECTED: the deficient suite failed, but not with TG0901 for Domain; see $work/Shop.Deficient.slnx.log" >&2
  status=1
fi

echo
echo "Reports (review.md, report.json): $work/reports/Shop.slnx/ and $work/reports/Shop.Deficient.slnx/"
exit "$status"
