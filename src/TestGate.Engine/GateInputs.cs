using TestGate.Analysis;
using TestGate.Core.Configuration;

namespace TestGate.Engine;

/// <summary>A coverage file and the test project expected to have produced it.</summary>
public sealed record CoverageInput(string Path, string? Project);

/// <summary>Everything one gate run decides over. Paths may be absolute; reports show them relative to <see cref="RepositoryRoot"/>.</summary>
public sealed record GateInputs(
    string RepositoryRoot,
    IReadOnlyList<CoverageInput> Coverage,
    IReadOnlyList<SourceFile> ProductionSources,
    IReadOnlyList<SourceFile> TestSources,
    IReadOnlyList<TestProjectInfo> TestProjects)
{
    /// <summary>The production projects' SQL scripts (schema and migrations), read for the constraints they declare.</summary>
    public IReadOnlyList<SourceFile> SqlScripts { get; init; } = [];
}

/// <summary>
/// The configuration surface, still as raw strings: the engine validates it and reports TG0002.
/// <see cref="AssessCoverage"/> is false only for a structural review of sources without coverage (the CLI without
/// --coverage): layers are then not judged at all rather than failed as unmeasured.
/// </summary>
public sealed record GateSettings(
    string? FailOn,
    IReadOnlyList<LayerSetting> Layers,
    IReadOnlyList<RuleSetting> Rules,
    string ReportDirectory,
    string? ReportFormats,
    string ToolVersion,
    string? HelpBaseUri = null,
    IReadOnlyList<string>? Boundaries = null,
    bool AssessCoverage = true);
