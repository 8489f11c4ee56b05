using System.Globalization;
using TestGate.Core.Coverage;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Core.Rules;

/// <summary>TG0901, TG0902 and TG0903: coverage per layer, fail closed when unmeasured, and types no layer claims.</summary>
public static class CoverageRules
{
    /// <param name="suite">The reviewed suite, when there is one: example tests are written in its framework (xUnit otherwise).</param>
    public static IEnumerable<Finding> Evaluate(CoverageAssessment assessment, SuiteModel? suite = null)
    {
        var idioms = TestIdioms.Of(suite ?? new SuiteModel([], [], []));
        foreach (var layer in assessment.Layers.Where(l => l.HasCode))
        {
            if (!layer.IsMeasured)
            {
                yield return CoverageMissing(layer, idioms);
            }
            else if (!layer.LineThresholdMet || !layer.BranchThresholdMet)
            {
                yield return BelowThreshold(layer, idioms);
            }
        }

        foreach (var group in assessment.UnmappedTypes.GroupBy(t => t.Assembly, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            yield return Unmapped(group.Key, group.ToArray());
        }
    }

    private static Finding BelowThreshold(LayerCoverage layer, TestIdioms idioms)
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
            ExampleTestOutline: OutlineFor(layer, target, idioms),
            Location: target is null
                ? FirstTypeLocation(layer)
                : new SourceLocation(target.File, target.FirstUncoveredLine > 0 ? target.FirstUncoveredLine : null, target.TypeName));
    }

    private static Finding CoverageMissing(LayerCoverage layer, TestIdioms idioms)
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
                OutlineFor(layer, target: null, idioms),
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

    private static string OutlineFor(LayerCoverage layer, TypeCoverage? target, TestIdioms idioms)
    {
        var typeName = target is null
            ? layer.Types.FirstOrDefault(t => t.HasCode)?.SimpleName ?? layer.Layer.Name
            : TypeNames.SimpleNameOf(target.TypeName);
        var where = target is { FirstUncoveredLine: > 0 }
            ? $"{target.File} line {target.FirstUncoveredLine.ToString(CultureInfo.InvariantCulture)}"
            : "the uncovered paths";
        string[] test = layer.Layer.RecommendedTestType switch
        {
            "Integration" =>
            [
                idioms.TestAttribute(async: true),
                idioms.AsyncSignature($"{typeName}_persists_and_reads_back_against_a_real_database"),
                "{",
                "    await using var connection = new SqliteConnection(\"Data Source=:memory:\");",
                $"    // Arrange schema and data, exercise {where}, assert on the stored rows.",
                "}",
            ],
            "Application" =>
            [
                idioms.TestAttribute(async: true),
                idioms.AsyncSignature($"{typeName}_propagates_failure_of_the_boundary"),
                "{",
                $"    // Real domain objects, a fake only for the external boundary; exercise {where}.",
                "}",
            ],
            _ =>
            [
                idioms.TestAttribute(async: false),
                idioms.Signature(async: false, $"{typeName}_rejects_an_invalid_transition"),
                "{",
                $"    // Arrange {typeName} in the state that reaches {where},",
                "    // act, and assert the outcome; for a rejected transition:",
                "    // " + idioms.Throws("InvalidOperationException", "/* the call it must refuse */"),
                "}",
            ],
        };
        return idioms.Class($"{typeName}Tests", [string.Join("\n", test)]);
    }

    private static SourceLocation? FirstTypeLocation(LayerCoverage layer, IReadOnlyList<ProductionType>? types = null)
    {
        var first = (types ?? layer.Types).Where(t => t.HasCode).OrderBy(t => t.Path, StringComparer.Ordinal).ThenBy(t => t.Line).FirstOrDefault();
        return first is null ? null : new SourceLocation(first.Path, first.Line, first.FullName);
    }

    public static string Percent(double? fraction) =>
        fraction is { } value ? (value * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "n/a";
}
