using TestGate.Core.Layers;
using TestGate.Core.Model;

namespace TestGate.Core.Coverage;

/// <summary>How well one type is covered, for pointing a finding at the type that needs tests most.</summary>
public sealed record TypeCoverage(
    string TypeName, string? Assembly, string File, int Lines, int CoveredLines, int FirstUncoveredLine)
{
    public int UncoveredLines => Lines - CoveredLines;
}

/// <summary>
/// One layer's measured coverage. A rate is null when nothing was measured; it is never reported as 100% for
/// nothing. <see cref="UnmeasuredTypes"/> are production types with code that no coverage file mentions.
/// </summary>
public sealed record LayerCoverage(
    LayerDefinition Layer,
    IReadOnlyList<ProductionType> Types,
    int Lines,
    int CoveredLines,
    int Branches,
    int CoveredBranches,
    IReadOnlyList<TypeCoverage> MeasuredTypes,
    IReadOnlyList<ProductionType> UnmeasuredTypes)
{
    public double? LineRate => Lines == 0 ? null : (double)CoveredLines / Lines;

    public double? BranchRate => Branches == 0 ? null : (double)CoveredBranches / Branches;

    public int TypeCount => Math.Max(Types.Count, MeasuredTypes.Count);

    public bool HasCode => Types.Any(t => t.HasCode) || Lines > 0;

    public bool LineThresholdMet => Layer.MinLineCoverage is not { } min || (LineRate is { } rate && Meets(rate, min));

    /// <summary>A layer whose code has no branches meets any branch threshold: there is nothing left to cover.</summary>
    public bool BranchThresholdMet => Layer.MinBranchCoverage is not { } min || Branches == 0 || Meets(BranchRate!.Value, min);

    public bool IsMeasured => !HasCode || (Lines > 0 && UnmeasuredTypes.Count == 0);

    public bool Passed => !HasCode || (IsMeasured && LineThresholdMet && BranchThresholdMet);

    // Compare in whole basis points so 94.999...% computed from integers is not rounded into a pass or a fail by
    // floating point noise, and the figure a user reads in the report is the figure that was judged.
    private static bool Meets(double rate, double min) => Math.Round(rate * 10000) >= Math.Round(min * 10000);
}

/// <summary>Unmapped types, reported so that no production code silently escapes every threshold.</summary>
public sealed record CoverageAssessment(IReadOnlyList<LayerCoverage> Layers, IReadOnlyList<ProductionType> UnmappedTypes);
