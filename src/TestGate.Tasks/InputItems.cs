using Microsoft.Build.Framework;
using TestGate.Analysis;
using TestGate.Core.Configuration;
using TestGate.Core.Model;
using TestGate.Engine;

namespace TestGate.Tasks;

/// <summary>
/// Reads the items that <c>GetTestGateInputs</c> returns. Each carries <c>TestGateInputKind</c> and the name of the
/// test project that reported it; production sources are paired with their assembly through the project file.
/// </summary>
internal static class InputItems
{
    public const string KindMetadata = "TestGateInputKind";

    public static bool IsKind(ITaskItem item, string kind) =>
        string.Equals(item.GetMetadata(KindMetadata), kind, StringComparison.OrdinalIgnoreCase);

    public static GateInputs ToInputs(string repositoryRoot, ITaskItem[] items, List<GateDiagnostic> diagnostics)
    {
        var byKind = items.ToLookup(i => i.GetMetadata(KindMetadata), StringComparer.OrdinalIgnoreCase);
        var assemblyOfProject = byKind["ProductionProject"]
            .GroupBy(i => i.GetMetadata("TestGateProjectFile"), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => Path.GetFileNameWithoutExtension(g.First().ItemSpec), StringComparer.OrdinalIgnoreCase);

        var referenced = byKind["ProductionSource"]
            .Select(i =>
            {
                var projectFile = i.GetMetadata("TestGateProjectFile");
                var assembly = assemblyOfProject.TryGetValue(projectFile, out var name) ? name : Path.GetFileNameWithoutExtension(projectFile);
                return new SourceFile(i.GetMetadata("FullPath"), Path.GetFileNameWithoutExtension(projectFile), assembly);
            })
            .DistinctBy(f => f.Path) // a multi-targeted project reports its sources once per framework
            .ToArray();

        // A referenced test-support library (Shop.Testing, tests/Shop.Fakes) is read with the tests, not covered as production code.
        var support = byKind["ProductionSource"]
            .Select(i => i.GetMetadata("TestGateProjectFile"))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(file => TestSupportProjects.IsSupport(Path.GetFileNameWithoutExtension(file), Path.GetDirectoryName(file) ?? repositoryRoot, repositoryRoot))
            .Select(Path.GetFileNameWithoutExtension)
            .ToHashSet(StringComparer.Ordinal);
        var production = referenced.Where(f => !support.Contains(f.Project)).ToArray();
        var testSources = byKind["TestSource"]
            .Select(i => new SourceFile(i.GetMetadata("FullPath"), i.GetMetadata("TestGateProject"), i.GetMetadata("TestGateAssembly")))
            .Concat(referenced.Where(f => support.Contains(f.Project)))
            .DistinctBy(f => f.Path)
            .ToArray();

        var references = byKind["References"].ToLookup(
            i => i.GetMetadata("TestGateProject"),
            i => i.GetMetadata("TestGateReferences").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            StringComparer.Ordinal);
        var usings = byKind["Using"].ToLookup(i => i.GetMetadata("TestGateProject"), GlobalUsing, StringComparer.Ordinal);
        var testProjects = byKind["TestProject"]
            .DistinctBy(i => i.GetMetadata("TestGateProject"))
            .Select(i =>
            {
                var name = i.GetMetadata("TestGateProject");
                return new TestProjectInfo(
                    name,
                    ForcedKind(i, diagnostics),
                    references[name].SelectMany(r => r).Distinct(StringComparer.Ordinal).ToArray(),
                    usings[name].Distinct(StringComparer.Ordinal).ToArray());
            })
            .ToArray();

        var coverage = byKind["Coverage"]
            .Select(i => new CoverageInput(i.GetMetadata("FullPath"), NullIfEmpty(i.GetMetadata("TestGateProject"))))
            .ToArray();

        // The schema of a DbUp-style project lives in .sql files (often embedded resources), which no target returns:
        // they are read from the project's folder, outside the folders of other projects nested in it. A project at the
        // repository root would make that the whole repository: its scripts are not looked for.
        var projectFolders = byKind["ProductionSource"].Select(i => i.GetMetadata("TestGateProjectFile"))
            .Concat(byKind["TestProject"].Select(i => i.GetMetadata("FullPath")))
            .Where(f => f.Length > 0)
            .Select(f => Path.GetDirectoryName(f)!)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        var sqlScripts = byKind["ProductionSource"]
            .Select(i => i.GetMetadata("TestGateProjectFile"))
            .Where(f => f.Length > 0 && !support.Contains(Path.GetFileNameWithoutExtension(f)))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .SelectMany(file =>
            {
                var project = Path.GetFileNameWithoutExtension(file);
                var assembly = assemblyOfProject.TryGetValue(file, out var name) ? name : project;
                var folder = Path.GetDirectoryName(file)!;
                return FolderFiles.IsUnder(folder, repositoryRoot)
                    ? FolderFiles.OfProject(folder, "*.sql", projectFolders, diagnostics).Select(f => new SourceFile(f, project, assembly))
                    : [];
            })
            .ToArray();

        return new GateInputs(repositoryRoot, coverage, production, testSources, testProjects) { SqlScripts = sqlScripts };
    }

    public static IReadOnlyList<LayerSetting> Layers(IEnumerable<ITaskItem> items) =>
        items.Select(i => new LayerSetting(
            i.ItemSpec,
            NullIfEmpty(i.GetMetadata("Namespaces")),
            NullIfEmpty(i.GetMetadata("Assemblies")),
            NullIfEmpty(i.GetMetadata("Paths")),
            NullIfEmpty(i.GetMetadata("TypeNames")),
            NullIfEmpty(i.GetMetadata("MinLineCoverage")),
            NullIfEmpty(i.GetMetadata("MinBranchCoverage")),
            NullIfEmpty(i.GetMetadata("Severity")),
            NullIfEmpty(i.GetMetadata("RecommendedTestType")))).ToArray();

    public static IReadOnlyList<RuleSetting> Rules(IEnumerable<ITaskItem> items) =>
        items.Select(i => new RuleSetting(i.ItemSpec, NullIfEmpty(i.GetMetadata("Severity")))).ToArray();

    /// <summary>A <c>Using</c> item as the SDK writes it into the project's GlobalUsings.g.cs.</summary>
    private static string GlobalUsing(ITaskItem item)
    {
        var alias = item.GetMetadata("Alias");
        var isStatic = string.Equals(item.GetMetadata("Static"), "true", StringComparison.OrdinalIgnoreCase);
        return alias.Length > 0 ? $"global using {alias} = global::{item.ItemSpec};"
            : isStatic ? $"global using static global::{item.ItemSpec};"
            : $"global using global::{item.ItemSpec};";
    }

    private static TestKind? ForcedKind(ITaskItem project, List<GateDiagnostic> diagnostics)
    {
        var text = project.GetMetadata("TestGateTestKind");
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (TestKindText.TryParse(text, out var kind))
        {
            return kind;
        }

        diagnostics.Add(new GateDiagnostic(
            DiagnosticCodes.InvalidConfiguration, DiagnosticLevel.Error,
            $"{project.GetMetadata("TestGateProject")} sets TestGateTestKind='{text}'; use Unit, Integration, Application or E2E, or remove it to classify by names."));
        return null;
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
