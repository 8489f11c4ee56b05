using TestGate.Core.Configuration;
using TestGate.Core.Model;

namespace TestGate.Engine;

/// <summary>One test project's TestGate configuration, as it reported it with its inputs.</summary>
public sealed record ProjectConfiguration(string Project, string? FailOn, IReadOnlyList<LayerSetting> Layers, IReadOnlyList<RuleSetting> Rules);

/// <summary>
/// A solution-wide verdict needs one configuration. Test projects usually share theirs through
/// Directory.Build.props; when they do not, the first project (by name) decides and the disagreement is reported,
/// never silently resolved.
/// </summary>
public static class SolutionConfiguration
{
    public static ProjectConfiguration? Consolidate(IReadOnlyList<ProjectConfiguration> projects, List<GateDiagnostic> diagnostics)
    {
        var ordered = projects.OrderBy(p => p.Project, StringComparer.Ordinal).ToArray();
        if (ordered.Length == 0)
        {
            return null;
        }

        var chosen = ordered[0];
        foreach (var other in ordered.Skip(1).Where(o => !SameAs(chosen, o)))
        {
            diagnostics.Add(new GateDiagnostic(
                DiagnosticCodes.InvalidConfiguration, DiagnosticLevel.Warning,
                $"Test projects {chosen.Project} and {other.Project} configure TestGate differently (TestGateFailOn, TestGateLayer or TestGateRule); the solution verdict uses {chosen.Project}'s. Put the configuration in Directory.Build.props so all projects share it."));
        }

        return chosen;
    }

    private static bool SameAs(ProjectConfiguration a, ProjectConfiguration b) =>
        string.Equals(a.FailOn ?? string.Empty, b.FailOn ?? string.Empty, StringComparison.OrdinalIgnoreCase)
        && a.Layers.SequenceEqual(b.Layers)
        && a.Rules.SequenceEqual(b.Rules);
}
