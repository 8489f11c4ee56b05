using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Analysis;

public static partial class SuiteModelBuilder
{
    private static partial Func<SuiteModel, SuiteModel> EnrichAsyncHygiene(SuiteSyntax syntax, SuiteModel shared)
    {
        var fixtureBlockingWaits = AsyncHygieneFixtures.BlockingWaits(syntax);
        var projectsWithDefaultTimeout = AsyncHygieneFixtures.ProjectsWithDefaultTimeout(syntax);
        return model => model with
        {
            FixtureBlockingWaits = fixtureBlockingWaits,
            ProjectsWithDefaultTimeout = projectsWithDefaultTimeout,
        };
    }
}

/// <summary>
/// Synchronous fixture code that blocks on tasks (TG0305): constructors, field initializers, <c>Dispose</c> and
/// synchronous set-up/tear-down methods of test classes, of the test-project classes they derive from, and of the
/// classes they use as xUnit <c>IClassFixture&lt;T&gt;</c>/<c>ICollectionFixture&lt;T&gt;</c>, plus the same-class
/// helpers those members call. Async members (<c>IAsyncLifetime.InitializeAsync</c>, <c>async Task</c> set-ups) are
/// the fix, not the finding, and are skipped.
/// </summary>
internal static class AsyncHygieneFixtures
{
    private static readonly HashSet<string> LifecycleNames = new(StringComparer.Ordinal)
    {
        "Dispose", "DisposeAsync", "InitializeAsync", "SetUp", "Setup", "TearDown", "Teardown", "OneTimeSetUp", "OneTimeTearDown",
        "TestInitialize", "TestCleanup", "ClassInitialize", "ClassCleanup", "AssemblyInitialize", "AssemblyCleanup", "Initialize", "Cleanup",
    };

    private static readonly HashSet<string> LifecycleAttributes = new(StringComparer.Ordinal)
    {
        "SetUp", "TearDown", "OneTimeSetUp", "OneTimeTearDown", "TestInitialize", "TestCleanup", "ClassInitialize", "ClassCleanup",
        "AssemblyInitialize", "AssemblyCleanup", "GlobalSetup", "GlobalCleanup",
    };

    private sealed class Fixture(TypeDeclarationSyntax declaration, SourceFile file, string role)
    {
        public TypeDeclarationSyntax Declaration { get; } = declaration;
        public SourceFile File { get; } = file;
        public string Role { get; } = role;
        public SortedSet<string> UsedBy { get; } = new(StringComparer.Ordinal);
        public string Framework { get; set; } = "unknown";
        public TestKind Kind { get; set; } = TestKind.Unclassified;
    }

    /// <summary>
    /// Projects with an assembly-level NUnit <c>[Timeout]</c>/<c>[CancelAfter]</c>, or with their own <c>FactAttribute</c>/
    /// <c>TheoryAttribute</c> class (shadowing xUnit's) that assigns <c>Timeout</c>: every <c>[Fact]</c> there has one.
    /// </summary>
    public static IReadOnlyList<string> ProjectsWithDefaultTimeout(SuiteSyntax syntax) =>
        syntax.Tests
            .Where(t => t.Tree.GetRoot() is CompilationUnitSyntax unit && (AssemblyTimeout(unit) || TimedFactAttribute(unit)))
            .Select(t => t.File.Project)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static bool AssemblyTimeout(CompilationUnitSyntax unit) =>
        unit.AttributeLists
            .Where(l => l.Target?.Identifier.IsKind(SyntaxKind.AssemblyKeyword) == true)
            .SelectMany(l => l.Attributes)
            .Any(a => TestMethodScanner.AttributeName(a) is "Timeout" or "CancelAfter");

    private static bool TimedFactAttribute(CompilationUnitSyntax unit) =>
        unit.Descendants(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<ClassDeclarationSyntax>()
            .Where(c => c.Identifier.ValueText is "FactAttribute" or "TheoryAttribute" && c.BaseList is not null)
            .Any(c => c.Descendants().OfType<AssignmentExpressionSyntax>()
                .Any(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: "Timeout" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Timeout" }));

    public static IReadOnlyList<FixtureBlockingWait> BlockingWaits(SuiteSyntax syntax)
    {
        var declarations = syntax.Tests
            .SelectMany(t => t.Tree.GetRoot().Descendants(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
                .OfType<TypeDeclarationSyntax>()
                .Select(d => (Declaration: d, t.File)))
            .ToArray();
        var byName = declarations.ToLookup(d => d.Declaration.Identifier.ValueText, StringComparer.Ordinal);
        var fileOf = declarations.ToDictionary(d => d.Declaration, d => d.File);
        var fixtures = new Dictionary<TypeDeclarationSyntax, Fixture>();

        Fixture Add(TypeDeclarationSyntax declaration, string role)
        {
            if (!fixtures.TryGetValue(declaration, out var fixture))
            {
                fixture = new Fixture(declaration, fileOf[declaration], role);
                fixtures.Add(declaration, fixture);
            }

            return fixture;
        }

        // Test classes, with the framework and kind of their tests.
        var testClasses = syntax.TestMethods
            .Where(t => t.Syntax.Parent is TypeDeclarationSyntax type && fileOf.ContainsKey(type))
            .GroupBy(t => (TypeDeclarationSyntax)t.Syntax.Parent!)
            .ToArray();
        foreach (var group in testClasses)
        {
            var first = group.OrderBy(t => t.Method.Line).First();
            var fixture = Add(group.Key, "test class");
            fixture.UsedBy.Add(group.Key.Identifier.ValueText);
            fixture.Framework = syntax.FrameworkOf(first.Method.Project, first.Syntax);
            fixture.Kind = first.Method.Kind;
        }

        foreach (var (declaration, _) in declarations.Where(d => !fixtures.ContainsKey(d.Declaration)))
        {
            var attributes = TestMethodScanner.AttributesOf(declaration.AttributeLists).Select(TestMethodScanner.AttributeName).ToArray();
            if (attributes.Contains("SetUpFixture"))
            {
                Add(declaration, "set-up fixture").Framework = "nunit";
            }
            else if (attributes.Contains("TestClass") || attributes.Contains("TestFixture"))
            {
                var fixture = Add(declaration, "test class");
                fixture.UsedBy.Add(declaration.Identifier.ValueText);
                fixture.Framework = attributes.Contains("TestClass") ? "mstest" : "nunit";
            }
        }

        // xUnit collection definitions: name → the test classes in that collection.
        var collections = declarations
            .SelectMany(d => CollectionNames(d.Declaration, "Collection").Select(name => (Name: name, d.Declaration)))
            .ToLookup(c => c.Name, c => c.Declaration, StringComparer.Ordinal);

        foreach (var group in testClasses)
        {
            var testClass = group.Key;
            var user = fixtures[testClass];
            foreach (var (fixtureType, role) in FixtureTypeArguments(testClass))
            {
                foreach (var target in byName[fixtureType].Select(d => d.Declaration).Where(IsClassLike))
                {
                    var fixture = Add(target, role);
                    fixture.UsedBy.Add(testClass.Identifier.ValueText);
                    Inherit(fixture, user, "xunit");
                }
            }

            // Helpers the test class creates for each test in a field initializer or its constructor (a
            // WebApplicationFactory per test class instance): their constructors are the test's synchronous set-up.
            foreach (var createdType in CreatedForEachTest(testClass))
            {
                foreach (var target in byName[createdType].Select(d => d.Declaration).Where(IsClassLike).Where(t => !fixtures.ContainsKey(t)))
                {
                    var fixture = Add(target, "helper created for each test");
                    fixture.UsedBy.Add(testClass.Identifier.ValueText);
                    Inherit(fixture, user, user.Framework);
                }
            }

            // Base classes of test classes declared in the test projects, transitively.
            var pending = new Queue<TypeDeclarationSyntax>([testClass]);
            var seen = new HashSet<TypeDeclarationSyntax> { testClass };
            while (pending.Count > 0)
            {
                foreach (var baseName in BaseNames(pending.Dequeue()))
                {
                    foreach (var target in byName[baseName].Select(d => d.Declaration).Where(IsClassLike).Where(seen.Add))
                    {
                        var fixture = Add(target, "base class of test classes");
                        fixture.UsedBy.Add(testClass.Identifier.ValueText);
                        Inherit(fixture, user, user.Framework);
                        pending.Enqueue(target);
                    }
                }
            }
        }

        // ICollectionFixture<T> on a [CollectionDefinition("x")] class: used by the classes in [Collection("x")].
        foreach (var (declaration, _) in declarations)
        {
            var definitions = CollectionNames(declaration, "CollectionDefinition").ToArray();
            foreach (var (fixtureType, role) in FixtureTypeArguments(declaration).Where(f => f.Role == "collection fixture"))
            {
                foreach (var target in byName[fixtureType].Select(d => d.Declaration).Where(IsClassLike))
                {
                    var fixture = Add(target, role);
                    fixture.Framework = "xunit";
                    foreach (var user in definitions.SelectMany(d => collections[d]).Where(fixtures.ContainsKey))
                    {
                        fixture.UsedBy.Add(user.Identifier.ValueText);
                        Inherit(fixture, fixtures[user], "xunit");
                    }
                }
            }
        }

        var waits = new List<FixtureBlockingWait>();
        foreach (var fixture in fixtures.Values)
        {
            waits.AddRange(WaitsIn(fixture, syntax.TaskMethods));
        }

        return waits
            .OrderBy(w => w.Path, StringComparer.Ordinal)
            .ThenBy(w => w.Line)
            .ThenBy(w => w.Expression, StringComparer.Ordinal)
            .ToArray();
    }

    private static bool IsClassLike(TypeDeclarationSyntax type) => type is ClassDeclarationSyntax or RecordDeclarationSyntax;

    /// <summary>The types a test class creates in its field and property initializers and its constructors.</summary>
    private static IEnumerable<string> CreatedForEachTest(TypeDeclarationSyntax testClass)
    {
        foreach (var member in testClass.Members)
        {
            switch (member)
            {
                case FieldDeclarationSyntax field when !field.Modifiers.Any(SyntaxKind.StaticKeyword):
                    foreach (var variable in field.Declaration.Variables)
                    {
                        switch (variable.Initializer?.Value)
                        {
                            case ObjectCreationExpressionSyntax creation:
                                yield return SyntaxNames.SimpleNameOf(creation.Type);
                                break;
                            case ImplicitObjectCreationExpressionSyntax:
                                yield return SyntaxNames.SimpleNameOf(field.Declaration.Type);
                                break;
                        }
                    }

                    break;
                case PropertyDeclarationSyntax { Initializer.Value: ObjectCreationExpressionSyntax creation } property when !property.Modifiers.Any(SyntaxKind.StaticKeyword):
                    yield return SyntaxNames.SimpleNameOf(creation.Type);
                    break;
                case ConstructorDeclarationSyntax constructor when !constructor.Modifiers.Any(SyntaxKind.StaticKeyword):
                    foreach (var creation in constructor.Descendants().OfType<ObjectCreationExpressionSyntax>())
                    {
                        yield return SyntaxNames.SimpleNameOf(creation.Type);
                    }

                    break;
            }
        }
    }

    private static void Inherit(Fixture fixture, Fixture user, string framework)
    {
        if (fixture.Framework == "unknown")
        {
            fixture.Framework = framework;
        }

        if (fixture.Kind == TestKind.Unclassified)
        {
            fixture.Kind = user.Kind;
        }
    }

    private static IEnumerable<FixtureBlockingWait> WaitsIn(Fixture fixture, IReadOnlySet<string> taskMethods)
    {
        var type = fixture.Declaration;
        var taskNames = TaskMembers(type);
        var helpers = type.Members.OfType<MethodDeclarationSyntax>()
            .Where(m => !TestMethodScanner.IsTest(m))
            .ToLookup(m => m.Identifier.ValueText, StringComparer.Ordinal);
        var reported = new HashSet<(int, string)>();
        foreach (var (member, node, tearDown, runsOnce) in LifecycleMembers(type))
        {
            var scope = new List<SyntaxNode> { node };
            var seen = new HashSet<SyntaxNode> { node };
            for (var i = 0; i < scope.Count; i++)
            {
                foreach (var name in scope[i].Descendants().OfType<InvocationExpressionSyntax>().Select(SyntaxNames.InvokedName).OfType<string>())
                {
                    scope.AddRange(helpers[name].Where(h => !h.Modifiers.Any(SyntaxKind.AsyncKeyword)).Where(seen.Add));
                }
            }

            foreach (var part in scope)
            {
                foreach (var (expression, line, assignedTo) in Waits(part, taskNames, taskMethods))
                {
                    if (reported.Add((line, expression)))
                    {
                        yield return new FixtureBlockingWait(
                            ProductionTypeScanner.FullNameOf(type),
                            fixture.Role,
                            member,
                            tearDown,
                            expression,
                            fixture.File.Path,
                            line,
                            fixture.Framework,
                            fixture.Kind,
                            fixture.UsedBy.ToArray(),
                            assignedTo)
                        {
                            RunsOnce = runsOnce,
                        };
                    }
                }
            }
        }
    }

    /// <summary>The synchronous members a framework runs around tests, with a display name and whether they tear down.</summary>
    private static readonly HashSet<string> OnceAttributes = new(StringComparer.Ordinal)
    {
        "OneTimeSetUp", "OneTimeTearDown", "ClassInitialize", "ClassCleanup", "AssemblyInitialize", "AssemblyCleanup", "GlobalSetup", "GlobalCleanup",
    };

    /// <summary>The overrides of <c>WebApplicationFactory</c> that build the test host.</summary>
    private static readonly HashSet<string> HostFactoryOverrides = new(StringComparer.Ordinal)
    {
        "CreateHost", "CreateHostBuilder", "CreateWebHostBuilder", "ConfigureWebHost", "CreateServer", "ConfigureClient",
    };

    private static bool BuildsHost(TypeDeclarationSyntax type) =>
        type.BaseList?.Types.Any(b => SyntaxNames.SimpleNameOf(b.Type) == "WebApplicationFactory") == true;

    /// <summary>The members a fixture runs around its tests; <c>RunsOnce</c> for those run once per class or assembly, not per test.</summary>
    private static IEnumerable<(string Member, SyntaxNode Node, bool TearDown, bool RunsOnce)> LifecycleMembers(TypeDeclarationSyntax type)
    {
        foreach (var member in type.Members)
        {
            switch (member)
            {
                case ConstructorDeclarationSyntax constructor:
                    var isStatic = constructor.Modifiers.Any(SyntaxKind.StaticKeyword);
                    yield return (isStatic ? "static constructor" : "constructor", constructor, false, isStatic);
                    break;
                case FieldDeclarationSyntax field when !field.Modifiers.Any(SyntaxKind.ConstKeyword):
                    foreach (var variable in field.Declaration.Variables.Where(v => v.Initializer is not null))
                    {
                        yield return ($"initializer of {variable.Identifier.ValueText}", variable.Initializer!, false, field.Modifiers.Any(SyntaxKind.StaticKeyword));
                    }

                    break;
                case PropertyDeclarationSyntax { Initializer: { } initializer } property:
                    yield return ($"initializer of {property.Identifier.ValueText}", initializer, false, property.Modifiers.Any(SyntaxKind.StaticKeyword));
                    break;
                case MethodDeclarationSyntax method when !method.Modifiers.Any(SyntaxKind.AsyncKeyword) && (method.Body ?? (SyntaxNode?)method.ExpressionBody) is not null:
                    if (TestMethodScanner.IsTest(method))
                    {
                        break;
                    }

                    var attributes = TestMethodScanner.AttributesOf(method.AttributeLists).Select(TestMethodScanner.AttributeName).ToArray();

                    var lifecycle = attributes.FirstOrDefault(LifecycleAttributes.Contains);
                    var name = method.Identifier.ValueText;
                    if (HostFactoryOverrides.Contains(name) && BuildsHost(type))
                    {
                        // WebApplicationFactory builds its host once per factory, on the first client, on a test's thread;
                        // ConfigureClient runs for every client.
                        yield return (name, method, false, name != "ConfigureClient");
                    }
                    else if (lifecycle is not null || LifecycleNames.Contains(name))
                    {
                        var role = lifecycle ?? name;
                        var tearDown = role.Contains("Dispose", StringComparison.Ordinal) || role.Contains("TearDown", StringComparison.Ordinal)
                            || role.Contains("Teardown", StringComparison.Ordinal) || role.Contains("Cleanup", StringComparison.Ordinal);
                        // The attribute says when it runs ([ClassInitialize] once per class); the message names it.
                        yield return (lifecycle is not null && lifecycle != name ? $"{name} ([{lifecycle}])" : name, method, tearDown, OnceAttributes.Contains(role));
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Blocking waits in <paramref name="node"/>: <c>GetAwaiter().GetResult()</c> on anything, <c>.Wait()</c>/<c>.Result</c>
    /// on something known to be a task (an un-awaited <c>...Async()</c> call, <c>Task.Run</c>, a call of a solution method that
    /// always returns a task, a task-typed field or local),
    /// and <c>Task.WaitAll</c>/<c>Task.WaitAny</c>. <c>Task.FromResult(...).Result</c> has nothing to wait for and is skipped.
    /// </summary>
    internal static IEnumerable<(string Expression, int Line, string? AssignedTo)> Waits(SyntaxNode node, IReadOnlySet<string> taskMembers, IReadOnlySet<string> taskMethods)
    {
        var taskNames = new HashSet<string>(taskMembers, StringComparer.Ordinal);
        foreach (var declaration in node.Descendants().OfType<VariableDeclarationSyntax>())
        {
            var declaredTask = declaration.Type is not IdentifierNameSyntax { IsVar: true } && SyntaxNames.SimpleNameOf(declaration.Type) is "Task" or "ValueTask";
            foreach (var variable in declaration.Variables)
            {
                if (declaredTask || (variable.Initializer?.Value is InvocationExpressionSyntax call && ProducesTask(call, taskMethods)))
                {
                    taskNames.Add(variable.Identifier.ValueText);
                }
            }
        }

        foreach (var descendant in node.Descendants())
        {
            switch (descendant)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetResult", Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } } } } getResult:
                    yield return (Text(getResult), SyntaxNames.LineOf(getResult), AssignedTo(getResult));
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WaitAll" or "WaitAny", Expression: IdentifierNameSyntax { Identifier.ValueText: "Task" } } } waitAll:
                    yield return (Text(waitAll), SyntaxNames.LineOf(waitAll), AssignedTo(waitAll));
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } access } wait when IsTask(access.Expression, taskNames, taskMethods):
                    yield return (Text(wait), SyntaxNames.LineOf(wait), AssignedTo(wait));
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result when IsTask(result.Expression, taskNames, taskMethods):
                    yield return (Text(result), SyntaxNames.LineOf(result), AssignedTo(result));
                    break;
            }
        }
    }

    /// <summary>Where the waited value goes: the left side of an assignment, a field, or <c>var name</c> for a local.</summary>
    private static string? AssignedTo(ExpressionSyntax wait) => wait.Parent switch
    {
        AssignmentExpressionSyntax assignment when assignment.Right == wait => Text(assignment.Left),
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: FieldDeclarationSyntax } } declarator } => declarator.Identifier.ValueText,
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => "var " + declarator.Identifier.ValueText,
        EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Identifier.ValueText,
        _ => null,
    };

    private static bool ProducesTask(InvocationExpressionSyntax call, IReadOnlySet<string> taskMethods) =>
        SyntaxNames.InvokedName(call) is { } name && TestGate.Analysis.BlockingWaits.ReturnsTask(name, taskMethods);

    private static bool IsTask(ExpressionSyntax expression, HashSet<string> taskNames, IReadOnlySet<string> taskMethods) => expression switch
    {
        InvocationExpressionSyntax invocation => ProducesTask(invocation, taskMethods),
        IdentifierNameSyntax identifier => taskNames.Contains(identifier.Identifier.ValueText),
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member => taskNames.Contains(member.Name.Identifier.ValueText),
        ParenthesizedExpressionSyntax parenthesized => IsTask(parenthesized.Expression, taskNames, taskMethods),
        _ => false,
    };

    /// <summary>Fields and properties of the class typed <c>Task</c>/<c>ValueTask</c> (a started task kept for later).</summary>
    private static IReadOnlySet<string> TaskMembers(TypeDeclarationSyntax type)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in type.Members)
        {
            switch (member)
            {
                case FieldDeclarationSyntax field when SyntaxNames.SimpleNameOf(field.Declaration.Type) is "Task" or "ValueTask":
                    names.UnionWith(field.Declaration.Variables.Select(v => v.Identifier.ValueText));
                    break;
                case PropertyDeclarationSyntax property when SyntaxNames.SimpleNameOf(property.Type) is "Task" or "ValueTask":
                    names.Add(property.Identifier.ValueText);
                    break;
            }
        }

        return names;
    }

    private static IEnumerable<(string Type, string Role)> FixtureTypeArguments(TypeDeclarationSyntax type) =>
        (type.BaseList?.Types ?? default)
            .Select(b => b.Type is QualifiedNameSyntax q ? q.Right : b.Type)
            .OfType<GenericNameSyntax>()
            .Where(g => g.Identifier.ValueText is "IClassFixture" or "ICollectionFixture" && g.TypeArgumentList.Arguments.Count == 1)
            .Select(g => (SyntaxNames.SimpleNameOf(g.TypeArgumentList.Arguments[0]), g.Identifier.ValueText == "IClassFixture" ? "class fixture" : "collection fixture"));

    private static IEnumerable<string> BaseNames(TypeDeclarationSyntax type) =>
        (type.BaseList?.Types ?? default).Select(b => SyntaxNames.SimpleNameOf(b.Type));

    private static IEnumerable<string> CollectionNames(TypeDeclarationSyntax type, string attributeName) =>
        TestMethodScanner.AttributesOf(type.AttributeLists)
            .Where(a => TestMethodScanner.AttributeName(a) == attributeName && a.ArgumentList?.Arguments.Count > 0)
            .Select(a => a.ArgumentList!.Arguments[0].Expression)
            .OfType<LiteralExpressionSyntax>()
            .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression))
            .Select(l => l.Token.ValueText);

    /// <summary>Source text on one line, whitespace runs collapsed.</summary>
    internal static string Text(SyntaxNode node) =>
        string.Join(' ', node.ToString().Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
