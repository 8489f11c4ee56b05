using System.Globalization;
using TestGate.Core.Coverage;
using TestGate.Core.Layers;
using TestGate.Core.Model;
using TestGate.Core.Rules;

namespace TestGate.Core.Tests.Rules;

public class CoverageRulesTests
{
    private static readonly LayerMapper Mapper = new(DefaultLayers.All);

    private static Finding[] Evaluate(IReadOnlyList<ProductionType> inventory, IReadOnlyList<CoveredType> coverage) =>
        CoverageRules.Evaluate(LayerCoverageCalculator.Assess(Mapper, inventory, coverage)).ToArray();

    private static Finding[] Evaluate(params LayerCoverage[] layers) =>
        CoverageRules.Evaluate(new CoverageAssessment(layers, [])).ToArray();

    [Fact]
    public void Domain_below_threshold_is_P1_and_names_measured_and_required()
    {
        var findings = Evaluate([Make.Type("Shop.Domain.Order")], [Make.Covered("Shop.Domain.Order", lines: 100, covered: 90)]);

        var finding = Assert.Single(findings);
        Assert.Equal("TG0901", finding.RuleId);
        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Equal(
            "Domain layer: line coverage 90% is below the required 95% (90/100 lines). Least covered: Shop.Domain.Order (90/100 lines).",
            finding.MissingOrBrokenTest);
        Assert.Equal("Unit", finding.RecommendedTestType);
    }

    [Fact]
    public void Below_threshold_points_at_the_first_uncovered_line_of_the_least_covered_type()
    {
        var findings = Evaluate(
            [Make.Type("Shop.Domain.Order"), Make.Type("Shop.Domain.Customer")],
            [
                Make.Covered("Shop.Domain.Order", lines: 50, covered: 40, file: "src/Domain/Order.cs", firstLine: 11),
                Make.Covered("Shop.Domain.Customer", lines: 50, covered: 48, file: "src/Domain/Customer.cs"),
            ]);

        var finding = Assert.Single(findings);
        Assert.Equal(new SourceLocation("src/Domain/Order.cs", 51, "Shop.Domain.Order"), finding.Location);
        Assert.Contains("Least covered: Shop.Domain.Order (40/50 lines), Shop.Domain.Customer (48/50 lines).", finding.MissingOrBrokenTest);
        Assert.Contains("src/Domain/Order.cs line 51", finding.ExampleTestOutline);
        Assert.Contains("public class OrderTests", finding.ExampleTestOutline);
        Assert.Contains("Business rules in Order, Customer", finding.Risk);
    }

    [Theory]
    [InlineData("nunit", "[TestFixture]\npublic class OrderTests", "    [Test]\n    public void Order_rejects_an_invalid_transition()")]
    [InlineData("tunit", "public class OrderTests", "    [Test, Timeout(10_000)]\n    public async Task Order_rejects_an_invalid_transition(CancellationToken cancellationToken)")]
    [InlineData("xunit", "public class OrderTests", "    [Fact]\n    public void Order_rejects_an_invalid_transition()")]
    public void The_example_test_is_written_in_the_framework_the_suite_uses(string framework, string classHeader, string testHeader)
    {
        var test = new TestGate.Core.Suite.TestFacts(
            new TestMethod("Shop.Tests", "Shop.Tests.OrderTests", "Pays", TestKind.Unit, "/repo/tests/OrderTests.cs", 3), framework, false, false, false, false, [], [], [], [], [], [], []);
        var assessment = LayerCoverageCalculator.Assess(Mapper, [Make.Type("Shop.Domain.Order")], [Make.Covered("Shop.Domain.Order", lines: 100, covered: 90)]);

        var finding = Assert.Single(CoverageRules.Evaluate(assessment, new TestGate.Core.Suite.SuiteModel([], [test], [])));

        Assert.StartsWith(classHeader, finding.ExampleTestOutline);
        Assert.Contains(testHeader, finding.ExampleTestOutline);
    }

    [Fact]
    public void Branch_shortfall_names_measured_and_required_branch_coverage()
    {
        var domain = Make.Coverage(Make.DefaultLayer("Domain"), lines: 100, coveredLines: 100, branches: 10, coveredBranches: 8);

        var finding = Assert.Single(Evaluate(domain));

        Assert.Equal("TG0901", finding.RuleId);
        Assert.Equal("Domain layer: branch coverage 80% is below the required 90% (8/10 branches).", finding.MissingOrBrokenTest);
        Assert.Equal(new SourceLocation("src/Shop/Domain/Sample.cs", 1, "Shop.Domain.Sample"), finding.Location);
    }

    [Fact]
    public void Line_and_branch_shortfalls_are_reported_in_one_finding()
    {
        var domain = Make.Coverage(Make.DefaultLayer("Domain"), lines: 100, coveredLines: 80, branches: 10, coveredBranches: 5);

        var finding = Assert.Single(Evaluate(domain));

        Assert.Contains("line coverage 80% is below the required 95% (80/100 lines); branch coverage 50% is below the required 90% (5/10 branches)", finding.MissingOrBrokenTest);
    }

    [Theory]
    [InlineData("Domain", Severity.P1)]
    [InlineData("Services", Severity.P2)]
    [InlineData("Repositories", Severity.P2)]
    [InlineData("Handlers", Severity.P2)]
    public void Below_threshold_takes_the_layers_severity(string layer, Severity expected)
    {
        var coverage = Make.Coverage(Make.DefaultLayer(layer), lines: 10, coveredLines: 0);

        var finding = Assert.Single(Evaluate(coverage));

        Assert.Equal("TG0901", finding.RuleId);
        Assert.Equal(expected, finding.Severity);
        Assert.StartsWith($"{layer} layer: line coverage 0% is below the required", finding.MissingOrBrokenTest);
    }

    [Theory]
    [InlineData("Domain", "Business rules in")]
    [InlineData("Services", "Workflows in")]
    [InlineData("Repositories", "Data access in")]
    [InlineData("Handlers", "Entry points in")]
    public void Below_threshold_risk_speaks_to_what_the_layer_does(string layer, string expected)
    {
        var finding = Assert.Single(Evaluate(Make.Coverage(Make.DefaultLayer(layer), lines: 10, coveredLines: 0)));

        Assert.StartsWith(expected, finding.Risk);
    }

    [Theory]
    [InlineData("Repositories", "SqliteConnection")]
    [InlineData("Services", "[Fact(Timeout = 10_000)]")]
    [InlineData("Domain", "_rejects_an_invalid_transition()")]
    public void Outline_matches_the_recommended_test_type(string layer, string expected)
    {
        var finding = Assert.Single(Evaluate(Make.Coverage(Make.DefaultLayer(layer), lines: 10, coveredLines: 0)));

        Assert.Contains(expected, finding.ExampleTestOutline);
        Assert.StartsWith("public class SampleTests\n{", finding.ExampleTestOutline);
    }

    [Fact]
    public void A_custom_layer_severity_is_used_for_its_findings()
    {
        var critical = LayerDefinition.Create("Pricing", minLineCoverage: 0.9, severity: Severity.P0);

        var finding = Assert.Single(Evaluate(Make.Coverage(critical, lines: 10, coveredLines: 8)));

        Assert.Equal(Severity.P0, finding.Severity);
    }

    [Fact]
    public void Layers_meeting_their_thresholds_produce_no_finding()
    {
        var findings = Evaluate(
            Make.Coverage(Make.DefaultLayer("Domain"), lines: 100, coveredLines: 95, branches: 10, coveredBranches: 9),
            Make.Coverage(Make.DefaultLayer("Handlers"), lines: 10, coveredLines: 4));

        Assert.Empty(findings);
    }

    [Fact]
    public void A_measured_layer_without_thresholds_produces_no_finding_at_zero_percent() =>
        Assert.Empty(Evaluate(Make.Coverage(Make.DefaultLayer("DTOs"), lines: 10, coveredLines: 0)));

    [Fact]
    public void A_layer_without_code_produces_no_finding()
    {
        var empty = Make.Coverage(Make.DefaultLayer("Domain"), lines: 0, coveredLines: 0, types: []);

        Assert.Empty(Evaluate(empty));
    }

    [Fact]
    public void Code_without_any_coverage_is_TG0902_naming_layer_and_assembly()
    {
        var repository = Make.Type("Shop.Infrastructure.SqliteOrderRepository", path: "src/Infrastructure/SqliteOrderRepository.cs", line: 7);

        var finding = Assert.Single(Evaluate([repository], []));

        Assert.Equal("TG0902", finding.RuleId);
        Assert.Equal(Severity.P1, finding.Severity);
        Assert.StartsWith(
            "Repositories layer has 1 type(s) with code but no coverage data at all (assemblies: Shop.Infrastructure).",
            finding.MissingOrBrokenTest);
        Assert.Contains("Shop.Infrastructure", finding.Risk);
        Assert.Equal("Integration", finding.RecommendedTestType);
        Assert.StartsWith("// Reference Shop.Infrastructure from a test project", finding.ExampleTestOutline);
        Assert.Equal(new SourceLocation("src/Infrastructure/SqliteOrderRepository.cs", 7, repository.FullName), finding.Location);
    }

    [Fact]
    public void Coverage_missing_fails_closed_at_P1_even_for_a_P2_layer()
    {
        var finding = Assert.Single(Evaluate([Make.Type("Shop.Application.OrderService")], []));

        Assert.Equal(("TG0902", Severity.P1), (finding.RuleId, finding.Severity));
        Assert.Equal(Severity.P2, Make.DefaultLayer("Services").Severity);
    }

    [Fact]
    public void Partly_measured_layer_is_TG0902_for_the_unmeasured_types_not_TG0901()
    {
        var invoice = Make.Type("Shop.Domain.Invoice", assembly: "Shop.Billing", path: "src/Billing/Invoice.cs", line: 3);
        ProductionType[] inventory = [Make.Type("Shop.Domain.Order"), invoice];

        var finding = Assert.Single(Evaluate(inventory, [Make.Covered("Shop.Domain.Order", lines: 10, covered: 1)]));

        Assert.Equal("TG0902", finding.RuleId);
        Assert.StartsWith("Domain layer: 1 type(s) with code were not measured by any coverage file (assemblies: Shop.Billing).", finding.MissingOrBrokenTest);
        Assert.Equal(new SourceLocation("src/Billing/Invoice.cs", 3, "Shop.Domain.Invoice"), finding.Location);
    }

    [Fact]
    public void Unmapped_types_are_one_P3_TG0903_per_assembly_in_assembly_order()
    {
        ProductionType[] inventory =
        [
            Make.Type("Zed.Tools.Clock", path: "src/Zed/Clock.cs", line: 4),
            Make.Type("Shop.Misc.Beta"),
            Make.Type("Shop.Misc.Alpha", path: "src/Misc/Alpha.cs", line: 9),
        ];

        var findings = Evaluate(inventory, []);

        Assert.Equal(["TG0903", "TG0903"], findings.Select(f => f.RuleId));
        Assert.All(findings, f => Assert.Equal(Severity.P3, f.Severity));
        Assert.Equal("2 type(s) in Shop.Misc belong to no layer: Shop.Misc.Alpha, Shop.Misc.Beta.", findings[0].MissingOrBrokenTest);
        Assert.Equal(new SourceLocation("src/Misc/Alpha.cs", 9, "Shop.Misc.Alpha"), findings[0].Location);
        Assert.Contains("Namespaces=\"Shop.Misc\"", findings[0].ExampleTestOutline);
        Assert.Equal("1 type(s) in Zed.Tools belong to no layer: Zed.Tools.Clock.", findings[1].MissingOrBrokenTest);
    }

    [Fact]
    public void Unmapped_message_lists_five_types_and_counts_the_rest()
    {
        var inventory = Enumerable.Range(1, 7).Select(i => Make.Type($"Shop.Misc.T{i}")).ToArray();

        var finding = Assert.Single(Evaluate(inventory, []));

        Assert.Equal(
            "7 type(s) in Shop.Misc belong to no layer: Shop.Misc.T1, Shop.Misc.T2, Shop.Misc.T3, Shop.Misc.T4, Shop.Misc.T5 and 2 more.",
            finding.MissingOrBrokenTest);
    }

    [Fact]
    public void Layer_findings_come_before_unmapped_findings()
    {
        var findings = Evaluate([Make.Type("Shop.Misc.Helper"), Make.Type("Shop.Domain.Order")], []);

        Assert.Equal(["TG0902", "TG0903"], findings.Select(f => f.RuleId));
    }

    [Theory]
    [InlineData(0.95, "95%")]
    [InlineData(0.925, "92.5%")]
    [InlineData(1.0, "100%")]
    [InlineData(0.0, "0%")]
    [InlineData(0.123, "12.3%")]
    [InlineData(0.949975, "95%")]
    [InlineData(null, "n/a")]
    public void Percent_shows_up_to_two_decimals_or_na(double? fraction, string expected) =>
        Assert.Equal(expected, CoverageRules.Percent(fraction));

    [Fact]
    public void Percent_uses_a_dot_whatever_the_current_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");

            Assert.Equal("92.5%", CoverageRules.Percent(0.925));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
