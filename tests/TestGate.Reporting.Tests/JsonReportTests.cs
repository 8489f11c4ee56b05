using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TestGate.Core.Model;

namespace TestGate.Reporting.Tests;

public class JsonReportTests
{
    private static JsonElement Render(Core.Policy.GateVerdict verdict, string version = "1.2.3")
    {
        using var document = JsonDocument.Parse(JsonReport.Render(verdict, version));
        return document.RootElement.Clone();
    }

    private static string[] PropertyNames(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void The_root_has_the_contract_fields_in_order()
    {
        var root = Render(Sample.Failing());

        Assert.Equal(["schemaVersion", "tool", "verdict", "summary", "tests", "layers", "findings"], PropertyNames(root));
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(JsonReport.SchemaVersion, root.GetProperty("schemaVersion").GetInt32());
    }

    [Fact]
    public void Tool_names_TestGate_and_the_given_version()
    {
        var tool = Render(Sample.Passing(), version: "2.0.0-beta.1").GetProperty("tool");

        Assert.Equal(["name", "version"], PropertyNames(tool));
        Assert.Equal("TestGate", tool.GetProperty("name").GetString());
        Assert.Equal("2.0.0-beta.1", tool.GetProperty("version").GetString());
    }

    [Fact]
    public void Verdict_is_fail_and_summary_is_the_verdicts_summary()
    {
        var verdict = Sample.Failing();

        var root = Render(verdict);

        Assert.Equal("fail", root.GetProperty("verdict").GetString());
        Assert.Equal(
            "Testing standards not satisfied: 1 gate error(s): the suite could not be measured, 2 blocking finding(s), 1 non-blocking finding(s) at P0-P2.",
            root.GetProperty("summary").GetString());
    }

    [Fact]
    public void A_passing_verdict_is_pass_with_the_standards_phrase()
    {
        var root = Render(Sample.Passing());

        Assert.Equal("pass", root.GetProperty("verdict").GetString());
        Assert.Equal("Testing standards satisfied.", root.GetProperty("summary").GetString());
        Assert.Equal(0, root.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void Tests_count_each_kind()
    {
        var tests = Render(Sample.Failing()).GetProperty("tests");

        Assert.Equal(["unit", "integration", "application", "e2e", "unclassified"], PropertyNames(tests));
        Assert.Equal(
            [12, 4, 3, 2, 1],
            tests.EnumerateObject().Select(p => p.Value.GetInt32()));
    }

    [Fact]
    public void Layers_report_rates_and_thresholds_as_fractions()
    {
        var layers = Render(Sample.Failing()).GetProperty("layers");

        Assert.Equal(2, layers.GetArrayLength());
        var domain = layers[0];
        Assert.Equal(["name", "lineCoverage", "branchCoverage", "minLineCoverage", "minBranchCoverage", "types", "passed"], PropertyNames(domain));
        Assert.Equal("Domain", domain.GetProperty("name").GetString());
        Assert.Equal(0.6667, domain.GetProperty("lineCoverage").GetDouble());
        Assert.Equal(0.875, domain.GetProperty("branchCoverage").GetDouble());
        Assert.Equal(0.95, domain.GetProperty("minLineCoverage").GetDouble());
        Assert.Equal(0.9, domain.GetProperty("minBranchCoverage").GetDouble());
        Assert.Equal(2, domain.GetProperty("types").GetInt32());
        Assert.False(domain.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void Unmeasured_rates_and_absent_thresholds_are_null_not_zero_or_one()
    {
        var dtos = Render(Sample.Failing()).GetProperty("layers")[1];

        Assert.Equal("DTOs", dtos.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, dtos.GetProperty("lineCoverage").ValueKind);
        Assert.Equal(JsonValueKind.Null, dtos.GetProperty("branchCoverage").ValueKind);
        Assert.Equal(JsonValueKind.Null, dtos.GetProperty("minLineCoverage").ValueKind);
        Assert.Equal(JsonValueKind.Null, dtos.GetProperty("minBranchCoverage").ValueKind);
        Assert.Equal(1, dtos.GetProperty("types").GetInt32());
        Assert.True(dtos.GetProperty("passed").GetBoolean());
    }

    [Theory]
    [InlineData(10, 10, 1.0)]
    [InlineData(1, 3, 0.3333)]
    [InlineData(19, 20, 0.95)]
    [InlineData(0, 7, 0.0)]
    public void Rates_are_fractions_rounded_to_four_decimals(int covered, int lines, double expected)
    {
        var verdict = Sample.With([Sample.Layer("Services", lines, covered)]);

        var rate = Render(verdict).GetProperty("layers")[0].GetProperty("lineCoverage").GetDouble();

        Assert.Equal(expected, rate);
    }

    [Fact]
    public void Findings_have_the_contract_fields_in_order()
    {
        var findings = Render(Sample.Failing()).GetProperty("findings");

        Assert.All(
            findings.EnumerateArray(),
            f => Assert.Equal(
                ["ruleId", "rule", "severity", "blocking", "missingOrBrokenTest", "risk", "recommendedTestType", "exampleTestOutline", "location"],
                PropertyNames(f)));
    }

    [Fact]
    public void Findings_list_gate_errors_first_then_the_policy_order()
    {
        var findings = Render(Sample.Failing()).GetProperty("findings");

        Assert.Equal(
            ["TG0001 P0 True", "TG0201 P1 True", "TG0901 P1 True", "TG0303 P2 False", "TG0903 P3 False"],
            findings.EnumerateArray().Select(f =>
                $"{f.GetProperty("ruleId").GetString()} {f.GetProperty("severity").GetString()} {f.GetProperty("blocking").GetBoolean()}"));
    }

    [Fact]
    public void A_finding_carries_the_five_fields_rule_name_and_location()
    {
        var finding = Render(Sample.Failing()).GetProperty("findings")[2];

        Assert.Equal("TG0901", finding.GetProperty("ruleId").GetString());
        Assert.Equal("layer-coverage-below-threshold", finding.GetProperty("rule").GetString());
        Assert.Equal("P1", finding.GetProperty("severity").GetString());
        Assert.True(finding.GetProperty("blocking").GetBoolean());
        Assert.Equal("Order.Cancel has no test.", finding.GetProperty("missingOrBrokenTest").GetString());
        Assert.Equal("Cancelled orders could ship.", finding.GetProperty("risk").GetString());
        Assert.Equal("Unit", finding.GetProperty("recommendedTestType").GetString());
        Assert.Equal(
            "public class OrderTests\n{\n    [Fact]\n    public void Cancel_rejects_a_shipped_order() { }\n}",
            finding.GetProperty("exampleTestOutline").GetString());
        var location = finding.GetProperty("location");
        Assert.Equal(["path", "line", "symbol"], PropertyNames(location));
        Assert.Equal("src/Domain/Order.cs", location.GetProperty("path").GetString());
        Assert.Equal(12, location.GetProperty("line").GetInt32());
        Assert.Equal("Shop.Domain.Order", location.GetProperty("symbol").GetString());
    }

    [Fact]
    public void A_gate_error_is_a_blocking_P0_finding_with_its_diagnostic_name()
    {
        var finding = Render(Sample.Failing()).GetProperty("findings")[0];

        Assert.Equal("TG0001", finding.GetProperty("ruleId").GetString());
        Assert.Equal("coverage-unreadable", finding.GetProperty("rule").GetString());
        Assert.Equal("coverage.cobertura.xml is truncated.", finding.GetProperty("missingOrBrokenTest").GetString());
        Assert.Equal("None", finding.GetProperty("recommendedTestType").GetString());
        var location = finding.GetProperty("location");
        Assert.Equal("coverage.cobertura.xml", location.GetProperty("path").GetString());
        Assert.Equal(3, location.GetProperty("line").GetInt32());
        Assert.Equal(JsonValueKind.Null, location.GetProperty("symbol").ValueKind);
    }

    [Fact]
    public void A_missing_location_is_null_and_missing_line_and_symbol_are_null()
    {
        var findings = Render(Sample.Failing()).GetProperty("findings");

        Assert.Equal(JsonValueKind.Null, findings[3].GetProperty("location").ValueKind);
        var unmapped = findings[4].GetProperty("location");
        Assert.Equal("src/Misc/Helper.cs", unmapped.GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, unmapped.GetProperty("line").ValueKind);
        Assert.Equal(JsonValueKind.Null, unmapped.GetProperty("symbol").ValueKind);
    }

    [Fact]
    public void Text_with_quotes_markup_and_newlines_round_trips()
    {
        const string outline = "<TestGateLayer Include=\"Services\" Namespaces=\"Shop.Misc\" />\n// ünïcode — \"quoted\" \\ back\\slash\ttab";
        var verdict = Sample.With(findings: [Sample.Finding("TG0903", Severity.P3, null, outline: outline)]);

        var finding = Render(verdict).GetProperty("findings")[0];

        Assert.Equal(outline, finding.GetProperty("exampleTestOutline").GetString());
    }

    [Fact]
    public void The_same_verdict_renders_to_the_same_string()
    {
        var first = JsonReport.Render(Sample.Failing(), "1.2.3");
        var second = JsonReport.Render(Sample.Failing(), "1.2.3");

        Assert.Equal(first, second);
        Assert.Equal(first, JsonReport.Render(Sample.Failing(), "1.2.3"));
    }

    [Fact]
    public void Output_uses_LF_line_endings_and_ends_with_one_newline()
    {
        var json = JsonReport.Render(Sample.Failing(), "1.2.3");

        Assert.DoesNotContain('\r', json);
        Assert.EndsWith("}\n", json);
        Assert.False(json.EndsWith("\n\n", StringComparison.Ordinal));
        Assert.StartsWith("{\n", json);
    }

    [Fact]
    public void Rendering_under_a_comma_decimal_culture_still_writes_invariant_numbers()
    {
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        string json;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
            Assert.Equal("0,5", 0.5.ToString(CultureInfo.CurrentCulture)); // the culture really is comma-decimal

            json = JsonReport.Render(Sample.Failing(), "1.2.3");
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }

        Assert.DoesNotMatch(@"\d,\d", json);
        Assert.Contains("\"lineCoverage\": 0.6667", json);
        Assert.Contains("\"branchCoverage\": 0.875", json);
        Assert.Contains("\"minLineCoverage\": 0.95", json);
        Assert.Equal(JsonReport.Render(Sample.Failing(), "1.2.3"), json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(0.6667, document.RootElement.GetProperty("layers")[0].GetProperty("lineCoverage").GetDouble());
    }
}
