using System.Text.Json;
using System.Text.RegularExpressions;

namespace TestGate.EndToEnd.Tests;

/// <summary>
/// The packed SDK on generated consumer solutions, through real `dotnet test` and `dotnet msbuild` processes: the
/// verdict, the exit code, the diagnostics and the report files a user sees.
/// </summary>
[Collection(PackedSdkCollection.Name)]
[Trait("Category", "E2E")]
public sealed class GateEndToEndTests(PackedSdk sdk)
{
    private const int Timeout = 600_000;

    private static JsonElement Report(ConsumerSolution solution) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(solution.ReportDirectory, "report.json"))).RootElement;

    private static JsonElement Layer(JsonElement report, string name) =>
        report.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("name").GetString() == name);

    [Fact(Timeout = Timeout)]
    public async Task Under_covered_domain_fails_the_solution_with_TG0901_and_one_verdict()
    {
        var solution = ConsumerSolution.Create(sdk, "under-covered", domainFullyTested: false);
        var file = await solution.CreateSolutionFileAsync("sln");

        var result = await solution.RunAsync("test", file);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(new Regex(@"Order\.cs\(\d+\): error TG0901: Domain layer: line coverage \d+(\.\d+)?% is below the required 95%"), result.Output);
        Assert.True(result.Output.Contains("docs/rules/TG0901.md", StringComparison.Ordinal), result.ToString());
        Assert.Single(Regex.Matches(result.Output, @"TestGate \([^)]*\): Testing standards not satisfied"));
        var report = Report(solution);
        Assert.Equal("fail", report.GetProperty("verdict").GetString());
        Assert.False(Layer(report, "Domain").GetProperty("passed").GetBoolean());
        Assert.True(Layer(report, "Domain").GetProperty("lineCoverage").GetDouble() < 0.95);
        var finding = Assert.Single(report.GetProperty("findings").EnumerateArray());
        Assert.Equal("TG0901", finding.GetProperty("ruleId").GetString());
        Assert.Equal("src/Domain/Order.cs", finding.GetProperty("location").GetProperty("path").GetString());
        Assert.True(File.Exists(Path.Combine(solution.ReportDirectory, "review.md")));

        // Over the results that are already there, without building or testing again.
        var rerun = await solution.RunAsync("msbuild", file, "-t:TestGate", "-nologo");

        Assert.NotEqual(0, rerun.ExitCode);
        Assert.True(rerun.Output.Contains("error TG0901", StringComparison.Ordinal), rerun.ToString());
    }

    [Fact(Timeout = Timeout)]
    public async Task A_failed_gate_retried_after_the_missing_tests_are_added_passes_and_replaces_the_failed_reports()
    {
        var solution = ConsumerSolution.Create(sdk, "retried", domainFullyTested: false);
        var file = await solution.CreateSolutionFileAsync("sln");
        var failed = await solution.RunAsync("test", file);
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Equal("fail", Report(solution).GetProperty("verdict").GetString());

        solution.AddDomainRuleTests();
        var retried = await solution.RunAsync("test", file);

        Assert.True(retried.ExitCode == 0, retried.ToString());
        Assert.True(retried.Output.Contains("TestGate (Consumer): Testing standards satisfied.", StringComparison.Ordinal), retried.ToString());
        var report = Report(solution);
        Assert.Equal("pass", report.GetProperty("verdict").GetString());
        Assert.DoesNotContain(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "TG0901");
        Assert.DoesNotContain("TG0901", File.ReadAllText(Path.Combine(solution.ReportDirectory, "review.md")));
    }

    [Fact(Timeout = Timeout)]
    public async Task Covered_domain_passes_in_slnx_with_build_and_no_build()
    {
        var solution = ConsumerSolution.Create(sdk, "covered", domainFullyTested: true);
        var file = await solution.CreateSolutionFileAsync("slnx");

        var result = await solution.RunAsync("test", file);
        var noBuild = await solution.RunAsync("test", file, "--no-build");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Output.Contains("TestGate (Consumer): Testing standards satisfied.", StringComparison.Ordinal), result.ToString());
        Assert.False(result.Output.Contains("TestGate (Domain.UnitTests)", StringComparison.Ordinal), result.ToString());
        Assert.True(noBuild.ExitCode == 0, noBuild.ToString());
        Assert.True(noBuild.Output.Contains("Testing standards satisfied.", StringComparison.Ordinal), noBuild.ToString());
        var report = Report(solution);
        Assert.Equal("pass", report.GetProperty("verdict").GetString());
        Assert.Equal("Testing standards satisfied.", report.GetProperty("summary").GetString());
        Assert.Equal(3, report.GetProperty("tests").GetProperty("unit").GetInt32());
        Assert.Equal(1, report.GetProperty("tests").GetProperty("integration").GetInt32());
        Assert.Equal(1.0, Layer(report, "Domain").GetProperty("lineCoverage").GetDouble());
    }

    [Fact(Timeout = Timeout)]
    public async Task A_single_test_project_gets_its_own_verdict_and_coverage_switched_off_fails_closed()
    {
        var solution = ConsumerSolution.Create(sdk, "single", domainFullyTested: true);

        var own = await solution.RunAsync("test", "tests/Domain.UnitTests/Domain.UnitTests.csproj");
        var unmeasured = await solution.RunAsync("test", "tests/Domain.UnitTests/Domain.UnitTests.csproj", "-p:CollectCoverage=false");

        Assert.True(own.ExitCode == 0, own.ToString());
        Assert.True(own.Output.Contains("TestGate (Domain.UnitTests): Testing standards satisfied.", StringComparison.Ordinal), own.ToString());
        Assert.True(File.Exists(Path.Combine(solution.Root, "tests", "Domain.UnitTests", "TestResults", "TestGate", "report.json")));
        Assert.NotEqual(0, unmeasured.ExitCode);
        Assert.True(unmeasured.Output.Contains("TG0902", StringComparison.Ordinal), unmeasured.ToString());
        Assert.False(unmeasured.Output.Contains("Testing standards satisfied.", StringComparison.Ordinal), unmeasured.ToString());
    }
}
