using TestGate.Core.Model;

namespace TestGate.Core.Policy;

/// <summary>A finding after policy: its effective severity and whether it fails the build.</summary>
public sealed record EvaluatedFinding(Finding Finding, bool Blocking)
{
    public Severity Severity => Finding.Severity;
}

/// <summary>
/// Turns findings into decisions. <see cref="FailOn"/> is the least severe level that still fails the build
/// (P1: P0 and P1 fail); null means nothing fails. A rule override replaces a rule's severity, or switches it off
/// with a null severity.
/// </summary>
public sealed class GatePolicy
{
    public GatePolicy(Severity? failOn, IReadOnlyDictionary<string, Severity?>? ruleSeverities = null)
    {
        FailOn = failOn;
        RuleSeverities = ruleSeverities ?? new Dictionary<string, Severity?>(StringComparer.OrdinalIgnoreCase);
    }

    public static GatePolicy Default { get; } = new(Severity.P1);

    public Severity? FailOn { get; }

    public IReadOnlyDictionary<string, Severity?> RuleSeverities { get; }

    public IReadOnlyList<EvaluatedFinding> Apply(IEnumerable<Finding> findings)
    {
        var evaluated = new List<EvaluatedFinding>();
        foreach (var finding in findings)
        {
            var effective = finding;
            if (RuleSeverities.TryGetValue(finding.RuleId, out var overridden))
            {
                if (overridden is not { } severity)
                {
                    continue;
                }

                effective = finding with { Severity = severity };
            }

            evaluated.Add(new EvaluatedFinding(effective, IsBlocking(effective.Severity)));
        }

        return evaluated
            .OrderBy(f => f.Severity)
            .ThenBy(f => f.Finding.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Finding.Location?.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Finding.Location?.Line)
            .ThenBy(f => f.Finding.MissingOrBrokenTest, StringComparer.Ordinal)
            .ToArray();
    }

    public bool IsBlocking(Severity severity) => FailOn is { } failOn && severity <= failOn;
}
