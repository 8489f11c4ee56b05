using System.Xml;
using System.Xml.Linq;
using TestGate.Analysis;
using TestGate.Core.Configuration;

namespace TestGate.Cli;

/// <summary>
/// The TestGate settings a project declares, read without MSBuild: <c>TestGateFailOn</c>, <c>TestGateTestKind</c> and
/// the <c>TestGateLayer</c>, <c>TestGateRule</c> and <c>TestGateBoundary</c> items.
/// </summary>
/// <param name="Skipped">Settings left out because their condition needs more than the project's name to evaluate.</param>
public sealed record ProjectSettings(
    string? FailOn,
    string? TestKind,
    IReadOnlyList<LayerSetting> Layers,
    IReadOnlyList<RuleSetting> Rules,
    IReadOnlyList<string> Boundaries,
    IReadOnlyList<string> Skipped)
{
    /// <summary>An XML project file, DTDs refused, with line numbers for messages; an empty file is an error.</summary>
    public static XDocument Load(string file)
    {
        if (SourceReader.ReadableLength(file) == 0)
        {
            throw new IOException($"'{file}' is empty.");
        }

        using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return XDocument.Load(reader, LoadOptions.SetLineInfo);
    }

    /// <summary>
    /// Reads a project's settings from <paramref name="files"/> in the order MSBuild imports them: the nearest
    /// <c>Directory.Build.props</c>, the project, the nearest <c>Directory.Build.targets</c>, each with the files it
    /// imports. A later property wins; items add up. A condition is evaluated when it only
    /// compares <c>$(MSBuildProjectName)</c> with literals (<c>==</c>, <c>!=</c>, <c>and</c>, <c>or</c>); a setting
    /// under any other condition is left out and named in <see cref="Skipped"/>, so the review says what it could not
    /// apply instead of guessing.
    /// </summary>
    public static ProjectSettings Read(string projectName, IEnumerable<(string Path, XDocument Document)> files)
    {
        string? failOn = null, kind = null;
        var layers = new List<LayerSetting>();
        var rules = new List<RuleSetting>();
        var boundaries = new List<string>();
        var skipped = new List<string>();
        foreach (var (file, document) in files)
        {
            foreach (var element in document.Descendants())
            {
                var local = element.Name.LocalName;
                if (local is not ("TestGateFailOn" or "TestGateTestKind" or "TestGateLayer" or "TestGateRule" or "TestGateBoundary"))
                {
                    continue;
                }

                switch (Applies(element, projectName))
                {
                    case null:
                        skipped.Add($"{local} in {Path.GetFileName(file)} (line {LineOf(element)})");
                        continue;
                    case false:
                        continue;
                }

                var value = element.Value.Trim();
                switch (local)
                {
                    case "TestGateFailOn" when element.Parent?.Name.LocalName == "PropertyGroup":
                        failOn = value;
                        break;
                    case "TestGateTestKind" when element.Parent?.Name.LocalName == "PropertyGroup":
                        kind = value;
                        break;
                    case "TestGateLayer":
                        layers.AddRange(Includes(element).Select(layer => new LayerSetting(
                            layer,
                            Metadata(element, "Namespaces"),
                            Metadata(element, "Assemblies"),
                            Metadata(element, "Paths"),
                            Metadata(element, "TypeNames"),
                            Metadata(element, "MinLineCoverage"),
                            Metadata(element, "MinBranchCoverage"),
                            Metadata(element, "Severity"),
                            Metadata(element, "RecommendedTestType"))));
                        break;
                    case "TestGateRule":
                        rules.AddRange(Includes(element).Select(rule => new RuleSetting(rule, Metadata(element, "Severity"))));
                        break;
                    case "TestGateBoundary":
                        boundaries.AddRange(Includes(element));
                        break;
                }
            }
        }

        return new ProjectSettings(failOn, kind, layers, rules, boundaries, skipped);
    }

    private static int LineOf(XElement element) => ((IXmlLineInfo)element).LineNumber;

    private static IEnumerable<string> Includes(XElement item) =>
        ((string?)item.Attribute("Include") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Item metadata, as an attribute or a child element.</summary>
    private static string? Metadata(XElement item, string name)
    {
        var value = (string?)item.Attribute(name) ?? item.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>Whether the element and its groups apply to the project: null when a condition cannot be evaluated.</summary>
    internal static bool? Applies(XElement element, string projectName)
    {
        for (var node = element; node is not null; node = node.Parent)
        {
            if ((string?)node.Attribute("Condition") is { } condition && !string.IsNullOrWhiteSpace(condition))
            {
                switch (MsBuildCondition.Evaluate(condition, projectName))
                {
                    case null: return null;
                    case false: return false;
                }
            }
        }

        return true;
    }
}

/// <summary>
/// The small part of MSBuild's condition language a review can evaluate without a build: comparisons of
/// <c>$(MSBuildProjectName)</c> and quoted literals joined by <c>and</c>/<c>or</c> (<c>and</c> binds tighter), without
/// parentheses. Anything else is unknown (null).
/// </summary>
public static class MsBuildCondition
{
    public static bool? Evaluate(string condition, string projectName)
    {
        var text = condition.Replace("$(MSBuildProjectName)", projectName, StringComparison.OrdinalIgnoreCase);
        // Any other property, item, metadata or function call ($(...), @(...), %(...), Exists(...)) needs a build.
        if (text.Contains('(', StringComparison.Ordinal))
        {
            return null;
        }

        var any = false;
        foreach (var alternative in SplitOn(text, " or "))
        {
            var all = true;
            foreach (var comparison in SplitOn(alternative, " and "))
            {
                switch (Compare(comparison))
                {
                    case null: return null;
                    case false: all = false; break;
                }
            }

            any |= all;
        }

        return any;
    }

    private static IEnumerable<string> SplitOn(string text, string separator)
    {
        // Keywords are case-insensitive in MSBuild; quoted literals are not split because they are compared whole.
        var parts = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && string.Compare(text, i, separator, 0, separator.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                parts.Add(text[start..i]);
                start = i + separator.Length;
                i = start - 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static bool? Compare(string comparison)
    {
        var equals = comparison.IndexOf("==", StringComparison.Ordinal);
        var differs = comparison.IndexOf("!=", StringComparison.Ordinal);
        var at = equals >= 0 ? equals : differs;
        if (at < 0 || (equals >= 0 && differs >= 0))
        {
            return null;
        }

        var left = Literal(comparison[..at]);
        var right = Literal(comparison[(at + 2)..]);
        if (left is null || right is null)
        {
            return null;
        }

        // MSBuild compares strings case-insensitively.
        var same = string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
        return equals >= 0 ? same : !same;
    }

    private static string? Literal(string operand)
    {
        var trimmed = operand.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '\'' && trimmed[^1] == '\'' && trimmed.IndexOf('\'', 1) == trimmed.Length - 1
            ? trimmed[1..^1]
            : null;
    }
}
