using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TestGate.Core.Model;
using TestGate.Core.Policy;

namespace TestGate.Reporting;

/// <summary>
/// Writes report.sarif (SARIF 2.1.0) for code-scanning tools such as GitHub's: one rule per catalog entry and gate
/// diagnostic, with its help link, and one result per finding. Locations are repository-relative URIs against
/// <c>%SRCROOT%</c>, so the file is identical on every machine for identical inputs.
/// </summary>
public static class SarifReport
{
    public static string Render(GateVerdict verdict, string toolVersion, string? helpBaseUri = null)
    {
        var rules = RuleCatalog.Rules
            .Select(r => (r.Id, r.Name, Description: r.Clause, Level: Level(r.DefaultSeverity, blocking: r.DefaultSeverity <= Severity.P1)))
            .Concat(RuleCatalog.Diagnostics.Select(d => (Id: d.Code, d.Name, Description: d.Summary, Level: "error")))
            .ToArray();
        var indexOf = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "TestGate");
            json.WriteString("version", toolVersion);
            json.WriteString("informationUri", HelpLinks.For("README", helpBaseUri));
            json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Id);
                json.WriteString("name", rule.Name);
                json.WriteStartObject("shortDescription");
                json.WriteString("text", rule.Description);
                json.WriteEndObject();
                json.WriteString("helpUri", HelpLinks.For(rule.Id, helpBaseUri));
                json.WriteStartObject("defaultConfiguration");
                json.WriteString("level", rule.Level);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("results");
            foreach (var evaluated in ReportFindings.Of(verdict))
            {
                var finding = evaluated.Finding;
                json.WriteStartObject();
                json.WriteString("ruleId", finding.RuleId);
                if (indexOf.TryGetValue(finding.RuleId, out var index))
                {
                    json.WriteNumber("ruleIndex", index);
                }

                json.WriteString("level", Level(finding.Severity, evaluated.Blocking));
                json.WriteStartObject("message");
                json.WriteString("text", $"{finding.MissingOrBrokenTest} Risk: {finding.Risk} Recommended test type: {finding.RecommendedTestType}.");
                json.WriteEndObject();
                if (finding.Location is { Path: { } path } location)
                {
                    json.WriteStartArray("locations");
                    json.WriteStartObject();
                    json.WriteStartObject("physicalLocation");
                    json.WriteStartObject("artifactLocation");
                    json.WriteString("uri", path);
                    json.WriteString("uriBaseId", "%SRCROOT%");
                    json.WriteEndObject();
                    if (location.Line is > 0)
                    {
                        json.WriteStartObject("region");
                        json.WriteNumber("startLine", location.Line.Value);
                        json.WriteEndObject();
                    }

                    json.WriteEndObject();
                    if (location.Symbol is { } symbol)
                    {
                        json.WriteStartArray("logicalLocations");
                        json.WriteStartObject();
                        json.WriteString("fullyQualifiedName", symbol);
                        json.WriteEndObject();
                        json.WriteEndArray();
                    }

                    json.WriteEndObject();
                    json.WriteEndArray();
                }

                json.WriteStartObject("properties");
                json.WriteString("severity", finding.Severity.ToString());
                json.WriteBoolean("blocking", evaluated.Blocking);
                json.WriteString("recommendedTestType", finding.RecommendedTestType);
                json.WriteString("exampleTestOutline", finding.ExampleTestOutline);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>Blocking findings are errors; other P0–P2 are warnings; P3 are notes.</summary>
    private static string Level(Severity severity, bool blocking) =>
        blocking ? "error" : severity <= Severity.P2 ? "warning" : "note";
}
