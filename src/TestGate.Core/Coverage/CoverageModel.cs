namespace TestGate.Core.Coverage;

/// <summary>What one source line measured: hits, and branches covered out of branches found on it.</summary>
public readonly record struct LineHits(long Hits, int CoveredBranches, int TotalBranches)
{
    /// <summary>
    /// Combines two measurements of the same line from different runs. Hits add up; for branches Cobertura only
    /// says how many were covered, not which, so the best run counts (a documented under-estimate, never an over-estimate).
    /// </summary>
    public LineHits Merge(LineHits other) => new(
        Hits + other.Hits,
        Math.Max(CoveredBranches, other.CoveredBranches),
        Math.Max(TotalBranches, other.TotalBranches));
}

/// <summary>
/// One production type as a coverage file reports it. <see cref="TypeName"/> is the outer type's full name with
/// compiler-generated and nested parts folded in (<c>Shop.Domain.Order/&lt;&gt;c</c> becomes <c>Shop.Domain.Order</c>).
/// <see cref="File"/> is a normalized absolute or repository path using '/'.
/// </summary>
public sealed record CoveredType(string TypeName, string? Assembly, string File, IReadOnlyDictionary<int, LineHits> Lines);

/// <summary>The content of one coverage file after reading: the types it measured.</summary>
public sealed record CoverageDocument(string SourcePath, IReadOnlyList<CoveredType> Types);
