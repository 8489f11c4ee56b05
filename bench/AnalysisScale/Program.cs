using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AnalysisScale;
using TestGate.Analysis;
using TestGate.Core.Rules;

// Usage: AnalysisScale [productionTypes=2000] [repetitions=3]
//        AnalysisScale write <folder> [productionTypes=2000]   (writes the realistic solution with project files, for bench/cli-review.sh)
// Generates a solution of N production types (5 test methods each), then 2N, once with one-line test bodies (the worst
// case for per-test costs) and once with bodies written like real suites, and measures in one run:
//   parse-only  = SourceReader.Parse of production and test sources (Roslyn parsing and file reading),
//   one walk    = visiting every node of those trees once (Roslyn builds its node objects on this first visit),
//   analysis    = the same parse plus the production inventory, the suite model and every structural rule.
// Reports medians, analysis/parse ratios, the growth from N to 2N (2.0 = linear), and peak working set.
if (args is ["write", var folder, ..])
{
    var (writtenProduction, writtenTests) = SyntheticSolution.Write(folder, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000, TestBodies.Realistic);
    SyntheticSolution.WriteProjects(folder, writtenProduction.Concat(writtenTests));
    return;
}

var size = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var root = Path.Combine(Path.GetTempPath(), $"testgate-analysis-scale-{Environment.ProcessId}");

try
{
    foreach (var bodies in new[] { TestBodies.Short, TestBodies.Realistic })
    {
        Console.WriteLine(bodies == TestBodies.Short ? "one-line test bodies:" : "test bodies written like real suites:");
        var small = Measure(size, bodies);
        var large = Measure(size * 2, bodies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  growth from {small.Types} to {large.Types} types: parse-only x{large.Parse / small.Parse:F2}, analysis x{large.Analysis / small.Analysis:F2} (2.00 = linear)"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB; {Environment.ProcessorCount} cores; .NET {Environment.Version}"));
}
finally
{
    Directory.Delete(root, recursive: true);
}

(int Types, double Parse, double Analysis) Measure(int types, TestBodies bodies)
{
    var (production, tests) = SyntheticSolution.Write(Path.Combine(root, $"{bodies}-{types}"), types, bodies);
    var parse = new List<double>();
    var walk = new List<double>();
    var analysis = new List<double>();
    var testMethods = 0;
    for (var run = 0; run < repetitions + 1; run++)
    {
        var clock = Stopwatch.StartNew();
        var unreadable = new ConcurrentBag<UnreadableSource>();
        (SourceFile File, Microsoft.CodeAnalysis.SyntaxTree Tree)[]? parsed = SourceReader.Parse(production, unreadable).Concat(SourceReader.Parse(tests, unreadable)).ToArray();
        var parseTime = clock.Elapsed.TotalMilliseconds;

        // The floor of any syntax analysis: visiting every node once, in parallel, as the analysis does first.
        clock.Restart();
        Parallel.ForEach(parsed, p => _ = p.Tree.GetRoot().DescendantNodes().Count());
        var walkTime = clock.Elapsed.TotalMilliseconds;

        // The analysis starts from a heap without the trees above, as in a build: the garbage collector would otherwise
        // trace two copies of every tree while it runs.
        parsed = null;
        GC.Collect();
        clock.Restart();
        var productionTrees = SourceReader.Parse(production, unreadable);
        var testTrees = SourceReader.Parse(tests, unreadable);
        var inventory = ProductionTypeScanner.Scan(productionTrees);
        var projects = tests.Select(t => t.Project).Distinct().ToDictionary(p => p, p => new TestProjectInfo(p, null));
        var suite = SuiteModelBuilder.Build(productionTrees, testTrees, projects, [], inventory);
        _ = StructuralRules.Evaluate(suite);
        var analysisTime = clock.Elapsed.TotalMilliseconds;
        testMethods = suite.Tests.Count;

        // The first run warms up the JIT and the file cache; it is not counted.
        if (run > 0)
        {
            parse.Add(parseTime);
            walk.Add(walkTime);
            analysis.Add(analysisTime);
        }

        GC.Collect();
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {types,6} production types, {testMethods,6} test methods: parse-only {Median(parse),6:F0} ms, one walk of every node {Median(walk),6:F0} ms, analysis {Median(analysis),6:F0} ms, ratio analysis/parse {Median(analysis) / Median(parse):F2}"));
    return (types, Median(parse), Median(analysis));
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
