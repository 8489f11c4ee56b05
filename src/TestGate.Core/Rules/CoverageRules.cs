using System.Globalization;
using System.Text;
using TestGate.Core.Coverage;
using TestGate.Core.Model;

namespace TestGate.Core.Rules;

/// <summary>TG0901, TG0902 and TG0903: coverage per layer, fail closed when unmeasured, and types no layer claims.</summary>
public static class CoverageRules
{
    public static IEnumerable<Finding> Evaluate(CoverageAssessment assessment)
    {
        foreach (var layer in assessment.Layers.Where(l => l.HasCode))
        {
            if (!layer.IsMeasured)
            {
                yield return CoverageMissing(layer);
            }
            else if (!layer.LineThresholdMet || !layer.BranchThresholdMet)
            {
                yield return BelowThreshold(layer);
            }
        }

        foreach (var group in assessment.UnmappedTypes.GroupBy(t => t.Assembly, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            yield return Unmapped(group.Key, group.ToArray());
        }
    }

    private static Finding BelowThreshold(LayerCoverage layer)
    {
        var name = layer.Layer.Name;
        var shortfalls = new List<string>();
        if (!layer.LineThresholdMet)
        {
            shortfalls.Add($"line coverage {Percent(layer.LineRate)} is below the required {Percent(layer.Layer.MinLineCoverage)} ({layer.CoveredLines}/{layer.Lines} lines)");
        }

        if (!layer.BranchThresholdMet)
        {
            shortfalls.Add($"branch coverage {Percent(layer.BranchRate)} is below the required {Percent(layer.Layer.MinBranchCoverage)} ({layer.CoveredBranches}/{layer.Branches} branches)");
        }

        var worst = layer.MeasuredTypes
            .Where(t => t.UncoveredLines > 0)
            .OrderByDescending(t => t.UncoveredLines)
            .ThenBy(t => t.TypeName, StringComparer.Ordinal)
            .Take(3)
            .ToArray();
        var worstText = worst.Length == 0
            ? string.Empty
            : " Least covered: " + string.Join(", ", worst.Select(t => $"{t.TypeName} ({t.CoveredLines}/{t.Lines} lines)")) + ".";
        var target = worst.FirstOrDefault();

        return new Finding(
            "TG0901",
            layer.Layer.Severity,
            MissingOrBrokenTest: $"{name} layer: {string.Join("; ", shortfalls)}.{worstText}",
            Risk: RiskOf(layer, worst),
            RecommendedTestType: layer.Layer.RecommendedTestType,
            ExampleTestOutline: OutlineFor(layer, target),
            Location: target is null
                ? FirstTypeLocation(layer)
                : new SourceLocation(target.File, target.FirstUncoveredLine > 0 ? target.FirstUncoveredLine : null, target.TypeName));
    }

    private static Finding CoverageMissing(LayerCoverage layer)
    {
        var name = layer.Layer.Name;
        var unmeasured = layer.UnmeasuredTypes.Count > 0 ? layer.UnmeasuredTypes : layer.Types.Where(t => t.HasCode).ToArray();
        var assemblies = unmeasured.Select(t => t.Assembly).Distinct(StringComparer.Ordinal).OrderBy(a => a, StringComparer.Ordinal).ToArray();
        var what = layer.Lines == 0
            ? $"{name} layer has {unmeasured.Count} type(s) with code but no coverage data at all"
            : $"{name} layer: {unmeasured.Count} type(s) with code were not measured by any coverage file";
        return new Finding(
            "TG0902",
            Severity.P1,
            MissingOrBrokenTest: $"{what} (assemblies: {string.Join(", ", assemblies)}). No test run reported coverage for them, so the gate cannot judge the layer.",
            Risk: $"{name} code could be entirely untested and the build would still look green. The usual causes: no test project references {string.Join(", ", assemblies)}, coverlet excluded the assembly (Exclude/ExcludeByFile), the test host crashed, or a filter ran zero tests.",
            RecommendedTestType: layer.Layer.RecommendedTestType,
            ExampleTestOutline: $"// Reference {assemblies.FirstOrDefault()} from a test project that runs under TestGate, then test it, e.g.:\n" +
                OutlineFor(layer, target: null),
            Location: FirstTypeLocation(layer, unmeasured));
    }

    private static Finding Unmapped(string assembly, IReadOnlyList<ProductionType> types)
    {
        var names = string.Join(", ", types.Take(5).Select(t => t.FullName)) + (types.Count > 5 ? $" and {types.Count - 5} more" : string.Empty);
        var first = types[0];
        return new Finding(
            "TG0903",
            Severity.P3,
            MissingOrBrokenTest: $"{types.Count} type(s) in {assembly} belong to no layer: {names}.",
            Risk: "Code outside every layer escapes every coverage threshold: it can lose all its tests without the gate noticing.",
            RecommendedTestType: "Configuration",
            ExampleTestOutline:
                $"<!-- Claim the types with a layer in the test project or Directory.Build.props: -->\n" +
                $"<TestGateLayer Include=\"Services\" Namespaces=\"{first.Namespace}\" MinLineCoverage=\"80\" />",
            Location: new SourceLocation(first.Path, first.Line, first.FullName));
    }

    private static string RiskOf(LayerCoverage layer, IReadOnlyList<TypeCoverage> worst)
    {
        var names = worst.Count == 0 ? $"the {layer.Layer.Name} layer" : string.Join(", ", worst.Select(t => TypeNames.SimpleNameOf(t.TypeName)));
        return layer.Layer.RecommendedTestType switch
        {
            "Unit" when layer.Layer.Name.Equals("Domain", StringComparison.OrdinalIgnoreCase) =>
                $"Business rules in {names} (state transitions, validation, invariants) can change or break without any test failing; domain defects reach production data.",
            "Integration" => $"Data access in {names} can break (SQL, constraints, transactions, mappings) without any test failing; the first to notice is production.",
            "Application" => $"Workflows in {names} (coordination, error propagation, transaction boundaries) can regress without any test failing.",
            "E2E" => $"Entry points in {names} can stop accepting or routing requests without any test failing.",
            _ => $"Behaviour in {names} can regress without any test failing.",
        };
    }

    private static string OutlineFor(LayerCoverage layer, TypeCoverage? target)
    {
        var typeName = target is null
            ? layer.Types.FirstOrDefault(t => t.HasCode)?.SimpleName ?? layer.Layer.Name
            : TypeNames.SimpleNameOf(target.TypeName);
        var where = target is { FirstUncoveredLine: > 0 }
            ? $"{target.File} line {target.FirstUncoveredLine.ToString(CultureInfo.InvariantCulture)}"
            : "the uncovered paths";
        var builder = new StringBuilder();
        builder.Append("public class ").Append(typeName).Append("Tests\n{\n");
        switch (layer.Layer.RecommendedTestType)
        {
            case "Integration":
                builder.Append("    [Fact(Timeout = 10_000)]\n")
                    .Append("    public async Task ").Append(typeName).Append("_persists_and_reads_back_against_a_real_database()\n    {\n")
                    .Append("        await using var connection = new SqliteConnection(\"Data Source=:memory:\");\n")
                    .Append("        // Arrange schema and data, exercise ").Append(where).Append(", assert on the stored rows.\n");
                break;
            case "Application":
                builder.Append("    [Fact(Timeout = 10_000)]\n")
                    .Append("    public async Task ").Append(typeName).Append("_propagates_failure_of_the_boundary()\n    {\n")
                    .Append("        // Real domain objects, a fake only for the external boundary; exercise ").Append(where).Append(".\n");
                break;
            default:
                builder.Append("    [Fact]\n")
                    .Append("    public void ").Append(typeName).Append("_rejects_an_invalid_transition()\n    {\n")
                    .Append("        // Arrange ").Append(typeName).Append(" in the state that reaches ").Append(where).Append(",\n")
                    .Append("        // act, and assert the outcome (Assert.Throws<...> for rejected transitions).\n");
                break;
        }

        builder.Append("    }\n}");
        return builder.ToString();
    }

    private static SourceLocation? FirstTypeLocation(LayerCoverage layer, IReadOnlyList<ProductionType>? types = null)
    {
        var first = (types ?? layer.Types).Where(t => t.HasCode).OrderBy(t => t.Path, StringComparer.Ordinal).ThenBy(t => t.Line).FirstOrDefault();
        return first is null ? null : new SourceLocation(first.Path, first.Line, first.FullName);
    }

    public static string Percent(double? fraction) =>
        fraction is { } value ? (value * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "n/a";
}
