using TestGate.Core.Coverage;
using TestGate.Core.Layers;
using TestGate.Core.Model;
using TestGate.Core.Policy;

namespace TestGate.Reporting.Tests;

/// <summary>Factories for verdicts, layers and findings the reporters render.</summary>
internal static class Sample
{
    public static readonly TestCounts Tests = new(Unit: 12, Integration: 4, Application: 3, E2E: 2, Unclassified: 1);

    public static LayerCoverage Layer(
        string name,
        int lines,
        int covered,
        int branches = 0,
        int coveredBranches = 0,
        double? minLine = null,
        double? minBranch = null,
        int types = 1,
        bool hasCode = true) =>
        new(
            LayerDefinition.Create(name, namespaces: [$"*.{name}"], minLineCoverage: minLine, minBranchCoverage: minBranch),
            Enumerable.Range(1, types)
                .Select(i => new ProductionType($"Shop.{name}.Type{i}", $"Shop.{name}", $"src/{name}/Type{i}.cs", 1, hasCode))
                .ToArray(),
            lines, covered, branches, coveredBranches, [], []);

    /// <summary>Domain at 2/3 lines and 7/8 branches against 95%/90% (below), and a DTO layer without code.</summary>
    public static LayerCoverage[] Layers() =>
    [
        Layer("Domain", lines: 3, covered: 2, branches: 8, coveredBranches: 7, minLine: 0.95, minBranch: 0.90, types: 2),
        Layer("DTOs", lines: 0, covered: 0, hasCode: false),
    ];

    public static Finding Finding(
        string ruleId,
        Severity severity,
        SourceLocation? location,
        string missing = "Order.Cancel has no test.",
        string outline = "public class OrderTests\n{\n    [Fact]\n    public void Cancel_rejects_a_shipped_order() { }\n}") =>
        new(ruleId, severity, missing, "Cancelled orders could ship.", "Unit", outline, location);

    public static readonly SourceLocation OrderLocation = new("src/Domain/Order.cs", 12, "Shop.Domain.Order");

    public static Finding[] Findings() =>
    [
        Finding("TG0903", Severity.P3, new SourceLocation("src/Misc/Helper.cs", null, null), "1 type(s) in Shop.Misc belong to no layer: Shop.Misc.Helper.",
            "<TestGateLayer Include=\"Services\" Namespaces=\"Shop.Misc\" MinLineCoverage=\"80\" />"),
        Finding("TG0901", Severity.P1, OrderLocation),
        Finding("TG0303", Severity.P2, location: null, "OrderTests.Cancel_async has no timeout."),
        Finding("TG0201", Severity.P1, new SourceLocation("src/Domain/Customer.cs", 3, "Shop.Domain.Customer"), "CustomerTests mocks Customer."),
    ];

    public static readonly GateDiagnostic CoverageError =
        new(DiagnosticCodes.CoverageUnreadable, DiagnosticLevel.Error, "coverage.cobertura.xml is truncated.", "coverage.cobertura.xml", 3);

    /// <summary>A failing verdict: findings at P1, P2 and P3, one gate error, one message-level diagnostic.</summary>
    public static GateVerdict Failing() =>
        GateVerdict.Decide(
            GatePolicy.Default.Apply(Findings()),
            Layers(),
            Tests,
            [CoverageError, new GateDiagnostic(DiagnosticCodes.NoInputs, DiagnosticLevel.Message, "just so you know")]);

    public static GateVerdict Passing() =>
        GateVerdict.Decide([], [Layer("Domain", lines: 10, covered: 10, minLine: 0.95)], Tests, []);

    public static GateVerdict With(IReadOnlyList<LayerCoverage>? layers = null, IEnumerable<Finding>? findings = null, params GateDiagnostic[] diagnostics) =>
        GateVerdict.Decide(GatePolicy.Default.Apply(findings ?? []), layers ?? [], Tests, diagnostics);
}
