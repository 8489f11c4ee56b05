using TestGate.Core.Coverage;

namespace TestGate.Coverage;

/// <summary>
/// Merges the coverage files of several test projects (or machines) by source type, file and line: the same
/// production line exercised by a unit test run and an integration test run counts as covered once.
/// </summary>
public static class CoverageMerger
{
    public static IReadOnlyList<CoveredType> Merge(IEnumerable<CoverageDocument> documents)
    {
        var merged = new Dictionary<(string Type, string? Assembly, string File), Dictionary<int, LineHits>>();
        foreach (var type in documents.SelectMany(d => d.Types))
        {
            var key = (type.TypeName, type.Assembly, type.File);
            if (!merged.TryGetValue(key, out var lines))
            {
                merged[key] = lines = [];
            }

            foreach (var (number, hits) in type.Lines)
            {
                lines[number] = lines.TryGetValue(number, out var seen) ? seen.Merge(hits) : hits;
            }
        }

        return merged
            .OrderBy(e => e.Key.Type, StringComparer.Ordinal)
            .ThenBy(e => e.Key.File, StringComparer.Ordinal)
            .ThenBy(e => e.Key.Assembly, StringComparer.Ordinal)
            .Select(e => new CoveredType(e.Key.Type, e.Key.Assembly, e.Key.File, e.Value))
            .ToArray();
    }
}
