using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Suite;

namespace TestGate.Analysis;

public static partial class SuiteModelBuilder
{
    /// <summary>
    /// The database facts: the signals of production types (SQL, constraints, transactions, locks, idempotent writes,
    /// migrations) and, per test, the real database it reaches and what its body does.
    /// </summary>
    private static partial Func<SuiteModel, SuiteModel> EnrichDatabase(SuiteSyntax syntax, SuiteModel shared)
    {
        var dbTypes = DatabaseProductionScanner.Scan(syntax.Production, shared.Production);
        var dbTests = syntax.Reach.FactsOf(syntax.TestMethods).Db;
        var schemaScriptFeatures = DatabaseProductionScanner.ScanScripts(syntax.SqlScripts);
        var providers = SyntaxNames.Sorted(syntax.Production
            .SelectMany(p => p.Tree.GetRoot().Descendants().OfType<InvocationExpressionSyntax>())
            .Select(SyntaxNames.InvokedName)
            .OfType<string>()
            .Where(EfCoreProviders.Calls.Contains));
        return model => model with
        {
            DbTypes = dbTypes,
            DbTests = dbTests,
            SchemaScriptFeatures = schemaScriptFeatures,
            DatabaseProviders = providers,
        };
    }
}
