using System.Xml;
using System.Xml.Linq;
using TestGate.Analysis;
using TestGate.Core.Model;
using TestGate.Engine;

namespace TestGate.Cli;

/// <summary>A project found under the reviewed folder, read from its project file without MSBuild.</summary>
/// <param name="Settings">The TestGate settings the project, its Directory.Build.props and .targets declare.</param>
/// <param name="IsTestSupport">A library of the tests (builders, fakes, fixtures, a test database), not production code.</param>
public sealed record DiscoveredProject(string Name, string Assembly, string Directory, bool IsTest, TestKind? ForcedKind, ProjectSettings Settings)
{
    public bool IsTestSupport { get; init; }

    /// <summary>The test framework its package references name (xunit, nunit, mstest, tunit), when one does.</summary>
    public string? TestFramework { get; init; }
}

/// <summary>
/// Finds the C# projects of a source tree and their sources without building or restoring anything: a project file
/// is read as XML (DTDs refused), a project is a test project when it says so (<c>IsTestProject</c>) or references a
/// test framework, and its sources are the <c>*.cs</c> files under its folder that no nested project owns.
/// </summary>
public static class ProjectDiscovery
{
    private static readonly string[] TestPackages =
        ["Microsoft.NET.Test.Sdk", "xunit", "xunit.v3", "NUnit", "MSTest.TestFramework", "MSTest", "TUnit", "TUnit.Engine", "TUnit.Core"];

    public static IReadOnlyList<DiscoveredProject> Find(string root, List<GateDiagnostic> diagnostics)
    {
        var projects = new List<DiscoveredProject>();
        var repositoryRoot = RepositoryPaths.FindRoot(root);
        var imports = new DirectoryImports(repositoryRoot, diagnostics);
        foreach (var file in FolderFiles.Under(root, "*.csproj", diagnostics))
        {
            try
            {
                var project = Read(file, imports);
                projects.Add(project with { IsTestSupport = !project.IsTest && TestSupportProjects.IsSupport(project.Name, project.Directory, repositoryRoot) });
            }
            catch (Exception ex) when (ex is XmlException or IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(new GateDiagnostic(
                    DiagnosticCodes.SourceUnreadable, DiagnosticLevel.Warning,
                    $"Project file could not be read, so its sources are not part of the review: {ex.Message}", file));
            }
        }

        return projects;
    }

    /// <summary>The project's own C# files: under its folder, outside bin/obj and outside nested projects' folders.</summary>
    public static IReadOnlyList<SourceFile> SourcesOf(DiscoveredProject project, IReadOnlyList<DiscoveredProject> all) =>
        FilesOf(project, all, "*.cs");

    /// <summary>The project's SQL scripts (schema and migrations), found as its sources are.</summary>
    public static IReadOnlyList<SourceFile> SqlScriptsOf(DiscoveredProject project, IReadOnlyList<DiscoveredProject> all) =>
        FilesOf(project, all, "*.sql");

    // Folders that cannot be read were reported when the projects were looked for.
    private static IReadOnlyList<SourceFile> FilesOf(DiscoveredProject project, IReadOnlyList<DiscoveredProject> all, string pattern) =>
        FolderFiles.OfProject(project.Directory, pattern, all.Select(p => p.Directory), diagnostics: null)
            .Select(f => new SourceFile(Path.GetFullPath(f), project.Name, project.Assembly))
            .ToArray();

    private static DiscoveredProject Read(string file, DirectoryImports imports)
    {
        var document = ProjectSettings.Load(file);
        var name = Path.GetFileNameWithoutExtension(file);
        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;

        // The project file with what it imports itself, and the nearest Directory.Build.props/.targets with theirs.
        var own = imports.WithImports(file, document);
        var props = imports.Nearest("Directory.Build.props", directory);
        var targets = imports.Nearest("Directory.Build.targets", directory);
        var settings = ProjectSettings.Read(name, [.. props, .. own, .. targets]);

        // As MSBuild evaluates: Directory.Build.props, the test packages' own props (Microsoft.NET.Test.Sdk sets
        // IsTestProject), the project, Directory.Build.targets; a later IsTestProject wins.
        var inProps = TestDeclarations(props, name, evaluateConditions: true);
        var inProject = TestDeclarations(own, name, evaluateConditions: false);
        var inTargets = TestDeclarations(targets, name, evaluateConditions: true);
        var mstestSdk = UsesMSTestSdk(document);
        var references = inProps.References || inProject.References || inTargets.References || mstestSdk;
        var isTest = inTargets.Declared ?? inProject.Declared ?? (references || inProps.Declared == true);
        var assembly = own.SelectMany(f => f.Document.Descendants()).Where(e => e.Name.LocalName == "AssemblyName")
            .Select(e => e.Value.Trim()).LastOrDefault(v => v.Length > 0);
        return new DiscoveredProject(
            name,
            assembly is not null && !assembly.Contains('$') ? assembly : name,
            directory,
            isTest,
            TestKindText.TryParse(settings.TestKind, out var kind) ? kind : null,
            settings)
        {
            TestFramework = inTargets.Framework ?? inProject.Framework ?? inProps.Framework ?? (mstestSdk ? "mstest" : null),
        };
    }

    /// <summary>The framework a test package belongs to; null for packages every framework uses (the test SDK).</summary>
    private static string? FrameworkOfPackage(string package) => package.ToLowerInvariant() switch
    {
        "xunit" or "xunit.core" or "xunit.v3" or "xunit.v3.core" => "xunit",
        "nunit" => "nunit",
        "mstest" or "mstest.testframework" => "mstest",
        var name when name == "tunit" || name.StartsWith("tunit.", StringComparison.Ordinal) => "tunit",
        _ => null,
    };

    /// <summary>The MSTest project SDK makes a test project: <c>&lt;Project Sdk="MSTest.Sdk/3.7.0"&gt;</c> or <c>&lt;Sdk Name="MSTest.Sdk" /&gt;</c>.</summary>
    private static bool UsesMSTestSdk(XDocument document) =>
        (((string?)document.Root?.Attribute("Sdk"))?.Split(';') ?? [])
            .Concat(document.Root?.Elements().Where(e => e.Name.LocalName == "Sdk").Select(e => (string?)e.Attribute("Name") ?? string.Empty) ?? [])
            .Concat(document.Root?.Elements().Where(e => e.Name.LocalName == "Import").Select(e => (string?)e.Attribute("Sdk") ?? string.Empty) ?? [])
            .Any(sdk => string.Equals(sdk.Split('/')[0].Trim(), "MSTest.Sdk", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// What some project files say about being a test project: the last <c>IsTestProject</c> they set (null: none) and
    /// whether they reference a test framework. In the Directory.Build.props and .targets around a project (a
    /// <c>tests/</c> folder's often set both) a setting under a condition the review cannot evaluate is not taken: it
    /// usually picks some projects only. In the project's own files every setting counts, as the project chose it.
    /// The framework is the last framework package referenced.
    /// </summary>
    private static (bool? Declared, bool References, string? Framework) TestDeclarations(
        IEnumerable<(string Path, XDocument Document)> files, string projectName, bool evaluateConditions)
    {
        bool? declared = null;
        var references = false;
        string? framework = null;
        foreach (var element in files.SelectMany(d => d.Document.Descendants()))
        {
            var local = element.Name.LocalName;
            var group = element.Parent?.Name.LocalName;
            var relevant = (local == "IsTestProject" && group == "PropertyGroup")
                || (local is "PackageReference" or "GlobalPackageReference" && group == "ItemGroup");
            if (!relevant || (evaluateConditions && ProjectSettings.Applies(element, projectName) != true))
            {
                continue;
            }

            if (local == "IsTestProject")
            {
                declared = bool.TryParse(element.Value.Trim(), out var value) ? value : declared;
            }
            else
            {
                var package = (string?)element.Attribute("Include") ?? string.Empty;
                references |= TestPackages.Contains(package, StringComparer.OrdinalIgnoreCase);
                framework = FrameworkOfPackage(package) ?? framework;
            }
        }

        return (declared, references, framework);
    }
}

/// <summary>
/// The Directory.Build.props and .targets MSBuild would import around the projects of one review: the nearest of each
/// above a project, up to the repository root (a file outside the repository is not part of what is reviewed). Each is
/// read once however many projects share it; one that cannot be read is reported once and its settings are not applied,
/// while the projects under it are still reviewed.
/// </summary>
internal sealed class DirectoryImports(string repositoryRoot, List<GateDiagnostic> diagnostics)
{
    private readonly Dictionary<string, XDocument?> _documents = new(StringComparer.Ordinal);

    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repositoryRoot));

    /// <summary>The nearest file of that name above the folder, with what it imports, in evaluation order (none: empty).</summary>
    public IReadOnlyList<(string Path, XDocument Document)> Nearest(string fileName, string directory)
    {
        for (var folder = new DirectoryInfo(directory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, fileName);
            if (File.Exists(candidate))
            {
                return LoadOnce(candidate) is { } document ? WithImports(candidate, document) : [];
            }

            if (Path.TrimEndingDirectorySeparator(folder.FullName) == _root)
            {
                return [];
            }
        }

        return [];
    }

    /// <summary>
    /// A project file and the repository's project files it imports (<see cref="ProjectImports"/>), transitively, in the
    /// order MSBuild evaluates them: an import written before the file's first property or item group is read before
    /// the file, one written after it is read after (a later property wins). A file is read once per chain, so an import
    /// cycle ends; a file outside the repository is not part of what is reviewed.
    /// </summary>
    public IReadOnlyList<(string Path, XDocument Document)> WithImports(string file, XDocument document)
    {
        var chain = new List<(string, XDocument)>();
        Append(Path.GetFullPath(file), document, chain, new HashSet<string>(StringComparer.Ordinal), depth: 0);
        return chain;
    }

    private void Append(string file, XDocument document, List<(string, XDocument)> chain, HashSet<string> seen, int depth)
    {
        seen.Add(file);
        var after = new List<(string, XDocument)>();
        var groupSeen = false;
        foreach (var element in document.Root?.Elements() ?? [])
        {
            groupSeen |= element.Name.LocalName is "PropertyGroup" or "ItemGroup";
            if (element.Name.LocalName != "Import" || element.Attribute("Sdk") is not null || depth >= MaxImportDepth
                || ProjectImports.ConditionHolds(element) != true
                || (string?)element.Attribute("Project") is not { } project
                || ProjectImports.Resolve(project, file) is not { } imported
                || !File.Exists(imported) || !imported.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || seen.Contains(imported) || LoadOnce(imported) is not { } importedDocument)
            {
                continue;
            }

            var target = groupSeen ? after : chain;
            Append(imported, importedDocument, target, seen, depth + 1);
        }

        chain.Add((file, document));
        chain.AddRange(after);
    }

    private const int MaxImportDepth = 16;

    private XDocument? LoadOnce(string file)
    {
        if (!_documents.TryGetValue(file, out var document))
        {
            try
            {
                document = ProjectSettings.Load(file);
            }
            catch (Exception ex) when (ex is XmlException or IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(new GateDiagnostic(
                    DiagnosticCodes.SourceUnreadable, DiagnosticLevel.Warning,
                    $"{Path.GetFileName(file)} could not be read, so the TestGate settings in it are not applied: {ex.Message}", file));
            }

            _documents.Add(file, document);
        }

        return document;
    }
}
