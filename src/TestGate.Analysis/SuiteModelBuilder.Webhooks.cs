using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Analysis;

public static partial class SuiteModelBuilder
{
    private static partial Func<SuiteModel, SuiteModel> EnrichWebhooks(SuiteSyntax syntax, SuiteModel shared)
    {
        var testActions = TestActionScanner.Scan(syntax);
        var testHelperTypes = TestHelperTypeScanner.Scan(syntax);
        return model => model with
        {
            TestActions = testActions,
            TestHelperTypes = testHelperTypes,
        };
    }
}

/// <summary>
/// Reads what each test does in the detail the webhook and failure-mode rules need: how often it calls what (loops,
/// fan-out, repeated helpers), what it asserts, what it makes throw or hang. Syntax only.
/// </summary>
internal static class TestActionScanner
{
    private static readonly HashSet<string> InjectThrowNames = new(StringComparer.Ordinal)
    {
        "Throws", "ThrowsAsync", "ThrowsForAnyArgs", "ThrowsAsyncForAnyArgs",
    };

    private static readonly HashSet<string> SetupBehaviourNames = new(StringComparer.Ordinal)
    {
        "Returns", "ReturnsAsync", "ReturnsLazily", "ReturnsForAnyArgs", "Callback", "Do", "Invokes", "AndDoes", "ReturnsNextFromSequence",
    };

    private static readonly HashSet<string> FanOutLambdaOwners = new(StringComparer.Ordinal)
    {
        "Select", "SelectMany", "ForEach", "ForEachAsync", "For", "Repeat", "Times",
    };

    private static readonly HashSet<string> HttpSendNames = new(StringComparer.Ordinal)
    {
        "PostAsync", "PostAsJsonAsync", "PutAsync", "PutAsJsonAsync", "PatchAsync", "PatchAsJsonAsync", "SendAsync",
    };

    private static readonly HashSet<string> AttemptWords = new(StringComparer.Ordinal)
    {
        "attempt", "attempts", "retry", "retries", "retried", "tries", "calls", "call", "requests", "invocations", "invocation",
        "executions", "count", "calls", "charges", "deliveries",
    };

    public static IReadOnlyList<TestActionFacts> Scan(SuiteSyntax syntax)
    {
        var context = new ScanContext(syntax.Scopes, syntax.Tests);
        var result = new TestActionFacts[syntax.TestMethods.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var (test, method) = syntax.TestMethods[i];
            result[i] = Scan(test, method, context);
        }

        return result;
    }

    /// <summary>Memoised per scan: each class's environment and each helper's nodes are read once, not once per test.</summary>
    private sealed class ScanContext(TestScopes scopes, IReadOnlyList<(SourceFile File, SyntaxTree Tree)> tests)
    {
        public TestScopes Scopes { get; } = scopes;

        private Dictionary<string, string[]>? _webhookLiterals;

        /// <summary>
        /// The webhook literals (routes such as <c>/webhooks/lab-results</c>) of each test-project type, by name: a request
        /// builder (<c>LabWebhookRequests.Signed(...)</c>) holds the route a test posts to. Read once, on first use.
        /// </summary>
        public IReadOnlyList<string> WebhookLiteralsOf(string typeName)
        {
            _webhookLiterals ??= tests
                .SelectMany(t => t.Tree.GetRoot().Descendants(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<TypeDeclarationSyntax>())
                .Select(t => (t.Identifier.ValueText, Literals: SyntaxNames.StringLiteralsIn(t).Where(l => l.Contains("webhook", StringComparison.OrdinalIgnoreCase)).ToArray()))
                .Where(t => t.Literals.Length > 0)
                .GroupBy(t => t.ValueText, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.SelectMany(t => t.Literals).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
            return _webhookLiterals.TryGetValue(typeName, out var literals) ? literals : [];
        }

        public Dictionary<TypeDeclarationSyntax, ClassScope> Classes { get; } = [];

        public Dictionary<MethodDeclarationSyntax, Dictionary<string, int>> Counts { get; } = [];

        /// <summary>A method's nodes: a slice of its tree's index, so asking again costs nothing.</summary>
        public static ArraySegment<SyntaxNode> NodesOf(MethodDeclarationSyntax method) => method.Descendants();

        private readonly Dictionary<string, string[]> _classWords = new(StringComparer.Ordinal);

        /// <summary>The words of a test class's name, shared by all its tests.</summary>
        public string[] ClassWordsOf(string className)
        {
            if (!_classWords.TryGetValue(className, out var words))
            {
                _classWords[className] = words = TypeNames.WordsOf(TypeNames.SimpleNameOf(className)).ToArray();
            }

            return words;
        }

        private readonly Dictionary<string, CountWords> _words = new(StringComparer.Ordinal);

        /// <summary>What an identifier's words say about counting, split once per name rather than once per use.</summary>
        public CountWords WordsOf(string identifier)
        {
            if (!_words.TryGetValue(identifier, out var known))
            {
                var words = TypeNames.WordsOf(identifier).ToArray();
                var retry = words.Any(w => w is "retry" or "retries" or "attempts" or "attempt");
                known = new CountWords(
                    words.Any(AttemptWords.Contains),
                    retry && words.Any(w => w is "max" or "maximum" or "limit" or "count" or "attempts" or "retries"));
                _words[identifier] = known;
            }

            return known;
        }
    }

    /// <param name="CountsAttempts">A word of <see cref="AttemptWords"/>: <c>attempts</c>, <c>callCount</c>.</param>
    /// <param name="NamesRetryLimit">A retry or attempt word with a limit word: <c>MaxRetryAttempts</c>, <c>RetryCount</c>.</param>
    private readonly record struct CountWords(bool CountsAttempts, bool NamesRetryLimit);

    /// <summary>
    /// A test class's environment: its constructor, fields, properties and set-up methods (with the helpers they call),
    /// read once for all its tests.
    /// </summary>
    private sealed record ClassScope(
        ILookup<string, MethodDeclarationSyntax> Helpers,
        IReadOnlyList<SyntaxNode> Members,
        Dictionary<string, string> Mocks,
        bool InjectsThrow,
        IReadOnlyList<string> ThrowingMockTypes,
        Timing Timing,
        bool BoundsTime,
        IReadOnlyList<string> BaseTypes,
        IReadOnlyList<string> StringLiterals);

    private static ClassScope ClassScopeOf(TypeDeclarationSyntax? type, ScanContext context)
    {
        if (type is null)
        {
            return new ClassScope(
                Array.Empty<MethodDeclarationSyntax>().ToLookup(m => m.Identifier.ValueText, StringComparer.Ordinal),
                [], new Dictionary<string, string>(StringComparer.Ordinal), false, [], new Timing(false, false, false), false, [], []);
        }

        if (context.Classes.TryGetValue(type, out var known))
        {
            return known;
        }

        var helpers = context.Scopes.ClassOf(type).Helpers;
        var members = new List<SyntaxNode>(type.Members.Where(m => m is ConstructorDeclarationSyntax or FieldDeclarationSyntax or PropertyDeclarationSyntax));
        foreach (var setUp in helpers.SelectMany(h => h).Where(TestScopes.IsSetUp))
        {
            members.Add(setUp);
            members.AddRange(CalledHelpers(setUp, helpers, context));
        }

        var distinctMembers = members.Distinct().ToArray();
        var nodes = distinctMembers.SelectMany(m => m.DescendantsAndSelf()).ToArray();
        var mocks = new Dictionary<string, string>(StringComparer.Ordinal);
        CollectMocks(nodes, mocks);
        var (injects, throwing) = ThrowInjections(nodes.OfType<InvocationExpressionSyntax>(), mocks);
        var scope = new ClassScope(
            helpers,
            distinctMembers,
            mocks,
            injects,
            throwing,
            TimingOf(nodes),
            BoundsTime(nodes),
            SyntaxNames.Sorted(type.BaseList?.Types.SelectMany(b => SyntaxNames.NamesIn(b.Type)) ?? []),
            distinctMembers.SelectMany(SyntaxNames.StringLiteralsIn).ToArray());
        context.Classes[type] = scope;
        return scope;
    }

    private static TestActionFacts Scan(TestMethod test, MethodDeclarationSyntax method, ScanContext context)
    {
        var type = method.Parent as TypeDeclarationSyntax;
        var environment = ClassScopeOf(type, context);

        // What the test runs: its body and the same-class helpers it calls (transitively); the class's constructor,
        // fields, properties and set-up methods are its environment.
        var called = CalledHelpers(method, environment.Helpers, context);
        var helperBodies = called.Where(h => !environment.Members.Contains(h)).ToArray();
        IReadOnlyList<SyntaxNode> bodyNodes = helperBodies.Length == 0
            ? ScanContext.NodesOf(method)
            : ScanContext.NodesOf(method).Concat(helperBodies.SelectMany(h => ScanContext.NodesOf(h))).ToArray();
        var bodyInvocations = bodyNodes.OfType<InvocationExpressionSyntax>().ToArray();

        var repeated = CountsOf(method, environment.Helpers, context, [])
            .Where(c => c.Value >= 2)
            .Select(c => c.Key)
            .Order(StringComparer.Ordinal)
            .ToArray();

        var assertsThrows = TestMethodScanner.HasAttribute(method.AttributeLists, a => TestMethodScanner.AttributeName(a) == "ExpectedException");
        var timesOnce = false;
        var catches = false;
        foreach (var node in bodyNodes)
        {
            switch (node)
            {
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Throws" }, Name.Identifier.ValueText: not "Nothing" }:
                    assertsThrows = true;
                    break;
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Times" }, Name.Identifier.ValueText: "Once" }:
                    timesOnce = true;
                    break;
                case CatchClauseSyntax:
                    catches = true;
                    break;
            }
        }

        assertsThrows |= bodyInvocations.Any(AssertionSyntax.IsThrowsAssertion);
        var mocks = environment.Mocks;
        var bodyMocks = new Dictionary<string, string>(StringComparer.Ordinal);
        CollectMocks(bodyNodes, bodyMocks);
        if (bodyMocks.Count > 0)
        {
            mocks = new Dictionary<string, string>(environment.Mocks, StringComparer.Ordinal);
            foreach (var (name, mocked) in bodyMocks)
            {
                mocks[name] = mocked;
            }
        }

        var (bodyInjects, bodyThrowing) = ThrowInjections(bodyInvocations, mocks);
        var sendsHttp = bodyInvocations.Any(i => SyntaxNames.InvokedName(i) is { } n && HttpSendNames.Contains(n));

        return new TestActionFacts(
            test,
            TypeNames.WordsOf(test.MethodName).ToArray(),
            context.ClassWordsOf(test.ClassName),
            environment.BaseTypes,
            repeated,
            ResentCalls(method, ScanContext.NodesOf(method)),
            bodyInvocations.Any(IsFanOut),
            timesOnce || bodyInvocations.Any(AssertionSyntax.IsExactlyOneAssertion),
            assertsThrows,
            catches,
            bodyInvocations.Any(i => AssertionSyntax.IsAssertion(i) && !AssertionSyntax.IsThrowsAssertion(i)),
            bodyInvocations.Any(i => IsAttemptCountAssertion(i, context)),
            bodyInvocations.Any(i => IsRetryLimitAssertion(i, context)),
            DeliveryOrderOf(ScanContext.NodesOf(method), repeated),
            environment.InjectsThrow || bodyInjects,
            SyntaxNames.Sorted(environment.ThrowingMockTypes.Concat(bodyThrowing)),
            environment.Timing.Or(TimingOf(bodyNodes)).Slow,
            environment.BoundsTime || BoundsTime(bodyNodes),
            sendsHttp
                ? SyntaxNames.Sorted(called.Prepend(method).SelectMany(SyntaxNames.StringLiteralsIn).Concat(environment.StringLiterals)
                    .Where(s => s.Contains("webhook", StringComparison.OrdinalIgnoreCase))
                    .Concat(bodyNodes.OfType<IdentifierNameSyntax>().Select(n => n.Identifier.ValueText).Distinct(StringComparer.Ordinal).SelectMany(context.WebhookLiteralsOf)))
                : []);
    }

    /// <summary>
    /// Whether the nodes delay or hang (<c>Task.Delay</c>, <c>Thread.Sleep</c>, <c>Timeout.InfiniteTimeSpan</c>), advance a
    /// clock (<c>Advance</c>, <c>SetUtcNow</c>), and name a <c>*TimeProvider</c>: an advanced fake clock delays too.
    /// </summary>
    private static Timing TimingOf(IReadOnlyList<SyntaxNode> nodes)
    {
        var timing = new Timing(false, false, false);
        foreach (var node in nodes)
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation:
                    switch (SyntaxNames.InvokedName(invocation))
                    {
                        case "Delay" or "Sleep":
                            timing = timing with { Delays = true };
                            break;
                        case "Advance" or "SetUtcNow":
                            timing = timing with { Advances = true };
                            break;
                    }

                    break;
                case IdentifierNameSyntax { Identifier.ValueText: "InfiniteTimeSpan" }:
                    timing = timing with { Delays = true };
                    break;
                case SimpleNameSyntax name when name.Identifier.ValueText.EndsWith("TimeProvider", StringComparison.Ordinal):
                    timing = timing with { FakeClock = true };
                    break;
            }
        }

        return timing.Delays || !NeverCompletes(nodes) ? timing : timing with { Delays = true };
    }

    private static readonly HashSet<string> CompletionCalls = new(StringComparer.Ordinal)
    {
        "SetResult", "TrySetResult", "SetException", "TrySetException", "SetCanceled", "TrySetCanceled", "SetFromTask", "TrySetFromTask",
    };

    /// <summary>
    /// A task that never completes is handed out: <c>new TaskCompletionSource().Task</c>, or the <c>Task</c> of a
    /// completion source the nodes never complete (a double returning it hangs its caller, as <c>Task.Delay(Infinite)</c>
    /// would). A completion source that is completed somewhere is a signal, not a hang.
    /// </summary>
    internal static bool NeverCompletes(IEnumerable<SyntaxNode> nodes)
    {
        HashSet<string>? sources = null;
        HashSet<string>? handedOut = null;
        HashSet<string>? completed = null;
        foreach (var node in nodes)
        {
            switch (node)
            {
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Task", Expression: ObjectCreationExpressionSyntax creation }
                    when SyntaxNames.SimpleNameOf(creation.Type) == "TaskCompletionSource":
                    return true;
                case VariableDeclaratorSyntax { Initializer.Value: ObjectCreationExpressionSyntax creation } variable
                    when SyntaxNames.SimpleNameOf(creation.Type) == "TaskCompletionSource":
                    (sources ??= new(StringComparer.Ordinal)).Add(variable.Identifier.ValueText);
                    break;
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name.Identifier.ValueText: var member }:
                    if (member == "Task")
                    {
                        (handedOut ??= new(StringComparer.Ordinal)).Add(owner.Identifier.ValueText);
                    }
                    else if (CompletionCalls.Contains(member))
                    {
                        (completed ??= new(StringComparer.Ordinal)).Add(owner.Identifier.ValueText);
                    }

                    break;
            }
        }

        return sources is not null && handedOut is not null && sources.Any(s => handedOut.Contains(s) && completed?.Contains(s) != true);
    }

    private sealed record Timing(bool Delays, bool Advances, bool FakeClock)
    {
        public Timing Or(Timing other) => new(Delays || other.Delays, Advances || other.Advances, FakeClock || other.FakeClock);

        public bool Slow => Delays || (Advances && FakeClock);
    }

    /// <summary>The same-class helpers a method calls, transitively, without the method itself.</summary>
    private static List<MethodDeclarationSyntax> CalledHelpers(MethodDeclarationSyntax method, ILookup<string, MethodDeclarationSyntax> helpers, ScanContext context)
    {
        var found = new List<MethodDeclarationSyntax>();
        var seen = new HashSet<SyntaxNode> { method };
        var pending = new Queue<MethodDeclarationSyntax>();
        pending.Enqueue(method);
        while (pending.Count > 0)
        {
            foreach (var invocation in ScanContext.NodesOf(pending.Dequeue()).OfType<InvocationExpressionSyntax>())
            {
                if (IsOwnCall(invocation) && SyntaxNames.InvokedName(invocation) is { } name)
                {
                    foreach (var helper in helpers[name].Where(seen.Add))
                    {
                        found.Add(helper);
                        pending.Enqueue(helper);
                    }
                }
            }
        }

        return found;
    }

    /// <summary>
    /// How often each member is called when <paramref name="root"/> runs, capped at 2: a call in a loop or a fan-out
    /// lambda counts twice, a call of a same-class helper adds the helper's own calls times the call's count.
    /// </summary>
    private static Dictionary<string, int> CountsOf(
        MethodDeclarationSyntax root,
        ILookup<string, MethodDeclarationSyntax> helpers,
        ScanContext context,
        HashSet<MethodDeclarationSyntax> active)
    {
        var memo = context.Counts;
        if (memo.TryGetValue(root, out var known))
        {
            return known;
        }

        active.Add(root);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var invocation in ScanContext.NodesOf(root).OfType<InvocationExpressionSyntax>())
        {
            if (SyntaxNames.InvokedName(invocation) is not { } name || AssertionSyntax.IsAssertion(invocation))
            {
                continue;
            }

            var weight = RunsRepeatedly(invocation, root) ? 2 : 1;
            Add(counts, name, weight);
            if (!IsOwnCall(invocation))
            {
                continue;
            }

            foreach (var helper in helpers[name])
            {
                if (active.Contains(helper) || active.Count >= AnalysisLimits.HelperCallDepth)
                {
                    continue;
                }

                // A helper named like the call it wraps (ProcessAsync(host, evt) => host.Run(p => p.ProcessAsync(evt))) is
                // that call, already counted once; only the helper's own repetitions of it add more.
                foreach (var (member, count) in CountsOf(helper, helpers, context, active))
                {
                    Add(counts, member, weight * (member == name ? count - 1 : count));
                }
            }
        }

        active.Remove(root);
        memo[root] = counts;
        return counts;

        static void Add(Dictionary<string, int> counts, string name, int count) =>
            counts[name] = Math.Min(2, counts.GetValueOrDefault(name) + count);
    }

    /// <summary>A call inside a loop's body or condition, or inside a lambda handed to Select/ForEach/Parallel.For.</summary>
    internal static bool RunsRepeatedly(SyntaxNode node, SyntaxNode root)
    {
        var steps = 0;
        for (var current = node; current is not null && current != root && steps++ < AnalysisLimits.ExpressionDepth; current = current.Parent)
        {
            switch (current.Parent)
            {
                case ForEachStatementSyntax forEach when current == forEach.Statement:
                case ForStatementSyntax @for when current != @for.Declaration && !@for.Initializers.Contains(current):
                case WhileStatementSyntax:
                case DoStatementSyntax:
                    return true;
            }

            if (current is LambdaExpressionSyntax or AnonymousMethodExpressionSyntax
                && current.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax owner } }
                && SyntaxNames.InvokedName(owner) is { } ownerName
                && FanOutLambdaOwners.Contains(ownerName))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOwnCall(InvocationExpressionSyntax invocation) =>
        invocation.Expression is IdentifierNameSyntax or GenericNameSyntax
        || invocation.Expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax };

    private static string? ReceiverName(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } ? receiver.Identifier.ValueText : null;

    private static bool IsFanOut(InvocationExpressionSyntax invocation) =>
        SyntaxNames.InvokedName(invocation) switch
        {
            "WhenAll" or "WaitAll" => true,
            "ForEachAsync" or "ForEach" or "For" or "Invoke" => ReceiverName(invocation) == "Parallel",
            _ => false,
        };

    private static bool IsOne(ExpressionSyntax expression) =>
        expression is LiteralExpressionSyntax literal
        && literal.IsKind(SyntaxKind.NumericLiteralExpression)
        && NumberOf(literal) == 1m;

    /// <summary>An assertion that counts calls or attempts.</summary>
    private static bool IsAttemptCountAssertion(InvocationExpressionSyntax invocation, ScanContext context)
    {
        var name = SyntaxNames.InvokedName(invocation);
        var arguments = invocation.ArgumentList.Arguments;
        switch (name)
        {
            case "Exactly" or "AtLeast" when ReceiverName(invocation) == "Times":
            case "Received" or "ReceivedWithAnyArgs" or "MustHaveHappened":
                return arguments.Count > 0 && !IsOne(arguments[0].Expression) && arguments[0].Expression is not LiteralExpressionSyntax { Token.ValueText: "0" };
            case "MustHaveHappenedTwiceExactly" or "MustHaveHappenedANumberOfTimesMatching" or "MustHaveHappenedTwiceOrMore":
                return true;
            case "Equal" or "AreEqual" or "That" or "Be" or "ShouldBe" or "HaveCount" or "EqualTo":
                // Assert.Equal(3, handler.Calls) names the count in an argument; FluentAssertions and Shouldly name it in
                // the receiver: api.Requests.Should().HaveCount(3), attempts.ShouldBe(3).
                IEnumerable<SyntaxNode> counted = name is "Be" or "ShouldBe" or "HaveCount" && invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver }
                    ? [.. arguments, receiver]
                    : arguments;
                return (AssertionSyntax.IsAssertion(invocation) || name is "EqualTo")
                    && counted.Any(a => a.DescendantsAndSelf().OfType<SimpleNameSyntax>().Any(n => context.WordsOf(n.Identifier.ValueText).CountsAttempts));
            default:
                return false;
        }
    }

    /// <summary>An assertion whose arguments name a retry limit: <c>MaxRetryAttempts + 1</c>, <c>RetryCount</c>.</summary>
    private static bool IsRetryLimitAssertion(InvocationExpressionSyntax invocation, ScanContext context) =>
        (AssertionSyntax.IsAssertion(invocation) || SyntaxNames.InvokedName(invocation) is "Exactly" or "EqualTo")
        && invocation.ArgumentList.Arguments.Any(a => a.DescendantsAndSelf().OfType<SimpleNameSyntax>().Any(n => context.WordsOf(n.Identifier.ValueText).NamesRetryLimit));

    /// <summary>
    /// Members called at least twice with the same local, field or parameter as an argument: the same payload re-sent.
    /// A call in a loop counts twice.
    /// </summary>
    private static string[] ResentCalls(MethodDeclarationSyntax method, IReadOnlyList<SyntaxNode> nodes)
    {
        var seen = new HashSet<(string, string)>();
        var resent = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var invocation in nodes.OfType<InvocationExpressionSyntax>())
        {
            if (SyntaxNames.InvokedName(invocation) is not { } name || AssertionSyntax.IsAssertion(invocation))
            {
                continue;
            }

            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                if (argument.Expression is not IdentifierNameSyntax identifier || IsTokenLike(identifier.Identifier.ValueText))
                {
                    continue;
                }

                if (!seen.Add((name, identifier.Identifier.ValueText)) || RunsRepeatedly(invocation, method))
                {
                    resent.Add(name);
                }
            }
        }

        return resent.ToArray();
    }

    private static bool IsTokenLike(string name) =>
        name.Contains("token", StringComparison.OrdinalIgnoreCase) || name is "ct" or "cts" || name.Contains("cancel", StringComparison.OrdinalIgnoreCase);

    /// <summary>Locals, fields and properties in scope that hold a mock, with the mocked type.</summary>
    private static void CollectMocks(IReadOnlyList<SyntaxNode> scopeNodes, Dictionary<string, string> mocks)
    {
        foreach (var node in scopeNodes)
        {
            switch (node)
            {
                case VariableDeclaratorSyntax { Initializer.Value: { } value } declarator when MockedTypeOf(value) is { } mocked:
                    mocks[declarator.Identifier.ValueText] = mocked;
                    break;
                case VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type: GenericNameSyntax { Identifier.ValueText: "Mock" } mockType } } declarator
                    when mockType.TypeArgumentList.Arguments.Count == 1:
                    mocks[declarator.Identifier.ValueText] = SyntaxNames.SimpleNameOf(mockType.TypeArgumentList.Arguments[0]);
                    break;
                case PropertyDeclarationSyntax { Initializer.Value: { } value } property when MockedTypeOf(value) is { } mocked:
                    mocks[property.Identifier.ValueText] = mocked;
                    break;
                case PropertyDeclarationSyntax { Type: GenericNameSyntax { Identifier.ValueText: "Mock" } mockType } property
                    when mockType.TypeArgumentList.Arguments.Count == 1:
                    mocks[property.Identifier.ValueText] = SyntaxNames.SimpleNameOf(mockType.TypeArgumentList.Arguments[0]);
                    break;
                case AssignmentExpressionSyntax { Left: var left, Right: var right } when MockedTypeOf(right) is { } mocked && RootName(left) is { } target:
                    mocks[target] = mocked;
                    break;
            }
        }
    }

    /// <summary>The mocked type of <c>new Mock&lt;T&gt;()</c>, <c>Mock.Of&lt;T&gt;()</c>, <c>Substitute.For&lt;T&gt;()</c>, <c>A.Fake&lt;T&gt;()</c>.</summary>
    private static string? MockedTypeOf(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case ObjectCreationExpressionSyntax { Type: GenericNameSyntax { Identifier.ValueText: "Mock" or "Fake" } generic } when generic.TypeArgumentList.Arguments.Count > 0:
                return SyntaxNames.SimpleNameOf(generic.TypeArgumentList.Arguments[0]);
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name: GenericNameSyntax generic } }
                when owner.Identifier.ValueText is "Mock" or "Substitute" or "A" && generic.Identifier.ValueText is "Of" or "For" or "ForPartsOf" or "Fake"
                    && generic.TypeArgumentList.Arguments.Count > 0:
                return SyntaxNames.SimpleNameOf(generic.TypeArgumentList.Arguments[0]);
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether a test double is set up to throw, and on which mocked types: <c>mock.Setup(...).ThrowsAsync(...)</c>,
    /// <c>sub.Call(...).Throws(...)</c>, <c>A.CallTo(() => fake.Call()).Throws(...)</c>, a throwing lambda or
    /// <c>Task.FromException</c> handed to <c>Returns</c>/<c>Callback</c>/<c>Do</c>.
    /// </summary>
    private static (bool Injects, string[] Types) ThrowInjections(IEnumerable<InvocationExpressionSyntax> invocations, Dictionary<string, string> mocks)
    {
        var injects = false;
        var types = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var invocation in invocations)
        {
            var name = SyntaxNames.InvokedName(invocation);
            if (name is null || invocation.Expression is not MemberAccessExpressionSyntax member)
            {
                if (name == "FromException")
                {
                    injects = true;
                }

                continue;
            }

            var throwing = (InjectThrowNames.Contains(name) && !(ReceiverName(invocation) is { } r && AssertionSyntax.IsAssertingType(r)))
                || (SetupBehaviourNames.Contains(name) && invocation.ArgumentList.Arguments.Any(a =>
                    a.Descendants().Any(n => n is ThrowExpressionSyntax or ThrowStatementSyntax
                        || (n is InvocationExpressionSyntax inner && SyntaxNames.InvokedName(inner) == "FromException"))));
            if (!throwing)
            {
                if (name == "FromException")
                {
                    injects = true;
                }

                continue;
            }

            injects = true;
            var root = SetupRoot(member.Expression);
            types.Add(root is not null && mocks.TryGetValue(root, out var mocked) ? mocked : "*");
        }

        return (injects, types.ToArray());
    }

    /// <summary>The mock a set-up chain starts from: <c>_cache</c> in <c>_cache.Setup(c => ...).ThrowsAsync(...)</c> and in <c>A.CallTo(() => _cache.Get(...))</c>.</summary>
    private static string? SetupRoot(ExpressionSyntax expression)
    {
        var root = RootName(expression);
        if (root != "A")
        {
            return root;
        }

        var callTo = expression.DescendantsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => SyntaxNames.InvokedName(i) == "CallTo");
        return callTo?.ArgumentList.Arguments.FirstOrDefault()?.Expression is LambdaExpressionSyntax { ExpressionBody: { } body } ? RootName(body) : null;
    }

    /// <summary>The identifier a member-access chain starts with: <c>_db</c> in <c>_db.Orders.Add(x)</c>; <c>x</c> in <c>this.x.Y()</c>.</summary>
    internal static string? RootName(ExpressionSyntax expression)
    {
        for (var current = expression; current is not null;)
        {
            switch (current)
            {
                case IdentifierNameSyntax identifier:
                    return identifier.Identifier.ValueText;
                case GenericNameSyntax generic:
                    return generic.Identifier.ValueText;
                case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self:
                    return self.Name.Identifier.ValueText;
                case MemberAccessExpressionSyntax member:
                    current = member.Expression;
                    break;
                case InvocationExpressionSyntax invocation:
                    current = invocation.Expression;
                    break;
                case ElementAccessExpressionSyntax element:
                    current = element.Expression;
                    break;
                case ConditionalAccessExpressionSyntax conditional:
                    current = conditional.Expression;
                    break;
                case ParenthesizedExpressionSyntax parenthesized:
                    current = parenthesized.Expression;
                    break;
                case AwaitExpressionSyntax awaited:
                    current = awaited.Expression;
                    break;
                case PostfixUnaryExpressionSyntax postfix:
                    current = postfix.Operand;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    private static bool BoundsTime(IReadOnlyList<SyntaxNode> scopeNodes) =>
        scopeNodes.Any(n => n switch
        {
            InvocationExpressionSyntax invocation => SyntaxNames.InvokedName(invocation) switch
            {
                "CancelAfter" => true,
                "WaitAsync" => invocation.ArgumentList.Arguments.Any(a => !(a.Expression is IdentifierNameSyntax id && IsTokenLike(id.Identifier.ValueText))),
                _ => false,
            },
            BaseObjectCreationExpressionSyntax creation => DatabaseProductionScanner.CreatedName(creation) == "CancellationTokenSource" && creation.ArgumentList?.Arguments.Count > 0,
            AssignmentExpressionSyntax { Left: var left } => left is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Timeout" }
                || (left is IdentifierNameSyntax { Identifier.ValueText: "Timeout" } && n.Parent is InitializerExpressionSyntax),
            _ => false,
        });

    /// <summary>
    /// The order the test's own body delivers sequence-like values in (<c>sequence: 2</c>, <c>SequenceNumber = 1</c>,
    /// <c>Version = 3</c>). A value held in a local (<c>var older = Events.Paid(sequence: 1)</c>) counts where the local is
    /// passed on, so an older event built first and delivered second is reversed. In order needs every call of the
    /// repeated delivery to carry exactly one value, rising one step at a time: a delivery whose value is not written
    /// here may be the late one, and a gap (1, then 3) may be an event arriving ahead of its predecessor.
    /// </summary>
    private static DeliveryOrder DeliveryOrderOf(ArraySegment<SyntaxNode> nodes, IReadOnlyCollection<string> repeated)
    {
        var held = new Dictionary<string, List<decimal>>(StringComparer.Ordinal);
        var values = new List<decimal>();
        var timestamps = 0;
        var olderTimestamp = false;
        foreach (var node in nodes)
        {
            if (node is IdentifierNameSyntax used && IsPassedOn(used) && held.TryGetValue(used.Identifier.ValueText, out var heldValues))
            {
                values.AddRange(heldValues);
                continue;
            }

            var (name, value) = NamedValueOf(node);
            if (name is null || value is null)
            {
                continue;
            }

            if (IsSequenceName(name))
            {
                if (NumberOf(value) is not { } number)
                {
                    continue;
                }

                if (HolderOf(node) is { } local)
                {
                    (held.TryGetValue(local, out var list) ? list : held[local] = []).Add(number);
                }
                else
                {
                    values.Add(number);
                }
            }
            else if (IsTimestampName(name))
            {
                timestamps++;
                olderTimestamp |= value.DescendantsAndSelf().Any(n =>
                    (n is InvocationExpressionSyntax add && SyntaxNames.InvokedName(add) is { } addName
                        && (addName == "Subtract" || (addName.StartsWith("Add", StringComparison.Ordinal)
                            && add.ArgumentList.Arguments.FirstOrDefault()?.Expression is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression })))
                    || n is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.SubtractExpression });
            }
        }

        for (var i = 1; i < values.Count; i++)
        {
            if (values.Take(i).Any(earlier => values[i] < earlier))
            {
                return DeliveryOrder.Reversed;
            }
        }

        if (olderTimestamp && timestamps >= 2)
        {
            return DeliveryOrder.Reversed;
        }

        return DeliveriesRiseOneStep(nodes, repeated, held) ? DeliveryOrder.InOrder : DeliveryOrder.Unknown;
    }

    /// <summary>
    /// The outermost calls of repeated members, in document order, that deliver sequence-like values: all calls of such a
    /// member carry exactly one, at least two of them, never falling and rising by one.
    /// </summary>
    private static bool DeliveriesRiseOneStep(ArraySegment<SyntaxNode> nodes, IReadOnlyCollection<string> repeated, Dictionary<string, List<decimal>> held)
    {
        var calls = new List<(string Name, List<decimal> Carried)>();
        var end = -1;
        foreach (var node in nodes)
        {
            // The name first: a node's start is found by walking down to its first token, which is slow in long chains.
            if (node is not InvocationExpressionSyntax invocation || SyntaxNames.InvokedName(invocation) is not { } invoked
                || !repeated.Contains(invoked) || invocation.SpanStart < end)
            {
                continue;
            }

            end = invocation.Span.End;
            var carried = new List<decimal>();
            foreach (var inner in invocation.ArgumentList.Descendants())
            {
                if (inner is IdentifierNameSyntax used && IsPassedOn(used) && held.TryGetValue(used.Identifier.ValueText, out var heldValues))
                {
                    carried.AddRange(heldValues);
                }
                else if (NamedValueOf(inner) is ({ } name, { } value) && IsSequenceName(name) && NumberOf(value) is { } number)
                {
                    carried.Add(number);
                }
            }

            calls.Add((invoked, carried));
        }

        var deliveries = calls.Where(c => calls.Any(d => d.Name == c.Name && d.Carried.Count > 0)).ToArray();
        if (deliveries.Length < 2 || deliveries.Any(d => d.Carried.Count != 1))
        {
            return false;
        }

        var rises = false;
        for (var i = 1; i < deliveries.Length; i++)
        {
            var step = deliveries[i].Carried[0] - deliveries[i - 1].Carried[0];
            if (step is not (0 or 1))
            {
                return false;
            }

            rises |= step == 1;
        }

        return rises;
    }

    /// <summary>
    /// A value given a name where it is written: a named argument (<c>sequence: 2</c>), an initializer
    /// (<c>SequenceNumber = 2</c>), or a builder's <c>With*</c>/<c>Set*</c> call with one argument (<c>.WithSequence(2)</c>).
    /// </summary>
    private static (string? Name, ExpressionSyntax? Value) NamedValueOf(SyntaxNode node) => node switch
    {
        ArgumentSyntax { NameColon: { } colon } argument => (colon.Name.Identifier.ValueText, argument.Expression),
        AssignmentExpressionSyntax { Left: IdentifierNameSyntax left, Parent: InitializerExpressionSyntax } assignment => (left.Identifier.ValueText, assignment.Right),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments: [{ NameColon: null } only] }
            when access.Name.Identifier.ValueText is { } setter && (setter.StartsWith("With", StringComparison.Ordinal) || setter.StartsWith("Set", StringComparison.Ordinal)) =>
            (setter, only.Expression),
        _ => (null, null),
    };

    private static bool IsSequenceName(string name) =>
        name.Contains("seq", StringComparison.OrdinalIgnoreCase) || name.Contains("version", StringComparison.OrdinalIgnoreCase)
        || name.Contains("revision", StringComparison.OrdinalIgnoreCase);

    private static bool IsTimestampName(string name) =>
        name.Contains("time", StringComparison.OrdinalIgnoreCase) || name.Contains("occurred", StringComparison.OrdinalIgnoreCase)
        || name.Contains("created", StringComparison.OrdinalIgnoreCase) || name.EndsWith("at", StringComparison.OrdinalIgnoreCase)
        || name.Contains("date", StringComparison.OrdinalIgnoreCase);

    /// <summary>A local passed on as it is: an argument, or the collection a <c>foreach</c> delivers from.</summary>
    private static bool IsPassedOn(IdentifierNameSyntax identifier) =>
        identifier.Parent is ArgumentSyntax || (identifier.Parent is ForEachStatementSyntax loop && loop.Expression == identifier);

    /// <summary>
    /// The local a value is built into (<c>var older = Events.Paid(sequence: 1)</c>, <c>older = ...</c>), or null when it is
    /// delivered where it is written: its statement ends first, or an awaited call carries it.
    /// </summary>
    private static string? HolderOf(SyntaxNode node)
    {
        for (var parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case VariableDeclaratorSyntax declarator:
                    return declarator.Identifier.ValueText;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax local, Parent: not InitializerExpressionSyntax }:
                    return local.Identifier.ValueText;
                case AwaitExpressionSyntax or StatementSyntax or AnonymousFunctionExpressionSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>A numeric literal's value; null for one beyond decimal's range (1e30 in a parser test), which no count is.</summary>
    private static decimal? NumberOf(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression) && literal.Token.Value is { } value =>
            value is double or float && Math.Abs(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)) is not < 7.9e28
                ? null
                : Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture),
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: var operand } when NumberOf(operand) is { } positive => -positive,
        _ => null,
    };
}

/// <summary>
/// The test projects' helper types (harnesses, fakes, fixtures, builders, base classes): what they mention, and which
/// of their members delay, fail, or make the database fail.
/// </summary>
internal static class TestHelperTypeScanner
{
    private static readonly HashSet<string> DbExceptions = new(StringComparer.Ordinal)
    {
        "DbUpdateException", "DbException", "SqliteException", "NpgsqlException", "PostgresException", "SqlException", "MySqlException",
        "OracleException",
    };

    public static IReadOnlyList<TestHelperTypeFacts> Scan(SuiteSyntax syntax)
    {
        var result = new List<TestHelperTypeFacts>();
        foreach (var (file, tree) in syntax.Tests)
        {
            foreach (var type in tree.GetRoot().Descendants().OfType<TypeDeclarationSyntax>())
            {
                if (type is InterfaceDeclarationSyntax
                    || type.Members.OfType<MethodDeclarationSyntax>().Any(m => TestMethodScanner.IsTest(m)))
                {
                    continue;
                }

                var members = type.Members.Where(m => m is MethodDeclarationSyntax or PropertyDeclarationSyntax).ToArray();
                result.Add(new TestHelperTypeFacts(
                    type.Identifier.ValueText,
                    file.Project,
                    SyntaxNames.Sorted(type.BaseList?.Types.SelectMany(b => SyntaxNames.NamesIn(b.Type)) ?? []),
                    SyntaxNames.Sorted(type.Descendants().OfType<SimpleNameSyntax>().Select(n => n.Identifier.ValueText)),
                    NamesOf(members.Where(IsSlow)),
                    NamesOf(members.Where(Fails)),
                    NamesOf(members.Where(FailsDatabase)),
                    members.Any(Fails) || type.Descendants().Any(n => n is ThrowStatementSyntax { Expression: { } e } && !IsStub(e) || n is ThrowExpressionSyntax { Expression: var x } && !IsStub(x))));
            }
        }

        return result.OrderBy(h => h.Project, StringComparer.Ordinal).ThenBy(h => h.Name, StringComparer.Ordinal).ToArray();
    }

    private static string[] NamesOf(IEnumerable<MemberDeclarationSyntax> members) =>
        members.Select(m => m switch
        {
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            _ => string.Empty,
        }).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    private static bool IsSlow(MemberDeclarationSyntax member) =>
        member.Descendants().Any(n => n switch
        {
            InvocationExpressionSyntax invocation => SyntaxNames.InvokedName(invocation) is "Delay" or "Sleep",
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == "InfiniteTimeSpan",
            _ => false,
        })
        || TestActionScanner.NeverCompletes(member.Descendants());

    private static bool IsStub(ExpressionSyntax expression) =>
        expression is ObjectCreationExpressionSyntax creation && SyntaxNames.SimpleNameOf(creation.Type) is "NotImplementedException" or "NotSupportedException";

    private static bool Fails(MemberDeclarationSyntax member) =>
        member.Descendants().Any(n => n switch
        {
            ThrowStatementSyntax { Expression: { } thrown } => !IsStub(thrown),
            ThrowExpressionSyntax thrown => !IsStub(thrown.Expression),
            InvocationExpressionSyntax invocation => SyntaxNames.InvokedName(invocation) == "FromException",
            _ => false,
        });

    private static bool FailsDatabase(MemberDeclarationSyntax member) =>
        DatabaseFailureSql.AnyIn(SyntaxNames.StringLiteralsIn(member))
        || member.Descendants().OfType<ObjectCreationExpressionSyntax>().Any(c => DbExceptions.Contains(SyntaxNames.SimpleNameOf(c.Type)));
}
