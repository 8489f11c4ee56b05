using TestGate.Core.Model;

namespace TestGate.Core.Layers;

/// <summary>
/// An architectural layer: which types belong to it and how well they must be covered. Thresholds are fractions
/// (0.95 = 95%); null means the layer has no requirement for that measure.
/// </summary>
public sealed record LayerDefinition(
    string Name,
    IReadOnlyList<GlobPattern> Namespaces,
    IReadOnlyList<GlobPattern> Assemblies,
    IReadOnlyList<GlobPattern> Paths,
    IReadOnlyList<GlobPattern> TypeNames,
    double? MinLineCoverage,
    double? MinBranchCoverage,
    Severity Severity,
    string RecommendedTestType)
{
    public static LayerDefinition Create(
        string name,
        IEnumerable<string>? namespaces = null,
        IEnumerable<string>? assemblies = null,
        IEnumerable<string>? paths = null,
        IEnumerable<string>? typeNames = null,
        double? minLineCoverage = null,
        double? minBranchCoverage = null,
        Severity severity = Severity.P2,
        string recommendedTestType = "Unit") =>
        new(name, Patterns(namespaces), Patterns(assemblies), Patterns(paths), Patterns(typeNames),
            minLineCoverage, minBranchCoverage, severity, recommendedTestType);

    private static IReadOnlyList<GlobPattern> Patterns(IEnumerable<string>? patterns) =>
        (patterns ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => new GlobPattern(p)).ToArray();
}
