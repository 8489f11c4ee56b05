using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using TestGate.Core.Coverage;
using TestGate.Core.Model;
using TestGate.Core.Policy;

namespace TestGate.Engine.Tests;

/// <summary>One gate run over real source and Cobertura files in a temporary repository, down to the report files.</summary>
[Trait("Category", "Integration")]
public sealed class GateRunnerTests : IDisposable
{
    private readonly ShopRepository _repo = new();

    public void Dispose() => _repo.Dispose();

    private static LayerCoverage Layer(GateVerdict verdict, string name) => verdict.Layers.Single(l => l.Layer.Name == name);

    private static JsonElement ReadJson(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    [Fact]
    public void Fully_covered_domain_and_application_pass_and_every_default_report_is_written()
    {
        var run = GateRunner.Run(_repo.Inputs(_repo.FullCoverage()), _repo.Settings());

        var verdict = run.Verdict;
        Assert.True(verdict.Passed);
        Assert.Equal("Testing standards satisfied.", verdict.Summary);
        Assert.Empty(verdict.Findings);
        Assert.DoesNotContain(verdict.Diagnostics, d => d.Level != DiagnosticLevel.Message);
        Assert.Equal(1.0, Layer(verdict, "Domain").LineRate);
        Assert.Equal(1.0, Layer(verdict, "Domain").BranchRate);
        Assert.Equal(1.0, Layer(verdict, "Services").LineRate);
        Assert.Equal(new TestCounts(Unit: 3, Integration: 1, Application: 0, E2E: 0, Unclassified: 0), verdict.Tests);

        var reportJson = Path.Combine(_repo.ReportDirectory, "report.json");
        var reviewMd = Path.Combine(_repo.ReportDirectory, "review.md");
        Assert.Equal([reportJson, reviewMd, Path.Combine(_repo.ReportDirectory, "report.sarif")], run.ReportFiles);
        Assert.All(run.ReportFiles, f => Assert.True(File.Exists(f), f));
        var json = ReadJson(reportJson);
        Assert.Equal("pass", json.GetProperty("verdict").GetString());
        Assert.Equal("Testing standards satisfied.", json.GetProperty("summary").GetString());
        Assert.Equal("9.9.9-test", json.GetProperty("tool").GetProperty("version").GetString());
        Assert.StartsWith("# TestGate review\n\n**Verdict: pass**\n\nTesting standards satisfied.\n", File.ReadAllText(reviewMd));
    }

    [Fact]
    public void Under_covered_domain_is_a_blocking_P1_TG0901_pointing_at_the_first_uncovered_line_relative_to_the_repository()
    {
        var run = GateRunner.Run(_repo.Inputs(_repo.DomainUnderCovered()), _repo.Settings());

        Assert.False(run.Verdict.Passed);
        var finding = Assert.Single(run.Verdict.Findings);
        Assert.Equal("TG0901", finding.Finding.RuleId);
        Assert.Equal(Severity.P1, finding.Severity);
        Assert.True(finding.Blocking);
        Assert.Equal(new SourceLocation("src/Domain/Order.cs", 8, "Domain.Order"), finding.Finding.Location);
        Assert.StartsWith("Domain layer: line coverage 28.57% is below the required 95% (6/21 lines)", finding.Finding.MissingOrBrokenTest);
        Assert.Equal("Testing standards not satisfied: 1 blocking finding(s).", run.Verdict.Summary);

        var reported = Assert.Single(ReadJson(run.ReportFiles[0]).GetProperty("findings").EnumerateArray());
        Assert.Equal("TG0901", reported.GetProperty("ruleId").GetString());
        Assert.True(reported.GetProperty("blocking").GetBoolean());
        Assert.Equal("src/Domain/Order.cs", reported.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(8, reported.GetProperty("location").GetProperty("line").GetInt32());
        Assert.Contains("#### TG0901 layer-coverage-below-threshold — `src/Domain/Order.cs:8`", File.ReadAllText(run.ReportFiles[1]));
    }

    [Fact]
    public void A_core_project_stands_in_for_the_domain_when_nothing_is_named_domain_and_the_run_says_so()
    {
        // The clean-architecture layout: the domain lives in "Core". Unmapped, it would only be a TG0903 note and its
        // coverage would gate nothing.
        _repo.Write("src/Core/Order.cs", ShopRepository.OrderSource.Replace("namespace Domain;", "namespace Core;", StringComparison.Ordinal));
        _repo.Write("src/Application/OrderService.cs", File.ReadAllText(_repo.Full("src/Application/OrderService.cs")).Replace("using Domain;", "using Core;", StringComparison.Ordinal));
        File.Delete(_repo.Full("src/Domain/Order.cs"));
        var coverage = new CoverageInput(
            _repo.CopyCoverage("coverlet-msbuild.cobertura.xml", ShopRepository.CoveragePathOf(ShopRepository.IntegrationTests), text => text
                .Replace("\"Domain\"", "\"Core\"", StringComparison.Ordinal)
                .Replace("Domain.Order", "Core.Order", StringComparison.Ordinal)
                .Replace("Domain/Order.cs", "Core/Order.cs", StringComparison.Ordinal)),
            ShopRepository.IntegrationTests);
        TestGate.Analysis.SourceFile[] production = [_repo.Production("src/Core/Order.cs", "Core"), _repo.Production("src/Application/OrderService.cs", "Application")];

        var run = GateRunner.Run(_repo.Inputs([coverage], production), _repo.Settings());

        var finding = Assert.Single(run.Verdict.Findings);
        Assert.Equal("TG0901", finding.Finding.RuleId);
        Assert.Equal(new SourceLocation("src/Core/Order.cs", 8, "Core.Order"), finding.Finding.Location);
        Assert.StartsWith("Domain layer: line coverage 28.57% is below the required 95%", finding.Finding.MissingOrBrokenTest);
        var note = Assert.Single(run.Verdict.Diagnostics, d => d.Code == "TG0903");
        Assert.Equal(DiagnosticLevel.Message, note.Level);
        Assert.Contains("Core", note.Message);
    }

    [Fact]
    public void A_production_assembly_with_code_that_no_coverage_file_mentions_fails_closed_with_TG0902()
    {
        _repo.Write("src/Infrastructure/OrderRepository.cs", """
            namespace Infrastructure;

            public sealed class OrderRepository
            {
                private readonly List<int> _orders = [];

                public void Add(int id) => _orders.Add(id);
            }
            """);
        var production = _repo.ProductionSources().Append(_repo.Production("src/Infrastructure/OrderRepository.cs", "Infrastructure")).ToArray();

        var run = GateRunner.Run(_repo.Inputs(_repo.FullCoverage(), production), _repo.Settings());

        Assert.False(run.Verdict.Passed);
        var finding = Assert.Single(run.Verdict.Findings);
        Assert.Equal("TG0902", finding.Finding.RuleId);
        Assert.True(finding.Blocking);
        Assert.Equal(new SourceLocation("src/Infrastructure/OrderRepository.cs", 3, "Infrastructure.OrderRepository"), finding.Finding.Location);
        Assert.Contains("(assemblies: Infrastructure)", finding.Finding.MissingOrBrokenTest);
        Assert.Null(Layer(run.Verdict, "Repositories").LineRate);
        Assert.True(Layer(run.Verdict, "Domain").Passed);
    }

    [Fact]
    public void A_coverage_file_that_was_never_written_is_a_TG0001_warning_naming_its_project_and_the_layer_fails_closed()
    {
        var missing = new CoverageInput(_repo.Full(ShopRepository.CoveragePathOf(ShopRepository.UnitTests)), ShopRepository.UnitTests);

        var run = GateRunner.Run(_repo.Inputs([missing]), _repo.Settings());

        var warning = Assert.Single(run.Verdict.Diagnostics, d => d.Code == "TG0001");
        Assert.Equal(DiagnosticLevel.Warning, warning.Level);
        Assert.Contains("not produced by Domain.UnitTests", warning.Message);
        Assert.Equal("tests/Domain.UnitTests/obj/Debug/net10.0/testgate/coverage.cobertura.xml", warning.Path);
        var unmeasured = Assert.Single(run.Verdict.Findings, f => f.Finding.RuleId == "TG0902" && f.Finding.Location?.Path == "src/Domain/Order.cs");
        Assert.True(unmeasured.Blocking);
        Assert.False(run.Verdict.Passed);
    }

    [Fact]
    public void A_truncated_coverage_file_is_a_TG0001_error_at_its_repository_path_and_fails_an_otherwise_passing_run()
    {
        var broken = _repo.Write("tests/Domain.UnitTests/TestResults/coverage.cobertura.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <coverage line-rate="1" branch-rate="1" version="1.9">
              <packages>
                <package name="Domain">
            """);
        var coverage = _repo.FullCoverage().Append(new CoverageInput(broken, ShopRepository.UnitTests)).ToArray();

        var run = GateRunner.Run(_repo.Inputs(coverage), _repo.Settings());

        var error = Assert.Single(run.Verdict.Diagnostics, d => d.Code == "TG0001");
        Assert.Equal(DiagnosticLevel.Error, error.Level);
        Assert.Equal("tests/Domain.UnitTests/TestResults/coverage.cobertura.xml", error.Path);
        Assert.Contains("truncated", error.Message);
        Assert.Empty(run.Verdict.Findings);
        Assert.False(run.Verdict.Passed);
        Assert.Equal("Testing standards not satisfied: 1 gate error(s): the suite could not be measured.", run.Verdict.Summary);
        var reported = Assert.Single(ReadJson(run.ReportFiles[0]).GetProperty("findings").EnumerateArray());
        Assert.Equal("TG0001", reported.GetProperty("ruleId").GetString());
        Assert.Equal("tests/Domain.UnitTests/TestResults/coverage.cobertura.xml", reported.GetProperty("location").GetProperty("path").GetString());
    }

    [Fact]
    public void Without_references_the_run_says_it_reviewed_by_syntax_and_still_decides()
    {
        var run = GateRunner.Run(_repo.Inputs(_repo.FullCoverage()), _repo.Settings());

        var note = Assert.Single(run.Verdict.Diagnostics, d => d.Code == DiagnosticCodes.ReviewMode);
        Assert.Equal(DiagnosticLevel.Message, note.Level);
        Assert.Contains("by syntax", note.Message);
        Assert.Contains(ShopRepository.UnitTests, note.Message);
        Assert.True(run.Verdict.Passed);
    }

    [Fact]
    public void With_references_for_one_project_the_run_names_which_project_was_read_with_the_semantic_model()
    {
        var runtime = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var projects = ShopRepository.TestProjects()
            .Select(p => p.Name == ShopRepository.UnitTests ? p with { References = runtime, GlobalUsings = ["global using global::System;"] } : p)
            .ToArray();
        var inputs = _repo.Inputs(_repo.FullCoverage()) with { TestProjects = projects };

        var run = GateRunner.Run(inputs, _repo.Settings());

        var note = Assert.Single(run.Verdict.Diagnostics, d => d.Code == DiagnosticCodes.ReviewMode);
        Assert.Contains($"read {ShopRepository.UnitTests} with the semantic model", note.Message);
        Assert.Contains($"{ShopRepository.IntegrationTests} by syntax alone", note.Message);
        Assert.True(run.Verdict.Passed);
    }

    [Fact]
    public void No_test_project_is_a_TG0005_error_and_the_verdict_fails()
    {
        var inputs = new GateInputs(_repo.Root, Coverage: [], _repo.ProductionSources(), TestSources: [], TestProjects: []);

        var run = GateRunner.Run(inputs, _repo.Settings());

        var error = Assert.Single(run.Verdict.Diagnostics, d => d.Code == "TG0005");
        Assert.Equal(DiagnosticLevel.Error, error.Level);
        Assert.Contains("No test project reported TestGate inputs", error.Message);
        Assert.False(run.Verdict.Passed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Test_assembly_classes_in_Microsoft_coverage_do_not_count_toward_the_Domain_layer(bool productionSourcesKnown)
    {
        // Microsoft's collector measures the test assembly too. Its classes live in namespace Domain.UnitTests, which
        // the Domain layer's patterns match; they are fully covered, Order here is not (Pay and Discount never ran).
        var coverage = new CoverageInput(
            _repo.CopyCoverage("microsoft-codecoverage.cobertura.xml", "tests/Domain.UnitTests/TestResults/coverage.cobertura.xml", PayAndDiscountNeverRan),
            ShopRepository.UnitTests);
        var inputs = _repo.Inputs([coverage], production: productionSourcesKnown ? [_repo.Production("src/Domain/Order.cs", "Domain")] : []);

        var run = GateRunner.Run(inputs, _repo.Settings());

        var domain = Layer(run.Verdict, "Domain");
        Assert.Equal(["Domain.Order"], domain.MeasuredTypes.Select(t => t.TypeName));
        Assert.Equal(21, domain.Lines);
        Assert.Equal(9.0 / 21, domain.LineRate);
        Assert.Single(run.Verdict.Findings, f => f.Finding.RuleId == "TG0901");
        var note = Assert.Single(run.Verdict.Diagnostics, d => d.Message.StartsWith("Coverage of assemblies that are not production code", StringComparison.Ordinal));
        Assert.Equal(DiagnosticLevel.Message, note.Level);
        Assert.Contains("ignored: Domain.UnitTests.", note.Message);
    }

    private static string PayAndDiscountNeverRan(string cobertura)
    {
        var document = XDocument.Parse(cobertura);
        var order = document.Descendants("class").Single(c => (string?)c.Attribute("name") == "Domain.Order");
        foreach (var line in order.Descendants("line").Where(l => (int)l.Attribute("number")! >= 20))
        {
            line.SetAttributeValue("hits", "0");
        }

        return document.Declaration + "\n" + document.ToString();
    }

    [Fact]
    public void An_unsupported_report_format_is_a_TG0002_warning_and_the_supported_ones_are_still_written()
    {
        var run = GateRunner.Run(_repo.Inputs(_repo.FullCoverage()), _repo.Settings(formats: "md; json; HTML"));

        var warning = Assert.Single(run.Verdict.Diagnostics, d => d.Code == "TG0002");
        Assert.Equal(DiagnosticLevel.Warning, warning.Level);
        Assert.Contains("'html'", warning.Message);
        Assert.True(run.Verdict.Passed);
        Assert.Equal(["report.json", "review.md"], run.ReportFiles.Select(Path.GetFileName));
        Assert.All(run.ReportFiles, f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public void Only_the_requested_format_is_written()
    {
        var run = GateRunner.Run(_repo.Inputs(_repo.FullCoverage()), _repo.Settings(formats: "json"));

        Assert.Equal([Path.Combine(_repo.ReportDirectory, "report.json")], run.ReportFiles);
        Assert.False(File.Exists(Path.Combine(_repo.ReportDirectory, "review.md")));
    }

    [Fact]
    public void An_invalid_TestGateFailOn_is_a_TG0002_error_that_fails_an_otherwise_passing_run()
    {
        var run = GateRunner.Run(_repo.Inputs(_repo.FullCoverage()), _repo.Settings(failOn: "P5"));

        var error = Assert.Single(run.Verdict.Diagnostics, d => d.Code == "TG0002");
        Assert.Equal(DiagnosticLevel.Error, error.Level);
        Assert.Contains("TestGateFailOn='P5'", error.Message);
        Assert.Empty(run.Verdict.Findings);
        Assert.False(run.Verdict.Passed);
    }

    [Fact]
    public void FailOn_None_lets_a_blocking_level_finding_through_without_hiding_it()
    {
        var run = GateRunner.Run(_repo.Inputs(_repo.DomainUnderCovered()), _repo.Settings(failOn: "None"));

        var finding = Assert.Single(run.Verdict.Findings);
        Assert.Equal("TG0901", finding.Finding.RuleId);
        Assert.False(finding.Blocking);
        Assert.True(run.Verdict.Passed);
        Assert.Equal("Testing standards not fully satisfied: 1 non-blocking finding(s) at P0-P2.", run.Verdict.Summary);
    }

    [Fact]
    public void A_production_source_that_cannot_be_read_is_a_TG0003_warning_at_its_repository_path()
    {
        var production = _repo.ProductionSources().Append(_repo.Production("src/Domain/Deleted.cs", "Domain")).ToArray();

        var run = GateRunner.Run(_repo.Inputs(_repo.FullCoverage(), production), _repo.Settings());

        var warning = Assert.Single(run.Verdict.Diagnostics, d => d.Code == "TG0003");
        Assert.Equal(DiagnosticLevel.Warning, warning.Level);
        Assert.Equal("src/Domain/Deleted.cs", warning.Path);
        Assert.True(run.Verdict.Passed);
    }

    [Fact]
    public void Running_twice_over_the_same_inputs_writes_byte_identical_reports()
    {
        var inputs = _repo.Inputs(_repo.DomainUnderCovered());

        var first = GateRunner.Run(inputs, _repo.Settings());
        var firstBytes = first.ReportFiles.Select(File.ReadAllBytes).ToArray();
        var second = GateRunner.Run(inputs, _repo.Settings());

        Assert.Equal(first.ReportFiles, second.ReportFiles);
        Assert.Equal(["report.json", "review.md", "report.sarif"], second.ReportFiles.Select(Path.GetFileName));
        Assert.All(second.ReportFiles.Zip(firstBytes), pair => Assert.Equal(pair.Second, File.ReadAllBytes(pair.First)));
    }

    [Fact]
    public void A_German_culture_writes_the_same_bytes_as_the_invariant_culture()
    {
        var inputs = _repo.Inputs(_repo.DomainUnderCovered());
        var invariant = RunUnder(CultureInfo.InvariantCulture, inputs, Path.Combine(_repo.Root, "invariant"));
        var german = RunUnder(CultureInfo.GetCultureInfo("de-DE"), inputs, Path.Combine(_repo.Root, "german"));

        Assert.Equal(["report.json", "review.md", "report.sarif"], german.Keys);
        Assert.All(german, report => Assert.Equal(invariant[report.Key], report.Value));
        // The run has fractional figures, so a culture leak would show as "28,57%" or 0,2857.
        Assert.Contains("| Domain | 1 | 28.57% | 12.5% |", System.Text.Encoding.UTF8.GetString(german["review.md"]));
        Assert.Contains("\"lineCoverage\": 0.2857", System.Text.Encoding.UTF8.GetString(german["report.json"]));
    }

    private Dictionary<string, byte[]> RunUnder(CultureInfo culture, GateInputs inputs, string reportDirectory)
    {
        var (culture0, uiCulture0) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            var run = GateRunner.Run(inputs, _repo.Settings(reportDirectory: reportDirectory));
            return run.ReportFiles.ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture0;
            CultureInfo.CurrentUICulture = uiCulture0;
        }
    }
}
