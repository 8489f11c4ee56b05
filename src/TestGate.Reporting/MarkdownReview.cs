using System.Text;
using TestGate.Core.Model;
using TestGate.Core.Policy;

namespace TestGate.Reporting;

/// <summary>review.md: the verdict, test counts, coverage per layer, then each finding in the standard's five fields, most severe first.</summary>
public static class MarkdownReview
{
    public static string Render(GateVerdict verdict, string? helpBaseUri = null)
    {
        var md = new StringBuilder();
        md.Append("# TestGate review\n\n");
        md.Append(verdict.Passed ? "**Verdict: pass**\n\n" : "**Verdict: FAIL**\n\n");
        md.Append(verdict.Summary).Append("\n\n");

        md.Append("## Tests\n\n");
        md.Append("| Unit | Integration | Application | E2E | Unclassified |\n| ---: | ---: | ---: | ---: | ---: |\n");
        md.Append($"| {verdict.Tests.Unit} | {verdict.Tests.Integration} | {verdict.Tests.Application} | {verdict.Tests.E2E} | {verdict.Tests.Unclassified} |\n\n");

        md.Append("## Coverage per layer\n\n");
        md.Append("| Layer | Types | Line | Branch | Required | Status |\n| --- | ---: | ---: | ---: | --- | --- |\n");
        foreach (var row in LayerRow.Of(verdict.Layers))
        {
            md.Append($"| {row.Layer} | {row.Types} | {row.Line} | {row.Branch} | {row.Required} | {row.Status} |\n");
        }

        var findings = ReportFindings.Of(verdict);
        if (findings.Count == 0)
        {
            return md.ToString();
        }

        md.Append("\n## Findings\n");
        foreach (var group in findings.GroupBy(f => f.Severity).OrderBy(g => g.Key))
        {
            md.Append($"\n### {group.Key}\n");
            foreach (var evaluated in group)
            {
                AppendFinding(md, evaluated, helpBaseUri);
            }
        }

        return md.ToString();
    }

    private static void AppendFinding(StringBuilder md, EvaluatedFinding evaluated, string? helpBaseUri)
    {
        var finding = evaluated.Finding;
        md.Append($"\n#### {finding.RuleId} {finding.RuleName}");
        if (finding.Location is { Path: { } path } location)
        {
            md.Append(" — `").Append(path);
            if (location.Line is { } line)
            {
                md.Append(':').Append(line);
            }

            md.Append('`');
        }

        md.Append("\n\n");
        md.Append("1. **Missing or broken test:** ").Append(finding.MissingOrBrokenTest).Append('\n');
        md.Append("2. **Risk if untested:** ").Append(finding.Risk).Append('\n');
        md.Append("3. **Recommended test type:** ").Append(finding.RecommendedTestType).Append('\n');
        md.Append("4. **Example test outline:**\n\n");
        var language = finding.ExampleTestOutline.TrimStart().StartsWith('<') ? "xml" : "csharp";
        md.Append("   ```").Append(language).Append('\n');
        foreach (var line in finding.ExampleTestOutline.Split('\n'))
        {
            md.Append("   ").Append(line).Append('\n');
        }

        md.Append("   ```\n\n");
        md.Append("5. **Severity:** ").Append(finding.Severity).Append(evaluated.Blocking ? " (blocking)" : " (not blocking)").Append('\n');
        md.Append("\nHelp: [").Append(finding.RuleId).Append("](").Append(HelpLinks.For(finding.RuleId, helpBaseUri)).Append(")\n");
    }
}

/// <summary>Where each code's documentation lives. Every diagnostic links here.</summary>
public static class HelpLinks
{
    public const string DefaultBase = "https://github.com/testgate/testgate-sdk/blob/main/docs/rules/";

    public static string For(string code, string? baseUri = null) => (baseUri ?? DefaultBase) + code + ".md";
}
