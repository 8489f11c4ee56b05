using TestGate.Core.Coverage;
using TestGate.Core.Model;

namespace TestGate.Core.Policy;

/// <summary>The one decision of a gate run and everything the reporters need to explain it.</summary>
public sealed record GateVerdict(
    bool Passed,
    string Summary,
    IReadOnlyList<EvaluatedFinding> Findings,
    IReadOnlyList<LayerCoverage> Layers,
    TestCounts Tests,
    IReadOnlyList<GateDiagnostic> Diagnostics)
{
    public const string SatisfiedText = "Testing standards satisfied.";

    public static GateVerdict Decide(
        IReadOnlyList<EvaluatedFinding> findings,
        IReadOnlyList<LayerCoverage> layers,
        TestCounts tests,
        IReadOnlyList<GateDiagnostic> diagnostics)
    {
        var blocking = findings.Count(f => f.Blocking);
        var errors = diagnostics.Count(d => d.Level == DiagnosticLevel.Error);
        var warnings = diagnostics.Count(d => d.Level == DiagnosticLevel.Warning);
        var passed = blocking == 0 && errors == 0;
        return new GateVerdict(passed, Summarize(findings, blocking, errors, warnings), findings, layers, tests, diagnostics);
    }

    private static string Summarize(IReadOnlyList<EvaluatedFinding> findings, int blocking, int errors, int warnings)
    {
        // The standard's phrase is reserved for a suite with nothing left at P0-P2; P3 notes do not withhold it. Gate
        // warnings (part of the inputs not judged) are reported as P2, so they withhold it too.
        var significant = findings.Count(f => f.Severity <= Severity.P2);
        if (blocking == 0 && errors == 0 && significant == 0 && warnings == 0)
        {
            return SatisfiedText;
        }

        var parts = new List<string>();
        if (errors > 0)
        {
            parts.Add($"{errors} gate error(s): the suite could not be measured");
        }

        if (blocking > 0)
        {
            parts.Add($"{blocking} blocking finding(s)");
        }

        var nonBlocking = significant - findings.Count(f => f.Blocking && f.Severity <= Severity.P2);
        if (nonBlocking > 0)
        {
            parts.Add($"{nonBlocking} non-blocking finding(s) at P0-P2");
        }

        if (warnings > 0)
        {
            parts.Add($"{warnings} gate warning(s): part of the inputs was not judged");
        }

        var verdict = blocking == 0 && errors == 0 ? "Testing standards not fully satisfied" : "Testing standards not satisfied";
        return $"{verdict}: {string.Join(", ", parts)}.";
    }
}
