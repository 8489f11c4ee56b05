using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Core.Rules;

/// <summary>
/// The structural review: every rule family judges the suite model and adds findings in the standard's five fields.
/// Families live in their own files as implementations of the partial methods below; pure, no I/O.
/// </summary>
public static partial class StructuralRules
{
    /// <param name="failures">
    /// Where a rule family that fails is reported (a <see cref="DiagnosticCodes.InternalError"/> error: the verdict
    /// fails, since that family decided nothing) while the other families' findings are kept. Without it, a failure
    /// is thrown.
    /// </param>
    public static IReadOnlyList<Finding> Evaluate(SuiteModel suite, ICollection<GateDiagnostic>? failures = null)
    {
        // The families are pure and independent: they run in parallel, and their findings are joined in a fixed
        // order before the (stable) sort, so the result does not depend on which finishes first.
        (string Name, Action<SuiteModel, List<Finding>> Run)[] families =
        [
            ("pyramid", Pyramid), ("mocking", Mocking), ("async hygiene", AsyncHygiene), ("database", Database),
            ("webhook", Webhooks), ("failure-mode", FailureModes), ("test data", TestData), ("observability", Observability),
        ];
        var results = families
            .AsParallel().AsOrdered()
            .Select(family =>
            {
                var findings = new List<Finding>();
                try
                {
                    family.Run(suite, findings);
                    return (Findings: findings, Failure: (GateDiagnostic?)null);
                }
                catch (Exception ex) when (failures is not null)
                {
                    return ([], new GateDiagnostic(
                        DiagnosticCodes.InternalError, DiagnosticLevel.Error,
                        $"The {family.Name} rules failed unexpectedly and decided nothing, so the verdict fails (the other rules' findings are reported): {ex.GetType().Name}: {ex.Message.TrimEnd('.')}{WhereThrown(ex)}. Please report it with this message; TestGateEnabled=false switches the gate off until it is fixed."));
                }
            })
            .ToArray();
        foreach (var failure in results.Select(r => r.Failure).OfType<GateDiagnostic>())
        {
            failures!.Add(failure);
        }

        return results
            .SelectMany(r => r.Findings)
            .ToArray()
            .OrderBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Location?.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Location?.Line)
            .ThenBy(f => f.MissingOrBrokenTest, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Our method that threw, for the bug report (the message alone rarely says where); a lambda by its method.</summary>
    private static string WhereThrown(Exception ex)
    {
        var method = new System.Diagnostics.StackTrace(ex).GetFrames()
            .Select(f => f.GetMethod())
            .FirstOrDefault(m => m?.DeclaringType?.Namespace?.StartsWith("TestGate", StringComparison.Ordinal) == true);
        if (method?.DeclaringType is not { } type)
        {
            return string.Empty;
        }

        // Compiler-generated closures and lambdas (<>c, <Method>b__3_0) are named after the method they are written in.
        while (type.Name.StartsWith('<') && type.DeclaringType is { } outer)
        {
            type = outer;
        }

        var name = method.Name.StartsWith('<') && method.Name.IndexOf('>') is > 1 and var end ? method.Name[1..end] : method.Name;
        return $" (in {type.Name}.{name})";
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
