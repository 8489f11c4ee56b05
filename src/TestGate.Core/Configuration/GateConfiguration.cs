using System.Globalization;
using TestGate.Core.Layers;
using TestGate.Core.Model;
using TestGate.Core.Policy;

namespace TestGate.Core.Configuration;

/// <summary>A <c>TestGateLayer</c> item as MSBuild (or the CLI) hands it over: a name and raw metadata strings.</summary>
public sealed record LayerSetting(
    string Name,
    string? Namespaces,
    string? Assemblies,
    string? Paths,
    string? TypeNames,
    string? MinLineCoverage,
    string? MinBranchCoverage,
    string? Severity,
    string? RecommendedTestType);

/// <summary>A <c>TestGateRule</c> item: a rule id and the severity to use instead (P0-P3, or None to switch it off).</summary>
public sealed record RuleSetting(string RuleId, string? Severity);

/// <summary>
/// Turns the raw configuration surface into layers and a policy. Every invalid value becomes a TG0002 error that
/// names the item and the value; nothing is silently defaulted.
/// </summary>
public static class GateConfiguration
{
    public static IReadOnlyList<LayerDefinition> Layers(IReadOnlyList<LayerSetting> settings, List<GateDiagnostic> diagnostics)
    {
        if (settings.Count == 0)
        {
            return DefaultLayers.All;
        }

        var layers = new List<LayerDefinition>();
        foreach (var setting in settings)
        {
            var name = setting.Name.Trim();
            if (layers.Any(l => l.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                diagnostics.Add(Invalid($"TestGateLayer '{name}' is declared twice; each layer needs one item."));
                continue;
            }

            var isDomain = name.Equals("Domain", StringComparison.OrdinalIgnoreCase);
            var line = Percentage(setting.MinLineCoverage, name, "MinLineCoverage", diagnostics);
            var branch = Percentage(setting.MinBranchCoverage, name, "MinBranchCoverage", diagnostics);
            var severity = isDomain ? Model.Severity.P1 : Model.Severity.P2;
            if (!string.IsNullOrWhiteSpace(setting.Severity))
            {
                // Parse into a separate variable: a failed TryParse writes P0 to its out argument.
                if (SeverityText.TryParse(setting.Severity, out var parsedSeverity))
                {
                    severity = parsedSeverity;
                }
                else
                {
                    diagnostics.Add(Invalid($"TestGateLayer '{name}' has Severity='{setting.Severity}'; use P0, P1, P2 or P3."));
                }
            }

            var namespaces = Split(setting.Namespaces);
            var assemblies = Split(setting.Assemblies);
            var paths = Split(setting.Paths);
            var typeNames = Split(setting.TypeNames);
            if (namespaces.Length + assemblies.Length + paths.Length + typeNames.Length == 0)
            {
                // A layer named like a segment claims that segment, so <TestGateLayer Include="Domain" /> just works.
                namespaces = DefaultLayers.SegmentPatterns(name).ToArray();
                assemblies = namespaces;
            }

            layers.Add(LayerDefinition.Create(
                name, namespaces, assemblies, paths, typeNames, line, branch, severity,
                string.IsNullOrWhiteSpace(setting.RecommendedTestType) ? DefaultTestTypeOf(name) : setting.RecommendedTestType.Trim()));
        }

        return layers;
    }

    public static GatePolicy Policy(string? failOn, IReadOnlyList<RuleSetting> rules, List<GateDiagnostic> diagnostics)
    {
        Severity? threshold = Severity.P1;
        if (!string.IsNullOrWhiteSpace(failOn))
        {
            if (failOn.Trim().Equals("None", StringComparison.OrdinalIgnoreCase))
            {
                threshold = null;
            }
            else if (SeverityText.TryParse(failOn, out var parsed))
            {
                threshold = parsed;
            }
            else
            {
                diagnostics.Add(Invalid($"TestGateFailOn='{failOn}' is not valid; use P0, P1, P2, P3 or None."));
            }
        }

        var overrides = new Dictionary<string, Severity?>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in rules)
        {
            var id = rule.RuleId.Trim();
            if (!RuleCatalog.TryGet(id, out _))
            {
                diagnostics.Add(Invalid($"TestGateRule '{id}' names no rule; rule ids run from TG0101 to TG0903 (see docs/rules)."));
                continue;
            }

            if (rule.Severity?.Trim().Equals("None", StringComparison.OrdinalIgnoreCase) == true)
            {
                overrides[id] = null;
            }
            else if (SeverityText.TryParse(rule.Severity, out var severity))
            {
                overrides[id] = severity;
            }
            else
            {
                diagnostics.Add(Invalid($"TestGateRule '{id}' has Severity='{rule.Severity}'; use P0, P1, P2, P3 or None."));
            }
        }

        return new GatePolicy(threshold, overrides);
    }

    private static double? Percentage(string? text, string layer, string metadata, List<GateDiagnostic> diagnostics)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim().TrimEnd('%');
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100)
        {
            if (percent is > 0 and < 1)
            {
                // 0.95 is almost always meant as 95%; taking it literally would make the threshold meaningless.
                diagnostics.Add(new GateDiagnostic(
                    DiagnosticCodes.InvalidConfiguration, DiagnosticLevel.Warning,
                    string.Create(CultureInfo.InvariantCulture, $"TestGateLayer '{layer}' has {metadata}='{text}', which is read as {percent}% — thresholds are percentages; write {percent * 100} for {percent * 100}%.")));
            }

            return percent / 100;
        }

        diagnostics.Add(Invalid($"TestGateLayer '{layer}' has {metadata}='{text}'; use a percentage from 0 to 100 with '.' as decimal separator (for example 95 or 92.5)."));
        return null;
    }

    private static string[] Split(string? list) =>
        (list ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string DefaultTestTypeOf(string layerName) =>
        DefaultLayers.All.FirstOrDefault(l => l.Name.Equals(layerName, StringComparison.OrdinalIgnoreCase))?.RecommendedTestType ?? "Unit";

    private static GateDiagnostic Invalid(string message) => new(DiagnosticCodes.InvalidConfiguration, DiagnosticLevel.Error, message);
}
