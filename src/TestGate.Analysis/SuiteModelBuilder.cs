using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Analysis;

/// <summary>The parsed sources a suite model is built from, for rule families that need more than the shared facts.</summary>
public sealed record SuiteSyntax(
    IReadOnlyList<(SourceFile File, SyntaxTree Tree)> Production,
    IReadOnlyList<(SourceFile File, SyntaxTree Tree)> Tests,
    IReadOnlyList<(TestMethod Method, MethodDeclarationSyntax Syntax)> TestMethods);

/// <summary>
/// Builds the <see cref="SuiteModel"/> from syntax alone, with the solution's own type names as the index: it works on
/// a tree that does not restore or build. Rule families that need facts of their own add them in their own file by
/// implementing one of the partial <c>Enrich*</c> methods.
/// </summary>
public static partial class SuiteModelBuilder
{
    public static SuiteModel Build(
        IReadOnlyList<(SourceFile File, SyntaxTree Tree)> production,
        IReadOnlyList<(SourceFile File, SyntaxTree Tree)> tests,
        IReadOnlyDictionary<string, TestProjectInfo> projects,
        IReadOnlyList<string> boundaries)
    {
        var testMethods = TestMethodScanner.ScanWithSyntax(tests, projects);
        var syntax = new SuiteSyntax(production, tests, testMethods);
        var model = new SuiteModel(
            ProductionFactsOf(production),
            testMethods.Select(t => TestFactsOf(t.Method, t.Syntax)).ToArray(),
            boundaries);
        EnrichPyramid(syntax, ref model);
        EnrichMocking(syntax, ref model);
        EnrichAsyncHygiene(syntax, ref model);
        EnrichDatabase(syntax, ref model);
        EnrichWebhooks(syntax, ref model);
        EnrichFailureModes(syntax, ref model);
        EnrichTestData(syntax, ref model);
        EnrichObservability(syntax, ref model);
        return model;
    }

    static partial void EnrichPyramid(SuiteSyntax syntax, ref SuiteModel model);

    static partial void EnrichMocking(SuiteSyntax syntax, ref SuiteModel model);

    static partial void EnrichAsyncHygiene(SuiteSyntax syntax, ref SuiteModel model);

    static partial void EnrichDatabase(SuiteSyntax syntax, ref SuiteModel model);

    static partial void EnrichWebhooks(SuiteSyntax syntax, ref SuiteModel model);

    static partial void EnrichFailureModes(SuiteSyntax syntax, ref SuiteModel model);

    static partial void EnrichTestData(SuiteSyntax syntax, ref SuiteModel model);

    static partial void EnrichObservability(SuiteSyntax syntax, ref SuiteModel model);

    private static IReadOnlyList<ProductionFacts> ProductionFactsOf(IReadOnlyList<(SourceFile File, SyntaxTree Tree)> production)
    {
        var declarations = production
            .SelectMany(p => p.Tree.GetRoot().DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
                .OfType<BaseTypeDeclarationSyntax>()
                .Where(d => !d.Identifier.IsMissing)
                .Select(d => (p.File, Declaration: d)))
            .GroupBy(d => (d.File.Assembly, Name: ProductionTypeScanner.FullNameOf(d.Declaration)));
        var types = ProductionTypeScanner.Scan(production).ToDictionary(t => (t.Assembly, t.FullName));
        var facts = new List<ProductionFacts>();
        foreach (var group in declarations)
        {
            if (!types.TryGetValue(group.Key, out var type))
            {
                continue;
            }

            var parts = group.Select(g => g.Declaration).ToArray();
            facts.Add(new ProductionFacts(
                type,
                KindOf(parts[0]),
                Distinct(parts.SelectMany(p => p.BaseList?.Types.Select(b => SyntaxNames.SimpleNameOf(b.Type)) ?? [])),
                Distinct(parts.SelectMany(DependencyTypesOf)),
                Distinct(parts.SelectMany(p => p.DescendantNodes().OfType<ObjectCreationExpressionSyntax>().Select(c => SyntaxNames.SimpleNameOf(c.Type)))),
                Distinct(parts.SelectMany(p => p.DescendantNodes().OfType<InvocationExpressionSyntax>().Select(SyntaxNames.InvokedName).OfType<string>())),
                Distinct(parts.SelectMany(SyntaxNames.StringLiteralsIn)),
                parts.SelectMany(p => p.DescendantNodes().OfType<MethodDeclarationSyntax>()).Select(MethodFactsOf).ToArray()));
        }

        return facts.OrderBy(f => f.Type.Assembly, StringComparer.Ordinal).ThenBy(f => f.Type.FullName, StringComparer.Ordinal).ToArray();
    }

    private static string KindOf(BaseTypeDeclarationSyntax declaration) => declaration switch
    {
        InterfaceDeclarationSyntax => "interface",
        EnumDeclarationSyntax => "enum",
        RecordDeclarationSyntax => "record",
        StructDeclarationSyntax => "struct",
        _ => "class",
    };

    /// <summary>What a type depends on: constructor and primary-constructor parameters, fields and properties.</summary>
    private static IEnumerable<string> DependencyTypesOf(BaseTypeDeclarationSyntax declaration)
    {
        var types = new List<TypeSyntax>();
        if (declaration is TypeDeclarationSyntax { ParameterList: { } primary })
        {
            types.AddRange(primary.Parameters.Select(p => p.Type).OfType<TypeSyntax>());
        }

        if (declaration is TypeDeclarationSyntax type)
        {
            foreach (var member in type.Members)
            {
                switch (member)
                {
                    case ConstructorDeclarationSyntax constructor:
                        types.AddRange(constructor.ParameterList.Parameters.Select(p => p.Type).OfType<TypeSyntax>());
                        break;
                    case FieldDeclarationSyntax field:
                        types.Add(field.Declaration.Type);
                        break;
                    case PropertyDeclarationSyntax property:
                        types.Add(property.Type);
                        break;
                }
            }
        }

        return types.SelectMany(SyntaxNames.NamesIn);
    }

    private static MethodFacts MethodFactsOf(MethodDeclarationSyntax method)
    {
        var parameterTypes = method.ParameterList.Parameters.Select(p => p.Type).OfType<TypeSyntax>().Select(SyntaxNames.SimpleNameOf).ToArray();
        return new MethodFacts(
            method.Identifier.ValueText,
            SyntaxNames.LineOf(method.Identifier),
            method.Modifiers.Any(SyntaxKind.PublicKeyword),
            method.Modifiers.Any(SyntaxKind.AsyncKeyword),
            parameterTypes.Contains("CancellationToken", StringComparer.Ordinal),
            parameterTypes,
            Distinct(method.DescendantNodes().OfType<InvocationExpressionSyntax>().Select(SyntaxNames.InvokedName).OfType<string>()),
            method.DescendantNodes().Any(n => n is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax));
    }

    private static readonly HashSet<string> MockFactories = new(StringComparer.Ordinal) { "Of", "For", "ForPartsOf", "Fake", "Mock", "Create" };

    private static TestFacts TestFactsOf(TestMethod test, MethodDeclarationSyntax method)
    {
        var scope = ScopeOf(method);
        var attributes = method.AttributeLists.SelectMany(l => l.Attributes).ToArray();
        var classAttributes = (method.Parent as TypeDeclarationSyntax)?.AttributeLists.SelectMany(l => l.Attributes).ToArray() ?? [];
        var returnsVoid = method.ReturnType is PredefinedTypeSyntax { Keyword.ValueText: "void" };
        return new TestFacts(
            test,
            FrameworkOf(attributes),
            method.Modifiers.Any(SyntaxKind.AsyncKeyword),
            returnsVoid,
            HasTimeout(attributes.Concat(classAttributes), scope),
            attributes.Any(a => TestMethodScanner.AttributeName(a) is "Ignore" || a.ArgumentList?.Arguments.Any(x => x.NameEquals?.Name.Identifier.ValueText == "Skip") == true),
            Distinct(SyntaxNames.WordsOf(test.MethodName).Concat(SyntaxNames.WordsOf(TypeNames.SimpleNameOf(test.ClassName)))),
            Distinct(scope.SelectMany(MockedTypesIn)),
            Distinct(scope.SelectMany(s => s.DescendantNodes().OfType<ObjectCreationExpressionSyntax>().Select(c => SyntaxNames.SimpleNameOf(c.Type)))),
            Distinct(scope.SelectMany(s => s.DescendantNodes().OfType<InvocationExpressionSyntax>().Select(SyntaxNames.InvokedName).OfType<string>())),
            Distinct(scope.SelectMany(s => s.DescendantNodes().OfType<SimpleNameSyntax>().Select(n => n.Identifier.ValueText))),
            Distinct(scope.SelectMany(SyntaxNames.StringLiteralsIn)),
            BlockingWaits.In(method));
    }

    /// <summary>
    /// What a test runs: its own body, the class's constructor, field initializers and set-up methods, and the
    /// helper methods of the same class it calls (transitively).
    /// </summary>
    private static IReadOnlyList<SyntaxNode> ScopeOf(MethodDeclarationSyntax method)
    {
        var scope = new List<SyntaxNode> { method };
        if (method.Parent is not TypeDeclarationSyntax type)
        {
            return scope;
        }

        scope.AddRange(type.Members.Where(m => m is ConstructorDeclarationSyntax or FieldDeclarationSyntax or PropertyDeclarationSyntax));
        var helpers = type.Members.OfType<MethodDeclarationSyntax>()
            .Where(m => !m.AttributeLists.SelectMany(l => l.Attributes).Any(a => TestMethodScanner.IsTestAttribute(a)))
            .ToLookup(m => m.Identifier.ValueText, StringComparer.Ordinal);
        scope.AddRange(helpers.Where(h => SetUpNames.Contains(h.Key)).SelectMany(h => h));
        var pending = new Queue<SyntaxNode>(scope);
        var seen = new HashSet<SyntaxNode>(scope);
        while (pending.Count > 0)
        {
            foreach (var name in pending.Dequeue().DescendantNodes().OfType<InvocationExpressionSyntax>().Select(SyntaxNames.InvokedName).OfType<string>())
            {
                foreach (var helper in helpers[name].Where(seen.Add))
                {
                    scope.Add(helper);
                    pending.Enqueue(helper);
                }
            }
        }

        return scope;
    }

    private static readonly HashSet<string> SetUpNames = new(StringComparer.Ordinal) { "InitializeAsync", "SetUp", "Setup", "OneTimeSetUp", "TestInitialize", "Initialize" };

    private static IEnumerable<string> MockedTypesIn(SyntaxNode node)
    {
        foreach (var generic in node.DescendantNodes().OfType<GenericNameSyntax>())
        {
            var name = generic.Identifier.ValueText;
            var creates = generic.Parent is ObjectCreationExpressionSyntax && name is "Mock" or "Fake";

            // Target-typed: private readonly Mock<Order> _order = new();
            creates |= name is "Mock" or "Fake" && generic.Parent switch
            {
                VariableDeclarationSyntax declaration => declaration.Variables.Any(v => v.Initializer?.Value is ImplicitObjectCreationExpressionSyntax),
                PropertyDeclarationSyntax property => property.Initializer?.Value is ImplicitObjectCreationExpressionSyntax,
                _ => false,
            };
            var factory = generic.Parent is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner }
                && owner.Identifier.ValueText is "Mock" or "Substitute" or "A" or "NSubstitute" or "FakeItEasy"
                && MockFactories.Contains(name);
            if ((creates || factory) && generic.TypeArgumentList.Arguments.Count > 0)
            {
                yield return SyntaxNames.SimpleNameOf(generic.TypeArgumentList.Arguments[0]);
            }
        }
    }

    private static string FrameworkOf(IEnumerable<AttributeSyntax> attributes)
    {
        foreach (var name in attributes.Select(TestMethodScanner.AttributeName))
        {
            switch (name)
            {
                case "Fact" or "Theory" or "SkippableFact" or "SkippableTheory": return "xunit";
                case "Test" or "TestCase" or "TestCaseSource": return "nunit";
                case "TestMethod" or "DataTestMethod": return "mstest";
            }
        }

        return "unknown";
    }

    /// <summary>
    /// A test has an explicit timeout when an attribute sets one (<c>[Fact(Timeout = ...)]</c>, NUnit <c>[Timeout]</c>
    /// or <c>[CancelAfter]</c>, MSTest <c>[Timeout]</c>, on the method or its class) or its body bounds the wait itself:
    /// a <c>CancellationTokenSource</c> with a delay, <c>CancelAfter</c>, or <c>WaitAsync(timeout)</c>.
    /// </summary>
    private static bool HasTimeout(IEnumerable<AttributeSyntax> attributes, IReadOnlyList<SyntaxNode> scope)
    {
        if (attributes.Any(a => TestMethodScanner.AttributeName(a) is "Timeout" or "CancelAfter"
            || a.ArgumentList?.Arguments.Any(x => x.NameEquals?.Name.Identifier.ValueText == "Timeout") == true))
        {
            return true;
        }

        return scope.Any(s => s.DescendantNodes().Any(n => n switch
        {
            ObjectCreationExpressionSyntax creation => SyntaxNames.SimpleNameOf(creation.Type) == "CancellationTokenSource" && creation.ArgumentList?.Arguments.Count > 0,
            InvocationExpressionSyntax invocation => SyntaxNames.InvokedName(invocation) is "CancelAfter" or "WaitAsync" && invocation.ArgumentList.Arguments.Count > 0,
            _ => false,
        }));
    }

    private static IReadOnlyList<string> Distinct(IEnumerable<string> values) =>
        values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}
