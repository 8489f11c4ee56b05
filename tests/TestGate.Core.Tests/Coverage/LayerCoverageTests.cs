using TestGate.Core.Coverage;
using TestGate.Core.Layers;
using TestGate.Core.Model;

namespace TestGate.Core.Tests.Coverage;

public class LayerCoverageTests
{
    private static LayerDefinition LayerWith(double? minLine = null, double? minBranch = null) =>
        LayerDefinition.Create("Domain", namespaces: ["*.Domain"], minLineCoverage: minLine, minBranchCoverage: minBranch);

    [Fact]
    public void Rates_are_null_when_nothing_was_measured_never_100_percent()
    {
        var coverage = Make.Coverage(LayerWith(), lines: 0, coveredLines: 0);

        Assert.Null(coverage.LineRate);
        Assert.Null(coverage.BranchRate);
    }

    [Fact]
    public void Rates_are_covered_over_total()
    {
        var coverage = Make.Coverage(LayerWith(), lines: 4, coveredLines: 3, branches: 8, coveredBranches: 2);

        Assert.Equal(0.75, coverage.LineRate);
        Assert.Equal(0.25, coverage.BranchRate);
    }

    [Theory]
    [InlineData(95, 100, 0.95, true)]
    [InlineData(19, 20, 0.95, true)]
    [InlineData(94, 100, 0.95, false)]
    [InlineData(9499, 10000, 0.95, false)]
    [InlineData(1899, 2000, 0.95, false)]
    [InlineData(37, 40, 0.925, true)]
    [InlineData(369, 400, 0.925, false)]
    [InlineData(57, 100, 0.57, true)]
    [InlineData(100, 100, 1.0, true)]
    [InlineData(999, 1000, 1.0, false)]
    [InlineData(0, 10, 0.0, true)]
    public void Line_threshold_is_compared_exactly_at_the_boundary(int covered, int lines, double min, bool expected)
    {
        var coverage = Make.Coverage(LayerWith(minLine: min), lines, covered);

        Assert.Equal(expected, coverage.LineThresholdMet);
    }

    [Fact]
    public void A_rate_is_judged_at_the_basis_point_the_report_shows()
    {
        // 94.9975% is shown as 95%: judging it against 95% must agree with what the reader sees.
        var coverage = Make.Coverage(LayerWith(minLine: 0.95), lines: 200_000, coveredLines: 189_995);

        Assert.True(coverage.LineThresholdMet);
    }

    [Fact]
    public void Line_threshold_is_not_met_when_no_line_was_measured()
    {
        var coverage = Make.Coverage(LayerWith(minLine: 0.5), lines: 0, coveredLines: 0);

        Assert.False(coverage.LineThresholdMet);
    }

    [Fact]
    public void A_layer_without_thresholds_meets_them_whatever_it_measured()
    {
        var coverage = Make.Coverage(LayerWith(), lines: 10, coveredLines: 0, branches: 4, coveredBranches: 0);

        Assert.True(coverage.LineThresholdMet);
        Assert.True(coverage.BranchThresholdMet);
    }

    [Theory]
    [InlineData(9, 10, true)]
    [InlineData(8, 10, false)]
    [InlineData(0, 0, true)]
    public void Branch_threshold_is_met_at_the_rate_or_when_there_are_no_branches(int covered, int branches, bool expected)
    {
        var coverage = Make.Coverage(LayerWith(minBranch: 0.9), lines: 10, coveredLines: 10, branches, covered);

        Assert.Equal(expected, coverage.BranchThresholdMet);
    }

    [Fact]
    public void A_layer_with_code_but_no_coverage_is_unmeasured_and_fails_closed()
    {
        var coverage = Make.Coverage(LayerWith(), lines: 0, coveredLines: 0);

        Assert.True(coverage.HasCode);
        Assert.False(coverage.IsMeasured);
        Assert.False(coverage.Passed);
    }

    [Fact]
    public void A_layer_with_an_unmeasured_type_is_not_measured_even_when_other_lines_ran()
    {
        var missing = Make.Type("Shop.Domain.Invoice", assembly: "Shop.Billing");
        var coverage = Make.Coverage(LayerWith(), lines: 10, coveredLines: 10, unmeasured: [missing]);

        Assert.False(coverage.IsMeasured);
        Assert.False(coverage.Passed);
    }

    [Fact]
    public void A_layer_with_only_types_without_code_has_nothing_to_cover_and_passes()
    {
        var contract = Make.Type("Shop.Domain.IOrderRepository", hasCode: false);
        var coverage = Make.Coverage(LayerWith(minLine: 0.95), lines: 0, coveredLines: 0, types: [contract]);

        Assert.False(coverage.HasCode);
        Assert.True(coverage.IsMeasured);
        Assert.True(coverage.Passed);
    }

    [Fact]
    public void Measured_lines_count_as_code_even_without_inventory_types()
    {
        var coverage = Make.Coverage(LayerWith(minLine: 0.95), lines: 10, coveredLines: 5, types: []);

        Assert.True(coverage.HasCode);
        Assert.True(coverage.IsMeasured);
        Assert.False(coverage.Passed);
    }

    [Theory]
    [InlineData(10, 10, 10, 10, true)]
    [InlineData(10, 9, 10, 10, false)]
    [InlineData(10, 10, 10, 8, false)]
    public void Passed_needs_measurement_and_both_thresholds(int lines, int covered, int branches, int coveredBranches, bool expected)
    {
        var coverage = Make.Coverage(LayerWith(minLine: 0.95, minBranch: 0.9), lines, covered, branches, coveredBranches);

        Assert.Equal(expected, coverage.Passed);
    }

    [Fact]
    public void TypeCount_is_the_larger_of_inventory_and_measured_types()
    {
        var measured = Enumerable.Range(1, 3)
            .Select(i => new TypeCoverage($"Shop.Domain.T{i}", "Shop.Domain", $"src/T{i}.cs", 1, 1, 0))
            .ToArray();

        var moreMeasured = Make.Coverage(LayerWith(), 3, 3, types: [Make.Type("Shop.Domain.T1")], measured: measured);
        var moreInventory = Make.Coverage(LayerWith(), 3, 3, types: measured.Concat(measured).Select(t => Make.Type(t.TypeName)).ToArray(), measured: measured);

        Assert.Equal(3, moreMeasured.TypeCount);
        Assert.Equal(6, moreInventory.TypeCount);
    }

    [Fact]
    public void TypeCoverage_uncovered_lines_are_lines_minus_covered() =>
        Assert.Equal(7, new TypeCoverage("Shop.Domain.Order", "Shop.Domain", "src/Order.cs", 10, 3, 4).UncoveredLines);
}
