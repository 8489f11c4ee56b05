using System.Globalization;
using TestGate.Core.Coverage;
using TestGate.Core.Rules;

namespace TestGate.Reporting;

/// <summary>The per-layer summary rows shared by the console and review.md.</summary>
public sealed record LayerRow(string Layer, string Types, string Line, string Branch, string Required, string Status)
{
    public static IReadOnlyList<LayerRow> Of(IEnumerable<LayerCoverage> layers) =>
        layers.Select(l => new LayerRow(
            l.Layer.Name,
            l.TypeCount.ToString(CultureInfo.InvariantCulture),
            CoverageRules.Percent(l.LineRate),
            CoverageRules.Percent(l.BranchRate),
            RequiredText(l),
            StatusOf(l))).ToArray();

    private static string RequiredText(LayerCoverage layer)
    {
        var parts = new List<string>();
        if (layer.Layer.MinLineCoverage is { } line)
        {
            parts.Add("line " + CoverageRules.Percent(line));
        }

        if (layer.Layer.MinBranchCoverage is { } branch)
        {
            parts.Add("branch " + CoverageRules.Percent(branch));
        }

        return parts.Count == 0 ? "-" : string.Join(", ", parts);
    }

    private static string StatusOf(LayerCoverage layer) =>
        !layer.HasCode ? "no code"
        : !layer.IsMeasured ? "NOT MEASURED"
        : layer.Passed ? "ok"
        : "BELOW";
}

public static class ConsoleSummary
{
    private static readonly string[] Headers = ["Layer", "Types", "Line", "Branch", "Required", "Status"];

    /// <summary>Plain aligned text lines: the console in CI logs is not always a terminal that renders tables.</summary>
    public static IReadOnlyList<string> Lines(IEnumerable<LayerCoverage> layers)
    {
        var rows = LayerRow.Of(layers).Select(r => new[] { r.Layer, r.Types, r.Line, r.Branch, r.Required, r.Status }).ToArray();
        var widths = Headers.Select((h, i) => Math.Max(h.Length, rows.Length == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var lines = new List<string> { Format(Headers, widths) };
        lines.AddRange(rows.Select(r => Format(r, widths)));
        return lines;
    }

    private static string Format(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i is 1 or 2 or 3 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
}
