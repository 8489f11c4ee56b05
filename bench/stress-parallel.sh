#!/usr/bin/env bash
# Usage: bench/stress-parallel.sh [projects] [runs]   (defaults 8 and 20)
# Reliability under parallel builds: packs TestGate.Sdk from this repository under a version of its own, generates
# artifacts/stress/Stress/ (four production projects Domain, Application, Infrastructure, Api with bare namespaces;
# <projects> test projects spread over them; Central Package Management; TreatWarningsAsErrors) and runs
# `dotnet test Stress.slnx` (parallel nodes, MSBuild's default -m) <runs> times in a row.
#
# The generated suite fails the gate on purpose and deterministically: Domain has a method no test calls, so every
# run must end with exit code != 0, TG0901 for the Domain layer, one verdict line `TestGate (Stress): ...`, and
# byte-identical report.json, review.md and report.sarif (the report directory is emptied before each run, so a
# file that a run did not write counts as missing). Any "being used by another process", "file in use",
# IOException or MSBxxxx error in the output breaks the run too.
#
# artifacts/stress/ is recreated on every invocation. Per run: artifacts/stress/logs/run-NN.log; a table of all runs:
# artifacts/stress/runs.tsv. Packing and the consumer's global.json/NuGet.config come from eng/local-sdk.sh.
# Exits non-zero when any invariant breaks; figures from a run with the defaults are in docs/reliability.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
projects="${1:-8}"
runs="${2:-20}"
[[ "$projects" =~ ^[1-9][0-9]*$ && "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [projects] [runs]" >&2; exit 2; }

work="$root/artifacts/stress"
solution="$work/Stress"
logs="$work/logs"
reports="$solution/TestResults/TestGate"
script_start=$(date +%s%N)

source "$root/eng/local-sdk.sh"
rm -rf "$work"
mkdir -p "$solution" "$logs"
testgate_pack_sdk "$work/feed" stress
testgate_use_local_sdk "$solution"

# ---------------------------------------------------------------------------------------------------------------
echo "==> Generating $solution ($projects test projects)"
write() { # relative path; content on stdin
  mkdir -p "$(dirname "$solution/$1")"
  cat > "$solution/$1"
}

write Directory.Build.props <<'XML'
<Project>
  <!-- Self-contained: stops MSBuild from walking up into the TestGate repository's own Directory.Build.props. -->
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <WarningsNotAsErrors>$(WarningsNotAsErrors);NU1603</WarningsNotAsErrors>
    <IsPackable>false</IsPackable>
  </PropertyGroup>
</Project>
XML
write Directory.Build.targets <<'XML'
<Project />
XML
write Directory.Packages.props <<'XML'
<Project>
  <PropertyGroup>
    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageVersion Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
    <PackageVersion Include="xunit" Version="2.9.3" />
    <PackageVersion Include="xunit.runner.visualstudio" Version="3.1.5" />
  </ItemGroup>
</Project>
XML
write Directory.Solution.targets <<'XML'
<Project>
  <Import Project="Solution.targets" Sdk="TestGate.Sdk" />
</Project>
XML

# Production: Domain <- Application <- Api, Domain <- Infrastructure.
production_project() { # name, referenced project or ""
  local reference=""
  [[ -n "$2" ]] && reference="
  <ItemGroup>
    <ProjectReference Include=\"../$2/$2.csproj\" />
  </ItemGroup>"
  write "src/$1/$1.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">$reference
</Project>
XML
}
production_project Domain ""
production_project Application Domain
production_project Infrastructure Domain
production_project Api Application

write src/Domain/Order.cs <<'CS'
namespace Domain;

public sealed class Order
{
    public Order(int quantity)
    {
        if (quantity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity));
        }

        Quantity = quantity;
    }

    public int Quantity { get; }

    public bool IsPaid { get; private set; }

    public void Pay()
    {
        if (IsPaid)
        {
            throw new InvalidOperationException("The order is already paid.");
        }

        IsPaid = true;
    }

    // No test calls this: it keeps the Domain layer below its 95% line threshold, so the gate fails with TG0901.
    public string Describe()
    {
        var state = IsPaid ? "paid" : "open";
        var size = Quantity > 10 ? "bulk" : "regular";
        return $"{size} order of {Quantity}, {state}";
    }
}
CS
write src/Application/OrderService.cs <<'CS'
using Domain;

namespace Application;

public sealed class OrderService
{
    public Order Place(int quantity) => new(quantity);

    public Order PlaceAndPay(int quantity)
    {
        var order = Place(quantity);
        order.Pay();
        return order;
    }
}
CS
write src/Infrastructure/OrderStore.cs <<'CS'
using Domain;

namespace Infrastructure;

public sealed class OrderStore
{
    private readonly Dictionary<int, Order> _orders = new();

    public int Add(Order order)
    {
        var id = _orders.Count + 1;
        _orders.Add(id, order);
        return id;
    }

    public Order? Find(int id) => _orders.TryGetValue(id, out var order) ? order : null;
}
CS
write src/Api/OrdersEndpoint.cs <<'CS'
using Application;

namespace Api;

public sealed class OrdersEndpoint
{
    private readonly OrderService _service = new();

    public int Post(int quantity) => quantity <= 0 ? 400 : Status(_service.Place(quantity).Quantity);

    private static int Status(int quantity) => quantity > 0 ? 201 : 500;
}
CS

# Tests: project i tests layer (i-1) mod 4 with a kind its name announces; each has a few tests of its own.
layers=(Domain Application Infrastructure Api)
kinds=(UnitTests ApplicationTests IntegrationTests EndToEndTests)
test_projects=()
for i in $(seq 1 "$projects"); do
  layer="${layers[$(( (i - 1) % 4 ))]}"
  name="$layer.${kinds[$(( (i - 1) % 4 ))]}$(printf '%02d' "$i")"
  test_projects+=("tests/$name/$name.csproj")
  write "tests/$name/$name.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <Sdk Name="TestGate.Sdk" />
  <ItemGroup>
    <PackageReference Include="Microsoft.NET.Test.Sdk" />
    <PackageReference Include="xunit" />
    <PackageReference Include="xunit.runner.visualstudio" />
    <Using Include="Xunit" />
    <ProjectReference Include="../../src/$layer/$layer.csproj" />
  </ItemGroup>
</Project>
XML
  case "$layer" in
    Domain) body="
    [Theory]
    [InlineData(1)]
    [InlineData(${i}0)]
    public void A_new_order_keeps_its_quantity(int quantity) => Assert.Equal(quantity, new global::Domain.Order(quantity).Quantity);

    [Fact]
    public void A_zero_quantity_is_rejected() => Assert.Throws<ArgumentOutOfRangeException>(() => new global::Domain.Order(0));

    [Fact]
    public void Paying_twice_is_rejected()
    {
        var order = new global::Domain.Order($i);
        order.Pay();
        Assert.True(order.IsPaid);
        Assert.Throws<InvalidOperationException>(order.Pay);
    }" ;;
    Application) body="
    [Fact]
    public void Placing_an_order_creates_it() => Assert.Equal($i, new global::Application.OrderService().Place($i).Quantity);

    [Fact]
    public void Placing_and_paying_pays_the_order() => Assert.True(new global::Application.OrderService().PlaceAndPay($i).IsPaid);" ;;
    Infrastructure) body="
    [Fact]
    public void A_stored_order_is_found_again()
    {
        var store = new global::Infrastructure.OrderStore();
        var id = store.Add(new global::Domain.Order($i));
        Assert.Equal($i, store.Find(id)?.Quantity);
    }

    [Fact]
    public void An_unknown_id_finds_nothing() => Assert.Null(new global::Infrastructure.OrderStore().Find($i));" ;;
    Api) body="
    [Fact]
    public void Posting_an_order_answers_201() => Assert.Equal(201, new global::Api.OrdersEndpoint().Post($i));

    [Fact]
    public void Posting_no_quantity_answers_400() => Assert.Equal(400, new global::Api.OrdersEndpoint().Post(0));" ;;
  esac
  write "tests/$name/Tests.cs" <<CS
namespace $name;

public class ${layer}Tests
{$body
}
CS
done

{
  echo '<Solution>'
  echo '  <Folder Name="/src/">'
  for layer in "${layers[@]}"; do echo "    <Project Path=\"src/$layer/$layer.csproj\" />"; done
  echo '  </Folder>'
  echo '  <Folder Name="/tests/">'
  for project in "${test_projects[@]}"; do echo "    <Project Path=\"$project\" />"; done
  echo '  </Folder>'
  echo '</Solution>'
} | write Stress.slnx

# ---------------------------------------------------------------------------------------------------------------
hash_of() { if [[ -s "$1" ]]; then sha256sum "$1" | cut -c1-64; elif [[ -e "$1" ]]; then echo empty; else echo missing; fi; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
io_pattern='being used by another process|file in use|IOException|(error|warning) MSB[0-9]+'

table="$work/runs.tsv"
printf 'run\texit\tms\tverdict\treport.json\treview.md\treport.sarif\tgate_output\tio_errors\tbad_files\tpassed_projects\n' > "$table"
echo "==> dotnet test Stress.slnx, $runs runs on $(nproc) cores (MSBuild -m default)"
for run in $(seq 1 "$runs"); do
  log="$logs/run-$(printf '%02d' "$run").log"
  rm -rf "$reports"
  start=$(date +%s%N)
  code=0
  (cd "$solution" && dotnet test Stress.slnx -nologo) >"$log" 2>&1 || code=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))

  # Verdict lines: `TestGate (<scope>): <summary>`, not the `coverage per layer` heading above the table.
  verdicts=$(grep -E 'TestGate \([^)]*\): ' "$log" | grep -v ': coverage per layer$' | sed -E 's/^[[:space:]]+//' || true)
  verdict_count=$(grep -c . <<<"$verdicts" || true)
  # What the gate printed, from its table heading to its last report line, plus its TG diagnostics (deduplicated:
  # MSBuild repeats errors in its closing summary). Durations and timings elsewhere in the log are left out.
  gate_output=$( { sed -n '/TestGate ([^)]*): coverage per layer/,/TestGate report: .*report\.sarif/p' "$log"
                   grep -oE '(error|warning) TG[0-9]{4}: .*' "$log" | sort -u || true; } | sha256sum | cut -c1-16)
  io_errors=$(grep -cE "$io_pattern" "$log" || true)
  json=$(hash_of "$reports/report.json"); md=$(hash_of "$reports/review.md"); sarif=$(hash_of "$reports/report.sarif")
  bad_files=0
  for h in "$json" "$md" "$sarif"; do [[ "$h" == missing || "$h" == empty ]] && bad_files=$((bad_files + 1)); done
  # A temporary file left next to the reports is a half-written report.
  leftovers=$( (find "$reports" -maxdepth 1 -name '.*.tmp' 2>/dev/null || true) | wc -l)
  bad_files=$((bad_files + leftovers))
  passed=$(grep -cE '^\s*Passed!' "$log" || true)

  verdict_field=$(tr '\n' '|' <<<"$verdicts" | sed 's/|$//')
  [[ "$verdict_count" == 1 ]] || verdict_field="$verdict_count verdict lines: $verdict_field"
  grep -q 'error TG0901: Domain layer' "$log" || verdict_field="$verdict_field (no TG0901 for Domain)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$code" "$ms" "$verdict_field" "$json" "$md" "$sarif" \
    "$gate_output" "$io_errors" "$bad_files" "$passed" >> "$table"
  printf '    run %2d: exit %s, %6d ms, %s, json %.12s md %.12s sarif %.12s, io errors %s, bad files %s, %s/%s projects passed\n' \
    "$run" "$code" "$ms" "$verdict_field" "$json" "$md" "$sarif" "$io_errors" "$bad_files" "$passed" "$projects"
  if [[ "$io_errors" != 0 ]]; then grep -E "$io_pattern" "$log" | sort -u | sed 's/^/        /'; fi
done

# ---------------------------------------------------------------------------------------------------------------
field() { tail -n +2 "$table" | cut -f"$1"; }
distinct() { field "$1" | sort -u | wc -l; }
total_ms=$(( ($(date +%s%N) - script_start) / 1000000 ))
zero_exits=$(field 2 | grep -cx 0 || true)
io_total=$(field 9 | awk '{ s += $1 } END { print s + 0 }')
bad_total=$(field 10 | awk '{ s += $1 } END { print s + 0 }')
short_runs=$(field 11 | grep -cvx "$projects" || true)
median_ms=$(field 3 | median)
first_ms=$(field 3 | head -1)

status=0
check() { # description, actual, expected
  local mark=ok
  if [[ "$2" != "$3" ]]; then mark=FAIL; status=1; fi
  printf '  %-58s %8s  (must be %s) %s\n' "$1" "$2" "$3" "$mark"
}
echo
echo "Summary: $projects test projects, $runs runs of dotnet test Stress.slnx on $(nproc) cores (TestGate.Sdk $TESTGATE_SDK_VERSION)"
check "runs exiting 0 (the gate must fail every run)" "$zero_exits" 0
check "distinct exit codes" "$(distinct 2)" 1
check "distinct verdicts" "$(distinct 4)" 1
check "runs without one Stress verdict line and TG0901 Domain" \
  "$(field 4 | awk '!/^TestGate \(Stress\): Testing standards not satisfied/ || /\(no TG0901 for Domain\)$/' | wc -l)" 0
check "distinct report.json hashes" "$(distinct 5)" 1
check "distinct review.md hashes" "$(distinct 6)" 1
check "distinct report.sarif hashes" "$(distinct 7)" 1
check "distinct gate outputs" "$(distinct 8)" 1
check "file-in-use / IOException / MSB error lines" "$io_total" 0
check "missing, empty or half-written report files" "$bad_total" 0
check "runs where not every test project passed its tests" "$short_runs" 0
echo "  verdict: $(field 4 | sort | uniq -c | sed -E 's/^ +//')"
echo "  median run time: $median_ms ms (first run, with restore and full build: $first_ms ms)"
echo "  total time (pack, generate, $runs runs): $total_ms ms"
echo "  per-run table: $table; logs: $logs/"
exit "$status"
