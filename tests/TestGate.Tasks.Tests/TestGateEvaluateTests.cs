using System.Reflection;
using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace TestGate.Tasks.Tests;

/// <summary>
/// TestGateEvaluate as MSBuild runs it: items in, a verdict out as logged errors, warnings and messages, the Passed
/// output and the report files. The build engine is the boundary; everything behind the task is real.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TestGateEvaluateTests : IDisposable
{
    private readonly ShopItems _shop = new();

    public void Dispose() => _shop.Dispose();

    private JsonElement ReportJson()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(_shop.ReportDirectory, "report.json")));
        return document.RootElement.Clone();
    }

    private static JsonElement DomainLayer(JsonElement report) =>
        report.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("name").GetString() == "Domain");

    private static TaskItem LayerParameter(string name, string minLineCoverage)
    {
        var item = new TaskItem(name);
        item.SetMetadata("MinLineCoverage", minLineCoverage);
        return item;
    }

    [Theory]
    [InlineData("", "https://github.com/testgate/testgate-sdk/blob/main/docs/rules/TG0901.md")]
    [InlineData("https://mirror.example.test/testgate/docs/rules", "https://mirror.example.test/testgate/docs/rules/TG0901.md")]
    public void A_blocking_finding_is_an_MSBuild_error_at_the_source_line_with_a_help_link_and_fails_the_task(string helpBaseUri, string helpLink)
    {
        var (task, engine) = _shop.Task(_shop.Inputs(unitTestsRan: false));
        task.HelpBaseUri = helpBaseUri;

        var result = task.Execute();

        Assert.False(result);
        Assert.False(task.Passed);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("TG0901", error.Code);
        Assert.Equal(_shop.Full("src/Domain/Order.cs"), error.File);
        Assert.True(Path.IsPathFullyQualified(error.File));
        Assert.Equal(8, error.LineNumber);
        Assert.Equal(helpLink, error.HelpLink);
        Assert.EndsWith("docs/rules/TG0901.md", error.HelpLink);
        Assert.StartsWith("Domain layer: line coverage 28.57% is below the required 95% (6/21 lines)", error.Message);
        Assert.Contains("[P1 layer-coverage-below-threshold; risk: ", error.Message);
        Assert.Contains(engine.Messages, m => m.Importance == MessageImportance.High && m.Message == "TestGate (Consumer): Testing standards not satisfied: 1 blocking finding(s).");
        Assert.Contains($"Help: [TG0901]({helpLink})", File.ReadAllText(Path.Combine(_shop.ReportDirectory, "review.md")));
    }

    [Fact]
    public void A_passing_run_returns_true_says_so_loudly_and_outputs_the_report_files()
    {
        var (task, engine) = _shop.Task(_shop.Inputs(unitTestsRan: true));

        var result = task.Execute();

        Assert.True(result);
        Assert.True(task.Passed);
        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
        Assert.Contains(engine.Messages, m => m.Importance == MessageImportance.High && m.Message == "TestGate (Consumer): Testing standards satisfied.");
        var reportJson = Path.Combine(_shop.ReportDirectory, "report.json");
        var reviewMd = Path.Combine(_shop.ReportDirectory, "review.md");
        Assert.Equal([reportJson, reviewMd, Path.Combine(_shop.ReportDirectory, "report.sarif")], task.ReportFiles.Select(i => i.ItemSpec));
        Assert.All(task.ReportFiles, f => Assert.True(File.Exists(f.ItemSpec), f.ItemSpec));
        Assert.Contains(engine.Messages, m => m.Importance == MessageImportance.High && m.Message == $"TestGate report: {reportJson}");
        Assert.Equal("pass", ReportJson().GetProperty("verdict").GetString());
    }

    [Fact]
    public void The_projects_own_FailOn_None_turns_the_blocking_finding_into_a_warning()
    {
        var (task, engine) = _shop.Task(_shop.Inputs(unitTestsRan: false, unitFailOn: "None", integrationFailOn: "None"));

        var result = task.Execute();

        Assert.True(result);
        Assert.Empty(engine.Errors);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("TG0901", warning.Code);
        Assert.Equal(_shop.Full("src/Domain/Order.cs"), warning.File);
        Assert.Equal(8, warning.LineNumber);
    }

    [Fact]
    public void A_FailOn_parameter_overrides_the_projects_FailOn()
    {
        var (task, engine) = _shop.Task(_shop.Inputs(unitTestsRan: false, unitFailOn: "None", integrationFailOn: "None"));
        task.FailOn = "P1";

        var result = task.Execute();

        Assert.False(result);
        Assert.Equal("TG0901", Assert.Single(engine.Errors).Code);
        Assert.Empty(engine.Warnings);
    }

    [Fact]
    public void A_Layers_parameter_overrides_the_projects_layers()
    {
        var inputs = _shop.Inputs(unitTestsRan: false);
        inputs.Add(_shop.Layer(ShopItems.UnitTests, "Domain", ("MinLineCoverage", "95")));
        inputs.Add(_shop.Layer(ShopItems.IntegrationTests, "Domain", ("MinLineCoverage", "95")));
        var (task, engine) = _shop.Task(inputs);
        task.Layers = [LayerParameter("Domain", "25")];

        var result = task.Execute();

        Assert.True(result);
        Assert.Empty(engine.Errors);
        var domain = DomainLayer(ReportJson());
        Assert.Equal(0.25, domain.GetProperty("minLineCoverage").GetDouble());
        Assert.Equal(0.2857, domain.GetProperty("lineCoverage").GetDouble());
        Assert.Equal(["Domain"], ReportJson().GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
    }

    [Fact]
    public void A_FailOn_parameter_alone_keeps_the_projects_layers()
    {
        var inputs = _shop.Inputs(unitTestsRan: false);
        inputs.Add(_shop.Layer(ShopItems.UnitTests, "Domain", ("MinLineCoverage", "90")));
        inputs.Add(_shop.Layer(ShopItems.IntegrationTests, "Domain", ("MinLineCoverage", "90")));
        var (task, engine) = _shop.Task(inputs);
        task.FailOn = "None";

        var result = task.Execute();

        Assert.True(result);
        Assert.Equal("TG0901", Assert.Single(engine.Warnings).Code);
        Assert.Equal(0.9, DomainLayer(ReportJson()).GetProperty("minLineCoverage").GetDouble());
    }

    [Fact]
    public void Projects_that_configure_the_gate_differently_get_a_TG0002_warning_and_the_first_by_name_decides()
    {
        // Application.IntegrationTests sorts first and says P0; Domain.UnitTests' P1 would fail the run on TG0901 (P1).
        var (task, engine) = _shop.Task(_shop.Inputs(unitTestsRan: false, unitFailOn: "P1", integrationFailOn: "P0"));

        var result = task.Execute();

        Assert.True(result);
        Assert.Empty(engine.Errors);
        var disagreement = Assert.Single(engine.Warnings, w => w.Code == "TG0002");
        Assert.Contains("Application.IntegrationTests and Domain.UnitTests configure TestGate differently", disagreement.Message);
        // No source location: MSBuild attributes it to the project that ran the task.
        Assert.Equal(engine.ProjectFileOfTaskNode, disagreement.File);
        Assert.Single(engine.Warnings, w => w.Code == "TG0901");
    }

    [Fact]
    public void A_failure_inside_the_gate_becomes_one_TG0004_error_with_guidance_and_no_stack_trace()
    {
        var (task, engine) = _shop.Task(_shop.Inputs(unitTestsRan: true));
        // The reports cannot be written: the report directory is an existing file.
        task.ReportDirectory = _shop.Write("TestResults/TestGate", "not a directory");

        var result = task.Execute();

        Assert.False(result);
        Assert.False(task.Passed);
        Assert.Empty(task.ReportFiles);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("TG0004", error.Code);
        Assert.StartsWith("TestGate failed unexpectedly and could not decide, so the build fails: IOException: ", error.Message);
        Assert.Contains("Re-run with -v:detailed for the stack trace, or set TestGateEnabled=false", error.Message);
        Assert.DoesNotContain(" at TestGate.", error.Message);
        Assert.DoesNotContain("\n", error.Message);
        Assert.EndsWith("docs/rules/TG0004.md", error.HelpLink);
        // The stack is kept for a bug report, only in the detailed log.
        Assert.Contains(engine.Messages, m => m.Importance == MessageImportance.Low
            && m.Message?.StartsWith("System.IO.IOException", StringComparison.Ordinal) == true
            && m.Message.Contains("\n   at TestGate.", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_ToolVersion_the_report_carries_the_task_assembly_version_without_the_commit()
    {
        var (task, _) = _shop.Task(_shop.Inputs(unitTestsRan: true));
        task.ToolVersion = string.Empty;

        Assert.True(task.Execute());

        var version = ReportJson().GetProperty("tool").GetProperty("version").GetString();
        var informational = typeof(TestGateEvaluate).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.NotNull(version);
        Assert.NotEmpty(version);
        Assert.DoesNotContain('+', version);
        Assert.True(informational == version || informational.StartsWith(version + "+", StringComparison.Ordinal), $"'{version}' is not the version part of '{informational}'");
        Assert.StartsWith(typeof(TestGateEvaluate).Assembly.GetName().Version!.ToString(3), version);
    }

    [Fact]
    public void An_explicit_ToolVersion_is_reported_as_given()
    {
        var (task, _) = _shop.Task(_shop.Inputs(unitTestsRan: true));
        task.ToolVersion = "2.1.0-preview.3+abcdef";

        Assert.True(task.Execute());

        Assert.Equal("2.1.0-preview.3+abcdef", ReportJson().GetProperty("tool").GetProperty("version").GetString());
    }

    [Fact]
    public void Without_RepositoryRoot_paths_are_relative_to_the_nearest_git_above_the_start_directory()
    {
        var (task, engine) = _shop.Task(_shop.Inputs(unitTestsRan: false));
        task.RepositoryRoot = string.Empty;
        task.StartDirectory = _shop.Full("tests/Domain.UnitTests");

        Assert.False(task.Execute());

        Assert.Equal(_shop.Full("src/Domain/Order.cs"), Assert.Single(engine.Errors).File);
        var finding = Assert.Single(ReportJson().GetProperty("findings").EnumerateArray());
        Assert.Equal("src/Domain/Order.cs", finding.GetProperty("location").GetProperty("path").GetString());
    }

    [Fact]
    public void Production_sources_take_the_assembly_name_of_their_projects_target_path()
    {
        // Project Shop.Core builds Domain.dll: coverage reports its types under package "Domain".
        _shop.Write("src/Shop.Core/Order.cs", File.ReadAllText(_shop.Full("src/Domain/Order.cs")));
        var production = _shop.ProductionProject("Shop.Core", assemblyName: "Domain").Concat(_shop.ProductionProject("Application"));
        var (task, engine) = _shop.Task(_shop.Inputs(unitTestsRan: true, production: production));

        var result = task.Execute();

        Assert.True(result, string.Join("\n", engine.Errors.Select(e => $"{e.Code} {e.Message}")));
        Assert.Equal(1.0, DomainLayer(ReportJson()).GetProperty("lineCoverage").GetDouble());
    }

    [Fact]
    public void A_forced_TestGateTestKind_counts_the_projects_tests_as_that_kind()
    {
        var (task, _) = _shop.Task(_shop.Inputs(unitTestsRan: true, integrationTestKind: "E2E"));

        Assert.True(task.Execute());

        var tests = ReportJson().GetProperty("tests");
        Assert.Equal(2, tests.GetProperty("unit").GetInt32());
        Assert.Equal(0, tests.GetProperty("integration").GetInt32());
        Assert.Equal(1, tests.GetProperty("e2e").GetInt32());
    }

    [Fact]
    public void An_unknown_TestGateTestKind_is_a_TG0002_error_naming_the_project()
    {
        var (task, engine) = _shop.Task(_shop.Inputs(unitTestsRan: true, integrationTestKind: "Smoke"));

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("TG0002", error.Code);
        Assert.Contains("Application.IntegrationTests sets TestGateTestKind='Smoke'", error.Message);
    }

    [Fact]
    public void Items_reported_once_per_target_framework_are_counted_once()
    {
        var inputs = _shop.Inputs(unitTestsRan: true);
        var (task, engine) = _shop.Task(inputs.Concat(inputs.Where(i => i.GetMetadata("TestGateInputKind") != "Coverage")));

        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => $"{e.Code} {e.Message}")));

        var report = ReportJson();
        Assert.Equal(2, report.GetProperty("tests").GetProperty("unit").GetInt32());
        Assert.Equal(1, DomainLayer(report).GetProperty("types").GetInt32());
    }
}
