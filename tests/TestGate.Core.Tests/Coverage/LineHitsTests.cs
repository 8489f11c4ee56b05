using TestGate.Core.Coverage;

namespace TestGate.Core.Tests.Coverage;

public class LineHitsTests
{
    [Theory]
    [InlineData(3, 1, 4, 2, 3, 4, 5, 3, 4)]
    [InlineData(0, 0, 0, 0, 2, 2, 0, 2, 2)]
    [InlineData(7, 2, 2, 0, 0, 0, 7, 2, 2)]
    [InlineData(1, 1, 2, 1, 0, 4, 2, 1, 4)]
    public void Merge_adds_hits_and_keeps_the_best_branch_measurement(
        long hitsA, int coveredA, int totalA, long hitsB, int coveredB, int totalB,
        long expectedHits, int expectedCovered, int expectedTotal)
    {
        var a = new LineHits(hitsA, coveredA, totalA);
        var b = new LineHits(hitsB, coveredB, totalB);

        Assert.Equal(new LineHits(expectedHits, expectedCovered, expectedTotal), a.Merge(b));
        Assert.Equal(a.Merge(b), b.Merge(a));
    }

    [Fact]
    public void Merge_does_not_overflow_for_large_hit_counts()
    {
        var merged = new LineHits(int.MaxValue, 0, 0).Merge(new LineHits(int.MaxValue, 0, 0));

        Assert.Equal(2L * int.MaxValue, merged.Hits);
    }
}
