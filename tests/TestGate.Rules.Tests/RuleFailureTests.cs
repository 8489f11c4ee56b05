using TestGate.Core.Model;
using TestGate.Core.Rules;
using TestGate.Core.Suite;

namespace TestGate.Rules.Tests;

/// <summary>A rule family that fails decides nothing: the verdict must fail, and the other families still report.</summary>
public class RuleFailureTests
{
    private const string Store = """
        using Microsoft.Data.Sqlite;

        namespace Shop.Infrastructure;

        public sealed class OrderRepository(SqliteConnection connection)
        {
            public int Count()
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM orders";
                return Convert.ToInt32(command.ExecuteScalar());
            }
        }
        """;

    private static SuiteModel WithBrokenObservabilityFacts()
    {
        var suite = SnippetSuite.Build([new Snippet("Shop.Infrastructure", Store)], []);

        // A fact the observability rules cannot read (a bug in the analysis would look like this).
        return suite with { ObservabilityProduction = [null!] };
    }

    [Fact]
    public void A_failing_family_is_an_internal_error_and_the_other_families_still_report()
    {
        var failures = new List<GateDiagnostic>();

        var findings = StructuralRules.Evaluate(WithBrokenObservabilityFacts(), failures);

        var failure = Assert.Single(failures);
        Assert.Equal((DiagnosticCodes.InternalError, DiagnosticLevel.Error), (failure.Code, failure.Level));
        Assert.Contains("The observability rules failed unexpectedly and decided nothing, so the verdict fails", failure.Message);
        Assert.Contains("NullReferenceException", failure.Message);
        Assert.Contains("(in StructuralRules.", failure.Message);
        Assert.Single(findings.Of("TG0401"));
    }

    [Fact]
    public void Without_a_place_for_failures_the_failure_is_thrown()
    {
        Assert.ThrowsAny<Exception>(() => StructuralRules.Evaluate(WithBrokenObservabilityFacts()));
    }
}
