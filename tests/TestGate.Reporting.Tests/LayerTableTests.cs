using TestGate.Core.Coverage;

namespace TestGate.Reporting.Tests;

public class LayerTableTests
{
    public static TheoryData<LayerCoverage, string> Statuses => new()
    {
        { Sample.Layer("DTOs", lines: 0, covered: 0, minLine: 0.5, hasCode: false), "no code" },
        { Sample.Layer("Domain", lines: 0, covered: 0, minLine: 0.95), "NOT MEASURED" },
        { Sample.Layer("Domain", lines: 0, covered: 0), "NOT MEASURED" },
        { Sample.Layer("Domain", lines: 100, covered: 95, minLine: 0.95), "ok" },
        { Sample.Layer("Domain", lines: 100, covered: 94, minLine: 0.95), "BELOW" },
        { Sample.Layer("Domain", lines: 100, covered: 100, branches: 10, coveredBranches: 8, minBranch: 0.9), "BELOW" },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Status_distinguishes_no_code_unmeasured_ok_and_below(LayerCoverage layer, string expected) =>
        Assert.Equal(expected, Assert.Single(LayerRow.Of([layer])).Status);

    [Theory]
    [InlineData(0.95, 0.9, "line 95%, branch 90%")]
    [InlineData(0.8, null, "line 80%")]
    [InlineData(null, 0.5, "branch 50%")]
    [InlineData(null, null, "-")]
    public void Required_lists_the_thresholds_the_layer_has(double? minLine, double? minBranch, string expected)
    {
        var row = Assert.Single(LayerRow.Of([Sample.Layer("Services", 10, 10, minLine: minLine, minBranch: minBranch)]));

        Assert.Equal(expected, row.Required);
    }

    [Fact]
    public void A_row_shows_name_type_count_and_percentages()
    {
        var row = Assert.Single(LayerRow.Of([Sample.Layer("Domain", lines: 3, covered: 2, branches: 8, coveredBranches: 7, types: 12)]));

        Assert.Equal(new LayerRow("Domain", "12", "66.67%", "87.5%", "-", "ok"), row);
    }

    [Fact]
    public void Nothing_measured_shows_na_not_zero_or_100_percent()
    {
        var row = Assert.Single(LayerRow.Of([Sample.Layer("Domain", lines: 0, covered: 0)]));

        Assert.Equal(("n/a", "n/a"), (row.Line, row.Branch));
    }

    [Fact]
    public void Rows_keep_the_layer_order() =>
        Assert.Equal(["Domain", "DTOs"], LayerRow.Of(Sample.Layers()).Select(r => r.Layer));

    [Fact]
    public void Console_summary_without_layers_is_only_the_header() =>
        Assert.Equal(["Layer  Types  Line  Branch  Required  Status"], ConsoleSummary.Lines([]));

    [Fact]
    public void Console_summary_aligns_columns_and_right_aligns_numbers()
    {
        var lines = ConsoleSummary.Lines(Sample.Layers());

        Assert.Equal(
            [
                "Layer   Types    Line  Branch  Required              Status",
                "Domain      2  66.67%   87.5%  line 95%, branch 90%  BELOW",
                "DTOs        1     n/a     n/a  -                     no code",
            ],
            lines);
    }

    [Fact]
    public void Console_lines_have_no_trailing_whitespace()
    {
        var lines = ConsoleSummary.Lines(Sample.Layers());

        Assert.All(lines, l => Assert.Equal(l.TrimEnd(), l));
    }

    [Theory]
    [InlineData("TG0901", null, "https://github.com/testgate/testgate-sdk/blob/main/docs/rules/TG0901.md")]
    [InlineData("TG0002", "https://example.test/rules/", "https://example.test/rules/TG0002.md")]
    public void Help_links_point_at_the_codes_page(string code, string? baseUri, string expected) =>
        Assert.Equal(expected, HelpLinks.For(code, baseUri));
}
