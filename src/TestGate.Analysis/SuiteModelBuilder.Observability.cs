using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Analysis;

public static partial class SuiteModelBuilder
{
    /// <summary>
    /// TG0801–TG0803: where production logs failures, carries correlation ids and creates instruments, and which tests
    /// assert a captured log record, a correlation id or a measurement.
    /// </summary>
    private static partial Func<SuiteModel, SuiteModel> EnrichObservability(SuiteSyntax syntax, SuiteModel shared)
    {
        var production = ObservabilitySyntax.ProductionFactsOf(syntax.Production);

        // Types a test may fake or mock to observe metrics: those that create instruments, and the interfaces they implement.
        var metricTypes = new HashSet<string>(StringComparer.Ordinal);
        var productionNames = shared.ProductionBySimpleName;
        var byKey = shared.Production.ToDictionary(p => (p.Type.Assembly, p.Type.FullName));
        foreach (var facts in production.Where(p => p.Instruments.Count > 0))
        {
            metricTypes.Add(TypeNames.SimpleNameOf(facts.FullName));
            if (byKey.TryGetValue((facts.Assembly, facts.FullName), out var type))
            {
                metricTypes.UnionWith(type.BaseTypes.Where(b => productionNames.Contains(b)));
            }
        }

        var testTypes = ObservabilitySyntax.TestTypesOf(syntax.Tests, metricTypes);
        var factsByMethod = new Dictionary<TestMethod, TestFacts>();
        foreach (var test in shared.Tests)
        {
            factsByMethod.TryAdd(test.Method, test);
        }

        var tests = new List<ObservabilityTestFacts>();
        foreach (var (method, declaration) in syntax.TestMethods)
        {
            if (!factsByMethod.TryGetValue(method, out var facts))
            {
                continue;
            }

            var found = ObservabilitySyntax.TestFactsOf(facts, syntax.Scopes.Of(declaration), testTypes, metricTypes);
            if (found is not null)
            {
                tests.Add(found);
            }
        }

        return model => model with { ObservabilityProduction = production, ObservabilityTests = tests };
    }
}
