using System.Globalization;
using System.Text.Json;
using TestGate.Core.Model;

namespace TestGate.Reporting.Tests;

public class SarifReportTests
{
    private static JsonElement Run(string sarif) =>
        JsonDocument.Parse(sarif).RootElement.GetProperty("runs").EnumerateArray().Single();

    private static JsonElement Result(JsonElement run, string ruleId) =>
        run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == ruleId);

    [Fact]
    public void Declares_sarif_2_1_0_and_one_rule_per_catalog_entry_and_diagnostic()
    {
        var root = JsonDocument.Parse(SarifReport.Render(Sample.Passing(), "1.2.3")).RootElement;
        var driver = Run(root.GetRawText()).GetProperty("tool").GetProperty("driver");
        var ids = driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToArray();

        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Equal("1.2.3", driver.GetProperty("version").GetString());
        Assert.Equal(RuleCatalog.Rules.Count + RuleCatalog.Diagnostics.Count, ids.Length);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Contains("TG0401", ids);
        Assert.Contains("TG0001", ids);
    }

    [Fact]
    public void Every_rule_links_to_its_help_page_under_the_configured_base()
    {
        var driver = Run(SarifReport.Render(Sample.Passing(), "1.0.0", "https://example.test/rules/")).GetProperty("tool").GetProperty("driver");

        Assert.All(driver.GetProperty("rules").EnumerateArray(), rule =>
            Assert.Equal($"https://example.test/rules/{rule.GetProperty("id").GetString()}.md", rule.GetProperty("helpUri").GetString()));
    }

    [Fact]
    public void A_blocking_finding_is_an_error_with_a_relative_location_and_line()
    {
        var run = Run(SarifReport.Render(Sample.Failing(), "1.0.0"));
        var result = Result(run, "TG0901");
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        var ruleIndex = result.GetProperty("ruleIndex").GetInt32();

        Assert.Equal("error", result.GetProperty("level").GetString());
        Assert.Equal("src/Domain/Order.cs", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(12, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal("TG0901", run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[ruleIndex].GetProperty("id").GetString());
        Assert.True(result.GetProperty("properties").GetProperty("blocking").GetBoolean());
    }

    [Theory]
    [InlineData("TG0303", "warning")]
    [InlineData("TG0903", "note")]
    [InlineData("TG0001", "error")]
    public void Levels_follow_blocking_and_severity(string ruleId, string level) =>
        Assert.Equal(level, Result(Run(SarifReport.Render(Sample.Failing(), "1.0.0")), ruleId).GetProperty("level").GetString());

    [Fact]
    public void A_finding_without_a_path_has_no_location_and_a_location_without_line_has_no_region()
    {
        var run = Run(SarifReport.Render(Sample.Failing(), "1.0.0"));

        Assert.False(Result(run, "TG0303").TryGetProperty("locations", out _));
        Assert.False(Result(run, "TG0903").GetProperty("locations")[0].GetProperty("physicalLocation").TryGetProperty("region", out _));
    }

    [Fact]
    public void Output_is_identical_across_runs_and_cultures()
    {
        var first = SarifReport.Render(Sample.Failing(), "1.0.0");
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(first, SarifReport.Render(Sample.Failing(), "1.0.0"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.DoesNotContain("\r", first);
    }
}
