using TestGate.Core.Suite;

namespace TestGate.Analysis;

public static partial class SuiteModelBuilder
{
    /// <summary>
    /// The database facts: the signals of production types (SQL, constraints, transactions, locks, idempotent writes,
    /// migrations) and, per test, the real database it reaches and what its body does.
    /// </summary>
    static partial void EnrichDatabase(SuiteSyntax syntax, ref SuiteModel model)
    {
        var reach = DatabaseTestReach.For(syntax, model);
        model = model with
        {
            DbTypes = DatabaseProductionScanner.Scan(syntax.Production, model.Production),
            DbTests = reach.DbTests,
        };
    }
}
