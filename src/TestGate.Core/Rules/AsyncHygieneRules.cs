using TestGate.Core.Model;
using TestGate.Core.Suite;
using static TestGate.Core.Rules.AsyncPyramidStyle;
using static TestGate.Core.Rules.Prose;

namespace TestGate.Core.Rules;

public static partial class StructuralRules
{
    static partial void AsyncHygiene(SuiteModel suite, List<Finding> findings)
    {
        AsyncHygieneRules.SyncOverAsyncInTest(suite, findings);
        AsyncHygieneRules.AsyncVoidTest(suite, findings);
        AsyncHygieneRules.AsyncTestWithoutTimeout(suite, findings);
        AsyncHygieneRules.MissingCancellationTest(suite, findings);
        AsyncHygieneRules.BlockingSyncFixture(suite, findings);
    }
}

/// <summary>TG0301–TG0305: async tests are awaited, bounded in time, and cancellation is tested where work is long.</summary>
internal static class AsyncHygieneRules
{
    private static IEnumerable<TestFacts> Ordered(IEnumerable<TestFacts> tests) =>
        tests.OrderBy(t => t.Method.Path, StringComparer.Ordinal).ThenBy(t => t.Method.Line);

    private static string Name(TestFacts test) => $"{SimpleClassName(test.Method.ClassName)}.{test.Method.MethodName}";

    // ---------------------------------------------------------------- TG0301

    /// <summary>One finding per test that blocks on a task (the first wait; the count of the others).</summary>
    public static void SyncOverAsyncInTest(SuiteModel suite, List<Finding> findings)
    {
        var rule = RuleCatalog.Get("TG0301");
        var suiteIdioms = TestIdioms.Of(suite);
        foreach (var test in Ordered(suite.Tests))
        {
            var waits = test.BlockingWaits.Where(w => !IsTrivialWait(w.Expression)).OrderBy(w => w.Line).ToArray();
            if (waits.Length == 0)
            {
                continue;
            }

            var wait = waits[0];
            var expression = Short(wait.Expression);
            var awaited = Awaitable(OneLine(wait.Expression));
            var idioms = suiteIdioms.For(test.Framework);
            var more = waits.Length > 1 ? $" (and {Count(waits.Length - 1, "more blocking wait", "more blocking waits")} in the same test)" : string.Empty;
            var wrapped = wait.Expression.EndsWith(".GetAwaiter().GetResult()", StringComparison.Ordinal)
                ? "and a failure surfaces on a blocked thread instead of the test's own await"
                : $"and a failure of {Short(awaited, 80)} arrives wrapped in an AggregateException instead of the real exception";
            findings.Add(new Finding(
                rule.Id,
                rule.DefaultSeverity,
                $"Test {Name(test)} blocks on asynchronous work with `{expression}` at line {wait.Line}{more} instead of awaiting it.",
                $"`{expression}` holds a thread until {Short(awaited, 80)} completes: under a synchronisation context or with tests running in parallel it can deadlock or starve the thread pool and hang the run without naming {test.Method.MethodName}, {wrapped}.",
                KindName(test.Kind, "Unit"),
                Lines(
                    idioms.TestAttribute(async: true),
                    idioms.AsyncSignature(test.Method.MethodName),
                    "{",
                    $"    // was: {expression}",
                    wait.Expression.EndsWith(".Result", StringComparison.Ordinal) ? $"    var result = await {awaited};" : $"    await {awaited};",
                    "",
                    "    // the rest of the test unchanged, every other wait awaited too",
                    "}"),
                new SourceLocation(test.Method.Path, wait.Line, $"{test.Method.ClassName}.{test.Method.MethodName}")));
        }
    }

    // ---------------------------------------------------------------- TG0302

    public static void AsyncVoidTest(SuiteModel suite, List<Finding> findings)
    {
        var rule = RuleCatalog.Get("TG0302");
        var suiteIdioms = TestIdioms.Of(suite);
        foreach (var test in Ordered(suite.Tests).Where(t => t.IsAsync && t.ReturnsVoid))
        {
            var idioms = suiteIdioms.For(test.Framework);
            var consequence = idioms.Framework switch
            {
                "nunit" => $"NUnit refuses async void test methods, so {test.Method.MethodName} reports an error instead of testing anything",
                "tunit" => $"TUnit gets no task to await: {test.Method.MethodName} can be judged before its awaited assertions run, and an exception thrown after its first await escapes the test",
                "mstest" => $"MSTest does not await it: {test.Method.MethodName} passes as soon as it reaches its first await, before its assertions run, and an exception thrown later can crash the test host and lose other tests' results",
                _ => $"xUnit v2 only waits for it through a synchronisation context it installs for async void (xUnit v3 refuses such tests), and an exception thrown after the first await in {test.Method.MethodName} is raised on that context rather than through a returned task",
            };
            findings.Add(new Finding(
                rule.Id,
                rule.DefaultSeverity,
                $"Test {Name(test)} is declared `async void`: the test runner gets no task to await.",
                $"{consequence}.",
                KindName(test.Kind, "Unit"),
                Lines(
                    idioms.TestAttribute(async: true),
                    idioms.AsyncSignature(test.Method.MethodName) + "   // was: public async void " + test.Method.MethodName + "()",
                    "{",
                    "    // the body unchanged: every await now completes before the runner judges the test",
                    "}"),
                test.Location));
        }
    }

    // ---------------------------------------------------------------- TG0303

    /// <summary>One finding per test class with async tests that have no timeout, listing the methods.</summary>
    public static void AsyncTestWithoutTimeout(SuiteModel suite, List<Finding> findings)
    {
        var rule = RuleCatalog.Get("TG0303");
        var suiteIdioms = TestIdioms.Of(suite);
        var timedProjects = new HashSet<string>(suite.ProjectsWithDefaultTimeout, StringComparer.Ordinal);
        var groups = suite.Tests
            .Where(t => t.IsAsync && !t.ReturnsVoid && !t.HasTimeout && !t.AwaitsOnlyValueAssertions && !t.IsSkipped && !timedProjects.Contains(t.Method.Project))
            .GroupBy(t => (t.Method.Project, t.Method.ClassName, t.Method.Path))
            .OrderBy(g => g.Key.Path, StringComparer.Ordinal)
            .ThenBy(g => g.Key.ClassName, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var tests = group.OrderBy(t => t.Method.Line).ToArray();
            var first = tests[0];
            var className = SimpleClassName(group.Key.ClassName);
            var names = tests.Select(t => t.Method.MethodName).ToArray();
            var idioms = suiteIdioms.For(first.Framework);
            var subject = tests.Length == 1
                ? $"Async test {className}.{first.Method.MethodName} has"
                : $"{tests.Length} async tests in {className} have";
            findings.Add(new Finding(
                rule.Id,
                rule.DefaultSeverity,
                $"{subject} no explicit timeout (no framework timeout, no CancellationTokenSource with a delay, no WaitAsync): {List(names, 8)}.",
                $"If an awaited call in {className} never completes (a lost TaskCompletionSource, a dead connection, a token nobody cancels), the run hangs until the CI job's global limit and its log does not say which of {List(names, 3)} hung.",
                KindName(first.Kind, "Unit"),
                Lines(
                    idioms.TestAttribute(async: true),
                    idioms.AsyncSignature(first.Method.MethodName),
                    "{",
                    idioms.Token == "cancellationToken"
                        ? "    // the body unchanged; pass cancellationToken to the code under test so it stops when the time is up"
                        : "    // the body unchanged; a hang now fails this test by name after 10 seconds",
                    "}"),
                first.Location));
        }
    }

    // ---------------------------------------------------------------- TG0304

    private static readonly HashSet<string> SyncIo = new(StringComparer.Ordinal)
    {
        "ExecuteReader", "ExecuteNonQuery", "ExecuteScalar", "SaveChanges", "Query", "QueryFirst", "QuerySingle", "Execute", "Delay",
        "Send", "Receive", "Connect", "Open", "Read", "Write", "Sleep", "WaitOne",
    };

    private static readonly HashSet<string> NotIo = new(StringComparer.Ordinal) { "DisposeAsync", "CancelAsync", "FromResult", "ConfigureAwait" };

    private static readonly HashSet<string> HostedLifecycle = new(StringComparer.Ordinal)
    {
        "StartAsync", "StopAsync", "StartingAsync", "StartedAsync", "StoppingAsync", "StoppedAsync",
    };

    private static readonly HashSet<string> DataAccessTypes = new(StringComparer.Ordinal)
    {
        "SqliteConnection", "NpgsqlConnection", "NpgsqlDataSource", "SqlConnection", "MySqlConnection", "OracleConnection", "DbConnection",
        "IDbConnection", "DbContext", "DbDataSource", "IDbConnectionFactory", "IMongoDatabase", "IMongoCollection",
    };

    private static readonly HashSet<string> DataAccessCalls = new(StringComparer.Ordinal)
    {
        "ExecuteReader", "ExecuteReaderAsync", "ExecuteNonQuery", "ExecuteNonQueryAsync", "ExecuteScalar", "ExecuteScalarAsync",
        "SaveChanges", "SaveChangesAsync", "BeginTransaction", "BeginTransactionAsync", "CreateCommand", "QueryAsync", "QueryFirstOrDefaultAsync",
    };

    /// <summary>The test cancels: an OperationCanceledException/TaskCanceledException expected, a token source cancelled, or a cancelled token built.</summary>
    internal static bool Cancels(TestFacts test) =>
        test.Mentions("OperationCanceledException")
        || test.Mentions("TaskCanceledException")
        || ((test.Mentions("CancellationTokenSource") || test.Creates("CancellationTokenSource")) && (test.Invokes("Cancel") || test.Invokes("CancelAsync")))
        || test.Creates("CancellationToken");

    private static readonly string[] HostStarts =
    [
        "StartAsync", "Start", "ExecuteAsync", "RunAsync", "StartHost", "CreateHost", "CreateDefaultBuilder", "CreateBuilder",
        "CreateApplicationBuilder", "CreateClient",
    ];

    private static readonly string[] HostTypes = ["ExecuteTask", "WebApplicationFactory", "TestServer", "HostBuilder", "HostApplicationBuilder"];

    /// <summary>The test runs a hosted service's loop: it starts it, or a host (a web application factory or test server starts them too).</summary>
    private static bool RunsHostedService(TestFacts test) =>
        HostStarts.Any(test.Invokes) || HostTypes.Any(t => test.Mentions(t) || test.Creates(t));

    private static bool IsBackgroundService(ProductionFacts type) => type.BaseTypes.Contains("BackgroundService", StringComparer.Ordinal);

    private static bool IsHostedService(ProductionFacts type) =>
        IsBackgroundService(type) || type.BaseTypes.Any(b => b is "IHostedService" or "IHostedLifecycleService");

    private static bool IsController(ProductionFacts type) =>
        type.Type.SimpleName.EndsWith("Controller", StringComparison.Ordinal) || type.BaseTypes.Any(b => b is "Controller" or "ControllerBase");

    /// <summary>
    /// The feature the issue names: a method that does I/O or loops (any awaited <c>...Async</c> call, a synchronous
    /// database or socket call, a delay). A token taken by such a method is there to stop it; a test shows it does.
    /// </summary>
    private static bool DoesIo(MethodFacts method) =>
        method.HasLoop
        || method.InvokedMembers.Any(m => (m.EndsWith("Async", StringComparison.Ordinal) && !NotIo.Contains(m)) || SyncIo.Contains(m));

    /// <summary>
    /// A long-running method, the standard's concern: it loops while awaiting (polling, batches, hand-written retries)
    /// or waits for something else to happen (see <see cref="MethodFacts.Waits"/>).
    /// </summary>
    private static bool RunsLong(ProductionFacts type, MethodFacts method) =>
        method.HasLoop || method.Waits || (IsBackgroundService(type) && method.Name == "ExecuteAsync");

    /// <summary>Methods that take a token, read it and do I/O or loop, where a caller can reach them, and background service loops.</summary>
    private static IEnumerable<MethodFacts> CancellableMethods(ProductionFacts type)
    {
        if (type.Kind is "interface" or "enum" || IsController(type))
        {
            return [];
        }

        var background = IsBackgroundService(type);
        var hosted = IsHostedService(type);
        bool IsServiceLoop(MethodFacts method) => background && method.Name == "ExecuteAsync";

        // A method that ignores its token cannot be cancelled, whatever a test does (CA2016 flags the token not passed
        // on); a background service's loop still can hang on shutdown, which a stopping test shows.
        return type.Methods.Where(m =>
            m.TakesCancellationToken
            && (m.UsesCancellationToken || IsServiceLoop(m))
            && (m.IsPublic || IsServiceLoop(m))
            && !(hosted && HostedLifecycle.Contains(m.Name))
            && (DoesIo(m) || IsServiceLoop(m)));
    }

    private static bool IsDataAccess(ProductionFacts type) =>
        type.Uses("DbContext") || type.DependencyTypes.Any(DataAccessTypes.Contains) || type.CreatedTypes.Any(DataAccessTypes.Contains)
        || type.InvokedMembers.Any(DataAccessCalls.Contains)
        || type.Type.SimpleName.EndsWith("Repository", StringComparison.Ordinal)
        || type.Type.SimpleName.EndsWith("Migrator", StringComparison.Ordinal);

    /// <summary>
    /// The test names the type (or an interface it implements), creates it, or belongs to the class named after it
    /// (<c>AppointmentReminderServiceTests</c> getting its service from a harness's <c>CreateService()</c>).
    /// </summary>
    private static bool MentionsType(TestFacts test, ProductionFacts type) =>
        test.Mentions(type.Type.SimpleName) || test.Creates(type.Type.SimpleName) || type.BaseTypes.Any(test.Mentions)
        || TypeNames.SubjectOfTestClass(test.Method.ClassName) == type.Type.SimpleName;

    /// <summary>
    /// One finding per production type whose token-taking I/O or looping methods include some no cancelling test calls:
    /// P2 when one of them runs long (loops, waits, a background service's loop) or the suite cancels nothing, P3
    /// otherwise. A test covers a method when it cancels and calls a member of that name; when
    /// several types declare the name, a test that names one of them (or an interface it implements) covers only those.
    /// </summary>
    public static void MissingCancellationTest(SuiteModel suite, List<Finding> findings)
    {
        var rule = RuleCatalog.Get("TG0304");
        var candidates = suite.Production
            .Select(p => (Type: p, Methods: CancellableMethods(p).ToArray()))
            .Where(c => c.Methods.Length > 0)
            .ToArray();
        if (candidates.Length == 0)
        {
            return;
        }

        var owners = candidates
            .SelectMany(c => c.Methods.Select(m => (m.Name, c.Type)))
            .GroupBy(x => x.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Type).Distinct().ToArray(), StringComparer.Ordinal);
        var cancelling = suite.Tests.Where(t => !t.IsSkipped && Cancels(t)).ToArray();
        var namedByCancelling = new Lazy<HashSet<string>>(() => cancelling.SelectMany(t => t.Identifiers.Concat(t.CreatedTypes)).ToHashSet(StringComparer.Ordinal));
        var cancellingByMember = new Dictionary<string, List<TestFacts>>(StringComparer.Ordinal);
        foreach (var test in cancelling)
        {
            // A member the test only verifies on a double (DidNotReceive().RecordAsync(...)) is not one it cancels.
            foreach (var member in test.InvokedMembers.Where(m => owners.ContainsKey(m) && test.Runs(m)))
            {
                if (!cancellingByMember.TryGetValue(member, out var list))
                {
                    cancellingByMember[member] = list = [];
                }

                list.Add(test);
            }
        }

        // A background service's loop runs only when the test starts the host side of it (StartAsync, ExecuteAsync,
        // ExecuteTask) or runs a host; cancelling a token given to another of its methods leaves the loop untested.
        var stoppingTests = suite.Tests
            .Where(t => !t.IsSkipped && (Cancels(t) || t.Invokes("StopAsync")) && RunsHostedService(t))
            .ToArray();
        var stoppedServices = new Lazy<ProductionFacts[]>(() => suite.Production.Where(p => IsHostedService(p) && stoppingTests.Any(t => MentionsType(t, p))).ToArray());
        var coverageByName = new Dictionary<string, (bool AnyType, HashSet<ProductionFacts> Named)>(StringComparer.Ordinal);
        var cancellingHelpers = HelpersReachedBy(suite, cancelling);
        var idioms = TestIdioms.Of(suite);
        // One query or one HTTP call is not long-running (the driver and HttpClient honour the token themselves): when
        // the suite shows cancellation elsewhere, a type whose untested operations are all such calls is a P3 note.
        // A suite that cancels nothing ignores cancellation, which the standard forbids.
        var suiteCancels = cancellingByMember.Count > 0 || stoppingTests.Length > 0;
        foreach (var (type, methods) in candidates)
        {
            var uncovered = methods
                .Where(m => !Covered(type, m))
                .GroupBy(m => m.Name, StringComparer.Ordinal)
                .Select(g => g.OrderBy(m => m.Line).First())
                .OrderBy(m => !RunsLong(type, m))
                .ThenBy(m => m.Line)
                .ToArray();
            if (uncovered.Length == 0)
            {
                continue;
            }

            var finding = CancellationFinding(rule, type, uncovered, idioms);
            findings.Add(RunsLong(type, uncovered[0]) || !suiteCancels
                ? finding
                : finding.AsNote("none of them loops or waits, and the suite tests cancellation elsewhere: a note, not a warning"));
        }

        bool Covered(ProductionFacts type, MethodFacts method)
        {
            if (IsBackgroundService(type) && method.Name == "ExecuteAsync")
            {
                return stoppingTests.Any(t => MentionsType(t, type));
            }

            // A hosted service's other methods run under its stopping token (ExecuteAsync passes it on): a test that
            // stops the service cancels them too, and the methods of other types its loop calls with that token
            // (a scheduler resolving OverdueService and running MarkOverdueAsync in each tick).
            if (IsHostedService(type) && stoppingTests.Any(t => MentionsType(t, type)))
            {
                return true;
            }

            if (stoppedServices.Value.Any(s => s != type && s.InvokedMembers.Contains(method.Name, StringComparer.Ordinal)
                && (owners[method.Name].Length == 1 || s.DependencyTypes.Concat(s.CreatedTypes).Any(d => d == type.Type.SimpleName || type.BaseTypes.Contains(d, StringComparer.Ordinal)))))
            {
                return true;
            }

            // A cancelling test that sends the method's message through a mediator or harness (ledger.SendAsync(new
            // RebuildBalances(), cancelled.Token)) runs the handler with its token.
            if (MessageHandlers.MessageOf(method) is { } message && message != type.Type.SimpleName && namedByCancelling.Value.Contains(message))
            {
                return true;
            }

            if (!cancellingByMember.TryGetValue(method.Name, out var tests))
            {
                // A cancelling test that goes through a harness (harness.DeliverAsync(delivery, cancelled.Token)) whose
                // code names the type (or an interface of it) and calls the method.
                return cancellingHelpers.Any(h => h.Contains(method.Name) && (h.Contains(type.Type.SimpleName) || type.BaseTypes.Any(h.Contains)));
            }

            if (owners[method.Name].Length == 1)
            {
                return true;
            }

            var (anyType, named) = coverageByName.TryGetValue(method.Name, out var known)
                ? known
                : coverageByName[method.Name] = CoverageOf(owners[method.Name], tests);
            return anyType || named.Contains(type);
        }
    }

    /// <summary>
    /// The names mentioned by the test-project helper types (harnesses, drivers, builders) the tests name, and by the
    /// helpers those name in turn.
    /// </summary>
    private static IReadOnlyList<HashSet<string>> HelpersReachedBy(SuiteModel suite, IReadOnlyList<TestFacts> tests)
    {
        if (tests.Count == 0 || suite.TestHelperTypes.Count == 0)
        {
            return [];
        }

        var byName = suite.TestHelperTypes.ToLookup(h => h.Name, StringComparer.Ordinal);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(tests.SelectMany(t => t.Identifiers.Concat(t.CreatedTypes)).Where(n => byName.Contains(n) && reached.Add(n)));
        while (pending.Count > 0)
        {
            foreach (var mention in byName[pending.Dequeue()].SelectMany(h => h.Mentions).Where(n => byName.Contains(n) && reached.Add(n)))
            {
                pending.Enqueue(mention);
            }
        }

        return reached.Order(StringComparer.Ordinal).SelectMany(n => byName[n]).Select(h => h.Mentions.ToHashSet(StringComparer.Ordinal)).ToArray();
    }

    /// <summary>
    /// Which of the types that declare a method name the cancelling tests of that name cover: a test that names some of
    /// them covers those, a test that names none covers them all. Worked out once per name, not once per type: a name
    /// like <c>Handle</c> can be declared by hundreds of handlers and called by hundreds of tests.
    /// </summary>
    private static (bool AnyType, HashSet<ProductionFacts> Named) CoverageOf(ProductionFacts[] declaring, List<TestFacts> tests)
    {
        // What MentionsType matches, looked up from the test's names: a type's own name, mentioned or created, or a base
        // type it declares, mentioned.
        var byOwnName = declaring.ToLookup(d => d.Type.SimpleName, StringComparer.Ordinal);
        var byBaseType = declaring.SelectMany(d => d.BaseTypes.Select(b => (Base: b, Type: d))).ToLookup(x => x.Base, x => x.Type, StringComparer.Ordinal);
        var named = new HashSet<ProductionFacts>(ReferenceEqualityComparer.Instance);
        foreach (var test in tests)
        {
            var mentionsAny = false;
            foreach (var identifier in test.Identifiers)
            {
                mentionsAny |= AddAll(byOwnName[identifier]) | AddAll(byBaseType[identifier]);
            }

            foreach (var created in test.CreatedTypes)
            {
                mentionsAny |= AddAll(byOwnName[created]);
            }

            if (!mentionsAny)
            {
                return (true, named);
            }
        }

        return (false, named);

        bool AddAll(IEnumerable<ProductionFacts> types)
        {
            var any = false;
            foreach (var type in types)
            {
                named.Add(type);
                any = true;
            }

            return any;
        }
    }

    private static Finding CancellationFinding(RuleDescriptor rule, ProductionFacts type, MethodFacts[] uncovered, TestIdioms idioms)
    {
        var name = type.Type.SimpleName;
        var dataAccess = IsDataAccess(type);
        var background = IsBackgroundService(type) && uncovered.Any(m => m.Name == "ExecuteAsync");
        var methods = uncovered.Select(m => m.Name + (m.HasLoop ? " (loops)" : m.Waits ? " (waits)" : string.Empty)).ToArray();
        var first = uncovered[0];
        var what = background
            ? $"{name}.ExecuteAsync runs until its stopping token is cancelled, and no test stops it (StopAsync or a cancelled token) and checks that it ends"
            : $"{name} takes a CancellationToken in {List(methods, 6)}, and no test calls {(uncovered.Length == 1 ? "it" : "them")} with a cancelled or cancelling token";
        var ignoresToken = background && uncovered.Any(m => m.Name == "ExecuteAsync" && !m.UsesCancellationToken);
        var risk = background
            ? ignoresToken
                ? $"{name}.ExecuteAsync never reads its stopping token, so nothing ends the loop on shutdown: the host waits for it, the process is killed mid-iteration, and work in flight is lost or half-written. A stopping test shows it."
                : $"If {name} ignores its stopping token, host shutdown waits for the loop, the process is killed mid-iteration, and work in flight is lost or half-written."
            : dataAccess
                ? $"Cancellation on a client disconnect, a timeout or shutdown is never exercised for {name}: if {first.Name} ignores the token or is cut off between two statements, the connection keeps working after the caller gave up or a half-finished transaction is left behind."
                : $"Cancellation on a client disconnect, a timeout or shutdown is never exercised for {name}: if {first.Name} swallows the cancellation, keeps calling its dependencies, or saves part of its work after the caller gave up, nothing reports it.";
        var call = $"sut.{first.Name}({string.Join(", ", first.ParameterTypes.Select(p => Argument(p, "cancellation.Token")))})";
        var outline = background
            ? Lines(
                idioms.TestAttribute(async: true),
                idioms.AsyncSignature($"{name}_stops_when_the_host_stops"),
                "{",
                $"    var sut = new {name}(/* its dependencies: real domain objects, fakes only at the boundaries */);",
                "    await sut.StartAsync(CancellationToken.None);",
                "",
                "    await sut.StopAsync(CancellationToken.None);   // cancels ExecuteAsync's stopping token",
                "",
                "    " + idioms.True("sut.ExecuteTask!.IsCompleted"),
                "    // and nothing half-done: no item left claimed, no partial write",
                "}")
            : Lines(
                idioms.TestAttribute(async: true),
                idioms.AsyncSignature($"{first.Name}_with_a_cancelled_token_stops_and_leaves_no_partial_state"),
                "{",
                $"    var sut = new {name}(/* {(dataAccess ? "over the real test database" : "real domain objects, fakes only at the boundaries")} */);",
                "    using var cancellation = new CancellationTokenSource();",
                "    await cancellation.CancelAsync();",
                "",
                "    " + idioms.ThrowsAsync("OperationCanceledException", call),
                "",
                dataAccess ? "    // assert nothing was written: the rows the call would change are unchanged" : "    // assert nothing was saved or sent after the cancellation",
                "}");
        return new Finding(
            rule.Id,
            rule.DefaultSeverity,
            $"{what}.",
            risk,
            dataAccess ? "Integration" : "Application",
            outline,
            new SourceLocation(first.Path ?? type.Type.Path, first.Line, $"{type.Type.FullName}.{first.Name}"));
    }

    // ---------------------------------------------------------------- TG0305

    /// <summary>One finding per fixture class that blocks on tasks in synchronous set-up or tear-down code.</summary>
    public static void BlockingSyncFixture(SuiteModel suite, List<Finding> findings)
    {
        var rule = RuleCatalog.Get("TG0305");
        var suiteIdioms = TestIdioms.Of(suite);
        var groups = suite.FixtureBlockingWaits
            .Where(w => !IsTrivialWait(w.Expression))
            .GroupBy(w => (w.Path, w.ClassName))
            .OrderBy(g => g.Key.Path, StringComparer.Ordinal)
            .ThenBy(g => g.Key.ClassName, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var waits = group.OrderBy(w => w.Line).ToArray();
            var first = waits[0];
            var className = SimpleClassName(first.ClassName);
            var idioms = suiteIdioms.For(first.Framework);
            var perMember = waits.GroupBy(w => w.Member, StringComparer.Ordinal)
                .Select(g => $"{g.Key}: `{Short(g.First().Expression, 100)}` (line {g.First().Line})")
                .ToArray();
            var users = first.UsedBy.Where(u => u != className).ToArray();
            var runsFor = users.Length == 0 ? "every test in the class" : $"the tests of {List(users, 4)}";
            findings.Add(new Finding(
                rule.Id,
                rule.DefaultSeverity,
                $"{Capitalised(first.Role)} {className} blocks on asynchronous work in synchronous set-up or tear-down code: {string.Join("; ", perMember)}.",
                $"This code runs for {runsFor}: if `{Short(Awaitable(first.Expression), 80)}` deadlocks or fails, each of them hangs or fails with an error raised in {className}'s {first.Member} instead of at the cause, and a blocked tear-down can leave {(first.IsTearDown ? "its resources" : "what the set-up started")} behind for the next test.",
                KindName(first.Kind, "Integration"),
                FixtureOutline(idioms, className, first.Role, waits),
                new SourceLocation(first.Path, first.Line, first.ClassName)));
        }
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string FixtureOutline(TestIdioms idioms, string className, string role, IReadOnlyList<FixtureBlockingWait> waits)
    {
        static string Statement(FixtureBlockingWait wait)
        {
            var awaited = Awaitable(OneLine(wait.Expression));
            var target = wait.AssignedTo ?? (wait.Member.StartsWith("initializer of ", StringComparison.Ordinal) ? wait.Member["initializer of ".Length..] : null);
            var statement = target is not null ? $"{target} = await {awaited};" : wait.Expression.EndsWith(".Result", StringComparison.Ordinal) ? $"var result = await {awaited};" : $"await {awaited};";
            return $"        {statement}   // was: {Short(wait.Expression, 80)} in {wait.Member}";
        }

        var setUp = waits.Where(w => !w.IsTearDown).Select(Statement).ToArray();
        var tearDown = waits.Where(w => w.IsTearDown).Select(Statement).ToArray();
        var once = role is "set-up fixture" || waits.Any(w => w.RunsOnce);
        var lines = new List<string>();
        if (idioms.AsyncLifecycle(once) is { } lifecycle)
        {
            lines.Add($"public class {className}");
            lines.Add("{");
            AddMethod(lines, lifecycle.SetUpAttribute, lifecycle.SetUp, setUp);
            AddMethod(lines, lifecycle.TearDownAttribute, lifecycle.TearDown, tearDown);
        }
        else
        {
            lines.Add($"public sealed class {className} : IAsyncLifetime   // xUnit v3: ValueTask instead of Task");
            lines.Add("{");
            AddMethod(lines, null, "public async Task InitializeAsync()", setUp, "public Task InitializeAsync() => Task.CompletedTask;");
            AddMethod(lines, null, "public async Task DisposeAsync()", tearDown, "public Task DisposeAsync() => Task.CompletedTask;");
        }

        if (lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        lines.Add("}");
        return string.Join("\n", lines);
    }

    private static void AddMethod(List<string> lines, string? attribute, string signature, string[] statements, string? whenEmpty = null)
    {
        if (statements.Length == 0)
        {
            if (whenEmpty is not null)
            {
                lines.Add("    " + whenEmpty);
                lines.Add(string.Empty);
            }

            return;
        }

        if (attribute is not null)
        {
            lines.Add("    " + attribute);
        }

        lines.Add("    " + signature);
        lines.Add("    {");
        lines.AddRange(statements);
        lines.Add("    }");
        lines.Add(string.Empty);
    }
}
