using System.Collections.Concurrent;
using TestGate.Analysis;
using TestGate.Core.Configuration;
using TestGate.Core.Coverage;
using TestGate.Core.Layers;
using TestGate.Core.Model;
using TestGate.Core.Policy;
using TestGate.Core.Rules;
using TestGate.Coverage;
using TestGate.Reporting;

namespace TestGate.Engine;

/// <summary>The outcome of a run: the verdict and the report files written for it.</summary>
public sealed record GateRun(GateVerdict Verdict, IReadOnlyList<string> ReportFiles);

/// <summary>
/// Runs the gate once: reads coverage and sources, maps layers, applies the rules and the policy, and writes the
/// reports. Every problem with the inputs becomes a TG diagnostic; only <see cref="GateVerdict.Passed"/> decides.
/// </summary>
public static class GateRunner
{
    public static readonly string[] SupportedFormats = ["md", "json", "sarif"];

    public static GateRun Run(GateInputs inputs, GateSettings settings, IEnumerable<GateDiagnostic>? earlierDiagnostics = null)
    {
        var diagnostics = new List<GateDiagnostic>(earlierDiagnostics ?? []);
        var paths = new RepositoryPaths(inputs.RepositoryRoot);
        var layers = GateConfiguration.Layers(settings.Layers, diagnostics);
        var policy = GateConfiguration.Policy(settings.FailOn, settings.Rules, diagnostics);
        var formats = Formats(settings.ReportFormats, diagnostics);

        var unreadable = new ConcurrentBag<UnreadableSource>();
        var production = SourceReader.Parse(inputs.ProductionSources, unreadable);
        var scanned = ProductionTypeScanner.Scan(production);
        var inventory = scanned
            .Select(t => t with { Path = paths.Relative(t.Path) })
            .ToArray();
        if (settings.Layers.Count == 0 && ReferenceEquals(DefaultLayers.For(inventory), DefaultLayers.WithDomainStandIns))
        {
            layers = DefaultLayers.WithDomainStandIns;
            diagnostics.Add(new GateDiagnostic(
                "TG0903", DiagnosticLevel.Message,
                $"No type with code is in a Domain namespace or assembly, so the {string.Join(", ", DefaultLayers.DomainStandIns)} segments stand for the Domain layer (as in clean-architecture layouts). Declare TestGateLayer items to map the domain otherwise."));
        }

        var sourceLineCounts = production.ToDictionary(
            p => CoveragePaths.Normalize(p.File.Path), p => p.Tree.GetText().Lines.Count, StringComparer.Ordinal);
        var coverage = CoverageCollection.Collect(inputs, paths, sourceLineCounts, diagnostics);
        var projects = ProjectsByName(inputs.TestProjects);
        var suite = SuiteModelBuilder.Build(
            production, SourceReader.Parse(inputs.TestSources, unreadable), projects, settings.Boundaries ?? [], scanned,
            SourceReader.ReadScripts(inputs.SqlScripts, unreadable));
        var tests = suite.Tests.Select(t => t.Method).ToArray();
        if (inputs.TestProjects.Count > 0)
        {
            diagnostics.Add(ReviewMode(projects.Values.ToArray(), inputs.TestProjects.Count - projects.Count));
        }
        foreach (var source in unreadable.OrderBy(u => u.Path, StringComparer.Ordinal))
        {
            diagnostics.Add(new GateDiagnostic(
                DiagnosticCodes.SourceUnreadable, DiagnosticLevel.Warning,
                $"Source file could not be read, so its types and tests are not part of the review: {source.Reason}",
                paths.Relative(source.Path)));
        }

        if (inputs.TestProjects.Count == 0)
        {
            diagnostics.Add(new GateDiagnostic(
                DiagnosticCodes.NoInputs, DiagnosticLevel.Error,
                "No test project reported TestGate inputs, so there is nothing to decide over. In a build: add <Sdk Name=\"TestGate.Sdk\" /> to the test projects, or set TestGateEnabled=false to switch the gate off. With testgate review: no project under the folder sets IsTestProject or references a test framework (xunit, NUnit, MSTest, TUnit, Microsoft.NET.Test.Sdk)."));
        }
        else if (!inventory.Any(t => t.HasCode))
        {
            diagnostics.Add(new GateDiagnostic(
                DiagnosticCodes.NoInputs, DiagnosticLevel.Error,
                "The test projects reference no production code with executable statements, so no layer can be measured. Reference the projects under test, or set TestGateEnabled=false in a project that tests nothing of the solution."));
        }

        var testAssemblies = inputs.TestSources.Select(s => s.Assembly).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var assessment = LayerCoverageCalculator.Assess(new LayerMapper(layers), inventory, coverage, testAssemblies);
        var structural = StructuralRules.Evaluate(suite, diagnostics)
            .Select(f => f.Location is { Path: { } path } location ? f with { Location = location with { Path = paths.Relative(path) } } : f);
        if (!settings.AssessCoverage)
        {
            diagnostics.Add(new GateDiagnostic(
                DiagnosticCodes.NoInputs, DiagnosticLevel.Message,
                "Coverage was not assessed: no coverage files were given. Pass Cobertura files to judge coverage per layer."));
        }

        var coverageFindings = settings.AssessCoverage ? CoverageRules.Evaluate(assessment, suite) : [];
        var findings = policy.Apply(coverageFindings.Concat(structural));
        var verdict = GateVerdict.Decide(findings, settings.AssessCoverage ? assessment.Layers : [], TestCounts.From(tests), diagnostics);
        return new GateRun(verdict, WriteReports(verdict, settings, formats));
    }

    /// <summary>
    /// The test projects by name, the name the model knows them by. A reviewed tree may hold several projects of one
    /// name (copies of a sample in different folders); they are reviewed as one project, with the first kind any of
    /// them forces and the references of all of them.
    /// </summary>
    private static Dictionary<string, TestProjectInfo> ProjectsByName(IReadOnlyList<TestProjectInfo> projects) =>
        projects.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.Skip(1).Any()
                ? g.First() with
                {
                    ForcedKind = g.Select(p => p.ForcedKind).FirstOrDefault(k => k is not null),
                    References = Union(g.Select(p => p.References)),
                    GlobalUsings = Union(g.Select(p => p.GlobalUsings)),
                    TestFramework = g.Select(p => p.TestFramework).FirstOrDefault(f => f is not null),
                }
                : g.First(),
            StringComparer.Ordinal);

    private static IReadOnlyList<string>? Union(IEnumerable<IReadOnlyList<string>?> lists) =>
        lists.OfType<IReadOnlyList<string>>().SelectMany(l => l).Distinct(StringComparer.Ordinal).ToArray() is { Length: > 0 } all ? all : null;

    /// <summary>Says how the tests were read: with the semantic model where the build gave references, else by syntax.</summary>
    private static GateDiagnostic ReviewMode(IReadOnlyList<TestProjectInfo> projects, int sharedNames)
    {
        var semantic = projects.Where(p => p.References is { Count: > 0 }).Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        var syntactic = projects.Where(p => p.References is not { Count: > 0 }).Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        var message = (semantic.Length, syntactic.Length) switch
        {
            (_, 0) => $"The structural review read the tests with the semantic model ({string.Join(", ", semantic)}).",
            (0, _) => $"The structural review read the tests by syntax and the solution's own type names ({string.Join(", ", syntactic)}): "
                + "no references were reported. Inside `dotnet test` they are; a review of existing results or of a source folder reads syntax alone.",
            _ => $"The structural review read {string.Join(", ", semantic)} with the semantic model and {string.Join(", ", syntactic)} "
                + "by syntax alone (no references reported for those).",
        };
        if (sharedNames > 0)
        {
            message += $" {sharedNames} more test project(s) share a name with another one; projects of one name are reviewed as one.";
        }

        return new GateDiagnostic(DiagnosticCodes.ReviewMode, DiagnosticLevel.Message, message);
    }

    private static IReadOnlyList<string> Formats(string? formats, List<GateDiagnostic> diagnostics)
    {
        if (string.IsNullOrWhiteSpace(formats))
        {
            return SupportedFormats;
        }

        var requested = formats.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => f.ToLowerInvariant())
            .Distinct()
            .ToArray();
        foreach (var unsupported in requested.Except(SupportedFormats))
        {
            diagnostics.Add(new GateDiagnostic(
                DiagnosticCodes.InvalidConfiguration, DiagnosticLevel.Warning,
                $"TestGateReportFormats names '{unsupported}', which this version does not write; supported: {string.Join(";", SupportedFormats)}."));
        }

        return requested.Intersect(SupportedFormats).ToArray();
    }

    private static IReadOnlyList<string> WriteReports(GateVerdict verdict, GateSettings settings, IReadOnlyList<string> formats)
    {
        var written = new List<string>();
        if (formats.Contains("json"))
        {
            var path = Path.Combine(settings.ReportDirectory, "report.json");
            AtomicFile.WriteAllText(path, JsonReport.Render(verdict, settings.ToolVersion));
            written.Add(path);
        }

        if (formats.Contains("md"))
        {
            var path = Path.Combine(settings.ReportDirectory, "review.md");
            AtomicFile.WriteAllText(path, MarkdownReview.Render(verdict, settings.HelpBaseUri));
            written.Add(path);
        }

        if (formats.Contains("sarif"))
        {
            var path = Path.Combine(settings.ReportDirectory, "report.sarif");
            AtomicFile.WriteAllText(path, SarifReport.Render(verdict, settings.ToolVersion, settings.HelpBaseUri));
            written.Add(path);
        }

        return written;
    }
}
