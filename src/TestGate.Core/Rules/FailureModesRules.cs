using TestGate.Core.Model;
using TestGate.Core.Suite;
using static TestGate.Core.Rules.ResilienceText;
using static TestGate.Core.Rules.Prose;

namespace TestGate.Core.Rules;

public static partial class StructuralRules
{
    static partial void FailureModes(SuiteModel suite, List<Finding> findings) => FailureModeRules.Evaluate(suite, findings);
}

/// <summary>
/// TG0601–TG0605: external service timeouts, retry exhaustion, circuit breaker open state, partial database failure and
/// cache failure must each be tested where production code has the feature.
/// </summary>
internal static class FailureModeRules
{
    private static readonly IReadOnlyList<string[]> TimeoutWords = Phrases(
        "timeout", "timeouts", "timedout", "times out", "timed out", "time out", "slow", "slowly", "hang", "hangs", "hanging", "hung",
        "unresponsive", "stall", "stalls", "stalled", "deadline", "takes too long", "too slow", "never answers", "never responds");

    private static readonly IReadOnlyList<string[]> CallerCancellationWords = Phrases(
        "cancel", "cancels", "cancelled", "canceled", "cancelling", "canceling", "cancellation");

    private static readonly IReadOnlyList<string[]> ExhaustionWords = Phrases(
        "exhaust", "exhausted", "exhausts", "exhaustion", "gives up", "give up", "giving up", "giveup", "all attempts", "all retries",
        "every attempt", "each attempt", "max retries", "max attempts", "maximum retries", "retry limit", "retries limit",
        "always fails", "persistent failure", "keeps failing", "every retry", "retries stop", "stop retrying", "stops retrying",
        "configured retries", "configured attempts", "plus the retries", "plus retries");

    private static readonly IReadOnlyList<string[]> CircuitWords = Phrases("circuit", "breaker", "circuitbreaker");

    private static readonly IReadOnlyList<string[]> RetryWords = Phrases(
        "retry", "retries", "retried", "retrying", "redelivery", "redelivered", "redelivers", "again");

    private static readonly IReadOnlyList<string[]> FailingHelperWords = Phrases(
        "failing", "fails", "fail", "throwing", "throws", "broken", "faulty", "flaky", "unavailable", "down", "offline", "erroring",
        "exploding", "failure", "outage", "crashing", "dead", "unreachable", "unresponsive", "disconnected");


    private static readonly string[] DatabaseExceptions =
    [
        "DbUpdateException", "DbException", "SqliteException", "NpgsqlException", "PostgresException", "SqlException", "MySqlException",
        "OracleException",
    ];

    private static readonly string[] PersistenceSuffixes = ["Repository", "Repo", "Store", "DbContext", "UnitOfWork", "Outbox", "Inbox", "Dao"];

    private static readonly string[] WritePrefixes =
    [
        "Add", "Insert", "Update", "Upsert", "Save", "Delete", "Remove", "Mark", "TryMark", "TryAdd", "TryInsert", "Store", "Put", "Append",
        "Record", "Create", "Set", "Enqueue", "Commit", "Execute", "Increment", "Decrement", "Claim", "Persist", "Write", "Replace", "Merge",
        "Archive", "Complete",
    ];

    private static readonly string[] CommitPrefixes = ["SaveChanges", "Commit", "Complete", "SaveEntities", "Execute"];

    private static readonly HashSet<string> KnownCaches = new(StringComparer.Ordinal)
    {
        "IMemoryCache", "MemoryCache", "IDistributedCache", "IConnectionMultiplexer", "ConnectionMultiplexer", "HybridCache", "IFusionCache",
        "FusionCache", "IAppCache", "IEasyCachingProvider", "IRedisDatabase", "IRedisClient", "IRedisCacheClient", "IOutputCacheStore",
    };

    private static readonly HashSet<string> InProcessCaches = new(StringComparer.Ordinal) { "IMemoryCache", "MemoryCache" };

    private static readonly string[] CacheExceptions = ["RedisConnectionException", "RedisTimeoutException", "RedisServerException", "RedisException"];

    private static readonly string[] HttpCalls =
    [
        "SendAsync", "GetAsync", "PostAsync", "PutAsync", "DeleteAsync", "PatchAsync", "GetFromJsonAsync", "PostAsJsonAsync", "PutAsJsonAsync",
        "PatchAsJsonAsync", "GetStringAsync", "GetStreamAsync", "GetByteArrayAsync", "Send",
    ];

    private static readonly string[] ExcludedClientWords = ["Mongo", "Cosmos", "Redis", "DynamoDB", "Elastic", "Http", "Sql", "Test", "Telemetry", "Document", "Table"];

    public static void Evaluate(SuiteModel suite, List<Finding> findings)
    {
        var context = new FailureContext(suite);
        Timeouts(context, findings);
        RetryExhaustion(context, findings);
        CircuitBreakers(context, findings);
        PartialDatabaseFailures(context, findings);
        CacheFailures(context, findings);
    }

    // ------------------------------------------------------------------------------------------------ shared helpers

    internal static bool HasDatabaseFailureSql(IEnumerable<string> literals) => DatabaseFailureSql.AnyIn(literals);

    /// <summary>A member named for making something fail: <c>FailStatementsAsync</c>, <c>ThrowOnNextSave</c>, <c>BreakConnection</c>.</summary>
    internal static bool IsFailureName(string member)
    {
        var words = member.ToLowerInvariant();
        return new[] { "fail", "throw", "break", "crash", "error", "down", "outage", "unavailable", "poison", "reject", "kill", "corrupt" }
            .Any(w => words.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>A repository, store, DbContext, unit of work, outbox or DAO by its name; caches are not persistence.</summary>
    internal static bool IsPersistenceName(string type) =>
        EndsWithAny(type, PersistenceSuffixes) && !type.Contains("Cache", StringComparison.Ordinal);

    private sealed class FailureContext(SuiteModel suite)
    {
        public SuiteModel Suite { get; } = suite;

        public TestEvidence Evidence { get; } = new(suite);

        public Dictionary<string, CallGraphType> TypesByFullName { get; } = suite.CallGraph
            .GroupBy(t => t.FullName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        public ILookup<string, CallGraphType> TypesBySimpleName { get; } = suite.CallGraph.ToLookup(t => t.SimpleName, StringComparer.Ordinal);

        /// <summary>Production classes implementing (or deriving from) a type, by the base type's simple name.</summary>
        public ILookup<string, ProductionFacts> Implementations { get; } = suite.Production
            .Where(p => p.Kind is "class" or "record")
            .SelectMany(p => p.BaseTypes.Select(b => (Base: b, Type: p)))
            .ToLookup(x => x.Base, x => x.Type, StringComparer.Ordinal);

        public HashSet<string> ProductionMethodNames { get; } = suite.Production.SelectMany(p => p.Methods.Select(m => m.Name)).ToHashSet(StringComparer.Ordinal);

        public bool IsAbstractOrStatic(ProductionFacts type) =>
            TypesByFullName.TryGetValue(type.Type.FullName, out var graph) && (graph.IsAbstract || graph.IsStatic);

        public CallGraphType? GraphOf(ProductionFacts type) => TypesByFullName.GetValueOrDefault(type.Type.FullName);

        public bool IsProductionType(string simpleName) => Suite.ProductionBySimpleName.Contains(simpleName);
    }

    // ------------------------------------------------------------------------------------------------ TG0601

    private sealed record ExternalDependency(
        string Name,
        string How,
        IReadOnlyList<string> Aliases,
        IReadOnlyList<ProductionFacts> Consumers,
        ProductionFacts? Declaration);

    private static void Timeouts(FailureContext context, List<Finding> findings)
    {
        var dependencies = ExternalDependencies(context);
        if (dependencies.Count == 0)
        {
            return;
        }

        var timeoutTests = context.Evidence.Tests.Where(t => IsTimeoutTest(t, context.Evidence)).ToArray();
        var rule = RuleCatalog.Get("TG0601");
        var untested = new List<ExternalDependency>();
        foreach (var dependency in dependencies)
        {
            // A test that makes the abstraction an adapter implements hang (a hanging ISmsSender in front of the
            // Twilio-backed sender) tests the timeout its callers rely on. Where the code configures a timeout of its own
            // (a Polly timeout, HttpClient.Timeout), a test of the caller cancelling does not exercise it.
            var names = dependency.Aliases.Prepend(dependency.Name).Concat(AdaptedInterfacesOf(context, dependency)).ToArray();
            var ownTimeout = TimeoutSiteFor(context, dependency, dependencies) is { } site && !site.Mechanism.StartsWith("catch", StringComparison.Ordinal);
            if (!timeoutTests.Any(t => context.Evidence.ReachesAny(t, names) && !(ownTimeout && IsCallerCancellationTest(t))))
            {
                untested.Add(dependency);
            }
        }

        // A suite that tests the timeout of one external service has the habit; another client's untested timeout is a
        // note. So is a client with no timeout at all: a test of a timeout needs one to exist, so what is missing there
        // is the timeout, which the note names (it can hang its caller for 100 seconds or forever).
        var suiteTestsATimeout = untested.Count < dependencies.Count;
        foreach (var dependency in untested)
        {

            var consumer = dependency.Consumers[0];
            var operations = OperationsOf(context, dependency);
            var call = CallSite(consumer, dependency, operations);
            var where = call is null ? consumer.Type.SimpleName : $"{consumer.Type.SimpleName}.{call.Name}";
            var http = dependency.How.StartsWith("wraps", StringComparison.Ordinal) || dependency.How.Contains("over HttpClient", StringComparison.Ordinal);
            var timeout = TimeoutSiteFor(context, dependency, dependencies);
            var risk = timeout is null
                ? $"No timeout was found around {dependency.Name} (no Polly timeout, HttpClient.Timeout, CancelAfter or WaitAsync in the code that calls it): a provider that accepts the connection and never answers holds {where} and its caller {(http ? "for HttpClient's default 100 seconds" : "until something else gives up, possibly forever")}, and nothing tests what the caller sees."
                : $"A slow or hanging {dependency.Name} holds {where} until the timeout ({timeout.Mechanism} in {timeout.TypeSimpleName}{(timeout.Member is null ? string.Empty : "." + timeout.Member)}) gives up. Untested, that timeout may be missing on this path, too long for the caller, or surface as an unhandled exception instead of the failure {consumer.Type.SimpleName} is meant to report.";
            var expected = timeout switch
            {
                null => http ? "TaskCanceledException" : "TimeoutException",
                { Mechanism: "HttpClient.Timeout" } => "TaskCanceledException",
                { Mechanism: "CancelAfter" or "WaitAsync(timeout)" or "new CancellationTokenSource" } => "OperationCanceledException",
                _ => "TimeoutRejectedException",
            };
            findings.Add(new Finding(
                rule.Id,
                rule.DefaultSeverity,
                $"No test makes {dependency.Name} ({dependency.How}) slow or hang and asserts that {where} times out with {expected} or the failure it is translated to.",
                risk,
                http && dependency.Consumers.Count == 1 && ReferenceEquals(consumer, dependency.Declaration) ? "Integration" : "Application",
                TimeoutOutline(context, dependency, consumer, call, operations, expected),
                Location(consumer, call)));
            if (suiteTestsATimeout)
            {
                var finding = findings[^1];
                findings[^1] = finding.AsNote(timeout is null
                    ? $"the suite tests the timeout of another external service, and {dependency.Name} has no timeout to test: give it one (HttpClient.Timeout, a resilience handler) and test it"
                    : $"{dependency.Name} has a configured timeout ({timeout.Mechanism}) and the suite tests the timeout of another external service: a note, not an error");
            }
        }
    }

    /// <summary>
    /// External dependencies: types named <c>*Client</c>, <c>*Gateway</c>, <c>*PaymentProvider</c> or <c>I*Api</c> that production
    /// classes depend on (a production-declared one must be an interface or wrap HttpClient; database and cache clients
    /// are not external services here), and production classes that wrap <c>HttpClient</c>/<c>IHttpClientFactory</c>.
    /// A wrapper that implements an interface other classes depend on is folded into that interface.
    /// </summary>
    private static IReadOnlyList<ExternalDependency> ExternalDependencies(FailureContext context)
    {
        var suite = context.Suite;
        var classes = suite.Production.Where(p => p.Kind is "class" or "record" && !context.IsAbstractOrStatic(p) && p.Type.SimpleName is not ("Program" or "Startup")).ToArray();
        var httpWrappers = classes.Where(c => (c.Uses("HttpClient") || c.Uses("IHttpClientFactory") || c.Uses("HttpMessageInvoker"))
            && !c.BaseTypes.Any(b => b is "DelegatingHandler" or "HttpMessageHandler" or "HttpClientHandler")).ToArray();
        var httpWrapperNames = httpWrappers.Select(h => h.Type.SimpleName).ToHashSet(StringComparer.Ordinal);

        bool IsExternal(string name)
        {
            if (suite.IsDeclaredBoundary(name))
            {
                return true;
            }

            if (!IsExternalName(name))
            {
                return false;
            }

            var declared = suite.ProductionBySimpleName[name].ToArray();
            return declared.Length == 0
                || declared.Any(d => d.Kind == "interface" || httpWrapperNames.Contains(name) || d.BaseTypes.Any(b => b.EndsWith("ClientBase", StringComparison.Ordinal)));
        }

        var consumersOf = new Dictionary<string, List<ProductionFacts>>(StringComparer.Ordinal);
        foreach (var type in classes)
        {
            foreach (var dependency in type.DependencyTypes.Where(d => d != type.Type.SimpleName && !type.BaseTypes.Contains(d, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal))
            {
                if (IsExternal(dependency) || (httpWrapperNames.Contains(dependency) && dependency != type.Type.SimpleName))
                {
                    if (!consumersOf.TryGetValue(dependency, out var list))
                    {
                        consumersOf[dependency] = list = [];
                    }

                    list.Add(type);
                }
            }
        }

        var dependencies = new Dictionary<string, ExternalDependency>(StringComparer.Ordinal);
        foreach (var (name, consumers) in consumersOf)
        {
            var declaration = suite.ProductionBySimpleName[name].FirstOrDefault();
            var implementations = context.Implementations[name].Select(i => i.Type.SimpleName).Distinct(StringComparer.Ordinal).ToArray();
            var how = httpWrapperNames.Contains(name) ? "wraps HttpClient"
                : implementations.Any(httpWrapperNames.Contains) ? $"implemented over HttpClient by {List(implementations.Where(httpWrapperNames.Contains).ToArray())}"
                : IsExternalName(name) ? $"external by its name: *{ExternalSuffix(name)}"
                : "a declared TestGateBoundary";
            var ordered = consumers
                .OrderBy(c => c.Type.SimpleName.EndsWith("HealthCheck", StringComparison.Ordinal) ? 1 : 0)
                .ThenBy(c => c.Type.FullName, StringComparer.Ordinal)
                .ToArray();
            dependencies[name] = new ExternalDependency(
                name,
                how,
                implementations,
                ordered.Where(c => !implementations.Contains(c.Type.SimpleName, StringComparer.Ordinal)).ToArray() is { Length: > 0 } outside ? outside : ordered,
                declaration);
        }

        // HttpClient wrappers nobody depends on by a known name are their own dependency, called from themselves.
        foreach (var wrapper in httpWrappers)
        {
            var name = wrapper.Type.SimpleName;
            if (dependencies.ContainsKey(name) || dependencies.Values.Any(d => d.Aliases.Contains(name, StringComparer.Ordinal)))
            {
                continue;
            }

            dependencies[name] = new ExternalDependency(name, "wraps HttpClient", wrapper.BaseTypes.Where(context.IsProductionType).ToArray(), [wrapper], wrapper);
        }

        return dependencies.Values.OrderBy(d => d.Consumers[0].Type.FullName, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The solution's interfaces that the dependency's consumers implement: what the rest of the code calls instead of the adapter.</summary>
    private static IEnumerable<string> AdaptedInterfacesOf(FailureContext context, ExternalDependency dependency) =>
        dependency.Consumers
            .SelectMany(c => c.BaseTypes)
            .Where(b => b != dependency.Name && context.Suite.ProductionBySimpleName[b].Any(d => d.Kind == "interface"))
            .Distinct(StringComparer.Ordinal);

    private static bool IsExternalName(string name) =>
        (name.EndsWith("Client", StringComparison.Ordinal) && name.Length > "Client".Length + 1 && !ExcludedClientWords.Any(w => name.Contains(w, StringComparison.Ordinal)))
        || (name.EndsWith("Gateway", StringComparison.Ordinal) && name.Length > "Gateway".Length + 1)
        || name.EndsWith("PaymentProvider", StringComparison.Ordinal)
        || (name.Length > 4 && name[0] == 'I' && char.IsUpper(name[1]) && name.EndsWith("Api", StringComparison.Ordinal));

    private static string ExternalSuffix(string name) =>
        name.EndsWith("Client", StringComparison.Ordinal) ? "Client"
        : name.EndsWith("Gateway", StringComparison.Ordinal) ? "Gateway"
        : name.EndsWith("PaymentProvider", StringComparison.Ordinal) ? "PaymentProvider"
        : "Api";

    /// <summary>
    /// A test of a timeout: a dependency is made slow or hanging (a delay or an infinite wait in the test, in a helper
    /// member it calls, or a fake clock advanced) and the test expects a timeout (TimeoutRejectedException,
    /// TimeoutException, or the name says timeout/slow/hang; a cancellation exception only with a bounded wait, and see
    /// <see cref="IsCallerCancellationTest"/> for where that is not enough).
    /// </summary>
    private static bool IsTimeoutTest(EvidenceTest test, TestEvidence evidence)
    {
        var facts = test.Facts;
        var expectsTimeout = facts.Mentions("TimeoutRejectedException") || facts.Mentions("TimeoutException") || test.Says(TimeoutWords)
            || ((facts.Mentions("TaskCanceledException") || facts.Mentions("OperationCanceledException")) && test.Actions.BoundsTime);
        return expectsTimeout && (test.Actions.DelaysOrHangs || evidence.CallsSlowMember(test));
    }

    /// <summary>A test of the caller's own deadline: it says cancel, not timeout, and names no timeout exception.</summary>
    private static bool IsCallerCancellationTest(EvidenceTest test) =>
        test.Says(CallerCancellationWords) && !test.Says(TimeoutWords)
        && !test.Facts.Mentions("TimeoutRejectedException") && !test.Facts.Mentions("TimeoutException");

    private static IReadOnlyList<CallGraphMethod> OperationsOf(FailureContext context, ExternalDependency dependency) =>
        context.TypesBySimpleName[dependency.Name].SelectMany(t => t.Methods).Where(m => m.IsPublic).OrderBy(m => m.Line).ToArray();

    /// <summary>The consumer's method that calls the dependency: one invoking its operation (or, for an HttpClient wrapper, an HTTP call).</summary>
    private static MethodFacts? CallSite(ProductionFacts consumer, ExternalDependency dependency, IReadOnlyList<CallGraphMethod> operations)
    {
        var names = ReferenceEquals(consumer, dependency.Declaration) || dependency.Consumers.Count == 1 && consumer.Type.SimpleName == dependency.Name
            ? HttpCalls
            : operations.Select(o => o.Name).ToArray();
        return consumer.Methods.Where(m => m.InvokedMembers.Any(names.Contains)).OrderBy(m => m.IsPublic ? 0 : 1).ThenBy(m => m.Line).FirstOrDefault()
            ?? consumer.Methods.Where(m => m.IsPublic).OrderBy(m => m.Line).FirstOrDefault();
    }

    /// <summary>
    /// The timeout that applies: one configured in the dependency's or a consumer's code (or its registration), else a
    /// Polly or HttpClient timeout configured elsewhere that no other external dependency's code or registration owns
    /// (a timeout registered for another named client does not apply), else a consumer's handling of a timeout.
    /// </summary>
    private static ResilienceSite? TimeoutSiteFor(FailureContext context, ExternalDependency dependency, IReadOnlyList<ExternalDependency> all)
    {
        static IEnumerable<string> RelatedTo(ExternalDependency d) => d.Aliases.Append(d.Name).Concat(d.Consumers.Select(c => c.Type.SimpleName));
        var related = RelatedTo(dependency).ToHashSet(StringComparer.Ordinal);
        var others = all.Where(d => !ReferenceEquals(d, dependency)).SelectMany(RelatedTo).Where(n => !related.Contains(n)).ToHashSet(StringComparer.Ordinal);
        var ownStems = related.Select(StemOf).OfType<string>().ToArray();
        var otherStems = others.Select(StemOf).OfType<string>().Where(s => !ownStems.Contains(s, StringComparer.Ordinal)).ToArray();
        bool OwnedByAnother(ResilienceSite site) =>
            others.Contains(site.TypeSimpleName)
            || site.StatementNames.Any(others.Contains)
            || (otherStems.Any(s => site.TypeSimpleName.StartsWith(s, StringComparison.Ordinal)) && !ownStems.Any(s => site.TypeSimpleName.StartsWith(s, StringComparison.Ordinal)));

        var sites = context.Suite.ResilienceSites.Where(s => s.Kind == ResilienceKinds.Timeout).ToArray();
        var configured = sites.Where(s => !s.Mechanism.StartsWith("catch", StringComparison.Ordinal)).ToArray();
        return configured.FirstOrDefault(s => related.Contains(s.TypeSimpleName) || s.StatementNames.Any(related.Contains))
            ?? configured.FirstOrDefault(s => s.Mechanism is not ("CancelAfter" or "WaitAsync(timeout)" or "new CancellationTokenSource") && !OwnedByAnother(s))
            ?? sites.FirstOrDefault(s => related.Contains(s.TypeSimpleName));
    }

    private static readonly string[] ClientSuffixes = ["HttpClient", "Client", "Gateway", "PaymentProvider", "Provider", "Api", "Publisher", "Sender"];

    /// <summary>What a client's name is about (<c>IFxRatesClient</c>, <c>FxRatesHttpClient</c> → <c>FxRates</c>): a pipeline named <c>FxRatesResiliencePipeline</c> belongs to it.</summary>
    private static string? StemOf(string name)
    {
        var stem = name.Length > 2 && name[0] == 'I' && char.IsUpper(name[1]) ? name[1..] : name;
        foreach (var suffix in ClientSuffixes)
        {
            if (stem.EndsWith(suffix, StringComparison.Ordinal))
            {
                stem = stem[..^suffix.Length];
                break;
            }
        }

        return stem.Length >= 3 ? stem : null;
    }

    private static SourceLocation Location(ProductionFacts type, MethodFacts? method) =>
        new(method?.Path ?? type.Type.Path, method?.Line ?? type.Type.Line, type.Type.FullName);

    private static string TimeoutOutline(
        FailureContext context, ExternalDependency dependency, ProductionFacts consumer, MethodFacts? call, IReadOnlyList<CallGraphMethod> operations, string expected)
    {
        var idioms = context.Evidence.Idioms;
        var library = idioms.MockLibrary;
        var consumerName = consumer.Type.SimpleName;
        var consumerVariable = TestIdioms.VariableOf(consumerName);
        var act = call is null
            ? $"{consumerVariable}.CallAsync({idioms.Token})"
            : $"{consumerVariable}.{call.Name}({Arguments(call.ParameterTypes, idioms)})";
        var testName = $"{call?.Name ?? "Call"}_{TestIdioms.WithoutInterfacePrefix(dependency.Name)}Hangs_TimesOut";
        var assertion = "    " + idioms.ThrowsAsync(expected, act);
        if (ReferenceEquals(consumer, dependency.Declaration) || (dependency.How == "wraps HttpClient" && consumerName == dependency.Name))
        {
            return Lines(
                idioms.TestAttribute(async: true),
                idioms.AsyncSignature(testName),
                "{",
                "    using var http = new HttpClient(new HangingHandler()) { BaseAddress = new Uri(\"https://provider.test/\"), Timeout = TimeSpan.FromMilliseconds(200) };",
                $"    var {consumerVariable} = new {consumerName}(http);",
                string.Empty,
                assertion,
                "}",
                string.Empty,
                "private sealed class HangingHandler : HttpMessageHandler",
                "{",
                "    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)",
                "    {",
                "        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken); // a provider that never answers",
                "        throw new InvalidOperationException(\"unreachable\");",
                "    }",
                "}");
        }

        var operation = operations.FirstOrDefault();
        var fake = TestIdioms.VariableOf(dependency.Name);
        var (setup, injected, fakeClass) = Hanging(library, dependency.Name, fake, operation, idioms);
        return Lines(
            idioms.TestAttribute(async: true),
            idioms.AsyncSignature(testName),
            "{",
            setup,
            $"    var {consumerVariable} = Create{consumerName}({fake}: {injected}); // real collaborators, short attempt timeout",
            call is null ? null : Declarations(call.ParameterTypes, idioms),
            string.Empty,
            assertion,
            $"    // and assert what {consumerName} reports: the failure it returns or logs, nothing saved",
            "}",
            fakeClass);
    }

    /// <summary>A double of <paramref name="type"/> whose <paramref name="operation"/> never answers, in the suite's mocking library.</summary>
    private static (string Setup, string Injected, string? FakeClass) Hanging(string? library, string type, string variable, CallGraphMethod? operation, TestIdioms idioms)
    {
        if (operation is null)
        {
            return ($"    var {variable} = new Hanging{TestIdioms.WithoutInterfacePrefix(type)}(); // every call waits until cancelled", variable,
                $"\n// Hanging{TestIdioms.WithoutInterfacePrefix(type)}: wrap {type} behind an interface you own and make each call await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).");
        }

        var result = ResultType(operation.ReturnType);
        var token = operation.ParameterTypes.Contains("CancellationToken") ? "token" : "CancellationToken.None";
        var typedParameters = string.Join(", ", operation.ParameterTypes.Select((p, i) => p == "CancellationToken" ? "CancellationToken token" : $"{p} _{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        var hangBody = $"{{ await Task.Delay(Timeout.InfiniteTimeSpan, {token}); {(result is null ? string.Empty : "return default!; ")}}}";
        switch (library)
        {
            case "Moq":
                return (Lines(
                        $"    var {variable} = new Mock<{type}>();",
                        $"    {variable}.Setup(x => x.{operation.Name}({string.Join(", ", operation.ParameterTypes.Select(p => $"It.IsAny<{p}>()"))}))",
                        $"        .Returns(async ({typedParameters}) => {hangBody});"),
                    variable + ".Object", null);
            case "NSubstitute":
                return (Lines(
                        $"    var {variable} = Substitute.For<{type}>();",
                        $"    {variable}.{operation.Name}({string.Join(", ", operation.ParameterTypes.Select(p => $"Arg.Any<{p}>()"))})",
                        $"        .Returns(async call => {{ await Task.Delay(Timeout.InfiniteTimeSpan, {(token == "token" ? "call.Arg<CancellationToken>()" : token)}); {(result is null ? string.Empty : $"return default({result})!; ")}}});"),
                    variable, null);
            case "FakeItEasy":
                return (Lines(
                        $"    var {variable} = A.Fake<{type}>();",
                        $"    A.CallTo(() => {variable}.{operation.Name}({string.Join(", ", operation.ParameterTypes.Select(p => $"A<{p}>._"))}))",
                        $"        .ReturnsLazily(async ({typedParameters}) => {hangBody});"),
                    variable, null);
            default:
                var fakeName = $"Hanging{TestIdioms.WithoutInterfacePrefix(type)}";
                var parameters = string.Join(", ", operation.ParameterTypes.Select((p, i) => p == "CancellationToken" ? "CancellationToken cancellationToken" : $"{p} {TestIdioms.VariableOf(p)}{(i == 0 ? string.Empty : i.ToString(System.Globalization.CultureInfo.InvariantCulture))}"));
                return ($"    var {variable} = new {fakeName}();", variable, Lines(
                    string.Empty,
                    $"private sealed class {fakeName} : {type}",
                    "{",
                    $"    public async {operation.ReturnType} {operation.Name}({parameters})",
                    "    {",
                    $"        await Task.Delay(Timeout.InfiniteTimeSpan{(token == "token" ? ", cancellationToken" : string.Empty)}); // a provider that never answers",
                    "        throw new InvalidOperationException(\"unreachable\");",
                    "    }",
                    "}"));
        }
    }

    /// <summary><c>Task&lt;PaymentResult&gt;</c> → PaymentResult; <c>Task</c> → null.</summary>
    private static string? ResultType(string returnType)
    {
        var open = returnType.IndexOf('<', StringComparison.Ordinal);
        return open > 0 && returnType.EndsWith('>') ? returnType[(open + 1)..^1] : null;
    }

    // ------------------------------------------------------------------------------------------------ TG0602, TG0603

    /// <summary>
    /// The test asserts the attempt count or the retry limit, and either expects the final exception or says
    /// "exhausted" (or the like) in its name. The flags are checked before the words: most tests assert neither.
    /// </summary>
    private static bool IsExhaustionTest(EvidenceTest test)
    {
        var actions = test.Actions;
        return (actions.AssertsRetryLimit && actions.AssertsThrows)
            || ((actions.AssertsAttemptCount || actions.AssertsRetryLimit) && test.Says(ExhaustionWords));
    }

    /// <summary>
    /// The test opens a breaker and shows it open: it names the breaker's exception or state, or its name says circuit,
    /// it expects an exception and its body tells the open circuit from one more failure (the dependency is not called
    /// again, an open state or reason such as <c>PaymentFailure.CircuitOpen</c>, or how fast the call failed). A
    /// circuit-named test that only expects the same exception on every call cannot tell an open breaker from none.
    /// </summary>
    private static bool IsCircuitTest(EvidenceTest test, FailureContext context)
    {
        var facts = test.Facts;
        var opensAndFailsFast = facts.Mentions("BrokenCircuitException") || facts.Mentions("IsolatedCircuitException") || facts.Mentions("CircuitState")
            || (test.Says(CircuitWords) && test.Actions.AssertsThrows && ShowsTheOpenState(test));
        var drivesIt = test.Actions.RepeatedCalls.Any(c => context.ProductionMethodNames.Contains(c) || c is "ExecuteAsync" or "Execute")
            || facts.Invokes("Isolate") || facts.Invokes("IsolateAsync");
        return opensAndFailsFast && drivesIt;
    }

    private static bool ShowsTheOpenState(EvidenceTest test) =>
        test.Actions.AssertsAttemptCount
        || test.Facts.Mentions("Elapsed")
        || test.Facts.Identifiers.Any(i => i.EndsWith("Open", StringComparison.Ordinal) || i.EndsWith("Opened", StringComparison.Ordinal) || i.EndsWith("Rejected", StringComparison.Ordinal));

    private static void RetryExhaustion(FailureContext context, List<Finding> findings)
    {
        var sites = Configurations(context, ResilienceKinds.Retry);
        if (sites.Count == 0)
        {
            return;
        }

        var tests = context.Evidence.Tests.Where(IsExhaustionTest).ToArray();
        var rule = RuleCatalog.Get("TG0602");
        foreach (var site in sites)
        {
            if (Covered(context, tests, site, sites.Count))
            {
                continue;
            }

            var where = WhereOf(site);
            var handled = HandledFailures(site);
            var protectedCall = ProtectedNames(context, site);
            findings.Add(RedeliveredConsumersNote(context, site, LibraryDefaultsNote(site, new Finding(
                rule.Id,
                rule.DefaultSeverity,
                $"No test makes every attempt of the retry at {where} ({site.Mechanism}) fail and asserts the final failure and the number of attempts (retry exhaustion).",
                $"When {(protectedCall.Count == 0 ? "the protected call" : List(protectedCall))} keeps failing{(handled.Count == 0 ? string.Empty : $" with {List(handled)}")}, the retry at {where} gives up. Untested, the attempt count (too many hammer a struggling dependency, too few give up on a blip), the backoff and the exception callers finally get are unverified, and a retry that never ends or swallows the last error goes unnoticed.",
                "Application",
                ResilienceOutline(context, site, circuit: false),
                new SourceLocation(site.Path, site.Line, site.TypeFullName)))));
        }
    }

    private static readonly string[] BusRetryMechanisms = ["UseMessageRetry", "UseRetry", "UseDelayedRedelivery", "UseScheduledRedelivery", "NumberOfRetries"];

    private static readonly IReadOnlyList<string[]> RedeliveryWords = Phrases(
        "redeliver", "redelivered", "redelivery", "redeliveries", "redelivers", "delivered twice", "consumed twice", "retried", "replayed");

    /// <summary>
    /// A message bus's retry (MassTransit <c>UseMessageRetry</c>, NServiceBus <c>NumberOfRetries</c>) re-runs the
    /// application's consumers; after its last attempt the broker's error queue takes the message. When a test delivers
    /// a message to a consumer (<c>IConsumer&lt;T&gt;</c>, <c>IHandleMessages&lt;T&gt;</c>) again and asserts the outcome, what
    /// the application owns of that retry is tested: the untested exhaustion is a P3 note.
    /// </summary>
    private static Finding RedeliveredConsumersNote(FailureContext context, ResilienceSite site, Finding finding)
    {
        if (!BusRetryMechanisms.Contains(site.Mechanism, StringComparer.Ordinal) || finding.Severity == Severity.P3)
        {
            return finding;
        }

        var consumers = context.Suite.Production
            .Where(p => p.BaseTypes.Any(b => b is "IConsumer" or "IHandleMessages"))
            .Select(p => p.Type.SimpleName)
            .ToArray();
        var redelivered = consumers.Length > 0 && context.Evidence.Tests.Any(t =>
            t.Actions.RepeatedCalls.Count > 0 && t.Says(RedeliveryWords) && t.Actions.AssertsOther && context.Evidence.ReachesAny(t, consumers));
        return redelivered
            ? finding.AsNote("the bus redelivers to consumers whose redelivery is tested, and after its last attempt the broker's error queue takes the message: a note, not an error")
            : finding;
    }

    /// <summary>
    /// A retry or breaker that runs with a library's shipped settings (<c>AddStandardResilienceHandler()</c> with no
    /// options) is a P3 note: its thresholds are not this code base's decisions.
    /// </summary>
    private static Finding LibraryDefaultsNote(ResilienceSite site, Finding finding) =>
        site.LibraryDefaults
            ? finding.AsNote("the handler runs with the library's default settings: a note, not a warning")
            : finding;

    private static void CircuitBreakers(FailureContext context, List<Finding> findings)
    {
        var sites = Configurations(context, ResilienceKinds.CircuitBreaker);
        if (sites.Count == 0)
        {
            return;
        }

        var tests = context.Evidence.Tests.Where(t => IsCircuitTest(t, context)).ToArray();
        var rule = RuleCatalog.Get("TG0603");
        foreach (var site in sites)
        {
            if (Covered(context, tests, site, sites.Count))
            {
                continue;
            }

            var where = WhereOf(site);
            var protectedCall = ProtectedNames(context, site);
            var dependency = protectedCall.Count == 0 ? "the protected dependency" : List(protectedCall);
            findings.Add(LibraryDefaultsNote(site, new Finding(
                rule.Id,
                rule.DefaultSeverity,
                site.Mechanism.StartsWith("catch", StringComparison.Ordinal)
                    ? $"{site.TypeSimpleName} handles an open circuit ({site.Mechanism}), but no test drives the breaker open and asserts that the next call fails fast with BrokenCircuitException."
                    : $"No test drives the circuit breaker at {where} ({site.Mechanism}) open and asserts that the next call fails fast with BrokenCircuitException without reaching {dependency}.",
                $"An untested breaker may never open (failure ratio, minimum throughput or sampling window set so that it cannot trip), so calls keep hammering {dependency} while it fails; or it opens and BrokenCircuitException reaches callers unhandled. Neither shows until the dependency has an outage.",
                "Application",
                ResilienceOutline(context, site, circuit: true),
                new SourceLocation(site.Path, site.Line, site.TypeFullName))));
        }
    }

    /// <summary>
    /// The outline of a retry-exhaustion or open-circuit test. A member that builds a Polly pipeline or policy is
    /// exercised directly with a delegate that always fails; otherwise the configuring type (or the client it protects)
    /// gets a dependency that always fails and counts its calls.
    /// </summary>
    private static string ResilienceOutline(FailureContext context, ResilienceSite site, bool circuit)
    {
        var idioms = context.Evidence.Idioms;
        var exception = HandledFailures(site).FirstOrDefault()
            ?? (site.Mechanism.Contains("Standard", StringComparison.Ordinal) || site.Mechanism.Contains("HttpClient", StringComparison.Ordinal) ? "HttpRequestException" : "InvalidOperationException");
        var testName = circuit ? $"{site.Member ?? "Call"}_AfterRepeatedFailures_CircuitOpensAndFailsFast" : $"{site.Member ?? "Call"}_EveryAttemptFails_GivesUpAfterTheLastRetry";
        var builder = site.Member is null ? null : context.TypesByFullName.GetValueOrDefault(site.TypeFullName)?.Methods
            .FirstOrDefault(m => m.Name == site.Member && IsPolicyType(m.ReturnType));
        if (builder is not null)
        {
            var v8 = builder.ReturnType.StartsWith("ResiliencePipeline", StringComparison.Ordinal);
            var failing = v8
                ? $"pipeline.ExecuteAsync(_ => {{ calls++; throw new {exception}(\"503 Service Unavailable\"); }}).AsTask()"
                : $"policy.ExecuteAsync(() => {{ calls++; throw new {exception}(\"503 Service Unavailable\"); }})";
            var subject = v8 ? "pipeline" : "policy";
            var create = $"    var {subject} = {site.TypeSimpleName}.{builder.Name}({Arguments(builder.ParameterTypes, idioms)}); // short delays";
            return circuit
                ? Lines(
                    idioms.TestAttribute(async: true),
                    idioms.AsyncSignature(testName),
                    "{",
                    create + ", a small minimum throughput",
                    "    var calls = 0;",
                    "    for (var i = 0; i < minimumThroughput; i++)",
                    "    {",
                    $"        try {{ await {failing}; }} catch ({exception}) {{ }}",
                    "    }",
                    "    var callsBeforeOpen = calls;",
                    string.Empty,
                    "    " + idioms.ThrowsAsync("BrokenCircuitException", v8 ? "pipeline.ExecuteAsync(_ => { calls++; return ValueTask.CompletedTask; }).AsTask()" : "policy.ExecuteAsync(() => { calls++; return Task.CompletedTask; })"),
                    $"    {idioms.Equal("callsBeforeOpen", "calls")} // failed fast, the dependency was not called",
                    "}")
                : Lines(
                    idioms.TestAttribute(async: true),
                    idioms.AsyncSignature(testName),
                    "{",
                    create,
                    "    var calls = 0;",
                    string.Empty,
                    "    " + idioms.ThrowsAsync(exception, failing),
                    $"    {idioms.Equal("maxRetryAttempts + 1", "calls")} // the first attempt and every retry, then it gives up",
                    "}");
        }

        var protectedCall = ProtectedNames(context, site);
        var target = protectedCall.FirstOrDefault(context.IsProductionType) ?? (site.TypeSimpleName == "Program" ? "App" : site.TypeSimpleName);
        var act = $"sut.CallAsync({idioms.Token})";
        return circuit
            ? Lines(
                idioms.TestAttribute(async: true),
                idioms.AsyncSignature(testName),
                "{",
                $"    var dependency = new AlwaysFailingDependency(new {exception}(\"503 Service Unavailable\")); // counts calls",
                $"    var sut = Create{TestIdioms.WithoutInterfacePrefix(target)}(dependency); // the breaker of {WhereOf(site)}, small minimum throughput",
                "    for (var i = 0; i < minimumThroughput; i++)",
                "    {",
                $"        try {{ await {act}; }} catch ({exception}) {{ }}",
                "    }",
                "    var callsBeforeOpen = dependency.Calls;",
                string.Empty,
                "    " + idioms.ThrowsAsync("BrokenCircuitException", act),
                $"    {idioms.Equal("callsBeforeOpen", "dependency.Calls")} // failed fast, the dependency was not called",
                "}")
            : Lines(
                idioms.TestAttribute(async: true),
                idioms.AsyncSignature(testName),
                "{",
                $"    var dependency = new AlwaysFailingDependency(new {exception}(\"503 Service Unavailable\")); // counts calls",
                $"    var sut = Create{TestIdioms.WithoutInterfacePrefix(target)}(dependency); // the retry of {WhereOf(site)}, no real delays",
                string.Empty,
                "    " + idioms.ThrowsAsync(exception, act),
                $"    {idioms.Equal("maxRetryAttempts + 1", "dependency.Calls")} // the first attempt and every retry, then it gives up",
                "}");
    }

    private static bool IsPolicyType(string returnType) =>
        returnType.StartsWith("ResiliencePipeline", StringComparison.Ordinal) || returnType.StartsWith("IAsyncPolicy", StringComparison.Ordinal)
        || returnType.StartsWith("AsyncRetryPolicy", StringComparison.Ordinal) || returnType.StartsWith("AsyncCircuitBreakerPolicy", StringComparison.Ordinal)
        || returnType.StartsWith("AsyncPolicy", StringComparison.Ordinal) || returnType.StartsWith("AsyncPolicyWrap", StringComparison.Ordinal);

    /// <summary>
    /// One site per configuring member (the first, by line); a handled exception (<c>catch BrokenCircuitException</c>)
    /// stands for the configuration only when none was found anywhere.
    /// </summary>
    private static IReadOnlyList<ResilienceSite> Configurations(FailureContext context, string kind)
    {
        var all = context.Suite.ResilienceSites.Where(s => s.Kind == kind).ToArray();
        var configured = all.Where(s => !s.Mechanism.StartsWith("catch", StringComparison.Ordinal)).ToArray();
        return (configured.Length > 0 ? configured : all)
            .GroupBy(s => (s.Assembly, s.TypeFullName, s.Member))
            .Select(g => g.OrderBy(s => s.Line).First())
            .OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.Line)
            .ToArray();
    }

    /// <summary>
    /// A test covers a configuration when it reaches the configuring type, a production type named in the configuring
    /// statement (the client an <c>AddHttpClient&lt;T&gt;()</c> registration protects) or an extension method that registers
    /// it (<c>services.AddCarrierApi()</c>), or when it is the solution's only one.
    /// </summary>
    private static bool Covered(FailureContext context, IReadOnlyList<EvidenceTest> tests, ResilienceSite site, int siteCount)
    {
        if (siteCount == 1)
        {
            return tests.Count > 0;
        }

        // Worked out once per site, not once per test.
        var names = site.StatementNames
            .Where(n => n != site.TypeSimpleName && context.IsProductionType(n) && !n.EndsWith("Exception", StringComparison.Ordinal) && !n.EndsWith("Options", StringComparison.Ordinal))
            .Prepend(site.TypeSimpleName)
            .Concat(site.RegisteredThrough)
            .ToArray();
        return tests.Any(t => context.Evidence.ReachesAny(t, names));
    }

    private static string WhereOf(ResilienceSite site) => site.Member switch
    {
        null => $"{site.TypeSimpleName} (line {site.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
        var member when member == site.TypeSimpleName => $"the {site.TypeSimpleName} constructor",
        var member => $"{site.TypeSimpleName}.{member}",
    };

    private static IReadOnlyList<string> HandledFailures(ResilienceSite site) =>
        site.Handles.Where(n => n is not ("BrokenCircuitException" or "TimeoutRejectedException" or "IsolatedCircuitException")).Take(3).ToArray();

    /// <summary>
    /// External dependencies called inside the delegates the configuring type runs through its pipelines, else those or
    /// production clients named in the configuring statement, else the configuring type's external dependencies.
    /// </summary>
    private static IReadOnlyList<string> ProtectedNames(FailureContext context, ResilienceSite site)
    {
        var members = context.TypesByFullName.GetValueOrDefault(site.TypeFullName)?.Members
            .ToDictionary(m => m.Name, m => m.Type, StringComparer.Ordinal);
        var executed = (site.ExecutedNames ?? [])
            .Select(n => members?.GetValueOrDefault(n) ?? n)
            .Where(IsExternalName)
            .Distinct(StringComparer.Ordinal)
            .Take(3)
            .ToArray();
        if (executed.Length > 0)
        {
            return executed;
        }

        var named = site.StatementNames.Where(n => IsExternalName(n) || (context.IsProductionType(n) && n.EndsWith("Client", StringComparison.Ordinal))).Take(3).ToArray();
        if (named.Length > 0)
        {
            return named;
        }

        var type = context.Suite.ProductionBySimpleName[site.TypeSimpleName].FirstOrDefault();
        var own = type?.DependencyTypes.Where(IsExternalName).Take(3).ToArray() ?? [];
        if (own.Length > 0 || site.Member is null)
        {
            return own;
        }

        // A factory of a pipeline or policy: the external dependencies of the classes that take one.
        var builder = context.TypesByFullName.GetValueOrDefault(site.TypeFullName)?.Methods.FirstOrDefault(m => m.Name == site.Member && IsPolicyType(m.ReturnType));
        if (builder is null)
        {
            return [];
        }

        var policyType = builder.ReturnType.Split('<')[0];
        return context.Suite.Production
            .Where(p => p.DependencyTypes.Contains(policyType, StringComparer.Ordinal))
            .SelectMany(p => p.DependencyTypes.Where(IsExternalName))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Take(3)
            .ToArray();
    }

    // ------------------------------------------------------------------------------------------------ TG0604

    private sealed record WriteTarget(string Store, string Owner);

    private sealed record UnitOfWork(ProductionFacts Type, CallGraphMethod Method, IReadOnlyList<WriteTarget> Targets, bool InLoop);

    private static void PartialDatabaseFailures(FailureContext context, List<Finding> findings)
    {
        var units = MultiWriteUnits(context);
        if (units.Count == 0)
        {
            return;
        }

        var rule = RuleCatalog.Get("TG0604");
        var idioms = context.Evidence.Idioms;
        var tests = context.Evidence.Tests.Where(t => IsPartialDbFailureTest(t, context)).ToArray();
        foreach (var unit in units)
        {
            var names = unit.Type.BaseTypes.Where(context.IsProductionType).Prepend(unit.Type.Type.SimpleName).ToArray();
            if (tests.Any(t => context.Evidence.ReachesAny(t, names)))
            {
                continue;
            }

            var typeName = unit.Type.Type.SimpleName;
            var where = $"{typeName}.{unit.Method.Name}";
            var stores = unit.Targets.Select(t => t.Owner == typeName ? t.Store : $"{t.Store} (via {t.Owner})").Distinct(StringComparer.Ordinal).ToArray();
            var what = unit.InLoop && unit.Targets.Count == 1
                ? $"writes through {stores[0]} once per item in a loop, each write its own commit"
                : $"writes through {List(stores)} in separate commits";
            var variable = TestIdioms.VariableOf(typeName);
            var call = $"{variable}.{unit.Method.Name}({Arguments(unit.Method.ParameterTypes, idioms)})";
            var returnsTask = unit.Method.ReturnType.StartsWith("Task", StringComparison.Ordinal) || unit.Method.ReturnType.StartsWith("ValueTask", StringComparison.Ordinal);
            findings.Add(new Finding(
                rule.Id,
                rule.DefaultSeverity,
                $"No test makes the database fail part-way through {where}, which {what}, and asserts the state left behind and that a retry completes the work (partial DB failure).",
                $"If the database fails between those writes (a lost connection, a deadlock victim, a full disk), {where} leaves the first write without the {(unit.InLoop && unit.Targets.Count == 1 ? "rest" : "second")}; a caller's or provider's retry can then be refused as already done or apply the first part twice. No transaction spans them, and no test shows what state remains.",
                "Integration",
                Lines(
                    idioms.TestAttribute(async: true),
                    idioms.AsyncSignature($"{unit.Method.Name}_DatabaseFailsAfterTheFirstWrite_LeavesConsistentStateAndRetrySucceeds"),
                    "{",
                    $"    var {variable} = Create{typeName}(); // over a real database",
                    Declarations(unit.Method.ParameterTypes, idioms),
                    $"    await FailWritesThrough(\"{unit.Targets[^1].Store}\"); // e.g. a trigger that RAISEs, or a failing fake of that store",
                    string.Empty,
                    "    " + idioms.Throws("Exception", call, returnsTask),
                    "    // assert the state: nothing half-applied, or a state the retry can complete",
                    string.Empty,
                    "    await Heal();",
                    $"    {Await(call, returnsTask)}; // the retry",
                    $"    {idioms.Equal("1", "await CountAppliedAsync()")}",
                    "}"),
                new SourceLocation(PathOf(unit.Type, unit.Method), unit.Method.Line, unit.Type.Type.FullName)));
        }
    }

    /// <summary>The file a method is declared in: a partial type's other part, when it is there.</summary>
    private static string PathOf(ProductionFacts type, CallGraphMethod method) =>
        type.Methods.FirstOrDefault(m => m.Name == method.Name && m.Line == method.Line)?.Path ?? type.Type.Path;

    /// <summary>
    /// Use cases that write through two or more stores in separate commits, or through one store in a loop, without a
    /// transaction of their own: public methods of production classes that are not data-access types themselves.
    /// Writes made by a collaborator's method (<c>_orders.ConfirmPaymentAsync</c> saving through <c>IOrderRepository</c>)
    /// count, up to three calls deep; a callee that opens its own transaction counts as one write.
    /// </summary>
    private static IReadOnlyList<UnitOfWork> MultiWriteUnits(FailureContext context)
    {
        var units = new List<UnitOfWork>();
        var memo = new Dictionary<(string, string), List<(WriteTarget Target, bool InLoop, int Commits)>>();
        foreach (var type in context.Suite.Production.Where(p => p.Kind is "class" or "record"))
        {
            if (IsPersistenceType(context, type) || context.GraphOf(type) is not { IsAbstract: false, IsStatic: false } graph)
            {
                continue;
            }

            foreach (var method in graph.Methods.Where(m => m.IsPublic && !m.OpensTransaction).OrderBy(m => m.Line))
            {
                var writes = WritesOf(context, graph, method.Name, 0, [], memo);

                // With a unit of work (SaveChanges, SaveEntities, Commit), repository writes are staged: only commits count.
                if (writes.Any(w => w.Commits > 0))
                {
                    writes = writes.Where(w => w.Commits > 0).ToList();
                }

                // A loop that commits a unit of work once per iteration (an outbox dispatcher marking each message)
                // makes each item its own transaction on purpose; a loop of self-committing store writes does not.
                var targets = writes.Select(w => w.Target).Distinct().ToArray();
                var inLoop = writes.Any(w => w.InLoop && w.Commits == 0);

                // So does a background worker's loop writing through one store (a dispatcher marking each message sent or
                // failed with one statement): the items are independent, each write is a whole item.
                if (inLoop && targets.Length == 1 && writes.All(w => w.Commits <= 1) && IsBackgroundWorker(type))
                {
                    continue;
                }
                if (targets.Length >= 2 || inLoop || writes.Any(w => w.Commits >= 2))
                {
                    units.Add(new UnitOfWork(type, method, targets, inLoop));
                    break;
                }
            }
        }

        // A controller or handler that only delegates to reported use cases (each of its writes is made by a use case that is
        // reported itself, none in a loop of its own) adds no risk of its own: the use case's finding is the one to fix.
        return units
            .Where(u => u.InLoop || !u.Targets.All(t => t.Owner != u.Type.Type.SimpleName
                && units.Any(owner => owner != u && owner.Type.Type.SimpleName == t.Owner && owner.Targets.Contains(t))))
            .OrderBy(u => u.Type.Type.FullName, StringComparer.Ordinal)
            .ToArray();
    }

    private static bool IsBackgroundWorker(ProductionFacts type) =>
        type.BaseTypes.Any(b => b is "BackgroundService" or "IHostedService" or "IHostedLifecycleService");

    private static bool IsPersistenceType(FailureContext context, ProductionFacts type) =>
        IsPersistenceName(type.Type.SimpleName)
        || type.BaseTypes.Any(b => IsPersistenceName(b) || b is "DbContext" or "IdentityDbContext");

    private static bool IsCommitTarget(FailureContext context, string type) =>
        type.EndsWith("DbContext", StringComparison.Ordinal) || type.EndsWith("UnitOfWork", StringComparison.Ordinal)
        || context.Suite.ProductionBySimpleName[type].Any(p => p.BaseTypes.Any(b => b is "DbContext" or "IdentityDbContext"));

    private static List<(WriteTarget Target, bool InLoop, int Commits)> WritesOf(
        FailureContext context,
        CallGraphType type,
        string method,
        int depth,
        HashSet<(string, string)> visiting,
        Dictionary<(string, string), List<(WriteTarget Target, bool InLoop, int Commits)>> memo)
    {
        var key = (type.FullName, method);
        if (memo.TryGetValue(key, out var known))
        {
            return known;
        }

        var writes = new List<(WriteTarget Target, bool InLoop, int Commits)>();
        if (depth > 3 || !visiting.Add(key))
        {
            return writes;
        }

        var members = type.Members.ToDictionary(m => m.Name, m => m.Type, StringComparer.Ordinal);
        foreach (var body in type.Methods.Where(m => m.Name == method))
        {
            var own = new List<(WriteTarget Target, bool InLoop, int Commits)>();
            var commitPaths = new List<(WriteTarget Target, int Commits, int? Branch, int Line)>();
            foreach (var call in body.Calls)
            {
                if (call.Receiver is null)
                {
                    continue;
                }

                if (call.Receiver.Length == 0)
                {
                    var inner = WritesOf(context, type, call.Method, depth, visiting, memo);
                    own.AddRange(inner.Select(w => (w.Target, w.InLoop || call.InLoop, w.Commits)));
                    commitPaths.AddRange(inner.Select(w => (w.Target, w.Commits, call.ExitBranch, call.Line)));
                    continue;
                }

                if (!members.TryGetValue(call.Receiver, out var dependency))
                {
                    continue;
                }

                var via = type.SimpleName;
                if (IsCommitTarget(context, dependency))
                {
                    if (CommitPrefixes.Any(p => call.Method.StartsWith(p, StringComparison.Ordinal)))
                    {
                        own.Add((new WriteTarget(dependency, via), call.InLoop, 1));
                        commitPaths.Add((new WriteTarget(dependency, via), 1, call.ExitBranch, call.Line));
                    }
                }
                else if (IsPersistenceName(dependency))
                {
                    // _orders.UnitOfWork.SaveEntitiesAsync() commits; _orders.AddAsync(order) writes (or stages).
                    if (CommitPrefixes.Any(p => p != "Execute" && call.Method.StartsWith(p, StringComparison.Ordinal)))
                    {
                        own.Add((new WriteTarget(dependency, via), call.InLoop, 1));
                        commitPaths.Add((new WriteTarget(dependency, via), 1, call.ExitBranch, call.Line));
                    }
                    else if (IsWriteName(call.Method)
                        ? WritesInSources(context, dependency, call.Method, countTransactions: true) ?? true
                        : WritesInSources(context, dependency, call.Method, countTransactions: false) ?? false)
                    {
                        // A write-named method whose body is unknown is taken at its word; an EF repository's Add that
                        // leaves SaveChanges to a unit of work only stages. A domain-verb method (ActivateAsync) writes
                        // when its body runs a database write (a read in a transaction or execution strategy does not).
                        own.Add((new WriteTarget(dependency, via), call.InLoop, 0));
                    }
                }
                else if (ResolveClass(context, dependency) is { } collaborator && !OpensConnection(collaborator, call.Method))
                {
                    var through = WritesOf(context, collaborator, call.Method, depth + 1, visiting, memo);
                    own.AddRange(through.Select(w => (w.Target, w.InLoop || call.InLoop, w.Commits)));
                    commitPaths.AddRange(through.Select(w => (w.Target, w.Commits, call.ExitBranch, call.Line)));

                    // A collaborator that runs its own SQL (an audit log, an outbox writer) is a store whatever its name; like
                    // a repository's write, it is not a unit-of-work commit.
                    if (through.Count == 0 && WritesItself(collaborator, call.Method) && DoesDataAccess(context, collaborator))
                    {
                        own.Add((new WriteTarget(dependency, via), call.InLoop, 0));
                    }
                }
            }

            if (body.OpensTransaction && own.Count > 0)
            {
                // The method commits its writes together: one atomic write (TG0405 covers its rollback).
                own = [(own[0].Target, false, 0)];
            }
            else
            {
                // Commits in branches that return early are alternatives (create the plan and return, or update it):
                // a target's commits are those of the path that makes the most.
                own = own.GroupBy(w => w.Target)
                    .Select(g => (g.Key, g.Any(w => w.InLoop), CommitsOnOnePath(commitPaths.Where(c => c.Target == g.Key).ToArray())))
                    .ToList();
            }

            writes.AddRange(own);
        }

        // Commits to the same DbContext/unit of work add up; two of them in one method are two transactions.
        var merged = writes.GroupBy(w => w.Target)
            .Select(g => (g.Key, g.Any(w => w.InLoop), g.Sum(w => w.Commits)))
            .ToList();
        visiting.Remove(key);
        memo[key] = merged;
        return merged;
    }

    /// <summary>
    /// The most commits one run of a method makes: those on its main path, or those of one early-exit branch with the
    /// main path's commits before it.
    /// </summary>
    private static int CommitsOnOnePath(IReadOnlyList<(WriteTarget Target, int Commits, int? Branch, int Line)> commits)
    {
        var main = commits.Where(c => c.Branch is null).ToArray();
        var most = main.Sum(c => c.Commits);
        foreach (var branch in commits.Where(c => c.Branch is not null).GroupBy(c => c.Branch))
        {
            var start = branch.Min(c => c.Line);
            most = Math.Max(most, branch.Sum(c => c.Commits) + main.Where(c => c.Line < start).Sum(c => c.Commits));
        }

        return most;
    }

    /// <summary>
    /// Whether the store's method writes to the database itself (or its own helpers do): null when its implementation is
    /// not in the sources. With <paramref name="countTransactions"/>, opening a transaction counts as writing.
    /// </summary>
    private static bool? WritesInSources(FailureContext context, string store, string method, bool countTransactions) =>
        ResolveClass(context, store) is { } implementation && implementation.Methods.Any(m => m.Name == method)
            ? WritesItself(implementation, method, countTransactions)
            : null;

    /// <summary>
    /// A connection factory's method hands a connection to its caller; the pragmas it runs on it are set-up, and the
    /// caller's own statements are the writes.
    /// </summary>
    private static bool OpensConnection(CallGraphType type, string method) =>
        type.Methods.Any(m => m.Name == method && m.ReturnType.Contains("Connection", StringComparison.Ordinal));

    private static bool DoesDataAccess(FailureContext context, CallGraphType type) =>
        context.Suite.ProductionBySimpleName[type.SimpleName].FirstOrDefault(p => p.Type.FullName == type.FullName) is { } facts
        && DatabaseIndex.Of(context.Suite).DoesDataAccess(facts);

    /// <summary>
    /// The class's method of that name, or a helper of its own it calls, writes to a database (or, with
    /// <paramref name="countTransactions"/>, opens a transaction) itself, not through a dependency.
    /// </summary>
    private static bool WritesItself(CallGraphType implementation, string method, bool countTransactions = true)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { method };
        var pending = new Queue<CallGraphMethod>(implementation.Methods.Where(m => m.Name == method));
        while (pending.Count > 0)
        {
            var body = pending.Dequeue();
            if (body.Commits || (countTransactions && body.OpensTransaction))
            {
                return true;
            }

            foreach (var call in body.Calls.Where(c => c.Receiver is { Length: 0 } && seen.Add(c.Method)))
            {
                foreach (var helper in implementation.Methods.Where(m => m.Name == call.Method))
                {
                    pending.Enqueue(helper);
                }
            }
        }

        return false;
    }

    private static bool IsWriteName(string method) =>
        WritePrefixes.Any(p => method.StartsWith(p, StringComparison.Ordinal) && (method.Length == p.Length || !char.IsLower(method[p.Length])));

    /// <summary>A production class by name, or the single production class implementing an interface of that name.</summary>
    private static CallGraphType? ResolveClass(FailureContext context, string name)
    {
        var direct = context.TypesBySimpleName[name].Where(t => t.Kind is "class" or "record").ToArray();
        if (direct.Length == 1)
        {
            return direct[0];
        }

        var implementations = context.Implementations[name].Select(context.GraphOf).OfType<CallGraphType>().Distinct().ToArray();
        return implementations.Length == 1 ? implementations[0] : null;
    }

    /// <summary>
    /// A test of a partial database failure: it makes the database fail (SQL that raises, directly or through a helper it
    /// calls; a mocked store set up to throw; a thrown database exception; a failing fake of a store or an EF
    /// interceptor), asserts something other than the exception (the state left behind), and is about the failure
    /// (asserts or catches it, or its name says fail/error/retry).
    /// </summary>
    private static bool IsPartialDbFailureTest(EvidenceTest test, FailureContext context)
    {
        var actions = test.Actions;
        var facts = test.Facts;
        var evidence = context.Evidence;
        if (!actions.AssertsOther || !(actions.AssertsThrows || actions.CatchesException || test.Says(FailureWords) || test.Says(RetryWords)))
        {
            return false;
        }

        return HasDatabaseFailureSql(facts.StringLiterals)
            || evidence.CallsDatabaseFailure(test)
            || (actions.InjectsThrow && (actions.ThrowingMockTypes.Any(IsPersistenceName)
                || (actions.ThrowingMockTypes.Contains("*") && facts.MockedTypes.Any(IsPersistenceName))
                || DatabaseExceptions.Any(facts.Mentions)))
            || (evidence.AnyThrowingHelper && evidence.HelpersOf(test).Any(h =>
                h.BaseTypes.Any(b => IsPersistenceName(b) || b.EndsWith("Interceptor", StringComparison.Ordinal) || b is "DbContext")
                && h.Throws
                && (SaysName(h.Name, FailingHelperWords) || h.FailingMembers.Any(facts.Invokes))));
    }

    private static bool SaysName(string typeName, IReadOnlyList<string[]> words)
    {
        var split = SplitWords(typeName);
        return words.Any(w => w.Length == 1 && split.Contains(w[0], StringComparer.Ordinal));
    }

    private static string[] SplitWords(string name)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            if (i == name.Length || char.IsUpper(name[i]) || name[i] == '_')
            {
                var word = name[start..i].Trim('_');
                if (word.Length > 0)
                {
                    words.Add(word.ToLowerInvariant());
                }

                start = i;
            }
        }

        return words.ToArray();
    }

    // ------------------------------------------------------------------------------------------------ TG0605

    private sealed record CacheUser(ProductionFacts Type, IReadOnlyList<string> Caches, IReadOnlyList<string> Aliases);

    private static void CacheFailures(FailureContext context, List<Finding> findings)
    {
        var users = CacheUsers(context);
        if (users.Count == 0)
        {
            return;
        }

        var rule = RuleCatalog.Get("TG0605");
        var idioms = context.Evidence.Idioms;
        var library = idioms.MockLibrary;
        var allCaches = users.SelectMany(u => u.Caches).ToHashSet(StringComparer.Ordinal);
        var inProcessOnly = users.Where(u => u.Caches.All(InProcessCaches.Contains)).ToArray();
        var failureTests = context.Evidence.Tests.Where(t => IsCacheFailureTest(t, allCaches, context)).ToArray();
        var evictionTests = inProcessOnly.Length == 0 ? [] : context.Evidence.Tests.Where(IsCacheEvictionTest).ToArray();
        bool Tested(CacheUser user)
        {
            var names = user.Aliases.Prepend(user.Type.Type.SimpleName).ToArray();
            var candidates = user.Caches.All(InProcessCaches.Contains) ? failureTests.Concat(evictionTests) : failureTests;
            return candidates.Any(t => context.Evidence.ReachesAny(t, names));
        }

        var tested = users.Where(Tested).ToArray();

        // Users that hand their cache to a shared static helper (StockLevelCacheInvalidation.TryInvalidateAsync(_cache,
        // ...)) share its failure handling: a failure test through one of them tests it for all.
        var helpersOfTested = tested.SelectMany(u => SharedCacheHelpersOf(context, u.Type)).ToHashSet(StringComparer.Ordinal);
        foreach (var user in users)
        {
            if (tested.Contains(user)
                || (SharedCacheHelpersOf(context, user.Type) is { Count: > 0 } shared && shared.All(helpersOfTested.Contains)))
            {
                continue;
            }

            var typeName = user.Type.Type.SimpleName;
            var method = user.Type.Methods.Where(m => m.IsPublic && m.InvokedMembers.Any(IsCacheCall)).OrderBy(m => m.Line).FirstOrDefault()
                ?? user.Type.Methods.Where(m => m.IsPublic).OrderBy(m => m.Line).FirstOrDefault();
            var where = method is null ? typeName : $"{typeName}.{method.Name}";
            var cache = user.Caches[0];
            var variable = TestIdioms.VariableOf(typeName);
            var act = method is null ? $"{variable}.GetAsync({idioms.Token})" : $"{variable}.{method.Name}({Arguments(method.ParameterTypes, idioms)})";
            var inProcess = user.Caches.All(InProcessCaches.Contains);
            var cacheCalls = method?.InvokedMembers.Where(IsCacheCall).ToArray() ?? [];

            // A method that writes its source and then removes or refreshes the cached entry invalidates; it never reads.
            var invalidates = !inProcess && cacheCalls.Length > 0 && cacheCalls.All(c => c.StartsWith("Remove", StringComparison.Ordinal) || c.StartsWith("Refresh", StringComparison.Ordinal));
            var (setup, injected) = inProcess
                ? ("    var memoryCache = new MemoryCache(new MemoryCacheOptions());", "memoryCache")
                : FailingCache(context, library, cache, cacheCalls);
            findings.Add(new Finding(
                rule.Id,
                rule.DefaultSeverity,
                inProcess
                    ? $"No test makes {List(user.Caches)} lose its entries (evicted, expired, compacted) and asserts that {where} falls back to its source of truth without corrupting state (cache failure)."
                    : invalidates
                        ? $"No test makes {List(user.Caches)} fail while {where} invalidates it ({List(cacheCalls)}) and asserts that the write to the source of truth stands and no stale entry is served afterwards (cache failure)."
                        : $"No test makes {List(user.Caches)} fail or become unavailable and asserts that {where} falls back to its source of truth without corrupting state (cache failure).",
                inProcess
                    ? $"{typeName} reads through {cache}: when an entry is evicted under memory pressure or expires mid-operation, it may serve stale or partial data, or treat a cache miss as 'not found'. Nothing tests that {typeName} stays correct without its cache."
                    : invalidates
                        ? $"When {cache} is down or slow while {where} invalidates the entry (a Redis outage, a timeout), the request can fail after the source of truth was already written, so a caller's retry repeats the write, and the stale entry stays to be served until it expires. Nothing tests what {typeName} does when invalidation fails."
                        : $"When {cache} is down or slow (a Redis outage, a timeout, a serialization error), {typeName} may fail requests its source of truth could answer, or store a half-updated entry that later reads trust. A cache should never decide correctness, and nothing tests that {typeName} survives losing it.",
                "Application",
                Lines(
                    idioms.TestAttribute(async: true),
                    idioms.AsyncSignature(invalidates ? $"{method!.Name}_CacheUnavailable_KeepsTheWriteAndServesNoStaleEntry" : $"{method?.Name ?? "Get"}_CacheUnavailable_FallsBackToTheSource"),
                    "{",
                    setup,
                    $"    var {variable} = Create{typeName}({TestIdioms.VariableOf(cache)}: {injected}); // the real source of truth behind it",
                    method is null ? null : Declarations(method.ParameterTypes, idioms),
                    string.Empty,
                    inProcess ? $"    {Await(act, method is null || method.IsAsync || method.Name.EndsWith("Async", StringComparison.Ordinal))}; // fills the cache" : null,
                    inProcess ? "    memoryCache.Compact(1.0); // evicts every entry, as memory pressure would" : null,
                    invalidates
                        ? $"    {Await(act, method!.IsAsync || method.Name.EndsWith("Async", StringComparison.Ordinal))}; // or assert the exception callers get, if it is rethrown"
                        : $"    var result = {Await(act, method is null || method.IsAsync || method.Name.EndsWith("Async", StringComparison.Ordinal))};",
                    string.Empty,
                    invalidates
                        ? "    // assert: the source of truth holds the write once, and the next read does not return the stale entry"
                        : $"    {idioms.Equal("expectedFromTheSource", "result")} // served from the source, nothing half-written to the cache",
                    "}"),
                Location(user.Type, method)));
        }
    }

    /// <summary>The solution's static classes the type calls that take a cache as a parameter: where its cache calls live.</summary>
    private static IReadOnlyCollection<string> SharedCacheHelpersOf(FailureContext context, ProductionFacts type) =>
        type.StaticReceivers
            .Where(r => context.Suite.ProductionBySimpleName[r].Any(h => context.IsAbstractOrStatic(h) && h.Methods.Any(m => m.ParameterTypes.Any(IsCacheType))))
            .ToArray();

    private static bool IsCacheCall(string member) =>
        member.StartsWith("Get", StringComparison.Ordinal) || member.StartsWith("Set", StringComparison.Ordinal) || member.StartsWith("TryGetValue", StringComparison.Ordinal)
        || member.StartsWith("Remove", StringComparison.Ordinal) || member.StartsWith("String", StringComparison.Ordinal) || member.StartsWith("Refresh", StringComparison.Ordinal);

    /// <summary>A known cache API, or a type named <c>*Cache</c>, <c>*CacheService</c>, <c>*CacheManager</c>, <c>*CacheProvider</c>, <c>*CacheClient</c>.</summary>
    private static bool IsCacheType(string name) =>
        KnownCaches.Contains(name)
        || (EndsWithAny(name, "Cache", "CacheService", "CacheManager", "CacheProvider", "CacheClient") && name.Length > "Cache".Length + 1);

    /// <summary>
    /// Production classes that depend on a cache (IMemoryCache, IDistributedCache, IConnectionMultiplexer, HybridCache,
    /// FusionCache, or a type named <c>*Cache</c>). A cache wrapper that other classes use through its name is reported at
    /// those classes, and tests of either count.
    /// </summary>
    private static IReadOnlyList<CacheUser> CacheUsers(FailureContext context)
    {
        var raw = context.Suite.Production
            .Where(p => p.Kind is "class" or "record" && !context.IsAbstractOrStatic(p))
            .Select(p => (Type: p, Caches: p.DependencyTypes.Where(d => IsCacheType(d) && d != p.Type.SimpleName && !p.BaseTypes.Contains(d, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToArray()))
            .Where(x => x.Caches.Length > 0)
            .ToArray();
        var users = new List<CacheUser>();
        foreach (var (type, caches) in raw)
        {
            var ownNames = type.BaseTypes.Append(type.Type.SimpleName).ToArray();
            var isWrapper = ownNames.Any(IsCacheType);
            if (isWrapper && raw.Any(other => !ReferenceEquals(other.Type, type) && other.Caches.Any(ownNames.Contains)))
            {
                continue;
            }

            // A consumer of a wrapper: the wrapper's names and the caches under it count too.
            var wrapped = raw.Where(other => !ReferenceEquals(other.Type, type) && other.Type.BaseTypes.Append(other.Type.Type.SimpleName).Any(caches.Contains)).ToArray();
            users.Add(new CacheUser(
                type,
                caches.Concat(wrapped.SelectMany(w => w.Caches)).Distinct(StringComparer.Ordinal).ToArray(),
                type.BaseTypes.Where(context.IsProductionType).Concat(wrapped.Select(w => w.Type.Type.SimpleName)).Distinct(StringComparer.Ordinal).ToArray()));
        }

        return users.OrderBy(u => u.Type.Type.FullName, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// A test of a cache failure: a cache double is set up to throw, a Redis exception is thrown, or a failing fake of a
    /// cache type is used; and the test asserts an outcome.
    /// </summary>
    private static bool IsCacheFailureTest(EvidenceTest test, HashSet<string> caches, FailureContext context)
    {
        var actions = test.Actions;
        var facts = test.Facts;
        if (!actions.AssertsOther && !actions.AssertsThrows)
        {
            return false;
        }

        bool IsCache(string name) => caches.Contains(name) || IsCacheType(name);
        return (actions.InjectsThrow && (actions.ThrowingMockTypes.Any(IsCache) || (actions.ThrowingMockTypes.Contains("*") && facts.MockedTypes.Any(IsCache))))
            || (CacheExceptions.Any(facts.Mentions) && (actions.InjectsThrow || facts.CreatedTypes.Any(c => CacheExceptions.Contains(c))))
            || (context.Evidence.AnyThrowingHelper && context.Evidence.HelpersOf(test).Any(h => h.BaseTypes.Any(IsCache) && h.Throws
                && (SaysName(h.Name, FailingHelperWords) || h.FailingMembers.Any(facts.Invokes))));
    }

    /// <summary>An in-process cache does not go down; losing its entries (eviction, expiry, compaction) is its failure.</summary>
    private static bool IsCacheEvictionTest(EvidenceTest test) =>
        (test.Actions.AssertsOther || test.Actions.AssertsThrows)
        && (test.Facts.Invokes("Compact") || test.Facts.Invokes("Remove") || test.Facts.Invokes("Clear") || test.Actions.DelaysOrHangs);

    /// <summary>IDistributedCache's members, and the extension methods that call them (those cannot be set up themselves).</summary>
    private static readonly Dictionary<string, (string Member, string[] Arguments)> DistributedCacheMembers = new(StringComparer.Ordinal)
    {
        ["GetAsync"] = ("GetAsync", ["string", "CancellationToken"]),
        ["GetStringAsync"] = ("GetAsync", ["string", "CancellationToken"]),
        ["SetAsync"] = ("SetAsync", ["string", "byte[]", "DistributedCacheEntryOptions", "CancellationToken"]),
        ["SetStringAsync"] = ("SetAsync", ["string", "byte[]", "DistributedCacheEntryOptions", "CancellationToken"]),
        ["RemoveAsync"] = ("RemoveAsync", ["string", "CancellationToken"]),
        ["RefreshAsync"] = ("RefreshAsync", ["string", "CancellationToken"]),
        ["Get"] = ("Get", ["string"]),
        ["GetString"] = ("Get", ["string"]),
        ["Set"] = ("Set", ["string", "byte[]", "DistributedCacheEntryOptions"]),
        ["SetString"] = ("Set", ["string", "byte[]", "DistributedCacheEntryOptions"]),
        ["Remove"] = ("Remove", ["string"]),
        ["Refresh"] = ("Refresh", ["string"]),
    };

    /// <summary>A double of the cache whose member the use case calls first (else its first member) throws.</summary>
    private static (string Setup, string Injected) FailingCache(FailureContext context, string? library, string cache, IReadOnlyList<string> calls)
    {
        var variable = TestIdioms.VariableOf(cache);
        var (member, arguments) = cache switch
        {
            "IDistributedCache" => DistributedCacheMembers[calls.FirstOrDefault(DistributedCacheMembers.ContainsKey) ?? "GetAsync"],
            "IConnectionMultiplexer" => ("GetDatabase", ["int", "object"]),
            _ when KnownCaches.Contains(cache) => ((string?)null, Array.Empty<string>()),
            _ => context.TypesBySimpleName[cache].SelectMany(t => t.Methods).Where(m => m.IsPublic)
                .OrderBy(m => calls.Contains(m.Name, StringComparer.Ordinal) ? 0 : 1).ThenBy(m => m.Line)
                .Select(m => ((string?)m.Name, m.ParameterTypes.ToArray())).FirstOrDefault(),
        };
        const string failure = "new TimeoutException(\"cache unavailable\")";
        if (member is null)
        {
            return ($"    var {variable} = new Unavailable{TestIdioms.WithoutInterfacePrefix(cache)}(); // every member throws {failure}", variable);
        }

        var throws = member.EndsWith("Async", StringComparison.Ordinal) ? "ThrowsAsync" : "Throws";
        return library switch
        {
            "Moq" => (Lines(
                    $"    var {variable} = new Mock<{cache}>();",
                    $"    {variable}.Setup(c => c.{member}({string.Join(", ", arguments.Select(a => $"It.IsAny<{a}>()"))})).{throws}({failure});"),
                variable + ".Object"),
            "NSubstitute" => (Lines(
                    $"    var {variable} = Substitute.For<{cache}>();",
                    $"    {variable}.{member}({string.Join(", ", arguments.Select(a => $"Arg.Any<{a}>()"))}).{throws}({failure});"),
                variable),
            "FakeItEasy" => (Lines(
                    $"    var {variable} = A.Fake<{cache}>();",
                    $"    A.CallTo(() => {variable}.{member}({string.Join(", ", arguments.Select(a => $"A<{a}>._"))})).{throws}({failure});"),
                variable),
            _ => ($"    var {variable} = new Unavailable{TestIdioms.WithoutInterfacePrefix(cache)}(); // implements {cache}; every member throws {failure}", variable),
        };
    }
}
