using TestGate.Core.Coverage;

namespace TestGate.Coverage.Tests;

public class CoverageMergerTests
{
    private static CoveredType Type(string name, string file, params (int Line, LineHits Hits)[] lines) =>
        new(name, "Shop.Domain", file, lines.ToDictionary(l => l.Line, l => l.Hits));

    [Fact]
    public void Same_line_from_two_runs_adds_hits_and_keeps_the_best_branch_count()
    {
        var unit = new CoverageDocument("unit.xml", [Type("Shop.Domain.Order", "/r/Order.cs", (10, new LineHits(0, 1, 4)), (11, new LineHits(2, 0, 0)))]);
        var integration = new CoverageDocument("it.xml", [Type("Shop.Domain.Order", "/r/Order.cs", (10, new LineHits(3, 3, 4)), (12, new LineHits(0, 0, 0)))]);

        var merged = Assert.Single(CoverageMerger.Merge([unit, integration]));

        Assert.Equal(new LineHits(3, 3, 4), merged.Lines[10]);
        Assert.Equal(new LineHits(2, 0, 0), merged.Lines[11]);
        Assert.Equal(new LineHits(0, 0, 0), merged.Lines[12]);
    }

    [Fact]
    public void A_line_covered_by_either_run_is_covered_once()
    {
        var a = new CoverageDocument("a.xml", [Type("Shop.Domain.Order", "/r/Order.cs", (5, new LineHits(1, 0, 0)), (6, new LineHits(0, 0, 0)))]);
        var b = new CoverageDocument("b.xml", [Type("Shop.Domain.Order", "/r/Order.cs", (5, new LineHits(0, 0, 0)), (6, new LineHits(1, 0, 0)))]);

        var merged = Assert.Single(CoverageMerger.Merge([a, b]));

        Assert.Equal(2, merged.Lines.Count);
        Assert.All(merged.Lines.Values, hits => Assert.True(hits.Hits > 0));
    }

    [Fact]
    public void Partial_types_in_different_files_stay_apart_and_output_is_sorted()
    {
        var document = new CoverageDocument("a.xml",
        [
            Type("Shop.Domain.Order", "/r/Order.Rules.cs", (1, new LineHits(1, 0, 0))),
            Type("Shop.Domain.Customer", "/r/Customer.cs", (1, new LineHits(1, 0, 0))),
            Type("Shop.Domain.Order", "/r/Order.cs", (1, new LineHits(0, 0, 0))),
        ]);

        var merged = CoverageMerger.Merge([document]);

        Assert.Equal(
            ["Shop.Domain.Customer /r/Customer.cs", "Shop.Domain.Order /r/Order.Rules.cs", "Shop.Domain.Order /r/Order.cs"],
            merged.Select(t => $"{t.TypeName} {t.File}"));
    }

    [Fact]
    public void Nothing_to_merge_gives_nothing() => Assert.Empty(CoverageMerger.Merge([]));
}
