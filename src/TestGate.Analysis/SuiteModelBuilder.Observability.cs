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
    static partial void EnrichObservability(SuiteSyntax syntax, ref SuiteModel model)
    {
        var production = ObservabilitySyntax.ProductionFactsOf(syntax.Production);

        // Types a test may fake or mock to observe metrics: those that create instruments, and the interfaces they implement.
        var metricTypes = new HashSet<string>(StringComparer.Ordinal);
        var productionNames = model.ProductionBySimpleName;
        var byKey = model.Production.ToDictionary(p => (p.Type.Assembly, p.Type.FullName));
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
        foreach (var test in model.Tests)
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

            var found = ObservabilitySyntax.TestFactsOf(facts, ScopeOf(declaration), testTypes, metricTypes);
            if (found is not null)
            {
                tests.Add(found);
            }
        }

        model = model with { ObservabilityProduction = production, ObservabilityTests = tests };
    }
}
