using System.Globalization;
using TestGate.Core.Model;

namespace TestGate.Reporting.Tests;

public class MarkdownReviewTests
{
    private static int IndexOf(string text, string value)
    {
        var index = text.IndexOf(value, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{value}' not found in:\n{text}");
        return index;
    }

    private static int Count(string text, string value) =>
        (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;

    [Fact]
    public void Opens_with_the_verdict_and_summary()
    {
        var verdict = Sample.Failing();

        var md = MarkdownReview.Render(verdict);

        Assert.StartsWith($"# TestGate review\n\n**Verdict: FAIL**\n\n{verdict.Summary}\n\n## Tests\n", md);
    }

    [Fact]
    public void A_passing_review_says_pass_and_has_no_findings_section()
    {
        var md = MarkdownReview.Render(Sample.Passing());

        Assert.StartsWith("# TestGate review\n\n**Verdict: pass**\n\nTesting standards satisfied.\n\n", md);
        Assert.DoesNotContain("## Findings", md);
        Assert.EndsWith("| Domain | 1 | 100% | n/a | line 95% | ok |\n", md);
    }

    [Fact]
    public void Tests_table_counts_each_kind()
    {
        var md = MarkdownReview.Render(Sample.Failing());

        Assert.Contains("| Unit | Integration | Application | E2E | Unclassified |\n| ---: | ---: | ---: | ---: | ---: |\n| 12 | 4 | 3 | 2 | 1 |\n", md);
    }

    [Fact]
    public void Coverage_table_has_a_row_per_layer()
    {
        var md = MarkdownReview.Render(Sample.Failing());

        Assert.Contains(
            "| Layer | Types | Line | Branch | Required | Status |\n| --- | ---: | ---: | ---: | --- | --- |\n" +
            "| Domain | 2 | 66.67% | 87.5% | line 95%, branch 90% | BELOW |\n" +
            "| DTOs | 1 | n/a | n/a | - | no code |\n",
            md);
    }

    [Fact]
    public void Findings_are_grouped_by_severity_most_severe_first()
    {
        var md = MarkdownReview.Render(Sample.Failing());

        var p0 = IndexOf(md, "\n### P0\n");
        var p1 = IndexOf(md, "\n### P1\n");
        var p2 = IndexOf(md, "\n### P2\n");
        var p3 = IndexOf(md, "\n### P3\n");
        Assert.True(IndexOf(md, "\n## Findings\n") < p0);
        Assert.True(p0 < p1 && p1 < p2 && p2 < p3, $"P0 {p0}, P1 {p1}, P2 {p2}, P3 {p3}");
        Assert.Equal(1, Count(md, "### P1\n"));
        Assert.InRange(IndexOf(md, "#### TG0001 "), p0, p1);
        Assert.InRange(IndexOf(md, "#### TG0201 "), p1, p2);
        Assert.InRange(IndexOf(md, "#### TG0901 "), p1, p2);
        Assert.True(IndexOf(md, "#### TG0201 ") < IndexOf(md, "#### TG0901 "));
        Assert.InRange(IndexOf(md, "#### TG0303 "), p2, p3);
        Assert.True(IndexOf(md, "#### TG0903 ") > p3);
    }

    [Fact]
    public void Severity_groups_only_appear_for_severities_present()
    {
        var verdict = Sample.With(findings: [Sample.Finding("TG0901", Severity.P1, Sample.OrderLocation)]);

        var md = MarkdownReview.Render(verdict);

        Assert.Contains("### P1", md);
        Assert.DoesNotContain("### P0", md);
        Assert.DoesNotContain("### P2", md);
        Assert.DoesNotContain("### P3", md);
    }

    [Fact]
    public void Each_finding_has_the_five_fields_in_order()
    {
        var verdict = Sample.With(findings: [Sample.Finding("TG0901", Severity.P1, Sample.OrderLocation)]);

        var md = MarkdownReview.Render(verdict);

        Assert.Contains(
            "#### TG0901 layer-coverage-below-threshold — `src/Domain/Order.cs:12`\n\n" +
            "1. **Missing or broken test:** Order.Cancel has no test.\n" +
            "2. **Risk if untested:** Cancelled orders could ship.\n" +
            "3. **Recommended test type:** Unit\n" +
            "4. **Example test outline:**\n\n" +
            "   ```csharp\n" +
            "   public class OrderTests\n" +
            "   {\n" +
            "       [Fact]\n" +
            "       public void Cancel_rejects_a_shipped_order() { }\n" +
            "   }\n" +
            "   ```\n\n" +
            "5. **Severity:** P1 (blocking)\n" +
            "\nHelp: [TG0901](https://github.com/testgate/testgate-sdk/blob/main/docs/rules/TG0901.md)\n",
            md);
    }

    [Fact]
    public void Every_finding_gets_all_five_fields()
    {
        var md = MarkdownReview.Render(Sample.Failing());

        var findings = ReportFindings.Of(Sample.Failing()).Count;
        Assert.Equal(5, findings);
        foreach (var field in new[] { "1. **Missing or broken test:** ", "2. **Risk if untested:** ", "3. **Recommended test type:** ", "4. **Example test outline:**", "5. **Severity:** " })
        {
            Assert.Equal(findings, Count(md, field));
        }
    }

    [Fact]
    public void Non_blocking_findings_say_so()
    {
        var md = MarkdownReview.Render(Sample.Failing());

        Assert.Contains("5. **Severity:** P2 (not blocking)\n", md);
        Assert.Contains("5. **Severity:** P3 (not blocking)\n", md);
        Assert.Contains("5. **Severity:** P0 (blocking)\n", md);
    }

    [Fact]
    public void Headings_show_path_without_line_or_nothing_when_there_is_no_location()
    {
        var md = MarkdownReview.Render(Sample.Failing());

        Assert.Contains("#### TG0903 unmapped-production-types — `src/Misc/Helper.cs`\n", md);
        Assert.Contains("#### TG0303 async-test-without-timeout\n\n1.", md);
        Assert.Contains("#### TG0001 coverage-unreadable — `coverage.cobertura.xml:3`\n", md);
    }

    [Fact]
    public void Xml_outlines_are_fenced_as_xml()
    {
        var md = MarkdownReview.Render(Sample.Failing());

        Assert.Contains("   ```xml\n   <TestGateLayer Include=\"Services\" Namespaces=\"Shop.Misc\" MinLineCoverage=\"80\" />\n   ```\n", md);
    }

    [Fact]
    public void Rendering_is_deterministic_and_culture_invariant()
    {
        var expected = MarkdownReview.Render(Sample.Failing());
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        string md;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
            md = MarkdownReview.Render(Sample.Failing());
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }

        Assert.Equal(expected, md);
        Assert.Contains("66.67%", md);
        Assert.DoesNotContain("66,67", md);
    }
}
