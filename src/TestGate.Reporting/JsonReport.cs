using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TestGate.Core.Policy;

namespace TestGate.Reporting;

/// <summary>
/// Writes report.json, the machine-readable contract (schemaVersion 1). Field names, order and value formats are
/// fixed; rates are fractions rounded to four decimals so identical inputs give identical bytes.
/// </summary>
public static class JsonReport
{
    public const int SchemaVersion = 1;

    public static string Render(GateVerdict verdict, string toolVersion)
    {
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var json = new Utf8JsonWriter(stream, options))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteStartObject("tool");
            json.WriteString("name", "TestGate");
            json.WriteString("version", toolVersion);
            json.WriteEndObject();
            json.WriteString("verdict", verdict.Passed ? "pass" : "fail");
            json.WriteString("summary", verdict.Summary);

            json.WriteStartObject("tests");
            json.WriteNumber("unit", verdict.Tests.Unit);
            json.WriteNumber("integration", verdict.Tests.Integration);
            json.WriteNumber("application", verdict.Tests.Application);
            json.WriteNumber("e2e", verdict.Tests.E2E);
            json.WriteNumber("unclassified", verdict.Tests.Unclassified);
            json.WriteEndObject();

            json.WriteStartArray("layers");
            foreach (var layer in verdict.Layers)
            {
                json.WriteStartObject();
                json.WriteString("name", layer.Layer.Name);
                WriteRate(json, "lineCoverage", layer.LineRate);
                WriteRate(json, "branchCoverage", layer.BranchRate);
                WriteRate(json, "minLineCoverage", layer.Layer.MinLineCoverage);
                WriteRate(json, "minBranchCoverage", layer.Layer.MinBranchCoverage);
                json.WriteNumber("types", layer.TypeCount);
                json.WriteBoolean("passed", layer.Passed);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("findings");
            foreach (var evaluated in ReportFindings.Of(verdict))
            {
                var finding = evaluated.Finding;
                json.WriteStartObject();
                json.WriteString("ruleId", finding.RuleId);
                json.WriteString("rule", finding.RuleName);
                json.WriteString("severity", finding.Severity.ToString());
                json.WriteBoolean("blocking", evaluated.Blocking);
                json.WriteString("missingOrBrokenTest", finding.MissingOrBrokenTest);
                json.WriteString("risk", finding.Risk);
                json.WriteString("recommendedTestType", finding.RecommendedTestType);
                json.WriteString("exampleTestOutline", finding.ExampleTestOutline);
                if (finding.Location is { } location)
                {
                    json.WriteStartObject("location");
                    WriteNullableString(json, "path", location.Path);
                    if (location.Line is { } line)
                    {
                        json.WriteNumber("line", line);
                    }
                    else
                    {
                        json.WriteNull("line");
                    }

                    WriteNullableString(json, "symbol", location.Symbol);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("location");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    private static void WriteRate(Utf8JsonWriter json, string name, double? rate)
    {
        if (rate is { } value)
        {
            json.WriteNumber(name, Math.Round(value, 4));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNullableString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
