using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Analysis;

public static partial class SuiteModelBuilder
{
    /// <summary>
    /// TG0701–TG0704: static state that test code writes, ordering attributes and state handed from one test to another,
    /// unseeded randomness, and production types built from literals in test bodies.
    /// </summary>
    private static partial Func<SuiteModel, SuiteModel> EnrichTestData(SuiteSyntax syntax, SuiteModel shared)
    {
        var testTypeNames = syntax.Tests
            .SelectMany(t => t.Tree.GetRoot().Descendants(TestDataSyntax.IsTypeContainer).OfType<BaseTypeDeclarationSyntax>())
            .Select(t => t.Identifier.ValueText)
            .ToHashSet(StringComparer.Ordinal);
        var production = shared.ProductionBySimpleName;
        bool IsProductionType(string name) => production.Contains(name) && !testTypeNames.Contains(name);

        var fixtures = TestDataSyntax.FixtureTypesOf(syntax.Tests.Select(t => t.Tree));
        var byProject = syntax.Tests.GroupBy(t => t.File.Project, StringComparer.Ordinal).ToArray();
        var stateful = TestDataSyntax.StatefulTypesOf(syntax.Tests.Select(t => t.Tree));
        var statefulMethods = stateful.Values.SelectMany(m => m).ToHashSet(StringComparer.Ordinal);
        var writes = byProject.ToDictionary(
            g => g.Key,
            g => g.SelectMany(t => TestDataSyntax.WritesIn(t.Tree.GetRoot(), statefulMethods)).ToLookup(w => w.Name, StringComparer.Ordinal),
            StringComparer.Ordinal);
        var candidates = syntax.Tests.SelectMany(t => TestDataSyntax.CandidatesOf(t.File, t.Tree))
            .Select(c => stateful.TryGetValue(c.TypeName, out var methods) ? c with { StatefulMethods = methods } : c)
            .ToArray();

        var sharedStaticStates = SharedStaticStatesOf(candidates, writes, fixtures);
        var stateHandOffs = StateHandOffsOf(syntax, candidates, byProject);
        var testOrderings = OrderingsOf(byProject);
        var unseededRandomness = TestDataSyntax.RandomnessOf(syntax.Tests);
        var literalConstructions = syntax.TestMethods
            .SelectMany(t => TestDataSyntax.LiteralConstructionsOf(t.Method, t.Syntax, IsProductionType))
            .OrderBy(c => c.Path, StringComparer.Ordinal).ThenBy(c => c.Line)
            .ToArray();
        var copiedRecordValues = syntax.TestMethods
            .Select(t => TestDataSyntax.CopiedRecordValuesOf(t.Method, t.Syntax, IsProductionType))
            .OfType<CopiedRecordValues>()
            .OrderBy(c => c.Path, StringComparer.Ordinal).ThenBy(c => c.Line)
            .ToArray();
        var testDataFactories = byProject
            .Select(g => TestDataSyntax.FactoriesOf(g.Key, g.Select(t => t.Tree), IsProductionType))
            .OrderBy(f => f.Project, StringComparer.Ordinal)
            .ToArray();
        return model => model with
        {
            SharedStaticStates = sharedStaticStates,
            StateHandOffs = stateHandOffs,
            TestOrderings = testOrderings,
            UnseededRandomness = unseededRandomness,
            LiteralConstructions = literalConstructions,
            TestDataFactories = testDataFactories,
            CopiedRecordValues = copiedRecordValues,
        };
    }

    private static IReadOnlyList<SharedStaticState> SharedStaticStatesOf(
        IReadOnlyList<TestDataSyntax.Candidate> candidates,
        IReadOnlyDictionary<string, ILookup<string, TestDataSyntax.WriteSite>> writes,
        IReadOnlySet<string> fixtures)
    {
        var states = new List<SharedStaticState>();
        foreach (var candidate in candidates.Where(c => c.IsStatic))
        {
            var changes = writes[candidate.Project][candidate.Name]
                .Where(w => TestDataSyntax.Reaches(w, candidate) && TestDataSyntax.Changes(w, candidate) && !TestDataSyntax.IsOneTimeSetUp(w.Node, fixtures))
                .Select(w => new StateWrite(TestDataSyntax.MemberOf(w.Node), TestDataSyntax.InTestMethod(w.Node), DescribeWrite(w), SyntaxNames.LineOf(w.Node)))
                .Concat(TestDataSyntax.RecordingHandOffs(candidate))
                .OrderBy(w => w.Line)
                .ToArray();
            if (changes.Length == 0)
            {
                continue;
            }

            var kind = candidate.IsCollection ? "static collection" : candidate.IsProperty ? "static property" : "static field";
            states.Add(new SharedStaticState(candidate.Project, candidate.ClassName, candidate.Name, candidate.TypeText, kind, candidate.Path, candidate.Line, changes));
        }

        return states.OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.Line).ToArray();
    }

    private static string DescribeWrite(TestDataSyntax.WriteSite write) =>
        write.IsMutation && !write.How.EndsWith(" assigned", StringComparison.Ordinal) ? $"{write.How}(...)" : write.How;

    /// <summary>
    /// A member one test writes and another only reads, in the same class: static members everywhere, instance fields
    /// in NUnit fixtures (one instance serves all tests). Members a constructor or per-test set-up writes start fresh.
    /// </summary>
    private static IReadOnlyList<StateHandOff> StateHandOffsOf(
        SuiteSyntax syntax,
        IReadOnlyList<TestDataSyntax.Candidate> candidates,
        IReadOnlyList<IGrouping<string, (SourceFile File, SyntaxTree Tree)>> byProject)
    {
        // NUnit shares one fixture instance between tests unless told otherwise; TUnit, which also marks tests [Test], does not.
        var instancePerTestProjects = byProject
            .Where(g => syntax.TUnitProjects.Contains(g.Key)
                || g.Any(t => t.Tree.GetRoot() is CompilationUnitSyntax unit && TestDataSyntax.IsInstancePerTestCase(unit.AttributeLists)))
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        var candidatesByType = candidates.ToLookup(c => c.DeclaringType);
        var handOffs = new List<StateHandOff>();
        foreach (var group in syntax.TestMethods.Where(t => t.Syntax.Parent is TypeDeclarationSyntax).GroupBy(t => (TypeDeclarationSyntax)t.Syntax.Parent!))
        {
            var type = group.Key;
            var project = group.First().Method.Project;
            var sharedInstance = group.Any(t => TestDataSyntax.IsNUnitTest(t.Syntax))
                && !instancePerTestProjects.Contains(project)
                && !TestDataSyntax.IsInstancePerTestCase(type.AttributeLists);
            var members = candidatesByType[type].Where(c => c.IsStatic || sharedInstance).ToArray();
            if (members.Length == 0)
            {
                continue;
            }

            // What a constructor or per-test set-up writes is fresh for every test.
            var setUp = type.Members.Where(m => m is ConstructorDeclarationSyntax constructor && !constructor.Modifiers.Any(SyntaxKind.StaticKeyword)
                || (m is MethodDeclarationSyntax method && (TestScopes.SetUpNames.Contains(method.Identifier.ValueText) || TestDataSyntax.IsPerTestSetUp(method))));
            var reset = setUp.SelectMany(TestDataSyntax.WritesIn).Select(w => w.Name).ToHashSet(StringComparer.Ordinal);
            var tracked = members.Where(m => !reset.Contains(m.Name)).ToArray();
            if (tracked.Length == 0)
            {
                continue;
            }

            var perTest = new List<(TestMethod Test, Dictionary<string, int> Writes, Dictionary<string, int> Reads)>();
            foreach (var (test, declaration) in group.OrderBy(t => t.Method.Line))
            {
                var region = syntax.Scopes.Of(declaration).OfType<MethodDeclarationSyntax>()
                    .Where(m => m == declaration || !(TestScopes.SetUpNames.Contains(m.Identifier.ValueText) || TestDataSyntax.IsPerTestSetUp(m)))
                    .ToArray();
                var written = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var write in region.SelectMany(TestDataSyntax.WritesIn))
                {
                    if (tracked.FirstOrDefault(c => TestDataSyntax.Reaches(write, c) && TestDataSyntax.Changes(write, c)) is { } changed)
                    {
                        written.TryAdd(changed.Name, SyntaxNames.LineOf(write.Node));
                    }
                }

                var read = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var identifier in region.SelectMany(r => r.Descendants().OfType<IdentifierNameSyntax>()))
                {
                    var name = identifier.Identifier.ValueText;
                    if (written.ContainsKey(name) || !tracked.Any(c => c.Name == name) || !RefersToMember(identifier, type.Identifier.ValueText)
                        || TestDataSyntax.IsShadowed(identifier, name))
                    {
                        continue;
                    }

                    read.TryAdd(name, SyntaxNames.LineOf(identifier));
                }

                perTest.Add((test, written, read));
            }

            foreach (var member in tracked)
            {
                var writer = perTest.FirstOrDefault(t => t.Writes.ContainsKey(member.Name));
                var readers = perTest.Where(t => t.Reads.ContainsKey(member.Name)).ToArray();
                if (writer.Test is null || readers.Length == 0)
                {
                    continue;
                }

                handOffs.Add(new StateHandOff(
                    project, member.ClassName, member.Name, member.IsStatic, writer.Test, writer.Writes[member.Name],
                    readers.Select(r => r.Test).ToArray(), readers[0].Reads[member.Name]));
            }
        }

        return handOffs.OrderBy(h => h.Readers[0].Path, StringComparer.Ordinal).ThenBy(h => h.ReadLine).ToArray();
    }

    /// <summary><c>x</c>, <c>this.x</c> or <c>Type.x</c>, not <c>order.x</c> (a member of something else).</summary>
    private static bool RefersToMember(IdentifierNameSyntax identifier, string typeName) =>
        identifier.Parent is not MemberAccessExpressionSyntax member || member.Name != identifier
        || member.Expression is ThisExpressionSyntax
        || (member.Expression is IdentifierNameSyntax owner && owner.Identifier.ValueText == typeName);

    private static IReadOnlyList<TestOrdering> OrderingsOf(IReadOnlyList<IGrouping<string, (SourceFile File, SyntaxTree Tree)>> byProject)
    {
        var orderings = new List<TestOrdering>();
        foreach (var project in byProject)
        {
            var hasOrderer = project.Any(t => TestDataSyntax.HasAssemblyOrderer(t.Tree));
            orderings.AddRange(project.SelectMany(t => TestDataSyntax.OrderingsOf(t.File, t.Tree, hasOrderer)));
        }

        return orderings.OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Line).ToArray();
    }
}
