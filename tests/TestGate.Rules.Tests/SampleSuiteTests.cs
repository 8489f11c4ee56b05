using TestGate.Analysis;
using TestGate.Core.Model;
using TestGate.Core.Rules;

namespace TestGate.Rules.Tests;

/// <summary>
/// The structural rules over the sample shop service in samples/shop, read from disk as the engine reads it: the
/// complete suite must leave no finding at P0–P2 (a gate that cries wolf gets switched off).
/// </summary>
[Trait("Category", "Integration")]
public class SampleSuiteTests
{
    private static string SampleRoot
    {
        get
        {
            // From the output folder, then from this source file (the output may live outside the repository: --artifacts-path).
            foreach (var start in new[] { AppContext.BaseDirectory, SourceDirectory() })
            {
                for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
                {
                    var candidate = Path.Combine(directory.FullName, "samples", "shop");
                    if (Directory.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }

            throw new InvalidOperationException("samples/shop not found above " + AppContext.BaseDirectory);
        }
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path) ?? AppContext.BaseDirectory;

    public static IReadOnlyList<Finding> Review(params string[] testProjects)
    {
        static IEnumerable<SourceFile> SourcesOf(string folder) =>
            Directory.EnumerateDirectories(folder).SelectMany(project => Directory
                .EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
                .Select(f => new SourceFile(f, Path.GetFileName(project), Path.GetFileName(project))));

        var unreadable = new System.Collections.Concurrent.ConcurrentBag<UnreadableSource>();
        var production = SourceReader.Parse(SourcesOf(Path.Combine(SampleRoot, "src")).ToArray(), unreadable);
        var tests = SourceReader.Parse(SourcesOf(Path.Combine(SampleRoot, "tests")).Where(f => testProjects.Contains(f.Project)).ToArray(), unreadable);
        var kinds = new Dictionary<string, TestProjectInfo>
        {
            // As the sample's project files force them.
            ["Shop.Application.Tests"] = new("Shop.Application.Tests", TestKind.Application),
            ["Shop.Domain.DeficientTests"] = new("Shop.Domain.DeficientTests", TestKind.Unit),
        };
        var projects = testProjects.ToDictionary(p => p, p => kinds.TryGetValue(p, out var info) ? info : new TestProjectInfo(p, null));
        Assert.Empty(unreadable);
        return StructuralRules.Evaluate(SuiteModelBuilder.Build(production, tests, projects, []));
    }

    [Fact]
    public void The_complete_sample_suite_leaves_no_finding_at_P0_to_P2()
    {
        var findings = Review("Shop.Domain.UnitTests", "Shop.Application.Tests", "Shop.Infrastructure.IntegrationTests");

        var significant = findings.Where(f => f.Severity <= Severity.P2).Select(f => $"{f.RuleId} {f.Location?.Path}:{f.Location?.Line} {f.MissingOrBrokenTest}").ToArray();
        Assert.True(significant.Length == 0, string.Join("\n", significant));
    }

    [Fact]
    public void Reviewing_the_same_sources_again_gives_the_same_findings_in_the_same_order()
    {
        // The families and the rules run in parallel; what they report must not depend on which finishes first.
        static string[] Render(IReadOnlyList<Finding> findings) => findings
            .Select(f => $"{f.RuleId}|{f.Severity}|{f.Location?.Path}:{f.Location?.Line}|{f.MissingOrBrokenTest}|{f.Risk}|{f.ExampleTestOutline}")
            .ToArray();
        // Without the integration tests the repositories, constraints and rollbacks are untested: many findings, many rules.
        string[] projects = ["Shop.Domain.DeficientTests", "Shop.Application.Tests"];

        var first = Render(Review(projects));

        Assert.True(first.Length >= 5, string.Join("\n", first));
        for (var run = 0; run < 4; run++)
        {
            Assert.Equal(first, Render(Review(projects)));
        }
    }
}
