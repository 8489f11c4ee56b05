using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace TestGate.EndToEnd.Tests;

/// <summary>
/// Reliability under parallel builds: `dotnet test` builds and tests the projects of a solution in parallel MSBuild
/// nodes, and the solution decides once after all of them. Repeated runs over unchanged sources must give the same
/// verdict, exactly one verdict line, byte-identical reports, and no file-in-use errors. bench/stress-parallel.sh
/// runs the same check at a larger scale (docs/reliability.md).
/// </summary>
[Collection(PackedSdkCollection.Name)]
[Trait("Category", "E2E")]
public sealed class ParallelDeterminismTests(PackedSdk sdk)
{
    private const int Runs = 3;
    private const int TestProjects = 3;
    private static readonly string[] ReportFiles = ["report.json", "review.md", "report.sarif"];

    /// <summary>`TestGate (scope): summary`, not the `TestGate (scope): coverage per layer` heading above the table.</summary>
    private static readonly Regex VerdictLine = new(@"TestGate \((?<scope>[^)]*)\): (?!coverage per layer)(?<summary>.*?)\r?$", RegexOptions.Multiline);

    private static readonly Regex FileInUse = new(@"being used by another process|file in use|IOException|(error|warning) MSB\d+", RegexOptions.IgnoreCase);

    [Fact(Timeout = 900_000)]
    public async Task Repeated_parallel_runs_give_one_identical_verdict_and_byte_identical_reports()
    {
        var solution = ConsumerSolution.CreateWithTestProjects(sdk, "parallel", TestProjects);
        var file = await solution.CreateSolutionFileAsync("slnx");
        var verdicts = new List<string>();
        var reports = new List<Dictionary<string, string>>();

        for (var run = 1; run <= Runs; run++)
        {
            // Emptied before each run: a report this run did not write must show as missing, not as last run's file.
            if (Directory.Exists(solution.ReportDirectory))
            {
                Directory.Delete(solution.ReportDirectory, recursive: true);
            }

            var result = await solution.RunAsync("test", file);

            var context = $"run {run}: {result}";
            Assert.True(result.ExitCode != 0, "The under-covered Domain layer must fail the gate; " + context);
            var verdict = Assert.Single(VerdictLine.Matches(result.Output));
            Assert.Equal("Consumer", verdict.Groups["scope"].Value);
            Assert.StartsWith("Testing standards not satisfied", verdict.Groups["summary"].Value);
            Assert.Contains("error TG0901: Domain layer", result.Output);
            // Counted anywhere in the output: parallel nodes write to one console, and a VSTest summary can land after
            // another node's partial line instead of at the start of its own.
            Assert.Equal(TestProjects, Regex.Matches(result.Output, @"Passed!\s+-\s+Failed:\s+0,").Count);
            Assert.False(FileInUse.IsMatch(result.Output), $"File-in-use or MSBuild error: {FileInUse.Match(result.Output).Value}; {context}");
            Assert.Empty(Directory.GetFiles(solution.ReportDirectory, "*.tmp"));
            verdicts.Add(verdict.Value);
            reports.Add(ReportFiles.ToDictionary(name => name, name => Hash(Path.Combine(solution.ReportDirectory, name))));
        }

        Assert.Single(verdicts.Distinct());
        foreach (var name in ReportFiles)
        {
            Assert.Single(reports.Select(r => r[name]).Distinct());
        }
    }

    private static string Hash(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        var bytes = File.ReadAllBytes(path);
        Assert.NotEmpty(bytes);
        return Convert.ToHexString(SHA256.HashData(bytes));
    }
}
