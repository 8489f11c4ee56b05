using TestGate.Analysis;
using TestGate.Core.Model;
using TestGate.Engine;
using TestGate.Reporting;

namespace TestGate.Cli;

/// <summary>
/// <c>testgate review &lt;folder&gt; [--coverage &lt;file&gt;...] [--out &lt;dir&gt;] [--fail-on P1]</c>: the same engine and
/// outputs as the MSBuild gate, over a source tree that is not built. Exit codes: 0 pass, 1 the verdict fails,
/// 2 usage error, 3 the review failed unexpectedly (it decided nothing; the stack trace goes to standard error).
/// </summary>
public static class ReviewCommand
{
    public const int Passed = 0;
    public const int Failed = 1;
    public const int UsageError = 2;
    public const int InternalError = 3;

    public const string Usage = """
        Usage: testgate review <folder> [--coverage <cobertura.xml>]... [--out <directory>] [--fail-on P0|P1|P2|P3|None]
                                        [--format md;json;sarif] [--boundary <Type>]...

          <folder>      a source tree: every *.csproj under it is read (no build, no restore)
          --coverage    Cobertura files to judge coverage per layer (repeatable); without any, coverage is not assessed
          --out         where review.md, report.json and report.sarif go (default: <folder>/TestResults/TestGate)
          --fail-on     least severe level that fails (default P1)
          --format      report files to write (default md;json;sarif)
          --boundary    a type tests may mock, in addition to the conventions (repeatable)

        Exit codes: 0 the suite passes, 1 it does not, 2 usage error, 3 the review failed unexpectedly.
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (!ReviewOptions.TryParse(args, out var options, out var problem))
        {
            error.WriteLine($"testgate: {problem}");
            error.WriteLine();
            error.WriteLine(Usage);
            return UsageError;
        }

        if (options is null)
        {
            output.WriteLine(Usage);
            return Passed;
        }

        try
        {
            return Review(options, output);
        }
        catch (Exception ex)
        {
            // Fail closed with guidance, not a runtime crash dump: the trace follows for a bug report.
            output.Flush();
            error.WriteLine($"testgate: error {DiagnosticCodes.InternalError}: the review failed unexpectedly and decided nothing: {ex.GetType().Name}: {ex.Message.TrimEnd('.')}. If that names a file or folder, check that it can be read or written; otherwise please report it with the details below. (see {HelpLinks.For(DiagnosticCodes.InternalError)})");
            error.WriteLine(ex);
            return InternalError;
        }
    }

    private static int Review(ReviewOptions options, TextWriter output)
    {
        var diagnostics = new List<GateDiagnostic>();
        var root = Path.GetFullPath(options.Folder);
        var projects = ProjectDiscovery.Find(root, diagnostics);
        var tests = projects.Where(p => p.IsTest).ToArray();
        var production = projects.Where(p => !p.IsTest && !p.IsTestSupport).ToArray();
        var support = projects.Where(p => p.IsTestSupport).ToArray();
        var inputs = new GateInputs(
            RepositoryPaths.FindRoot(root),
            options.Coverage.Select(c => new CoverageInput(Path.GetFullPath(c), null)).ToArray(),
            production.SelectMany(p => ProjectDiscovery.SourcesOf(p, projects)).ToArray(),
            tests.Concat(support).SelectMany(p => ProjectDiscovery.SourcesOf(p, projects)).ToArray(),
            tests.Select(p => new TestProjectInfo(p.Name, p.ForcedKind, TestFramework: p.TestFramework)).ToArray())
        {
            SqlScripts = production.SelectMany(p => ProjectDiscovery.SqlScriptsOf(p, projects)).ToArray(),
        };
        var configuration = Configuration(tests, diagnostics);
        var settings = new GateSettings(
            options.FailOn ?? configuration.FailOn, configuration.Layers, configuration.Rules,
            options.OutputDirectory ?? Path.Combine(root, "TestResults", "TestGate"), options.Formats,
            ToolVersion.Of(typeof(ReviewCommand).Assembly),
            Boundaries: options.Boundaries.Concat(tests.SelectMany(p => p.Settings.Boundaries)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
            AssessCoverage: options.Coverage.Count > 0);

        var helpers = support.Length > 0 ? $", {support.Length} test-support" : string.Empty;
        output.WriteLine($"testgate: reviewing {root} ({production.Length} production{helpers} and {tests.Length} test project(s))");
        var run = GateRunner.Run(inputs, settings, diagnostics);
        Print(run, output);
        return run.Verdict.Passed ? Passed : Failed;
    }

    /// <summary>
    /// The configuration the test projects declare (their Directory.Build.props, project files and
    /// Directory.Build.targets), consolidated as a solution build does; settings the review could not evaluate are named.
    /// </summary>
    private static ProjectConfiguration Configuration(IReadOnlyList<DiscoveredProject> tests, List<GateDiagnostic> diagnostics)
    {
        // A shared Directory.Build.props is named once, with how many projects it would have configured.
        var skipped = tests.SelectMany(p => p.Settings.Skipped.Select(setting => (Setting: setting, Project: p.Name)))
            .GroupBy(s => s.Setting, StringComparer.Ordinal)
            .Select(g => (Setting: g.Key, Projects: g.Select(s => s.Project).Distinct(StringComparer.Ordinal).ToArray()))
            .Select(s => s.Projects.Length == 1 ? $"{s.Setting} of {s.Projects[0]}" : $"{s.Setting} of {s.Projects.Length} test projects")
            .ToArray();
        if (skipped.Length > 0)
        {
            diagnostics.Add(new GateDiagnostic(
                DiagnosticCodes.ReviewMode, DiagnosticLevel.Message,
                $"{skipped.Length} TestGate setting(s) were not applied because their condition needs a build to evaluate (only $(MSBuildProjectName) comparisons are evaluated): {string.Join("; ", skipped.Take(5))}{(skipped.Length > 5 ? "; ..." : string.Empty)}. The review runs without them (--fail-on and --boundary set a level and boundaries on the command line)."));
        }

        var projects = tests.Select(p => new ProjectConfiguration(p.Name, p.Settings.FailOn, p.Settings.Layers, p.Settings.Rules)).ToArray();
        return SolutionConfiguration.Consolidate(projects, diagnostics) ?? new ProjectConfiguration(string.Empty, null, [], []);
    }

    private static void Print(GateRun run, TextWriter output)
    {
        var verdict = run.Verdict;
        foreach (var line in ConsoleSummary.Lines(verdict.Layers))
        {
            output.WriteLine("  " + line);
        }

        foreach (var evaluated in ReportFindings.Of(verdict))
        {
            var finding = evaluated.Finding;
            var where = finding.Location?.Path is { } path ? $"{path}{(finding.Location.Line is { } line ? $"({line})" : string.Empty)}: " : string.Empty;
            var level = evaluated.Blocking ? "error" : finding.Severity <= Severity.P2 ? "warning" : "info";
            output.WriteLine($"{where}{level} {finding.RuleId}: {finding.MissingOrBrokenTest} [{finding.Severity} {finding.RuleName}]");
        }

        // Notes about the run (how the tests were read) are not findings, so the reports leave them out; the console says them.
        foreach (var note in verdict.Diagnostics.Where(d => d.Level == DiagnosticLevel.Message))
        {
            output.WriteLine($"info {note.Code}: {note.Message}");
        }

        output.WriteLine(verdict.Summary);
        foreach (var file in run.ReportFiles)
        {
            output.WriteLine($"testgate report: {file}");
        }
    }
}
