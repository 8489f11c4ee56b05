using TestGate.Core.Coverage;
using TestGate.Core.Layers;
using TestGate.Core.Model;

namespace TestGate.Core.Tests;

/// <summary>Factories for the model objects the tests build, so each test states only what matters to it.</summary>
internal static class Make
{
    public static LayerDefinition DefaultLayer(string name) => DefaultLayers.All.Single(l => l.Name == name);

    public static ProductionType Type(
        string fullName, string? assembly = null, string? path = null, int line = 1, bool hasCode = true) =>
        new(fullName, assembly ?? TypeNames.NamespaceOf(fullName), path ?? PathOf(fullName), line, hasCode);

    /// <summary>A covered type whose lines <paramref name="firstLine"/>.. are hit for the first <paramref name="covered"/> and missed after.</summary>
    public static CoveredType Covered(
        string typeName, int lines, int covered, string? assembly = null, string? file = null, int firstLine = 1)
    {
        var hits = new Dictionary<int, LineHits>();
        for (var i = 0; i < lines; i++)
        {
            hits[firstLine + i] = new LineHits(i < covered ? 1 : 0, 0, 0);
        }

        return new CoveredType(typeName, assembly ?? TypeNames.NamespaceOf(typeName), file ?? PathOf(typeName), hits);
    }

    public static CoveredType CoveredLines(string typeName, string file, params (int Line, LineHits Hits)[] lines) =>
        new(typeName, TypeNames.NamespaceOf(typeName), file, lines.ToDictionary(l => l.Line, l => l.Hits));

    public static LayerCoverage Coverage(
        LayerDefinition layer,
        int lines,
        int coveredLines,
        int branches = 0,
        int coveredBranches = 0,
        IReadOnlyList<ProductionType>? types = null,
        IReadOnlyList<ProductionType>? unmeasured = null,
        IReadOnlyList<TypeCoverage>? measured = null) =>
        new(layer, types ?? [Type($"Shop.{layer.Name}.Sample")], lines, coveredLines, branches, coveredBranches,
            measured ?? [], unmeasured ?? []);

    public static Finding Finding(
        string ruleId, Severity severity, string? path = "src/Shop/Order.cs", int? line = 10, string missing = "a test is missing") =>
        new(ruleId, severity, missing, "risk", "Unit", "// outline", path is null ? null : new SourceLocation(path, line, "Shop.Order"));

    private static string PathOf(string fullName) => "src/" + fullName.Replace('.', '/') + ".cs";
}
