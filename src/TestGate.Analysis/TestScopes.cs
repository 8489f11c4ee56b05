using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TestGate.Analysis;

/// <summary>
/// What a test runs, shared by every rule family: its body, the same-class helpers it calls (transitively) and, with
/// the class members, the class's constructor, fields, properties and set-up methods. Each class's lookups, each
/// node's calls and each test's scope are computed once per suite and are safe to read from several threads, so the
/// families can run in parallel without walking the same syntax again.
/// </summary>
public sealed class TestScopes
{
    /// <summary>Set-up methods the frameworks run before each test (xUnit's IAsyncLifetime, NUnit, MSTest).</summary>
    public static readonly IReadOnlySet<string> SetUpNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "InitializeAsync", "SetUp", "Setup", "OneTimeSetUp", "TestInitialize", "Initialize",
    };

    /// <summary>
    /// A method the framework runs before the tests: by name (xUnit's <c>InitializeAsync</c>, NUnit's conventional
    /// <c>SetUp</c>) or by attribute, whatever its name (NUnit <c>[SetUp]</c>/<c>[OneTimeSetUp]</c>, MSTest
    /// <c>[TestInitialize]</c>/<c>[ClassInitialize]</c>/<c>[AssemblyInitialize]</c>).
    /// </summary>
    public static bool IsSetUp(MethodDeclarationSyntax method) =>
        SetUpNames.Contains(method.Identifier.ValueText)
        || TestMethodScanner.HasAttribute(method.AttributeLists, a => TestMethodScanner.AttributeName(a) is "SetUp" or "OneTimeSetUp" or "TestInitialize" or "ClassInitialize" or "AssemblyInitialize");

    /// <summary>A test class's non-test methods by name, and the members every test of it runs.</summary>
    public sealed record ClassScope(ILookup<string, MethodDeclarationSyntax> Helpers, IReadOnlyList<SyntaxNode> Members);

    private readonly ConcurrentDictionary<TypeDeclarationSyntax, ClassScope> _classes = new();
    /// <summary>
    /// What one node of a scope holds, read in a single walk: the types it mocks (<c>new Mock&lt;T&gt;</c>,
    /// <c>Mock.Of&lt;T&gt;</c>, <c>Substitute.For&lt;T&gt;</c>, <c>A.Fake&lt;T&gt;</c>), creates and names, the members it
    /// invokes, its string literals, and whether it bounds a wait itself (a <c>CancellationTokenSource</c> with a delay,
    /// <c>CancelAfter</c>, <c>WaitAsync(timeout)</c>). Each list is distinct, in the order of first appearance.
    /// </summary>
    public sealed record NodeFacts(
        IReadOnlyList<string> MockedTypes,
        IReadOnlyList<string> CreatedTypes,
        IReadOnlyList<string> InvokedNames,
        IReadOnlyList<string> Names,
        IReadOnlyList<string> StringLiterals,
        bool BoundsTime)
    {
        /// <summary>
        /// Members invoked here only inside the set-up or verification of a test double (<c>mock.Verify(m =&gt; m.SaveAsync(...))</c>,
        /// <c>A.CallTo(() =&gt; sms.SendAsync(...))</c>, <c>store.DidNotReceive().SaveAsync(...)</c>): named, but not run.
        /// </summary>
        public IReadOnlyList<string> ConfiguredOnly { get; init; } = [];
    }

    private readonly ConcurrentDictionary<SyntaxNode, NodeFacts> _facts = new();
    private readonly ConcurrentDictionary<(MethodDeclarationSyntax, bool), IReadOnlyList<SyntaxNode>> _scopes = new();

    public ClassScope ClassOf(TypeDeclarationSyntax type) => _classes.GetOrAdd(type, static type =>
    {
        var helpers = type.Members.OfType<MethodDeclarationSyntax>()
            .Where(m => !TestMethodScanner.IsTest(m))
            .ToLookup(m => m.Identifier.ValueText, StringComparer.Ordinal);
        // An override is a hook the base class runs for every test (a host base's ConfigureServices swapping in a double).
        var members = type.Members.Where(m => m is ConstructorDeclarationSyntax or FieldDeclarationSyntax or PropertyDeclarationSyntax)
            .Concat(helpers.SelectMany(h => h).Where(m => IsSetUp(m) || m.Modifiers.Any(SyntaxKind.OverrideKeyword)))
            .ToArray();
        return new ClassScope(helpers, members);
    });

    /// <summary>The facts of a node's descendants, read once however many tests share the node.</summary>
    public NodeFacts FactsOf(SyntaxNode node) => _facts.GetOrAdd(node, ReadFacts);

    private static readonly HashSet<string> MockFactories = new(StringComparer.Ordinal) { "Of", "For", "ForPartsOf", "Fake", "Mock", "Create" };

    private static NodeFacts ReadFacts(SyntaxNode node)
    {
        // Collected in buffers the thread reuses: the facts keep exact-size arrays, not five sets per node.
        var (mocked, created, invoked, names, literals, configured, direct) = _buffers ??=
            (new Distinct(), new Distinct(), new Distinct(), new Distinct(), new Distinct(), new Distinct(), new Distinct());

        // Empty even if a read on this thread ended in an exception before it took its items.
        mocked.Clear();
        created.Clear();
        invoked.Clear();
        names.Clear();
        literals.Clear();
        configured.Clear();
        direct.Clear();

        var boundsTime = false;

        // A token source local to a set-up method or constructor bounds that set-up, not the tests that follow it.
        var setUp = node is ConstructorDeclarationSyntax || (node is MethodDeclarationSyntax method && IsSetUp(method));
        foreach (var descendant in node.Descendants())
        {
            switch (descendant)
            {
                // A target-typed new() counts by its declared type: `private readonly CancellationTokenSource _cts = new(Timeout);`.
                case BaseObjectCreationExpressionSyntax creation when DatabaseProductionScanner.CreatedName(creation) is { } createdType:
                    created.Add(createdType);
                    boundsTime |= createdType == "CancellationTokenSource" && creation.ArgumentList?.Arguments.Count > 0
                        && !(setUp && creation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax } });
                    break;
                case InvocationExpressionSyntax invocation when SyntaxNames.InvokedName(invocation) is { } invokedName:
                    invoked.Add(invokedName);
                    (ConfiguresDouble(invocation) ? configured : direct).Add(invokedName);
                    boundsTime |= invokedName is "CancelAfter" or "WaitAsync" && invocation.ArgumentList.Arguments.Count > 0;
                    break;
                case SimpleNameSyntax name:
                    names.Add(name.Identifier.ValueText);
                    if (name is GenericNameSyntax generic && MockedTypeOf(generic) is { } mockedType)
                    {
                        mocked.Add(mockedType);
                    }

                    break;
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    literals.Add(literal.Token.ValueText);
                    break;
                case InterpolatedStringTextSyntax text:
                    literals.Add(text.TextToken.ValueText);
                    break;
            }
        }

        var configuredOnly = configured.Count == 0 ? [] : configured.Take().Where(n => !direct.Contains(n)).ToArray();
        return new NodeFacts(mocked.Take(), created.Take(), invoked.Take(), names.Take(), literals.Take(), boundsTime) { ConfiguredOnly = configuredOnly };
    }

    [ThreadStatic]
    private static (Distinct Mocked, Distinct Created, Distinct Invoked, Distinct Names, Distinct Literals, Distinct Configured, Distinct Direct)? _buffers;

    /// <summary>Calls that set up or verify a test double: their member is named, not run.</summary>
    private static readonly HashSet<string> DoubleConfigurations = new(StringComparer.Ordinal)
    {
        "Setup", "SetupSequence", "SetupGet", "SetupSet", "SetupProperty", "Verify", "VerifyGet", "VerifySet", "CallTo", "CallToSet",
        "When", "WhenForAnyArgs",
    };

    private static readonly HashSet<string> SubstituteResults = new(StringComparer.Ordinal)
    {
        "Returns", "ReturnsForAnyArgs", "ReturnsNull", "ReturnsNullForAnyArgs", "Throws", "ThrowsAsync", "ThrowsForAnyArgs", "ThrowsAsyncForAnyArgs",
    };

    private static readonly HashSet<string> ReceivedChecks = new(StringComparer.Ordinal)
    {
        "Received", "DidNotReceive", "ReceivedWithAnyArgs", "DidNotReceiveWithAnyArgs",
    };

    /// <summary>
    /// The invocation is the member a double is set up or verified for: NSubstitute's <c>sub.Received().M(...)</c>, or the
    /// body of a lambda given to Moq's <c>Setup</c>/<c>Verify</c>, FakeItEasy's <c>A.CallTo</c> or NSubstitute's <c>When</c>.
    /// </summary>
    private static bool ConfiguresDouble(InvocationExpressionSyntax invocation)
    {
        if (invocation.Expression is MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax receiver }
            && SyntaxNames.InvokedName(receiver) is { } check && ReceivedChecks.Contains(check))
        {
            return true;
        }

        // NSubstitute: sub.SendAsync(...).Returns(...) / .ThrowsAsync(...).
        if (invocation.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax configuration } access
            && access.Expression == invocation && SyntaxNames.InvokedName(configuration) is { } configures && SubstituteResults.Contains(configures))
        {
            return true;
        }

        var steps = 0;
        for (var node = invocation.Parent; node is not null and not StatementSyntax and not MemberDeclarationSyntax && steps++ < AnalysisLimits.ExpressionDepth; node = node.Parent)
        {
            // On a receiver (mock.Setup, A.CallTo, sub.When): a test's own Given/When step helper is not a double.
            if (node is LambdaExpressionSyntax { Parent: ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } outer } })
            {
                return SyntaxNames.InvokedName(outer) is { } name && DoubleConfigurations.Contains(name);
            }
        }

        return false;
    }

    private static string? MockedTypeOf(GenericNameSyntax generic)
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
        return (creates || factory) && generic.TypeArgumentList.Arguments.Count > 0
            ? SyntaxNames.SimpleNameOf(generic.TypeArgumentList.Arguments[0])
            : null;
    }

    /// <summary>Distinct non-empty strings in the order they were first added; reused, so taking the items empties it.</summary>
    private sealed class Distinct
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<string> _items = [];

        public void Add(string value)
        {
            if (value.Length > 0 && _seen.Add(value))
            {
                _items.Add(value);
            }
        }

        public int Count => _items.Count;

        public bool Contains(string value) => _seen.Contains(value);

        public string[] Take()
        {
            var items = _items.Count == 0 ? [] : _items.ToArray();
            Clear();
            return items;
        }

        public void Clear()
        {
            // Buffers grown by one huge node are not kept at that size for the thread's lifetime.
            var huge = _items.Count > 4096;
            _items.Clear();
            _seen.Clear();
            if (huge)
            {
                _items.TrimExcess();
                _seen.TrimExcess();
            }
        }
    }

    /// <summary>
    /// The nodes a test runs: the method, then (with <paramref name="includeClassMembers"/>) the class members every
    /// test runs, then the same-class helpers any of them calls, transitively, in the order they are reached.
    /// </summary>
    public IReadOnlyList<SyntaxNode> Of(MethodDeclarationSyntax method, bool includeClassMembers = true) =>
        _scopes.GetOrAdd((method, includeClassMembers), key => Compute(key.Item1, key.Item2));

    private IReadOnlyList<SyntaxNode> Compute(MethodDeclarationSyntax method, bool includeClassMembers)
    {
        var scope = new List<SyntaxNode> { method };
        if (method.Parent is not TypeDeclarationSyntax type)
        {
            return scope;
        }

        var (helpers, members) = ClassOf(type);
        if (includeClassMembers)
        {
            scope.AddRange(members);
        }

        var seen = new HashSet<SyntaxNode>(scope);
        for (var i = 0; i < scope.Count; i++)
        {
            foreach (var name in FactsOf(scope[i]).InvokedNames)
            {
                scope.AddRange(helpers[name].Where(seen.Add));
            }
        }

        return scope;
    }
}
