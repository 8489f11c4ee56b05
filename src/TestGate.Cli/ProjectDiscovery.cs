using System.Xml;
using System.Xml.Linq;
using TestGate.Analysis;
using TestGate.Core.Model;

namespace TestGate.Cli;

/// <summary>A project found under the reviewed folder, read from its project file without MSBuild.</summary>
public sealed record DiscoveredProject(string Name, string Assembly, string Directory, bool IsTest, TestKind? ForcedKind);

/// <summary>
/// Finds the C# projects of a source tree and their sources without building or restoring anything: a project file
/// is read as XML (DTDs refused), a project is a test project when it says so (<c>IsTestProject</c>) or references a
/// test framework, and its sources are the <c>*.cs</c> files under its folder that no nested project owns.
/// </summary>
public static class ProjectDiscovery
{
    private static readonly string[] TestPackages = ["Microsoft.NET.Test.Sdk", "xunit", "xunit.v3", "NUnit", "MSTest.TestFramework", "MSTest", "TUnit"];

    public static IReadOnlyList<DiscoveredProject> Find(string root, List<GateDiagnostic> diagnostics)
    {
        var projects = new List<DiscoveredProject>();
        foreach (var file in Directory.EnumerateFiles(root, "*.csproj", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                     .Where(f => !IsBuildOutput(f))
                     .Order(StringComparer.Ordinal))
        {
            try
            {
                projects.Add(Read(file));
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
    public static IReadOnlyList<SourceFile> SourcesOf(DiscoveredProject project, IReadOnlyList<DiscoveredProject> all)
    {
        var nested = all.Where(p => p != project && IsUnder(p.Directory, project.Directory)).Select(p => p.Directory).ToArray();
        return Directory.EnumerateFiles(project.Directory, "*.cs", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(f => !IsBuildOutput(f) && !nested.Any(n => IsUnder(f, n)))
            .Order(StringComparer.Ordinal)
            .Select(f => new SourceFile(Path.GetFullPath(f), project.Name, project.Assembly))
            .ToArray();
    }

    private static DiscoveredProject Read(string file)
    {
        using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var document = XDocument.Load(reader);
        string? Property(string name) => document.Descendants().Where(e => e.Name.LocalName == name).Select(e => e.Value.Trim()).LastOrDefault(v => v.Length > 0);
        var packages = document.Descendants().Where(e => e.Name.LocalName == "PackageReference")
            .Select(e => (string?)e.Attribute("Include") ?? string.Empty)
            .ToArray();

        var name = Path.GetFileNameWithoutExtension(file);
        var isTest = bool.TryParse(Property("IsTestProject"), out var declared)
            ? declared
            : packages.Any(p => TestPackages.Contains(p, StringComparer.OrdinalIgnoreCase));
        return new DiscoveredProject(
            name,
            Property("AssemblyName") is { } assembly && !assembly.Contains('$') ? assembly : name,
            Path.GetDirectoryName(Path.GetFullPath(file))!,
            isTest,
            TestKindText.TryParse(Property("TestGateTestKind"), out var kind) ? kind : null);
    }

    private static bool IsBuildOutput(string path)
    {
        var normalized = path.Replace('\\', '/');
        return normalized.Contains("/bin/", StringComparison.Ordinal) || normalized.Contains("/obj/", StringComparison.Ordinal);
    }

    private static bool IsUnder(string path, string directory) =>
        path.Replace('\\', '/').StartsWith(directory.Replace('\\', '/').TrimEnd('/') + "/", StringComparison.Ordinal);
}
