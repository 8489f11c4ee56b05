using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TestGate.Analysis;
using TestGate.Core.Model;
using TestGate.Core.Rules;
using TestGate.Core.Suite;

namespace TestGate.Rules.Tests;

/// <summary>A source snippet and the project it belongs to.</summary>
public sealed record Snippet(string Project, string Code, string? Path = null);

/// <summary>
/// Builds a suite model from in-memory snippets, exactly as the engine builds it from files, and runs the structural
/// rules over it. Test projects are named by kind (<c>Shop.UnitTests</c>, <c>Shop.IntegrationTests</c>, ...) unless
/// a forced kind is given.
/// </summary>
public static class SnippetSuite
{
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview);

    /// <summary>The runtime's own assemblies: references for reviews that use the semantic model.</summary>
    public static IReadOnlyList<string> RuntimeReferences { get; } =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The global usings of a project with ImplicitUsings enabled, as the SDK writes them.</summary>
    public static IReadOnlyList<string> ImplicitUsings { get; } =
        new[] { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks" }
            .Select(n => $"global using global::{n};").ToArray();

    public static SuiteModel Build(
        IEnumerable<Snippet> production,
        IEnumerable<Snippet> tests,
        IReadOnlyList<string>? boundaries = null,
        IReadOnlyDictionary<string, TestKind>? forcedKinds = null,
        IReadOnlyList<string>? references = null,
        IReadOnlyList<Snippet>? sqlScripts = null)
    {
        var productionTrees = Parse(production, "src");
        var testTrees = Parse(tests, "tests");
        var projects = testTrees.Select(t => t.File.Project).Distinct()
            .ToDictionary(p => p, p => new TestProjectInfo(
                p,
                forcedKinds is not null && forcedKinds.TryGetValue(p, out var kind) ? kind : null,
                references,
                references is null ? null : ImplicitUsings));
        var scripts = (sqlScripts ?? []).Select((s, i) => (new SourceFile(s.Path ?? $"/repo/src/{s.Project}/Script{i}.sql", s.Project, s.Project), s.Code)).ToArray();
        return SuiteModelBuilder.Build(productionTrees, testTrees, projects, boundaries ?? [], sqlScripts: scripts);
    }

    public static IReadOnlyList<Finding> Review(
        IEnumerable<Snippet> production,
        IEnumerable<Snippet> tests,
        IReadOnlyList<string>? boundaries = null,
        IReadOnlyDictionary<string, TestKind>? forcedKinds = null,
        IReadOnlyList<string>? references = null,
        IReadOnlyList<Snippet>? sqlScripts = null) =>
        StructuralRules.Evaluate(Build(production, tests, boundaries, forcedKinds, references, sqlScripts));

    /// <summary>The 1-based line of the first line of <paramref name="code"/> containing <paramref name="marker"/>.</summary>
    public static int LineOf(string code, string marker)
    {
        var lines = code.Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.True(index >= 0, $"marker '{marker}' not found");
        return index + 1;
    }

    /// <summary>The findings of one rule.</summary>
    public static IReadOnlyList<Finding> Of(this IReadOnlyList<Finding> findings, string ruleId) =>
        findings.Where(f => f.RuleId == ruleId).ToArray();

    private static IReadOnlyList<(SourceFile File, SyntaxTree Tree)> Parse(IEnumerable<Snippet> snippets, string folder) =>
        snippets.Select((s, i) =>
        {
            var path = s.Path ?? $"/repo/{folder}/{s.Project}/File{i}.cs";
            return (new SourceFile(path, s.Project, s.Project), CSharpSyntaxTree.ParseText(s.Code, Options, path));
        }).ToArray();
}
