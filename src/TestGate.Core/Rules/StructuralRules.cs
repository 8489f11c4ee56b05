using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Core.Rules;

/// <summary>
/// The structural review: every rule family judges the suite model and adds findings in the standard's five fields.
/// Families live in their own files as implementations of the partial methods below; pure, no I/O.
/// </summary>
public static partial class StructuralRules
{
    public static IReadOnlyList<Finding> Evaluate(SuiteModel suite)
    {
        // The families are pure and independent: they run in parallel, and their findings are joined in a fixed
        // order before the (stable) sort, so the result does not depend on which finishes first.
        Action<SuiteModel, List<Finding>>[] families = [Pyramid, Mocking, AsyncHygiene, Database, Webhooks, FailureModes, TestData, Observability];
        return families
            .AsParallel().AsOrdered()
            .SelectMany(family =>
            {
                var findings = new List<Finding>();
                family(suite, findings);
                return findings;
            })
            .ToArray()
            .OrderBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Location?.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Location?.Line)
            .ThenBy(f => f.MissingOrBrokenTest, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>TG0101–TG0106: test pyramid and what each kind of test may touch.</summary>
    static partial void Pyramid(SuiteModel suite, List<Finding> findings);

    /// <summary>TG0201–TG0205: mocking boundaries.</summary>
    static partial void Mocking(SuiteModel suite, List<Finding> findings);

    /// <summary>TG0301–TG0305: async hygiene.</summary>
    static partial void AsyncHygiene(SuiteModel suite, List<Finding> findings);

    /// <summary>TG0401–TG0408: data access against a real database.</summary>
    static partial void Database(SuiteModel suite, List<Finding> findings);

    /// <summary>TG0501–TG0504: webhook delivery semantics.</summary>
    static partial void Webhooks(SuiteModel suite, List<Finding> findings);

    /// <summary>TG0601–TG0605: failure modes of external dependencies.</summary>
    static partial void FailureModes(SuiteModel suite, List<Finding> findings);

    /// <summary>TG0701–TG0704: test data.</summary>
    static partial void TestData(SuiteModel suite, List<Finding> findings);

    /// <summary>TG0801–TG0803: observability.</summary>
    static partial void Observability(SuiteModel suite, List<Finding> findings);
}
