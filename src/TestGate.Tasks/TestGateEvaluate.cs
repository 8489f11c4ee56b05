using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using TestGate.Core.Model;
using TestGate.Core.Policy;
using TestGate.Engine;
using TestGate.Reporting;

namespace TestGate.Tasks;

/// <summary>
/// Decides once over the inputs of one test project or of a whole solution, logs the verdict and writes the
/// reports. A thin adapter: all decisions are made by <see cref="GateRunner"/>.
/// </summary>
public sealed class TestGateEvaluate : Microsoft.Build.Utilities.Task
{
    /// <summary>Items returned by GetTestGateInputs (TestGateInputKind: TestProject, Coverage, TestSource, ProductionProject, ProductionSource, References, Using, Layer, Rule, Boundary).</summary>
    [Required]
    public ITaskItem[] Inputs { get; set; } = [];

    [Required]
    public string ReportDirectory { get; set; } = string.Empty;

    /// <summary>Where report paths are relative to; found from the nearest '.git' above <see cref="StartDirectory"/> when empty.</summary>
    public string RepositoryRoot { get; set; } = string.Empty;

    [Required]
    public string StartDirectory { get; set; } = string.Empty;

    /// <summary>Solution-level configuration; when empty, the test projects' own configuration is used.</summary>
    public string FailOn { get; set; } = string.Empty;

    public ITaskItem[] Layers { get; set; } = [];

    public ITaskItem[] Rules { get; set; } = [];

    /// <summary>Types the team allows tests to mock (TestGateBoundary items), in addition to those the projects report.</summary>
    public ITaskItem[] Boundaries { get; set; } = [];

    public string ReportFormats { get; set; } = string.Empty;

    public string HelpBaseUri { get; set; } = string.Empty;

    /// <summary>Reported in report.json; the task assembly's own version when empty.</summary>
    public string ToolVersion { get; set; } = string.Empty;

    /// <summary>What the verdict is about, for the console: a project name or a solution name.</summary>
    public string Scope { get; set; } = string.Empty;

    [Output]
    public bool Passed { get; private set; }

    [Output]
    public ITaskItem[] ReportFiles { get; private set; } = [];

    public override bool Execute()
    {
        try
        {
            var root = string.IsNullOrWhiteSpace(RepositoryRoot) ? RepositoryPaths.FindRoot(StartDirectory) : RepositoryRoot;
            Log.LogMessage(MessageImportance.Low, "TestGate: {0} input item(s), repository root {1}, reports in {2}", Inputs.Length, root, ReportDirectory);
            var notes = new List<GateDiagnostic>();
            var inputs = InputItems.ToInputs(root, Inputs, notes);
            var configuration = Configuration(notes);
            var settings = new GateSettings(
                configuration.FailOn, configuration.Layers, configuration.Rules, ReportDirectory, ReportFormats,
                string.IsNullOrWhiteSpace(ToolVersion) ? Engine.ToolVersion.Of(typeof(TestGateEvaluate).Assembly) : ToolVersion,
                HelpBase,
                Boundaries.Select(b => b.ItemSpec)
                    .Concat(Inputs.Where(i => InputItems.IsKind(i, "Boundary")).Select(i => i.ItemSpec))
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToArray());

            var run = GateRunner.Run(inputs, settings, notes);
            Report(run, root);
            Passed = run.Verdict.Passed;
            ReportFiles = run.ReportFiles.Select(f => (ITaskItem)new TaskItem(f)).ToArray();
            return Passed && !Log.HasLoggedErrors;
        }
        catch (Exception ex)
        {
            // Fail closed with guidance, not an MSBuild stack dump; the stack goes to the detailed log for a bug report.
            Log.LogError(null, DiagnosticCodes.InternalError, null, HelpLinks.For(DiagnosticCodes.InternalError, HelpBase), null, 0, 0, 0, 0,
                $"TestGate failed unexpectedly and could not decide, so the build fails: {ex.GetType().Name}: {ex.Message.TrimEnd('.')}. Re-run with -v:detailed for the stack trace, or set TestGateEnabled=false to switch the gate off.");
            Log.LogMessage(MessageImportance.Low, ex.ToString());
            return false;
        }
    }

    private string? HelpBase => string.IsNullOrWhiteSpace(HelpBaseUri) ? null : HelpBaseUri.TrimEnd('/') + "/";

    /// <summary>
    /// The test projects' shared configuration (usually from Directory.Build.props), with whatever the solution sets
    /// itself taking precedence part by part: <c>-p:TestGateFailOn=P2</c> changes the level, not the layers.
    /// </summary>
    private ProjectConfiguration Configuration(List<GateDiagnostic> notes)
    {
        var testProjects = Inputs.Where(i => InputItems.IsKind(i, "TestProject")).ToArray();
        var projects = testProjects
            .GroupBy(p => p.GetMetadata("TestGateProject"), StringComparer.Ordinal)
            .Select(g => new ProjectConfiguration(
                g.Key,
                g.First().GetMetadata("TestGateFailOn"),
                InputItems.Layers(Inputs.Where(i => InputItems.IsKind(i, "Layer") && i.GetMetadata("TestGateProject") == g.Key)),
                InputItems.Rules(Inputs.Where(i => InputItems.IsKind(i, "Rule") && i.GetMetadata("TestGateProject") == g.Key))))
            .ToArray();
        var shared = SolutionConfiguration.Consolidate(projects, notes) ?? new ProjectConfiguration(Scope, null, [], []);
        return new ProjectConfiguration(
            shared.Project,
            string.IsNullOrWhiteSpace(FailOn) ? shared.FailOn : FailOn,
            Layers.Length > 0 ? InputItems.Layers(Layers) : shared.Layers,
            Rules.Length > 0 ? InputItems.Rules(Rules) : shared.Rules);
    }

    private void Report(GateRun run, string root)
    {
        var verdict = run.Verdict;
        var scope = string.IsNullOrWhiteSpace(Scope) ? string.Empty : $" ({Scope})";
        Log.LogMessage(MessageImportance.High, $"TestGate{scope}: coverage per layer");
        foreach (var line in ConsoleSummary.Lines(verdict.Layers))
        {
            Log.LogMessage(MessageImportance.High, "  " + line);
        }

        foreach (var evaluated in ReportFindings.Of(verdict))
        {
            var finding = evaluated.Finding;
            var file = finding.Location?.Path is { } path ? Path.GetFullPath(Path.Combine(root, path)) : null;
            var line = finding.Location?.Line ?? 0;
            var help = HelpLinks.For(finding.RuleId, HelpBase);
            var message = $"{finding.MissingOrBrokenTest} [{finding.Severity} {finding.RuleName}; risk: {finding.Risk} Recommended: {finding.RecommendedTestType} test. Help: {help}]";
            if (evaluated.Blocking)
            {
                Log.LogError(null, finding.RuleId, null, help, file, line, 0, 0, 0, message);
            }
            else if (finding.Severity <= Severity.P2)
            {
                Log.LogWarning(null, finding.RuleId, null, help, file, line, 0, 0, 0, message);
            }
            else
            {
                Log.LogMessage(null, finding.RuleId, null, file, line, 0, 0, 0, MessageImportance.Normal, message);
            }
        }

        foreach (var note in verdict.Diagnostics.Where(d => d.Level == DiagnosticLevel.Message))
        {
            Log.LogMessage(MessageImportance.Normal, $"{note.Code}: {note.Message}");
        }

        Log.LogMessage(MessageImportance.High, $"TestGate{scope}: {verdict.Summary}");
        foreach (var file in run.ReportFiles)
        {
            Log.LogMessage(MessageImportance.High, $"TestGate report: {file}");
        }
    }
}
