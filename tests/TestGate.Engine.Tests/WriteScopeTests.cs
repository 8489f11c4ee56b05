namespace TestGate.Engine.Tests;

/// <summary>The gate writes its reports and nothing else: sources, coverage files and other tools' results stay untouched.</summary>
[Trait("Category", "Integration")]
public sealed class WriteScopeTests : IDisposable
{
    private readonly ShopRepository _repo = new();

    public void Dispose() => _repo.Dispose();

    private Dictionary<string, (long Length, DateTime Written)> Snapshot() =>
        Directory.EnumerateFiles(_repo.Root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => (new FileInfo(f).Length, File.GetLastWriteTimeUtc(f)));

    [Fact]
    public void Only_the_report_files_appear_and_nothing_else_changes()
    {
        var coverage = _repo.FullCoverage();
        _repo.Write("TestResults/other-tool/results.trx", "<TestRun />");
        var before = Snapshot();

        var run = GateRunner.Run(_repo.Inputs(coverage), _repo.Settings());

        var after = Snapshot();
        Assert.Equal(before, after.Where(f => before.ContainsKey(f.Key)).ToDictionary(f => f.Key, f => f.Value));
        Assert.Equal(
            run.ReportFiles.Order(StringComparer.Ordinal),
            after.Keys.Except(before.Keys).Order(StringComparer.Ordinal));
        Assert.All(run.ReportFiles, f => Assert.StartsWith(_repo.ReportDirectory, f));
    }

    [Fact]
    public void A_rerun_replaces_the_reports_without_leaving_temporary_files()
    {
        GateRunner.Run(_repo.Inputs(_repo.FullCoverage()), _repo.Settings());
        GateRunner.Run(_repo.Inputs(_repo.FullCoverage()), _repo.Settings());

        Assert.Equal(
            ["report.json", "report.sarif", "review.md"],
            Directory.EnumerateFiles(_repo.ReportDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
