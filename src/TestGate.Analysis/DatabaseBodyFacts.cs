using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Model;

namespace TestGate.Analysis;

/// <summary>
/// What a test body does, for the intent the database rules look for: an expected failure and what it asserts after
/// it, concurrent work, connections it opens, calls it repeats, and assertions of a single effect.
/// </summary>
internal sealed record BodyFacts(
    bool ExpectsException,
    IReadOnlyList<string> ExpectedExceptions,
    bool RunsConcurrently,
    int ConnectionsOpened,
    IReadOnlyList<string> RepeatedCalls,
    bool AssertsSingleEffect,
    bool AssertsStateAfterFailure,
    bool HasAssertion,
    bool OnlyReadsConcurrently)
{
    private static readonly HashSet<string> ConcurrentCalls = new(StringComparer.Ordinal) { "WhenAll", "WhenAny", "WaitAll", "WaitAny", "StartNew" };

    private static readonly HashSet<string> ConnectionCalls = new(StringComparer.Ordinal)
    {
        "OpenConnection", "OpenConnectionAsync", "CreateDbContext", "CreateDbContextAsync", "CreateConnection", "CreateConnectionAsync", "OpenAsync", "Open",

        // A unit of work or transaction begun twice in one test: two sessions (a factory's BeginAsync opens a connection).
        "BeginAsync", "BeginTransaction", "BeginTransactionAsync",
    };

    private static readonly HashSet<string> NotAnOperation = new(StringComparer.Ordinal)
    {
        "Equal", "NotEqual", "True", "False", "Null", "NotNull", "Single", "Empty", "NotEmpty", "Contains", "DoesNotContain", "Same",
        "IsType", "That", "AreEqual", "IsTrue", "IsFalse", "IsNull", "IsNotNull", "Should", "Be", "BeTrue", "BeFalse", "HaveCount",
        "ThrowsAsync", "Throws", "ThrowsAnyAsync", "ThrowsAny", "ToString", "Parse", "Select", "Where", "Range", "Run", "FromResult",
        "ConfigureAwait", "nameof", "ToArray", "ToList", "Add", "AddWithValue", "Dispose", "DisposeAsync", "Count", "Any", "First",
        "Last", "Of", "For", "Fake", "Setup", "Returns", "ReturnsAsync", "Verify", "Received", "NewGuid", "FromSeconds",
        "FromMilliseconds", "CancelAsync", "Cancel", "WhenAll", "WhenAny", "Format", "Join", "Concat", "GetUtcNow", "Now",
    };

    private static readonly string[] ReadPrefixes =
    [
        "Find", "Get", "Count", "Load", "Read", "Query", "Select", "Exists", "Any", "Single", "First", "ToList", "Stored",
        "Fetch", "Scalar", "ExecuteScalar", "Text", "Lookup", "All", "List", "Search", "Reload",
    ];

    /// <summary>The facts of a test body (its method and the same-class helpers it calls), in one pass over its nodes.</summary>
    public static BodyFacts Of(MethodDeclarationSyntax method, IReadOnlyList<SyntaxNode> body)
    {
        var expected = new List<string>();
        var expects = false;
        var concurrent = false;
        var connections = 0;
        var single = false;
        var assertion = false;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var repeated = new HashSet<string>(StringComparer.Ordinal);
        var injects = false;
        foreach (var node in body.SelectMany(b => b.DescendantsAndSelf()))
        {
            switch (node)
            {
                case LiteralExpressionSyntax or InterpolatedStringExpressionSyntax:
                    injects |= InjectsFault(node);
                    break;
                case InvocationExpressionSyntax invocation:
                {
                    var name = SyntaxNames.InvokedName(invocation);
                    if (name is null)
                    {
                        break;
                    }

                    if (AssertionSyntax.IsThrowsAssertion(invocation))
                    {
                        expects = true;
                        if (GenericOf(invocation.Expression) is { } generic)
                        {
                            expected.AddRange(generic.TypeArgumentList.Arguments.Select(SyntaxNames.SimpleNameOf));
                        }
                    }

                    concurrent |= ConcurrentCalls.Contains(name)
                        || invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Parallel" } }
                        || StartedNotAwaited(invocation, name);
                    connections += ConnectionCalls.Contains(name) || BeginsASession(name) ? 1 : 0;
                    single |= AssertsSingle(invocation);
                    assertion |= AssertionSyntax.IsAssertion(invocation);
                    if (!NotAnOperation.Contains(name) && !name.StartsWith("Assert", StringComparison.Ordinal))
                    {
                        counts[name] = counts.GetValueOrDefault(name) + 1;
                        if (counts[name] >= 2 || InLoopOrConcurrentLambda(invocation))
                        {
                            repeated.Add(name);
                        }
                    }

                    break;
                }

                // NUnit: Assert.That(() => ..., Throws.TypeOf<SqliteException>()) / Throws.Exception; Moq: Times.Once.
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Throws" } } throws:
                    expects = true;
                    if (throws.Name is GenericNameSyntax thrown)
                    {
                        expected.AddRange(thrown.TypeArgumentList.Arguments.Select(SyntaxNames.SimpleNameOf));
                    }

                    break;
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Times" }, Name.Identifier.ValueText: "Once" or "Exactly" }:
                    single = true;
                    break;
                case CatchClauseSyntax clause:
                    expects = true;
                    if (clause.Declaration is { } declaration)
                    {
                        expected.Add(SyntaxNames.SimpleNameOf(declaration.Type));
                    }

                    break;
                case ObjectCreationExpressionSyntax creation:
                {
                    var created = SyntaxNames.SimpleNameOf(creation.Type);
                    concurrent |= created is "Thread" or "Barrier" or "CountdownEvent";
                    connections += IsConnectionType(created) ? 1 : 0;
                    break;
                }
            }
        }

        foreach (var attribute in TestMethodScanner.AttributesOf(method.AttributeLists).Where(a => TestMethodScanner.AttributeName(a) == "ExpectedException"))
        {
            expects = true;
            expected.AddRange(attribute.ArgumentList?.Arguments.Select(a => a.Expression).OfType<TypeOfExpressionSyntax>().Select(t => SyntaxNames.SimpleNameOf(t.Type)) ?? []);
        }

        return new BodyFacts(
            expects,
            expected.Distinct(StringComparer.Ordinal).ToArray(),
            concurrent,
            connections,
            repeated.Order(StringComparer.Ordinal).ToArray(),
            single,
            (expects || injects) && StateAssertedAfterFailure(method),
            assertion,
            concurrent && ConcurrentWorkOnlyReads(method));
    }

    /// <summary>
    /// An asynchronous call kept in a local instead of awaited (<c>var waiting = second.GetForUpdateAsync(id);</c>): the
    /// test goes on while it runs, and awaits it later, so two operations overlap.
    /// </summary>
    private static bool StartedNotAwaited(InvocationExpressionSyntax invocation, string name) =>
        (IsTaskRun(invocation, name)
            || (name.EndsWith("Async", StringComparison.Ordinal)

                // NUnit's Assert.ThrowsAsync returns the exception, not a task: var error = Assert.ThrowsAsync<...>(...).
                && !NotAnOperation.Contains(name) && !AssertionSyntax.IsThrowsAssertion(invocation) && !AssertionSyntax.IsAssertion(invocation)))
        && invocation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax } } };

    /// <summary><c>Task.Run(...)</c>: kept in a local (<c>var second = Task.Run(() => BeginAsync())</c>), it runs while the test goes on.</summary>
    private static bool IsTaskRun(InvocationExpressionSyntax invocation, string name) =>
        name == "Run" && invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Task" } };

    /// <summary>A session's own begin (<c>BeginSqliteAsync</c>, <c>BeginUnitOfWorkAsync</c>): each opens a connection or a transaction of its own.</summary>
    private static bool BeginsASession(string name) =>
        name.Length > "BeginAsync".Length && name.StartsWith("Begin", StringComparison.Ordinal) && name.EndsWith("Async", StringComparison.Ordinal);

    private static readonly HashSet<string> Awaiters = new(StringComparer.Ordinal) { "WhenAll", "WhenAny", "WaitAll", "WaitAny" };

    private static readonly HashSet<string> Starters = new(StringComparer.Ordinal) { "For", "ForEach", "ForEachAsync", "Invoke", "Run", "StartNew" };

    /// <summary>
    /// The operations the method runs concurrently, when they can be found, are all reads (or begin a session). Found: the calls in the tasks
    /// given to <c>WhenAll</c>/<c>WaitAll</c> (also through a local: its initializer, assignments and <c>.Add(...)</c>
    /// calls), in the lambdas given to <c>Parallel.*</c>, <c>Task.Run</c> or <c>StartNew</c>, and in a new thread's
    /// start. When nothing is found, the concurrency is taken at its word (false).
    /// </summary>
    private static bool ConcurrentWorkOnlyReads(MethodDeclarationSyntax method)
    {
        var nodes = method.Descendants();
        var regions = new List<SyntaxNode>();
        var locals = new HashSet<string>(StringComparer.Ordinal);
        var declared = nodes.OfType<VariableDeclaratorSyntax>().Select(v => v.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation when SyntaxNames.InvokedName(invocation) is { } name && (Awaiters.Contains(name) || Starters.Contains(name)):
                    foreach (var argument in invocation.ArgumentList.Arguments)
                    {
                        switch (argument.Expression)
                        {
                            case IdentifierNameSyntax local when declared.Contains(local.Identifier.ValueText):
                                locals.Add(local.Identifier.ValueText);
                                break;

                            // A method group, a field or a parameter: what runs is not in sight, so the concurrency counts.
                            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                                return false;
                            default:
                                regions.Add(argument.Expression);
                                break;
                        }
                    }

                    break;
                case ObjectCreationExpressionSyntax { Type: IdentifierNameSyntax { Identifier.ValueText: "Thread" }, ArgumentList: { } arguments }:
                    if (arguments.Arguments.Any(a => a.Expression is not AnonymousFunctionExpressionSyntax))
                    {
                        return false;
                    }

                    regions.AddRange(arguments.Arguments.Select(a => a.Expression));
                    break;
            }
        }

        if (locals.Count > 0)
        {
            foreach (var node in nodes)
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax { Initializer.Value: { } value } declarator when locals.Contains(declarator.Identifier.ValueText):
                        regions.Add(value);
                        break;
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } assignment when locals.Contains(target.Identifier.ValueText):
                        regions.Add(assignment.Right);
                        break;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name.Identifier.ValueText: "Add" } } add
                        when locals.Contains(owner.Identifier.ValueText):
                        regions.AddRange(add.ArgumentList.Arguments.Select(a => a.Expression));
                        break;
                }
            }
        }

        var operations = regions
            .SelectMany(r => r.DescendantsAndSelf().OfType<InvocationExpressionSyntax>())
            .Select(SyntaxNames.InvokedName)
            .OfType<string>()
            .Where(n => !NotAnOperation.Contains(n) && !Awaiters.Contains(n) && !Starters.Contains(n))
            .ToArray();
        // Beginning a session or transaction changes no row: a second unit of work started while the first holds the
        // lock is contention for the lock, not a concurrent update.
        return operations.Length > 0 && operations.All(o => IsPlainRead(o) || ConnectionCalls.Contains(o) || BeginsASession(o));
    }

    private static readonly HashSet<string> ReadVerbs = new(StringComparer.Ordinal)
    {
        "find", "get", "load", "read", "query", "count", "exists", "fetch", "list", "search", "lookup", "single", "first", "any",
        "to", "stored", "scalar", "reload", "all",
    };

    private static readonly HashSet<string> WriteWords = new(StringComparer.Ordinal)
    {
        "or", "and", "create", "add", "insert", "update", "upsert", "save", "set", "next", "increment", "decrement", "reserve", "allocate",
        "claim", "take", "lock", "acquire", "mark", "delete", "remove", "write", "put", "change", "apply", "commit", "execute",
    };

    /// <summary>
    /// A read by its words: the first is a read verb (<c>FindAsync</c>, <c>GetByIdAsync</c>) and no later one says it also
    /// writes (<c>GetOrCreateAsync</c>, <c>GetNextNumberAsync</c>); <c>SelectSeatAsync</c> or <c>AllocateSeatAsync</c>
    /// start with no read verb at all.
    /// </summary>
    private static bool IsPlainRead(string name)
    {
        var words = TypeNames.WordsOf(name).Where(w => w != "async").ToArray();
        return words.Length > 0 && ReadVerbs.Contains(words[0]) && !words.Skip(1).Any(WriteWords.Contains);
    }

    private static GenericNameSyntax? GenericOf(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } => generic,
        GenericNameSyntax generic => generic,
        _ => null,
    };

    private static bool IsConnectionType(string name) =>
        (name.EndsWith("Connection", StringComparison.Ordinal) && name != "HubConnection")
        || name.EndsWith("DbContext", StringComparison.Ordinal);

    private static bool InLoopOrConcurrentLambda(InvocationExpressionSyntax invocation)
    {
        foreach (var ancestor in invocation.Ancestors())
        {
            switch (ancestor)
            {
                case ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                    return true;
                case LambdaExpressionSyntax lambda when lambda.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax outer }
                    && SyntaxNames.InvokedName(outer) is "WhenAll" or "Select" or "ForEach" or "ForEachAsync" or "For" or "Invoke" or "Run" or "StartNew" or "Repeat":
                    return true;
                case MethodDeclarationSyntax or LocalFunctionStatementSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// A single effect asserted: <c>Assert.Single</c>, <c>ContainSingle</c>, an equality or count with the literal 1,
    /// <c>Assert.False</c> (the repeat reported "already done"), <c>Received(1)</c>, <c>MustHaveHappenedOnceExactly</c>.
    /// </summary>
    private static bool AssertsSingle(InvocationExpressionSyntax invocation) =>
        AssertionSyntax.IsExactlyOneAssertion(invocation)
        || SyntaxNames.InvokedName(invocation) switch
        {
            "False" or "IsFalse" => AssertionSyntax.IsAssertion(invocation),
            "BeFalse" or "ShouldBeFalse" => true,
            _ => false,
        };

    /// <summary>
    /// A string that creates a trigger making a statement fail: a database fault the test injects. An interpolated string
    /// is read whole, its holes as placeholders (the trigger names the row it breaks: <c>WHEN OLD.id = '{broken.Id}'</c>).
    /// </summary>
    private static bool InjectsFault(SyntaxNode node) => node switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => DatabaseSql.InjectsFault(literal.Token.ValueText),
        InterpolatedStringExpressionSyntax interpolated => DatabaseSql.InjectsFault(string.Concat(
            interpolated.Contents.Select(part => part is InterpolatedStringTextSyntax text ? text.TextToken.ValueText : "?"))),
        _ => false,
    };

    /// <summary>
    /// After the statement that expects the failure (or, for an injected fault, after the call that follows the statement
    /// arming it), a later statement reads state back and one asserts.
    /// </summary>
    private static bool StateAssertedAfterFailure(MethodDeclarationSyntax method)
    {
        if (method.Body is not { } block)
        {
            return false;
        }

        var statements = block.Statements;
        var failure = -1;
        for (var i = 0; i < statements.Count && failure < 0; i++)
        {
            var statement = statements[i];
            // A try/catch may sit inside the using block that owns the unit of work; the state is read after that block.
            if (statement.DescendantsAndSelf().Any(n => n is TryStatementSyntax { Catches.Count: > 0 } || (n is InvocationExpressionSyntax invocation && AssertionSyntax.IsThrowsAssertion(invocation))))
            {
                failure = i;
            }
            else if (statement.DescendantsAndSelf().Any(InjectsFault))
            {
                // The fault is armed here and happens in the next call, the act: the state is read after that.
                failure = i + 1;
                while (failure < statements.Count && !statements[failure].DescendantsAndSelf().Any(n => n is InvocationExpressionSyntax))
                {
                    failure++;
                }
            }
        }

        if (failure < 0 || failure >= statements.Count)
        {
            return false;
        }

        var after = statements.Skip(failure + 1).SelectMany(s => s.DescendantsAndSelf()).ToArray();
        var asserts = after.OfType<InvocationExpressionSyntax>().Any(AssertionSyntax.IsAssertion);
        var reads = after.Any(n => n is AwaitExpressionSyntax
            || (n is InvocationExpressionSyntax call && SyntaxNames.InvokedName(call) is { } name && ReadPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            || (n is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) && DatabaseSql.IsSql(literal.Token.ValueText)));
        return asserts && reads;
    }
}
