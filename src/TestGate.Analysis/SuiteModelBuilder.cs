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
    IReadOnlyList<(TestMethod Method, MethodDeclarationSyntax Syntax)> TestMethods)
{
    /// <summary>What each test runs, computed once and shared by every family.</summary>
    public TestScopes Scopes { get; } = new();

    /// <summary>The semantic model of the test projects that came with references; <c>null</c> for syntax only.</summary>
    public SuiteSemantics? Semantics { get; init; }

    private IReadOnlySet<string>? _taskMethods;

    /// <summary>The solution's own methods that always return a task, by name: what a blocking wait is known to block on without references.</summary>
    internal IReadOnlySet<string> TaskMethods =>
        LazyInitializer.EnsureInitialized(ref _taskMethods, () => BlockingWaits.TaskReturningMethodNames(Production.Concat(Tests).Select(t => t.Tree)));

    /// <summary>The production projects' SQL scripts (schema and migrations), with their text.</summary>
    public IReadOnlyList<(SourceFile File, string Text)> SqlScripts { get; init; } = [];

    /// <summary>The test projects written with TUnit (see <see cref="TestMethodScanner.TUnitProjects"/>).</summary>
    public IReadOnlySet<string> TUnitProjects { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The framework a test method of a project is written in (see <see cref="TestMethodScanner.FrameworkOf"/>).</summary>
    public string FrameworkOf(string project, MethodDeclarationSyntax method) => TestMethodScanner.FrameworkOf(method, TUnitProjects.Contains(project));

    /// <summary>The simple names of the solution's production types.</summary>
    public IReadOnlySet<string> ProductionNames { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    private DatabaseTestReach? _reach;

    /// <summary>
    /// What each test reaches through the test-project types it uses, computed once: copies made with <c>with</c> share it,
    /// so the kinds inferred from it and the families that report it read the same walk.
    /// </summary>
    internal DatabaseTestReach Reach =>
        LazyInitializer.EnsureInitialized(ref _reach, () => new DatabaseTestReach(this, ProductionNames));

    private PyramidScan.InfrastructureProbe? _infrastructure;

    /// <summary>What each test touches of the database, the network and the framework, computed once.</summary>
    internal PyramidScan.InfrastructureProbe Infrastructure =>
        LazyInitializer.EnsureInitialized(ref _infrastructure, () => new PyramidScan.InfrastructureProbe(this));
}

/// <summary>
/// Builds the <see cref="SuiteModel"/> from syntax alone, with the solution's own type names as the index: it works on
/// a tree that does not restore or build. Rule families that need facts of their own add them in their own file by
/// implementing one of the partial <c>Enrich*</c> methods: each reads the syntax and the shared facts (production
/// types, test facts) and returns how it enriches the model. The families run in parallel and their contributions are
/// applied in a fixed order, so the model does not depend on which finishes first.
/// </summary>
public static partial class SuiteModelBuilder
{
    /// <param name="inventory">The production types when the caller has already scanned them (the gate does, for
    /// coverage); scanned here otherwise.</param>
    /// <param name="sqlScripts">The production projects' SQL scripts, read for the constraints they declare.</param>
    public static SuiteModel Build(
        IReadOnlyList<(SourceFile File, SyntaxTree Tree)> production,
        IReadOnlyList<(SourceFile File, SyntaxTree Tree)> tests,
        IReadOnlyDictionary<string, TestProjectInfo> projects,
        IReadOnlyList<string> boundaries,
        IReadOnlyList<ProductionType>? inventory = null,
        IReadOnlyList<(SourceFile File, string Text)>? sqlScripts = null)
    {
        SyntaxIndex.Prepare(production.Concat(tests).Select(t => t.Tree));
        inventory ??= ProductionTypeScanner.Scan(production);
        var syntax = WithInferredKinds(new SuiteSyntax(production, tests, TestMethodScanner.ScanWithSyntax(tests, projects))
        {
            Semantics = SuiteSemantics.Create(production, tests, projects),
            ProductionNames = inventory.Select(t => t.SimpleName).ToHashSet(StringComparer.Ordinal),
            SqlScripts = sqlScripts ?? [],
            TUnitProjects = TestMethodScanner.TUnitProjects(tests, projects),
        });
        var shared = new SuiteModel(
            ProductionFactsOf(production, inventory),
            syntax.TestMethods.AsParallel().AsOrdered().Select(t => TestFactsOf(t.Method, t.Syntax, syntax)).ToArray(),
            boundaries);
        Func<SuiteSyntax, SuiteModel, Func<SuiteModel, SuiteModel>>[] families =
        [
            EnrichPyramid, EnrichMocking, EnrichAsyncHygiene, EnrichDatabase,
            EnrichWebhooks, EnrichFailureModes, EnrichTestData, EnrichObservability,
        ];
        var contributions = families.AsParallel().AsOrdered().Select(family => family(syntax, shared)).ToArray();
        return contributions.Aggregate(shared, (model, contribute) => contribute(model));
    }

    /// <summary>
    /// Tests that no project setting, category or name classified get the kind of what they touch, so a generically
    /// named <c>Shop.Tests</c> is judged like the pyramid it holds instead of being left out.
    /// </summary>
    private static SuiteSyntax WithInferredKinds(SuiteSyntax syntax)
    {
        if (!syntax.TestMethods.Any(t => t.Method.Kind == TestKind.Unclassified))
        {
            return syntax;
        }

        var probe = syntax.Infrastructure;
        var classified = syntax.TestMethods.AsParallel().AsOrdered()
            .Select(t => t.Method.Kind == TestKind.Unclassified
                ? (t.Method with { Kind = InferredKind(syntax, probe, t.Method, t.Syntax), KindInferred = true }, t.Syntax)
                : t)
            .ToArray();
        return syntax with { TestMethods = WithUnitClassesKept(classified, probe) };
    }

    /// <summary>
    /// What the test touches in its own scope decides first. Through the test-project types it uses (a base class, a
    /// <c>SqliteTestDatabase</c>, a use-case harness): reaching the application's test host makes it E2E, opening a
    /// real database an integration test.
    /// </summary>
    private static TestKind InferredKind(SuiteSyntax syntax, PyramidScan.InfrastructureProbe probe, TestMethod test, MethodDeclarationSyntax declaration)
    {
        var kind = PyramidScan.InferredKind(probe.UsesOf(declaration));
        if (kind == TestKind.E2E)
        {
            return kind;
        }

        var reached = syntax.Reach.Of(test, declaration).Db;
        return reached.ReachedSupportTypes.Any(probe.IsHostFactory) ? TestKind.E2E
            : kind == TestKind.Unit && reached.DatabaseMarkers.Any(DatabaseTestReach.OpensDatabase) ? TestKind.Integration
            : kind;
    }

    private static readonly string[] DataAccessClassWords =
        ["Repository", "Store", "Persistence", "Database", "Db", "Sql", "Migration", "Query", "Queries", "Dao", "Context", "Integration", "Schema"];

    /// <summary>
    /// A test class whose other tests touch nothing (at least two thirds of three or more, inferred unit) is a unit-test
    /// class: a test in it that opens a database, calls the network or builds a host itself is a unit test that uses
    /// infrastructure (TG0102–TG0104), not an integration test, unless the class is named after data access. A test that
    /// starts the application (a host factory) stays end to end.
    /// </summary>
    private static (TestMethod Method, MethodDeclarationSyntax Syntax)[] WithUnitClassesKept(
        (TestMethod Method, MethodDeclarationSyntax Syntax)[] tests, PyramidScan.InfrastructureProbe probe)
    {
        var unitClasses = tests
            .Where(t => t.Method.KindInferred)
            .GroupBy(t => (t.Method.Project, t.Method.ClassName))
            .Where(g => g.Count() >= 3
                && g.Count(t => t.Method.Kind == TestKind.Unit) * 3 >= g.Count() * 2
                && !DataAccessClassWords.Any(w => TypeNames.SimpleNameOf(g.Key.ClassName).Contains(w, StringComparison.Ordinal)))
            .Select(g => g.Key)
            .ToHashSet();
        if (unitClasses.Count == 0)
        {
            return tests;
        }

        return tests
            .Select(t => t.Method is { KindInferred: true, Kind: TestKind.Integration } method
                && unitClasses.Contains((method.Project, method.ClassName))
                && probe.UsesOf(t.Syntax).All(u => u.Implies != TestKind.E2E)
                    ? (method with { Kind = TestKind.Unit, KindInferred = false }, t.Syntax)
                    : t)
            .ToArray();
    }

    private static partial Func<SuiteModel, SuiteModel> EnrichPyramid(SuiteSyntax syntax, SuiteModel shared);

    private static partial Func<SuiteModel, SuiteModel> EnrichMocking(SuiteSyntax syntax, SuiteModel shared);

    private static partial Func<SuiteModel, SuiteModel> EnrichAsyncHygiene(SuiteSyntax syntax, SuiteModel shared);

    private static partial Func<SuiteModel, SuiteModel> EnrichDatabase(SuiteSyntax syntax, SuiteModel shared);

    private static partial Func<SuiteModel, SuiteModel> EnrichWebhooks(SuiteSyntax syntax, SuiteModel shared);

    private static partial Func<SuiteModel, SuiteModel> EnrichFailureModes(SuiteSyntax syntax, SuiteModel shared);

    private static partial Func<SuiteModel, SuiteModel> EnrichTestData(SuiteSyntax syntax, SuiteModel shared);

    private static partial Func<SuiteModel, SuiteModel> EnrichObservability(SuiteSyntax syntax, SuiteModel shared);

    private static IReadOnlyList<ProductionFacts> ProductionFactsOf(
        IReadOnlyList<(SourceFile File, SyntaxTree Tree)> production, IReadOnlyList<ProductionType> inventory)
    {
        var declarations = production
            .SelectMany(p => p.Tree.GetRoot().Descendants(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
                .OfType<BaseTypeDeclarationSyntax>()
                .Where(d => !d.Identifier.IsMissing)
                .Select(d => (p.File, Declaration: d)))
            .GroupBy(d => (d.File.Assembly, Name: ProductionTypeScanner.FullNameOf(d.Declaration)));
        var types = inventory.ToDictionary(t => (t.Assembly, t.FullName));

        // Types are independent: read in parallel, then sorted.
        var facts = declarations
            .Where(group => types.ContainsKey(group.Key))
            .AsParallel()
            .Select(group =>
            {
                var parts = group.Select(g => g.Declaration).ToArray();
                return new ProductionFacts(
                    types[group.Key],
                    KindOf(parts[0]),
                    SyntaxNames.Sorted(parts.SelectMany(p => p.BaseList?.Types.Select(b => SyntaxNames.SimpleNameOf(b.Type)) ?? [])),
                    SyntaxNames.Sorted(parts.SelectMany(DependencyTypesOf)),
                    SyntaxNames.Sorted(parts.SelectMany(p => p.Descendants().OfType<ObjectCreationExpressionSyntax>().Select(c => SyntaxNames.SimpleNameOf(c.Type)))),
                    SyntaxNames.Sorted(parts.SelectMany(p => p.Descendants().OfType<InvocationExpressionSyntax>().Select(SyntaxNames.InvokedName).OfType<string>())),
                    SyntaxNames.Sorted(parts.SelectMany(SyntaxNames.StringLiteralsIn)),
                    parts.SelectMany(p => p.Descendants().OfType<MethodDeclarationSyntax>()).Select(MethodFactsOf).ToArray())
                {
                    TypeParameters = TypeParametersOf(parts),
                    Constructors = ConstructorsOf(parts),
                    StaticReceivers = SyntaxNames.Sorted(parts.SelectMany(p => p.Descendants().OfType<InvocationExpressionSyntax>()).Select(StaticReceiverOf).OfType<string>()),
                };
            })
            .ToArray();

        return facts.OrderBy(f => f.Type.Assembly, StringComparer.Ordinal).ThenBy(f => f.Type.FullName, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The receiver of <c>TypeName.Member(...)</c> when it is a capitalised simple name (a type, by convention).</summary>
    private static string? StaticReceiverOf(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver }
        && receiver.Identifier.ValueText is { Length: > 0 } name && char.IsUpper(name[0])
            ? name
            : null;

    private static TypeParameterFacts[] TypeParametersOf(BaseTypeDeclarationSyntax[] parts)
    {
        // Partial declarations repeat the parameters; the constraints may be written on any one part.
        var declared = parts.OfType<TypeDeclarationSyntax>().FirstOrDefault(p => p.TypeParameterList is not null);
        if (declared is null)
        {
            return [];
        }

        var constraints = parts.OfType<TypeDeclarationSyntax>()
            .SelectMany(p => p.ConstraintClauses)
            .SelectMany(c => c.Constraints.OfType<TypeConstraintSyntax>().Select(t => (Parameter: c.Name.Identifier.ValueText, Type: SyntaxNames.SimpleNameOf(t.Type))))
            .ToLookup(c => c.Parameter, c => c.Type, StringComparer.Ordinal);
        return declared.TypeParameterList!.Parameters
            .Select(p => new TypeParameterFacts(p.Identifier.ValueText, constraints[p.Identifier.ValueText].Distinct(StringComparer.Ordinal).ToArray()))
            .ToArray();
    }

    private static IReadOnlyList<ParameterFacts>[] ConstructorsOf(BaseTypeDeclarationSyntax[] parts)
    {
        static ParameterFacts[] Parameters(ParameterListSyntax list) =>
            list.Parameters.Select(p => new ParameterFacts(p.Type is { } type ? SyntaxNames.SimpleNameOf(type) : string.Empty, p.Identifier.ValueText)).ToArray();

        var types = parts.OfType<TypeDeclarationSyntax>().ToArray();
        return types.Where(t => t.ParameterList is not null).Select(t => Parameters(t.ParameterList!))
            .Concat(types.SelectMany(t => t.Members.OfType<ConstructorDeclarationSyntax>()).Where(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword)).Select(c => Parameters(c.ParameterList)))
            .ToArray<IReadOnlyList<ParameterFacts>>();
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
        var tokens = method.ParameterList.Parameters
            .Where(p => p.Type is { } type && SyntaxNames.SimpleNameOf(type) == "CancellationToken")
            .Select(p => p.Identifier.ValueText)
            .ToArray();
        return new MethodFacts(
            method.Identifier.ValueText,
            SyntaxNames.LineOf(method.Identifier),
            method.Modifiers.Any(SyntaxKind.PublicKeyword),
            method.Modifiers.Any(SyntaxKind.AsyncKeyword),
            parameterTypes.Contains("CancellationToken", StringComparer.Ordinal),
            parameterTypes,
            SyntaxNames.Sorted(method.Descendants().OfType<InvocationExpressionSyntax>().Select(SyntaxNames.InvokedName).OfType<string>()),
            method.Descendants().Any(IsWaitingLoop))
        {
            Path = method.SyntaxTree.FilePath,
            UsesCancellationToken = tokens.Length == 0 || ReadsAny(method, tokens),
            Waits = method.Descendants().Any(IsWait),
        };
    }

    private static readonly HashSet<string> WaitCalls = new(StringComparer.Ordinal)
    {
        "Delay", "Sleep", "WaitAsync", "WaitOne", "WaitToReadAsync", "WaitForNextTickAsync", "WaitForExitAsync", "WaitUntilAsync",
        "WhenAny", "SpinUntil",
    };

    /// <summary>
    /// A call that waits for something else to happen. <c>SomethingAsync().WaitAsync(token)</c> is a task's own
    /// WaitAsync, which makes a call cancellable rather than waiting for a lock or a signal.
    /// </summary>
    private static bool IsWait(SyntaxNode node) =>
        node is InvocationExpressionSyntax invocation
        && SyntaxNames.InvokedName(invocation) is { } name
        && WaitCalls.Contains(name)
        && !(name == "WaitAsync" && invocation.Expression is MemberAccessExpressionSyntax
        {
            Expression: InvocationExpressionSyntax or AwaitExpressionSyntax or ParenthesizedExpressionSyntax,
        });

    /// <summary>
    /// A loop that keeps the method running: <c>await foreach</c>, a <c>for</c>/<c>while</c>/<c>do</c> whose body awaits or
    /// sleeps, or a <c>foreach</c> whose body waits. Reading the rows of one query (<c>while (await reader.ReadAsync(ct))
    /// list.Add(...)</c>), mapping a list in memory or one awaited call per item of a batch is not.
    /// </summary>
    private static bool IsWaitingLoop(SyntaxNode node)
    {
        if (node is ForEachStatementSyntax { AwaitKeyword.RawKind: not 0 })
        {
            return true;
        }

        var body = node switch
        {
            ForStatementSyntax loop => loop.Statement,
            ForEachStatementSyntax loop => loop.Statement,
            WhileStatementSyntax loop => loop.Statement,
            DoStatementSyntax loop => loop.Statement,
            _ => null,
        };

        // A foreach walks a batch it already holds: awaiting one call per item (void each open invoice) ends with the
        // batch; it keeps running only when it also waits (a delay between items).
        var batch = node is ForEachStatementSyntax;
        return body is not null && body.DescendantsAndSelf(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax)
            .Any(n => batch
                ? IsWait(n)
                : n is AwaitExpressionSyntax || (n is InvocationExpressionSyntax invocation && SyntaxNames.InvokedName(invocation) is "Sleep" or "Wait" or "WaitOne"));
    }

    /// <summary>The method's body or expression body names one of <paramref name="parameters"/> (a method without a body is taken to use them).</summary>
    private static bool ReadsAny(MethodDeclarationSyntax method, string[] parameters)
    {
        SyntaxNode? body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
        return body is null
            || body.Descendants().Any(n => n is IdentifierNameSyntax name && parameters.Contains(name.Identifier.ValueText, StringComparer.Ordinal));
    }

    private static TestFacts TestFactsOf(TestMethod test, MethodDeclarationSyntax method, SuiteSyntax syntax)
    {
        var scopes = syntax.Scopes;
        var scope = scopes.Of(method).Select(scopes.FactsOf).ToArray();
        var attributes = TestMethodScanner.AttributesOf(method.AttributeLists).ToArray();
        var classAttributes = method.Parent is TypeDeclarationSyntax type ? TestMethodScanner.AttributesOf(type.AttributeLists) : [];
        var returnsVoid = method.ReturnType is PredefinedTypeSyntax { Keyword.ValueText: "void" };
        return new TestFacts(
            test,
            syntax.FrameworkOf(test.Project, method),
            method.Modifiers.Any(SyntaxKind.AsyncKeyword),
            returnsVoid,
            HasTimeout(attributes.Concat(classAttributes)) || scope.Any(s => s.BoundsTime),
            attributes.Any(a => TestMethodScanner.AttributeName(a) is "Ignore" || a.ArgumentList?.Arguments.Any(x => x.NameEquals?.Name.Identifier.ValueText == "Skip") == true),
            SyntaxNames.Sorted(TypeNames.WordsOf(test.MethodName).Concat(TypeNames.WordsOf(TypeNames.SimpleNameOf(test.ClassName)))),
            SyntaxNames.Sorted(scope.SelectMany(s => s.MockedTypes)),
            SyntaxNames.Sorted(scope.SelectMany(s => s.CreatedTypes)),
            SyntaxNames.Sorted(scope.SelectMany(s => s.InvokedNames)),
            SyntaxNames.Sorted(scope.SelectMany(s => s.Names)),
            SyntaxNames.Sorted(scope.SelectMany(s => s.StringLiterals)),
            BlockingWaits.In(method, syntax.Semantics, syntax.TaskMethods))
        {
            ConfiguredOnlyMembers = ConfiguredOnly(scope),
            AwaitsOnlyValueAssertions = method.Modifiers.Any(SyntaxKind.AsyncKeyword) && AssertionSyntax.AwaitsOnlyValueAssertions(method, syntax.TaskMethods),
        };
    }

    /// <summary>Names some part of the scope only configures on a double and no part runs.</summary>
    private static IReadOnlyList<string> ConfiguredOnly(TestScopes.NodeFacts[] scope)
    {
        if (scope.All(s => s.ConfiguredOnly.Count == 0))
        {
            return [];
        }

        var run = scope.SelectMany(s => s.InvokedNames.Except(s.ConfiguredOnly, StringComparer.Ordinal)).ToHashSet(StringComparer.Ordinal);
        return SyntaxNames.Sorted(scope.SelectMany(s => s.ConfiguredOnly).Where(n => !run.Contains(n)));
    }

    /// <summary>
    /// A test has an explicit timeout when an attribute sets one (<c>[Fact(Timeout = ...)]</c>, NUnit <c>[Timeout]</c>
    /// or <c>[CancelAfter]</c>, MSTest <c>[Timeout]</c>, on the method or its class) or its scope bounds the wait itself
    /// (see <see cref="TestScopes.NodeFacts.BoundsTime"/>).
    /// </summary>
    private static bool HasTimeout(IEnumerable<AttributeSyntax> attributes) =>
        attributes.Any(a => TestMethodScanner.AttributeName(a) is "Timeout" or "CancelAfter"
            || a.ArgumentList?.Arguments.Any(x => x.NameEquals?.Name.Identifier.ValueText == "Timeout") == true);
}
