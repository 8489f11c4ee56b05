using TestGate.Core.Model;

namespace TestGate.Core.Suite;

/// <summary>
/// What the structural rules judge: the production code's types and the features they use, and every test with what
/// its body constructs, mocks, calls and asserts. Built from sources by TestGate.Analysis; no Roslyn types here.
/// Rule families add the facts only they need in their own part of this record.
/// </summary>
public sealed partial record SuiteModel(
    IReadOnlyList<ProductionFacts> Production,
    IReadOnlyList<TestFacts> Tests,
    IReadOnlyList<string> Boundaries)
{
    /// <summary>Production types by simple name (several when namespaces differ).</summary>
    public ILookup<string, ProductionFacts> ProductionBySimpleName { get; } =
        Production.ToLookup(p => p.Type.SimpleName, StringComparer.Ordinal);

    /// <summary>True when <paramref name="simpleName"/> names a type the team declared allowed to mock.</summary>
    public bool IsDeclaredBoundary(string simpleName) =>
        Boundaries.Any(b => string.Equals(TypeNames.SimpleNameOf(b), simpleName, StringComparison.Ordinal));
}

/// <summary>A method of a production type, as far as the rules care.</summary>
public sealed record MethodFacts(
    string Name,
    int Line,
    bool IsPublic,
    bool IsAsync,
    bool TakesCancellationToken,
    IReadOnlyList<string> ParameterTypes,
    IReadOnlyList<string> InvokedMembers,
    bool HasLoop)
{
    /// <summary>The file the method is declared in (a partial type's parts are in several); null when unknown.</summary>
    public string? Path { get; init; }

    /// <summary>
    /// The method's body reads one of its <c>CancellationToken</c> parameters (forwards or checks it); false when it
    /// ignores every token it takes. True when unknown.
    /// </summary>
    public bool UsesCancellationToken { get; init; } = true;

    /// <summary>
    /// The method waits for something else to happen: a delay, a lock or semaphore, a channel, a timer tick, a process
    /// (a task's own <c>WaitAsync(token)</c>, which only makes a call cancellable, is not such a wait).
    /// </summary>
    public bool Waits { get; init; }
}

/// <summary>
/// One production type: where it is, its layer-independent role signals, and the names it uses. Names are simple
/// names as written in source (<c>ILogger&lt;OrderService&gt;</c> becomes <c>ILogger</c>).
/// </summary>
public sealed record ProductionFacts(
    ProductionType Type,
    string Kind,
    IReadOnlyList<string> BaseTypes,
    IReadOnlyList<string> DependencyTypes,
    IReadOnlyList<string> CreatedTypes,
    IReadOnlyList<string> InvokedMembers,
    IReadOnlyList<string> StringLiterals,
    IReadOnlyList<MethodFacts> Methods)
{
    public SourceLocation Location => new(Type.Path, Type.Line, Type.FullName);

    public bool Uses(string simpleTypeName) =>
        DependencyTypes.Contains(simpleTypeName, StringComparer.Ordinal)
        || CreatedTypes.Contains(simpleTypeName, StringComparer.Ordinal)
        || BaseTypes.Contains(simpleTypeName, StringComparer.Ordinal);

    public bool Invokes(string memberName) => InvokedMembers.Contains(memberName, StringComparer.Ordinal);

    /// <summary>The type's generic parameters in order, with the types their constraints name; empty when it is not generic.</summary>
    public IReadOnlyList<TypeParameterFacts> TypeParameters { get; init; } = [];

    /// <summary>The parameter lists of the type's constructors (a primary constructor's first), in declaration order.</summary>
    public IReadOnlyList<IReadOnlyList<ParameterFacts>> Constructors { get; init; } = [];

    /// <summary>
    /// Types whose static members the type calls by name (<c>SqlUnitOfWork.BeginAsync(...)</c> gives <c>SqlUnitOfWork</c>):
    /// a factory method is how some types get the instances they use.
    /// </summary>
    public IReadOnlyList<string> StaticReceivers { get; init; } = [];
}

/// <summary>A generic parameter of a type and the types its constraints name (<c>where T : BaseEntity</c> gives BaseEntity).</summary>
public sealed record TypeParameterFacts(string Name, IReadOnlyList<string> Constraints);

/// <summary>A constructor parameter as written: its type's simple name and its name.</summary>
public sealed record ParameterFacts(string Type, string Name);

/// <summary>
/// One test method and what its body (and its class's fields, constructor and helpers in the same class) does.
/// <see cref="Words"/> are the lower-cased words of the method and class names (<c>Duplicate_delivery_is_processed_once</c>
/// gives duplicate, delivery, is, processed, once), for intent that a name states.
/// </summary>
public sealed record TestFacts(
    TestMethod Method,
    string Framework,
    bool IsAsync,
    bool ReturnsVoid,
    bool HasTimeout,
    bool IsSkipped,
    IReadOnlyList<string> Words,
    IReadOnlyList<string> MockedTypes,
    IReadOnlyList<string> CreatedTypes,
    IReadOnlyList<string> InvokedMembers,
    IReadOnlyList<string> Identifiers,
    IReadOnlyList<string> StringLiterals,
    IReadOnlyList<BlockingWait> BlockingWaits)
{
    public SourceLocation Location => new(Method.Path, Method.Line, $"{Method.ClassName}.{Method.MethodName}");

    /// <summary>
    /// Members of <see cref="InvokedMembers"/> the test names only while setting up or verifying a test double
    /// (<c>mock.Verify(m =&gt; m.SaveAsync(...))</c>): it does not run them.
    /// </summary>
    public IReadOnlyList<string> ConfiguredOnlyMembers { get; init; } = [];

    /// <summary>
    /// The test is async only to await assertions on values it already has (TUnit's <c>await Assert.That(total).IsEqualTo(3)</c>):
    /// nothing it awaits can wait for anything, so it needs no timeout.
    /// </summary>
    public bool AwaitsOnlyValueAssertions { get; init; }

    /// <summary>The test runs a member of that name (it invokes it other than in a double's set-up or verification).</summary>
    public bool Runs(string memberName) => Invokes(memberName) && !ConfiguredOnlyMembers.Contains(memberName, StringComparer.Ordinal);

    public TestKind Kind => Method.Kind;

    public bool Creates(string simpleTypeName) => CreatedTypes.Contains(simpleTypeName, StringComparer.Ordinal);

    public bool Mocks(string simpleTypeName) => MockedTypes.Contains(simpleTypeName, StringComparer.Ordinal);

    public bool Invokes(string memberName) => InvokedMembers.Contains(memberName, StringComparer.Ordinal);

    public bool Mentions(string identifier) => Identifiers.Contains(identifier, StringComparer.Ordinal);

    public bool NameSays(params string[] words) => words.Any(w => Words.Contains(w, StringComparer.Ordinal));
}

/// <summary>A blocking wait on a task in a test (<c>.Result</c>, <c>.Wait()</c>, <c>GetAwaiter().GetResult()</c>) that is not provably harmless.</summary>
public sealed record BlockingWait(string Expression, int Line);
