using TestGate.Core.Model;
using TestGate.Core.Policy;

namespace TestGate.Reporting;

/// <summary>
/// What every reporter lists: the policy's findings, plus the gate's own errors and warnings in the same five-field
/// shape, so a machine reading report.json sees why a run failed even when no rule fired.
/// </summary>
public static class ReportFindings
{
    public static IReadOnlyList<EvaluatedFinding> Of(GateVerdict verdict)
    {
        var gateProblems = verdict.Diagnostics
            .Where(d => d.Level != DiagnosticLevel.Message)
            .Select(d => new EvaluatedFinding(
                new Finding(
                    d.Code,
                    d.Level == DiagnosticLevel.Error ? Severity.P0 : Severity.P2,
                    MissingOrBrokenTest: d.Message,
                    Risk: d.Level == DiagnosticLevel.Error
                        ? "The gate could not measure the suite, so it cannot vouch for it; the build fails rather than pass unmeasured."
                        : "Part of the suite may not have been judged.",
                    RecommendedTestType: "None",
                    ExampleTestOutline: $"See docs/rules/{d.Code}.md for causes and fixes.",
                    d.Path is null ? null : new SourceLocation(d.Path, d.Line, null)),
                Blocking: d.Level == DiagnosticLevel.Error));
        // Most severe first; within a severity the gate's own problems come before rule findings (stable sort).
        return gateProblems.Concat(verdict.Findings).OrderBy(f => f.Severity).ToArray();
    }
}
