using System.Globalization;
using TestGate.Core.Model;
using TestGate.Core.Suite;
using static TestGate.Core.Rules.AsyncPyramidStyle;
using static TestGate.Core.Rules.Prose;

namespace TestGate.Core.Rules;

public static partial class StructuralRules
{
    static partial void Pyramid(SuiteModel suite, List<Finding> findings)
    {
        PyramidRules.PyramidInverted(suite, findings);
        PyramidRules.UnitTestUsesInfrastructure(suite, findings);
        PyramidRules.E2EWithoutIdempotencyOrRetry(suite, findings);
        PyramidRules.ApplicationTestsWithoutTransactionBoundary(suite, findings);
    }
}

/// <summary>TG0101–TG0106: the shape of the pyramid and what each kind of test may touch and must check.</summary>
internal static class PyramidRules
{
    /// <summary>Below this many classified test methods the shape of the suite says nothing yet.</summary>
    public const int MinimumClassifiedTests = 10;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool IsTypeWithCode(ProductionFacts type) => type.Type.HasCode && type.Kind is not ("interface" or "enum");

    // ---------------------------------------------------------------- TG0101

    public static void PyramidInverted(SuiteModel suite, List<Finding> findings)
    {
        var counts = TestCounts.From(suite.Tests.Select(t => t.Method));
        var classified = counts.Total - counts.Unclassified;
        var others = counts.Integration + counts.Application + counts.E2E;
        if (classified < MinimumClassifiedTests || counts.Unit > others)
        {
            return;
        }

        var rule = RuleCatalog.Get("TG0101");
        var largest = suite.Tests
            .Where(t => t.Kind is not (TestKind.Unit or TestKind.Unclassified))
            .GroupBy(t => t.Method.Project, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .First();
        var firstTest = largest.OrderBy(t => t.Method.Path, StringComparer.Ordinal).ThenBy(t => t.Method.Line).First();
        var largestKind = largest.GroupBy(t => t.Kind).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;

        // Production types no unit-test project names anywhere (not even in a factory): what the upper levels test
        // instead of the unit level.
        var unitNames = new HashSet<string>(suite.NamesInUnitTestProjects, StringComparer.Ordinal);
        foreach (var test in suite.Tests.Where(t => t.Kind == TestKind.Unit))
        {
            unitNames.UnionWith(test.Identifiers);
            unitNames.UnionWith(test.CreatedTypes);
        }

        var upperNames = new HashSet<string>(largest.SelectMany(t => t.Identifiers.Concat(t.CreatedTypes)), StringComparer.Ordinal);
        var domain = suite.Production
            .Where(p => IsTypeWithCode(p) && p.Type.Namespace.Split('.').Contains("Domain", StringComparer.Ordinal) && !unitNames.Contains(p.Type.SimpleName)
                && !p.Type.SimpleName.EndsWith("Exception", StringComparison.Ordinal))
            .Select(p => p.Type.SimpleName)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var onlyAbove = suite.Production
            .Where(p => IsTypeWithCode(p) && upperNames.Contains(p.Type.SimpleName) && !unitNames.Contains(p.Type.SimpleName))
            .Select(p => p.Type.SimpleName)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var untested = domain.Length > 0 ? domain : onlyAbove;

        // The outline's subject: the untested type with the most behaviour (public synchronous methods), not an exception.
        var target = untested.SelectMany(n => suite.ProductionBySimpleName[n])
            .Concat(suite.Production.Where(p => IsTypeWithCode(p) && upperNames.Contains(p.Type.SimpleName)))
            .Where(p => !p.Type.SimpleName.EndsWith("Exception", StringComparison.Ordinal))
            .Select((p, order) => (Type: p, Order: order, Behaviour: p.Methods.Count(m => m.IsPublic && !m.IsAsync)))
            .OrderByDescending(c => c.Behaviour)
            .ThenBy(c => c.Order)
            .Select(c => c.Type)
            .FirstOrDefault();

        var percent = (int)Math.Round(100.0 * counts.Unit / classified, MidpointRounding.AwayFromZero);
        var upper = classified - counts.Unit;
        var inferred = suite.Tests.Count(t => t.Method.KindInferred);
        var classification = (counts.Unclassified > 0
            ? $"; {Number(counts.Unclassified)} more are unclassified (set TestGateTestKind or a category to count them)"
            : string.Empty)
            + (inferred > 0
                ? $"; {Number(inferred)} were classified by what they touch (a real database, the network, the application host, or none of these for unit), as no TestGateTestKind, category or project name gave their kind"
                : string.Empty);
        var gap = domain.Length > 0
            ? $" Domain type{(domain.Length == 1 ? string.Empty : "s")} {List(domain, 4)} {(domain.Length == 1 ? "has" : "have")} no unit test at all."
            : string.Empty;
        var unitTests = suite.Tests.Where(t => t.Kind == TestKind.Unit).ToArray();
        var idioms = TestIdioms.Of(suite).For(unitTests.Length > 0 ? unitTests : suite.Tests);
        var targetName = target?.Type.SimpleName ?? "DomainType";
        // The operation the upper tests call most: the check to move down first.
        var operation = (target?.Methods ?? [])
            .Where(m => m.IsPublic && !m.IsAsync)
            .Select(m => (m.Name, m.Line, Callers: largest.Count(t => t.Invokes(m.Name))))
            .OrderByDescending(m => m.Callers)
            .ThenBy(m => m.Line)
            .Select(m => m.Name)
            .FirstOrDefault() ?? "Apply";
        findings.Add(new Finding(
            rule.Id,
            rule.DefaultSeverity,
            $"Unit tests are not the majority: {Number(counts.Unit)} of {Number(classified)} classified test methods ({Number(percent)}%) against {Number(counts.Integration)} integration, {Number(counts.Application)} application and {Number(counts.E2E)} E2E{classification}. The largest other project, {largest.Key}, alone has {Number(largest.Count())}.{gap}",
            (largest.Count() > counts.Unit
                ? $"Logic is checked mostly through {largest.Key}'s {(largestKind == TestKind.E2E ? "E2E" : KindName(largestKind, "higher-level").ToLowerInvariant())} tests"
                : upper > counts.Unit
                    ? $"More of the logic is checked through higher-level tests ({Number(upper)}) than through unit tests ({Number(counts.Unit)})"
                    : $"As much of the logic is checked through higher-level tests ({Number(upper)}) as through unit tests ({Number(counts.Unit)})")
                + ": every business rule costs a slower run through real infrastructure, a failure points at wiring rather than at the broken rule, and a suite that slow and flaky gets run less often.",
            "Unit",
            Lines(
                $"public class {targetName}Tests",
                "{",
                "    " + idioms.TestAttribute(async: false),
                "    " + idioms.Signature(async: false, $"{operation}_enforces_its_rule"),
                "    {",
                $"        var {TestIdioms.VariableOf(targetName)} = TestData.{targetName}();   // a real {targetName}: no database, no host, no mocks of internals",
                "",
                $"        {TestIdioms.VariableOf(targetName)}.{operation}(/* the input the rule is about */);",
                "",
                $"        // assert the state {targetName} must be in, or the exception it must throw",
                "    }",
                "}"),
            firstTest.Location));
    }

    // ---------------------------------------------------------------- TG0102–TG0104

    private static readonly HashSet<string> WiringWords = new(StringComparer.Ordinal)
    {
        "register", "registers", "registered", "registration", "registrations", "di", "container", "wiring", "wires", "wired",
        "composition", "bootstrap", "bootstrapping", "startup", "injection", "resolves", "resolve", "resolved",
    };

    /// <summary>A test that checks the dependency-injection wiring itself may build a container.</summary>
    private static bool TestsWiring(TestFacts test) =>
        test.Words.Any(WiringWords.Contains) || (test.NameSays("service") && test.NameSays("collection"));

    private static readonly HashSet<string> LocalAsyncCalls = new(StringComparer.Ordinal)
    {
        "ThrowsAsync", "ThrowsAnyAsync", "ThrowsExceptionAsync", "ThatAsync", "CatchAsync", "DisposeAsync", "InitializeAsync", "WaitAsync", "CancelAsync",
    };

    /// <summary>
    /// A real HttpClient only reaches the network when something sends: an async call (the client's own or the code
    /// under test's) or a synchronous <c>Send</c>. A test that only constructs an object around one sends nothing.
    /// </summary>
    private static bool CallsOut(TestFacts test) =>
        test.Invokes("Send") || test.InvokedMembers.Any(m => m.EndsWith("Async", StringComparison.Ordinal) && !LocalAsyncCalls.Contains(m));

    public static void UnitTestUsesInfrastructure(SuiteModel suite, List<Finding> findings)
    {
        var found = suite.UnitTestInfrastructureUses.Concat(DatabaseThroughTestHelpers(suite)).ToArray();
        if (found.Length == 0)
        {
            return;
        }

        // Two overloads of a test on one line are one test method here.
        var facts = suite.Tests.DistinctBy(t => t.Method).ToDictionary(t => t.Method);
        var suiteIdioms = TestIdioms.Of(suite);
        var groups = found
            .Where(u => facts.TryGetValue(u.Test, out var test) && test.Kind == TestKind.Unit && !test.IsSkipped
                && !(u.Category == InfrastructureCategory.Framework && u.What.Contains("BuildServiceProvider", StringComparison.Ordinal) && TestsWiring(test))
                && !(u.Category == InfrastructureCategory.Network && u.What.Contains("HttpClient", StringComparison.Ordinal) && !CallsOut(test)))
            .GroupBy(u => (u.Category, u.Test.Project, u.Test.ClassName))
            .OrderBy(g => g.Key.Category)
            .ThenBy(g => g.Key.Project, StringComparer.Ordinal)
            .ThenBy(g => g.Key.ClassName, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var uses = group.OrderBy(u => u.Line).ThenBy(u => u.Expression, StringComparer.Ordinal).ToArray();
            var tests = uses.Select(u => facts[u.Test]).Distinct().OrderBy(t => t.Method.Line).ToArray();
            var distinct = uses.GroupBy(u => (u.What, u.Line)).Select(g => g.First()).ToArray();
            findings.Add(group.Key.Category switch
            {
                InfrastructureCategory.Database => DatabaseFinding(suite, tests, distinct, suiteIdioms.For(tests[0])),
                InfrastructureCategory.Network => NetworkFinding(suite, tests, distinct, suiteIdioms.For(tests[0])),
                _ => FrameworkFinding(suite, tests, distinct, suiteIdioms.For(tests[0])),
            });
        }
    }

    /// <summary>
    /// Unit tests (classified so, not inferred) that get a real database from a test-project helper rather than in their
    /// own class: the helper (<c>new SqliteTestDatabase()</c>) hands them the solution's own connection factory over a
    /// real engine and migrates it. Reported at the test, since the connection is opened in the helper.
    /// </summary>
    private static IEnumerable<InfrastructureUse> DatabaseThroughTestHelpers(SuiteModel suite)
    {
        if (suite.DbTests.Count == 0)
        {
            return [];
        }

        var own = suite.UnitTestInfrastructureUses.Where(u => u.Category == InfrastructureCategory.Database).Select(u => u.Test).ToHashSet();
        return DatabaseIndex.Of(suite).Tests
            .Where(v => v.Test.Kind == TestKind.Unit && !v.Test.Method.KindInferred && !v.Test.IsSkipped && v.RealDatabase
                && v.Db.ReachedSupportTypes.Count > 0 && v.Db.MigrationCalls.Count > 0 && !own.Contains(v.Test.Method))
            .Select(v => new InfrastructureUse(
                v.Test.Method,
                InfrastructureCategory.Database,
                $"a real, migrated database from the test helper {string.Join("/", v.Db.ReachedSupportTypes.Take(2))}",
                $"{v.Db.MigrationCalls[0]}(...) through {v.Db.ReachedSupportTypes[0]}",
                v.Test.Method.Path,
                v.Test.Method.Line));
    }

    private static string Uses(IReadOnlyList<InfrastructureUse> uses) =>
        string.Join("; ", uses.Take(3).Select(u => $"{u.What} (`{Short(u.Expression, 90)}`, line {u.Line})"))
        + (uses.Count > 3 ? $"; and {Number(uses.Count - 3)} more" : string.Empty);

    private static string Subject(TestFacts[] tests)
    {
        var className = SimpleClassName(tests[0].Method.ClassName);
        return tests.Length == 1
            ? $"Unit test {className}.{tests[0].Method.MethodName}"
            : $"{Number(tests.Length)} unit tests in {className} ({List(tests.Select(t => t.Method.MethodName).ToArray(), 4)})";
    }

    /// <summary>The attribute and signature of a test as the suite writes it, keeping the test sync or async.</summary>
    private static IEnumerable<string> Header(TestIdioms idioms, TestFacts test, string indent) =>
        test.IsAsync
            ? [indent + idioms.TestAttribute(async: true), indent + idioms.AsyncSignature(test.Method.MethodName)]
            : [indent + idioms.TestAttribute(async: false), indent + idioms.Signature(async: false, test.Method.MethodName)];

    /// <summary>Creates the class under test in an outline, or says to where no production class is known.</summary>
    private static string Construct(ProductionFacts? subject, string arguments) =>
        subject is null ? $"    // pass {arguments} to the code under test" : $"    var sut = new {subject.Type.SimpleName}({arguments});";

    private static SourceLocation LocationOf(InfrastructureUse use, TestFacts[] tests) =>
        new(use.Path, use.Line, tests.Length == 1 ? $"{tests[0].Method.ClassName}.{tests[0].Method.MethodName}" : tests[0].Method.ClassName);

    /// <summary>
    /// The production class a test exercises: among the classes it constructs or names (or that implement an interface
    /// it names), the one whose methods it calls most; constructed before named.
    /// </summary>
    private static ProductionFacts? SubjectOf(SuiteModel suite, TestFacts test)
    {
        var created = test.CreatedTypes.SelectMany(n => suite.ProductionBySimpleName[n]).Where(IsTypeWithCode);
        var named = test.Identifiers.SelectMany(n => suite.ProductionBySimpleName[n]).Where(IsTypeWithCode);
        var implementations = test.Identifiers.SelectMany(n => suite.ProductionBySimpleName[n])
            .Where(p => p.Kind == "interface")
            .SelectMany(i => suite.Production.Where(p => IsTypeWithCode(p) && p.BaseTypes.Contains(i.Type.SimpleName, StringComparer.Ordinal)));
        return created.Concat(named).Concat(implementations)
            .Distinct()
            .Select((type, order) => (Type: type, Order: order, Calls: type.Methods.Count(m => m.IsPublic && test.Invokes(m.Name))))
            .OrderByDescending(c => c.Calls)
            .ThenBy(c => c.Order)
            .Select(c => c.Type)
            .FirstOrDefault();
    }

    private static Finding DatabaseFinding(SuiteModel suite, TestFacts[] tests, InfrastructureUse[] uses, TestIdioms idioms)
    {
        var rule = RuleCatalog.Get("TG0102");
        var first = tests[0];
        var className = SimpleClassName(first.Method.ClassName);
        var subject = SubjectOf(suite, first);
        var subjectText = subject is null ? "the code under test" : subject.Type.SimpleName;
        return new Finding(
            rule.Id,
            rule.DefaultSeverity,
            $"{Subject(tests)} {(tests.Length == 1 ? "uses" : "use")} a real database: {Uses(uses)}.",
            $"{className} is classified as unit (project {first.Method.Project}) but depends on {uses[0].What}: it is slower, can fail on schema, file or connection state instead of on {subjectText}'s logic, and it stands in for the integration test of {subjectText}'s persistence without the setup and assertions such a test needs.",
            "Integration",
            Lines(
                [
                    "// Keep the rule at the unit level on real objects, and move the database part to the integration project:",
                    idioms.Category("Integration") + $"   // or: move {className} to a *.IntegrationTests project",
                    $"public class {className}",
                    "{",
                    .. Header(idioms, first, "    "),
                    "    {",
                    $"        // unchanged: {uses[0].What} is right for an integration test of {subjectText}",
                    "    }",
                    "}",
                ]),
            LocationOf(uses[0], tests));
    }

    private static Finding NetworkFinding(SuiteModel suite, TestFacts[] tests, InfrastructureUse[] uses, TestIdioms idioms)
    {
        var rule = RuleCatalog.Get("TG0103");
        var first = tests[0];
        var className = SimpleClassName(first.Method.ClassName);
        var url = tests.SelectMany(t => t.StringLiterals)
            .FirstOrDefault(l => l.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || l.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        var subject = SubjectOf(suite, first);
        var subjectText = subject?.Type.SimpleName ?? "the code under test";
        var http = uses.Any(u => u.What.Contains("HttpClient", StringComparison.Ordinal));
        var outline = http
            ? Lines(
                idioms.TestAttribute(async: true),
                idioms.AsyncSignature(first.Method.MethodName),
                "{",
                "    var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(/* the response this case needs */ new { }) });",
                "    var client = new HttpClient(handler) { BaseAddress = new Uri(\"https://api.test/\") };",
                Construct(subject, "client"),
                "",
                "    // act, then assert on the request the handler saw and on how the response was handled",
                "}",
                "",
                "sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler",
                "{",
                "    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>",
                "        Task.FromResult(respond(request));",
                "}")
            : Lines(
                idioms.TestAttribute(async: true),
                idioms.AsyncSignature(first.Method.MethodName),
                "{",
                "    // put the socket behind a port the code under test depends on, and fake the port here",
                $"    var transport = {idioms.Double("ITransport")};",
                Construct(subject, "transport"),
                "",
                "    // act and assert; test the socket code itself in an integration test",
                "}");
        return new Finding(
            rule.Id,
            rule.DefaultSeverity,
            $"{Subject(tests)} {(tests.Length == 1 ? "uses" : "use")} the network: {Uses(uses)}.",
            $"{className} is classified as unit but {uses[0].What} sends real traffic{(url is null ? string.Empty : $" (to {url})")}: DNS, proxies, rate limits and outages decide whether it passes, so a red run says nothing about {subjectText} and a green one can depend on a server being up.",
            "Unit",
            outline,
            LocationOf(uses[0], tests));
    }

    /// <summary>How the analysis names a unit test's use of <c>DefaultHttpContext</c>.</summary>
    private const string RequestUse = "DefaultHttpContext";

    private static Finding FrameworkFinding(SuiteModel suite, TestFacts[] tests, InfrastructureUse[] uses, TestIdioms idioms)
    {
        var rule = RuleCatalog.Get("TG0104");
        var first = tests[0];
        var className = SimpleClassName(first.Method.ClassName);
        var subject = SubjectOf(suite, first);
        var boundaries = subject?.DependencyTypes
            .Where(d => d.Length > 1 && d[0] == 'I' && char.IsUpper(d[1]) && d is not ("ILogger" or "IOptions"))
            .Distinct(StringComparer.Ordinal)
            .Take(3)
            .ToArray() ?? [];
        var arguments = boundaries.Length == 0 ? "/* real domain objects, fakes only at the boundaries */" : string.Join(", ", boundaries.Select(b => idioms.Double(b)));
        var subjectName = subject?.Type.SimpleName ?? "the logic under test";

        // Only driven through a request object (middleware, a controller's HttpContext): nothing is booted.
        var requestOnly = uses.All(u => u.What.Contains(RequestUse, StringComparison.Ordinal));
        return new Finding(
            rule.Id,
            rule.DefaultSeverity,
            requestOnly
                ? $"{Subject(tests)} {(tests.Length == 1 ? "drives" : "drive")} the code under test through ASP.NET Core's request types: {Uses(uses)}."
                : $"{Subject(tests)} {(tests.Length == 1 ? "starts" : "start")} an application framework to reach the code under test: {Uses(uses)}.",
            requestOnly
                ? $"{className} is classified as unit but runs {subjectName} on {uses[0].What}: the test depends on the framework's header, feature and response plumbing, breaks on framework behaviour that has nothing to do with the rule, and still says nothing about {subjectName} in the real pipeline (its order, short-circuiting, what reaches the response)."
                : $"{className} is classified as unit but boots {uses[0].What}: it is slower, breaks on configuration and registration changes that have nothing to do with {subjectName}, and a failure points at the wiring instead of the rule.",
            requestOnly ? "Integration" : "Unit",
            requestOnly
                ? PipelineOutline(subject, idioms, first)
                : Lines(
                    idioms.TestAttribute(async: true),
                    idioms.AsyncSignature(first.Method.MethodName),
                    "{",
                    Construct(subject, arguments),
                    "",
                    "    // act and assert directly; keep host-level checks in an application or E2E test project",
                    "}"),
            LocationOf(uses[0], tests));
    }

    /// <summary>A request-driven unit test rewritten as an integration test: middleware in a pipeline, a controller through the application.</summary>
    private static string PipelineOutline(ProductionFacts? subject, TestIdioms idioms, TestFacts test)
    {
        var middleware = subject is not null && subject.Type.SimpleName.EndsWith("Middleware", StringComparison.Ordinal);
        string[] arrange = middleware
            ?
            [
                "    using var host = await new HostBuilder()",
                $"        .ConfigureWebHost(web => web.UseTestServer().Configure(app => app.UseMiddleware<{subject!.Type.SimpleName}>()))",
                "        .StartAsync();",
                "",
                "    var response = await host.GetTestClient().GetAsync(\"/\");",
            ]
            :
            [
                "    await using var factory = new WebApplicationFactory<Program>();",
                "",
                $"    var response = await factory.CreateClient().GetAsync(\"/\");   // the route {subject?.Type.SimpleName ?? "the code under test"} serves",
            ];
        return Lines(
            [
                $"// In an integration test project: {subject?.Type.SimpleName ?? "the code under test"} in a real pipeline; a decision worth its own unit tests moves into a plain class.",
                idioms.TestAttribute(async: true),
                idioms.AsyncSignature(test.Method.MethodName),
                "{",
                .. arrange,
                "",
                "    // assert on the response and on what the rest of the pipeline saw",
                "}",
            ]);
    }

    // ---------------------------------------------------------------- TG0105

    private static readonly HashSet<string> IdempotencyWords = new(StringComparer.Ordinal)
    {
        "idempotent", "idempotency", "idempotently", "duplicate", "duplicated", "duplicates", "twice", "again", "replay", "replayed", "replays",
        "repeated", "repeat", "redelivery", "redelivered", "resubmitted", "resubmit", "same", "once",
    };

    private static readonly HashSet<string> RetryWords = new(StringComparer.Ordinal)
    {
        "retry", "retries", "retried", "retrying", "redelivery", "redelivered", "redeliver", "transient", "resilience", "resilient",
        "recovers", "recovered", "attempt", "attempts",
    };

    private static bool Contains(IEnumerable<string> values, string part) => values.Any(v => v.Contains(part, StringComparison.OrdinalIgnoreCase));

    /// <summary>Idempotency: the same request sent at least twice, and the name or an idempotency key says that is the point.</summary>
    internal static bool AssertsIdempotency(TestFacts test, IReadOnlyList<string> repeated) =>
        repeated.Count > 0 && (test.Words.Any(IdempotencyWords.Contains) || Contains(test.Identifiers, "idempoten") || Contains(test.StringLiterals, "idempoten"));

    private static readonly string[] FailedAttemptMarkers =
        ["fail", "ServiceUnavailable", "transient", "TimeoutRejected", "TimedOut", "InternalServerError", "BadGateway", "GatewayTimeout", "TooManyRequests", "Hang"];

    /// <summary>
    /// Retries: the name says retry and the body scripts a failing attempt, or repeats the request or counts attempts
    /// without being the idempotency check (a client resending with the same key is idempotency, whatever it is called).
    /// </summary>
    internal static bool AssertsRetry(TestFacts test, IReadOnlyList<string> repeated) =>
        test.Words.Any(RetryWords.Contains)
        && (FailedAttemptMarkers.Any(m => Contains(test.Identifiers, m))
            || (!AssertsIdempotency(test, repeated) && (repeated.Count > 0 || Contains(test.Identifiers, "retr") || Contains(test.Identifiers, "attempt"))));

    public static void E2EWithoutIdempotencyOrRetry(SuiteModel suite, List<Finding> findings)
    {
        var e2e = suite.Tests.Where(t => t.Kind == TestKind.E2E && !t.IsSkipped).ToArray();
        if (e2e.Length == 0)
        {
            return;
        }

        var repeated = suite.E2ERepeatedRequests.GroupBy(r => r.Test).ToDictionary(g => g.Key, g => g.SelectMany(r => r.Members).Distinct(StringComparer.Ordinal).ToArray());
        var rule = RuleCatalog.Get("TG0105");
        var idempotency = e2e.FirstOrDefault(t => AssertsIdempotency(t, repeated.GetValueOrDefault(t.Method, [])));
        var retry = e2e.FirstOrDefault(t => AssertsRetry(t, repeated.GetValueOrDefault(t.Method, [])));
        if (idempotency is not null || retry is not null)
        {
            // The standard asks E2E tests to assert idempotency *and* retries: one without the other is half the check.
            if (idempotency is null || retry is null)
            {
                findings.Add(HalfChecked(TestIdioms.Of(suite).For(e2e), e2e, missingRetry: retry is null, present: idempotency ?? retry!, rule));
            }

            ClaimedButNotRepeated(TestIdioms.Of(suite), e2e, suite.E2ETestsSendingEachRequestOnce, rule, findings);
            return;
        }

        var projects = e2e.GroupBy(t => t.Method.Project, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToArray();
        var first = projects[0].OrderBy(t => t.Method.Path, StringComparer.Ordinal).ThenBy(t => t.Method.Line).First();
        var idioms = TestIdioms.Of(suite).For(e2e);
        var routes = e2e.SelectMany(t => t.StringLiterals).Where(l => l.Length > 1 && l[0] == '/' && l[1] != '/').Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var httpVerb = new[] { "PostAsJsonAsync", "PostAsync", "PutAsJsonAsync", "PutAsync", "SendAsync", "PatchAsync" }.FirstOrDefault(v => e2e.Any(t => t.Invokes(v)));
        var publicMethods = suite.Production.Where(IsTypeWithCode)
            .SelectMany(p => p.Methods.Where(m => m.IsPublic && m.Name.EndsWith("Async", StringComparison.Ordinal)).Select(m => (Type: p, Method: m)))
            .GroupBy(x => x.Method.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var entry = e2e.SelectMany(t => t.InvokedMembers).Where(publicMethods.ContainsKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(n => publicMethods[n]).FirstOrDefault();
        var entryPoints = suite.Production.Where(p => IsTypeWithCode(p) && (p.Type.SimpleName.EndsWith("Controller", StringComparison.Ordinal)
                || p.Type.SimpleName.EndsWith("Handler", StringComparison.Ordinal) || p.Type.SimpleName.EndsWith("Endpoint", StringComparison.Ordinal)
                || p.Type.SimpleName.EndsWith("Endpoints", StringComparison.Ordinal)))
            .Select(p => p.Type.SimpleName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var exercised = routes.Length > 0 ? $"the routes {List(routes.Select(r => $"\"{r}\"").ToArray(), 3)}"
            : entry != default ? $"{entry.Type.Type.SimpleName}.{entry.Method.Name}"
            : entryPoints.Length > 0 ? List(entryPoints, 3)
            : "the entry points";

        string outline;
        if (httpVerb is not null)
        {
            var route = routes.FirstOrDefault() ?? "/orders";
            var send = httpVerb.Contains("Json", StringComparison.Ordinal) ? $"_client.{httpVerb}(\"{route}\", request)" : $"_client.{httpVerb}(\"{route}\", JsonContent.Create(request))";
            outline = SameRequestTwice(idioms, "The_same_request_sent_twice_has_one_effect", send);
        }
        else
        {
            var call = entry != default
                ? $"_app.{entry.Method.Name}({string.Join(", ", entry.Method.ParameterTypes.Select(p => Argument(p, idioms.Token)))})"
                : $"_app.HandleAsync(TestData.Request(), {idioms.Token})";
            outline = SameRequestTwice(idioms, "The_same_request_handled_twice_has_one_effect", call, request: null, compared: string.Empty);
        }

        findings.Add(new Finding(
            rule.Id,
            rule.DefaultSeverity,
            $"None of the {Number(e2e.Length)} E2E tests ({string.Join(", ", projects.Select(p => p.Key))}) sends the same request twice to assert idempotency or makes a first attempt fail to assert the retry.",
            $"Clients, proxies and brokers retry: if {exercised} {(routes.Length == 1 || entry != default ? "is" : "are")} not idempotent end to end, a repeated request creates or charges twice in production, and only an end-to-end test sees routing, deserialisation, the handler and persistence together.",
            "E2E",
            outline,
            first.Location));
    }

    /// <summary>The idempotency check every TG0105 outline shows: the same request sent twice, the same answer, one effect.</summary>
    private static string SameRequestTwice(
        TestIdioms idioms, string methodName, string send, string? request = "TestData.Request(idempotencyKey: \"key-1\")", string compared = ".StatusCode", string secondNote = "") =>
        Lines(
            idioms.TestAttribute(async: true),
            idioms.AsyncSignature(methodName),
            "{",
            request is null ? null : $"    var request = {request};",
            $"    var first = await {send};",
            $"    var second = await {send};{secondNote}",
            "",
            "    " + idioms.Equal($"first{compared}", $"second{compared}"),
            "    // and assert exactly one effect: one row, one charge, one message",
            "}");

    /// <summary>E2E tests check idempotency but no retry, or retries but no idempotency: reported at the first E2E test.</summary>
    private static Finding HalfChecked(TestIdioms idioms, TestFacts[] e2e, bool missingRetry, TestFacts present, RuleDescriptor rule)
    {
        var first = e2e.OrderBy(t => t.Method.Path, StringComparer.Ordinal).ThenBy(t => t.Method.Line).First();
        var shown = $"{TypeNames.SimpleNameOf(present.Method.ClassName)}.{present.Method.MethodName}";
        return missingRetry
            ? new Finding(
                rule.Id,
                rule.DefaultSeverity,
                $"The E2E tests assert idempotency ({shown}) but none makes a first attempt fail and asserts that the retried request completes (retries).",
                "Clients, proxies and the application's own retry policies resend after a timeout or a 5xx: only an end-to-end test sees that a failed first attempt leaves nothing half done and the retried request completes once, through routing, the handler, the resilience pipeline and persistence together.",
                "E2E",
                Lines(
                    idioms.TestAttribute(async: true),
                    idioms.AsyncSignature("A_request_whose_first_attempt_fails_completes_on_retry"),
                    "{",
                    "    // Arrange the downstream stub to fail the first call (503 or a timeout) and answer the second.",
                    "    var response = await _client.PostAsJsonAsync(\"/the-route\", TestData.Request(idempotencyKey: \"key-1\"));",
                    "",
                    "    " + idioms.Equal("HttpStatusCode.OK", "response.StatusCode"),
                    "    // and assert the downstream saw two attempts and the effect happened once",
                    "}"),
                first.Location)
            : new Finding(
                rule.Id,
                rule.DefaultSeverity,
                $"The E2E tests assert retries ({shown}) but none sends the same request twice and asserts a single effect (idempotency).",
                "A retried request reaches the service again: without an end-to-end idempotency check, a client's resend after a lost response creates or charges twice in production.",
                "E2E",
                SameRequestTwice(idioms, "The_same_request_sent_twice_has_one_effect", "_client.PostAsJsonAsync(\"/the-route\", request)"),
                first.Location);
    }

    /// <summary>Words that say a test sends something more than once; "same" and "once" alone say nothing about how often.</summary>
    private static readonly HashSet<string> RepeatClaimWords = new(StringComparer.Ordinal)
    {
        "twice", "duplicate", "duplicated", "duplicates", "again", "replay", "replayed", "replays", "repeated", "repeat", "resubmitted",
        "resubmit", "idempotent", "idempotency", "idempotently",
    };

    /// <summary>
    /// An E2E test whose name says it sends a request twice (<c>..._SameOrderSubmittedTwice_CreatesASingleReservation</c>)
    /// but whose HTTP calls all go to different routes (see <see cref="SuiteModel.E2ETestsSendingEachRequestOnce"/>): the
    /// name promises an idempotency check the body does not make. Reported when the suite has other idempotency or
    /// retry tests (without them, the suite-wide finding covers it).
    /// </summary>
    private static void ClaimedButNotRepeated(TestIdioms suiteIdioms, TestFacts[] e2e, IReadOnlyList<TestMethod> sendingOnce, RuleDescriptor rule, List<Finding> findings)
    {
        var once = sendingOnce.ToHashSet();
        foreach (var test in e2e.Where(t => once.Contains(t.Method) && t.Words.Any(RepeatClaimWords.Contains)).OrderBy(t => t.Method.Path, StringComparer.Ordinal).ThenBy(t => t.Method.Line))
        {
            if (AssertsRetry(test, []) || test.Invokes("WhenAll"))
            {
                continue;
            }

            var name = $"{TypeNames.SimpleNameOf(test.Method.ClassName)}.{test.Method.MethodName}";
            var idioms = suiteIdioms.For(test);
            findings.Add(new Finding(
                rule.Id,
                rule.DefaultSeverity,
                $"E2E test {name} says it repeats a request ({string.Join(", ", test.Words.Where(RepeatClaimWords.Contains).Distinct(StringComparer.Ordinal))}) but sends it only once: it asserts no idempotency.",
                $"The test's name promises that the same request sent twice has one effect, so a reader trusts that it is covered; its body sends the request once, so a handler that creates, charges or books twice on a repeat still passes it.",
                "E2E",
                SameRequestTwice(idioms, test.Method.MethodName, "_client.PostAsJsonAsync(route, request)", request: null, secondNote: "   // the repeat the name promises"),
                test.Location));
        }
    }

    // ---------------------------------------------------------------- TG0106

    private static readonly HashSet<string> TransactionCalls = new(StringComparer.Ordinal)
    {
        "BeginTransaction", "BeginTransactionAsync", "Commit", "CommitAsync", "CommitTransaction", "CommitTransactionAsync",
        "SaveChanges", "SaveChangesAsync", "Rollback", "RollbackAsync",
    };

    private static readonly HashSet<string> BoundaryWords = new(StringComparer.Ordinal)
    {
        "rollback", "rolled", "rolls", "commit", "commits", "committed", "transaction", "transactional", "atomic", "atomically", "partial",
    };

    private static readonly HashSet<string> WriteWords = new(StringComparer.Ordinal)
    {
        "saves", "saved", "save", "stores", "stored", "store", "persists", "persisted", "persist", "writes", "written", "write", "commits",
        "committed", "records", "recorded",
    };

    private static readonly string[] StateParts = ["count", "updates", "adds", "saved", "stored", "persisted", "commit", "rollback", "savechanges", "status", "version", "exists", "find"];

    private static readonly string[] CommitParts = ["commit", "rollback", "rolledback", "savechanges", "transaction", "unitofwork"];

    private static bool IsTransactional(ProductionFacts type) =>
        IsTypeWithCode(type) && (type.InvokedMembers.Any(TransactionCalls.Contains) || type.CreatedTypes.Contains("TransactionScope", StringComparer.Ordinal));

    /// <summary>
    /// A failure is provoked (an expected exception) and then either the commit is inspected (commit/rollback/unit of
    /// work/SaveChanges in the body) or the name says nothing was persisted and the body checks stored state.
    /// </summary>
    internal static bool ChecksTransactionBoundary(TestFacts test)
    {
        var failure = test.InvokedMembers.Any(AssertionNames.Throws.Contains) || test.Mentions("Throws");
        if (!failure)
        {
            return false;
        }

        if (CommitParts.Any(p => Contains(test.Identifiers, p)))
        {
            return true;
        }

        var nameSays = test.Words.Any(BoundaryWords.Contains)
            || (test.NameSays("nothing") && test.Words.Any(WriteWords.Contains))
            || (test.NameSays("leaves", "keeps") && test.NameSays("unchanged", "untouched", "pending", "intact"));
        return nameSays && StateParts.Any(p => Contains(test.Identifiers, p));
    }

    /// <summary>
    /// One finding when no application test checks a transaction boundary; otherwise one per use case whose own
    /// application tests (those that name it) never do, while the tests of other use cases show how.
    /// </summary>
    public static void ApplicationTestsWithoutTransactionBoundary(SuiteModel suite, List<Finding> findings)
    {
        var application = suite.Tests.Where(t => t.Kind == TestKind.Application && !t.IsSkipped).ToArray();
        if (application.Length == 0)
        {
            return;
        }

        var transactional = suite.Production.Where(IsTransactional).OrderBy(p => p.Type.FullName, StringComparer.Ordinal).ToArray();
        if (transactional.Length == 0)
        {
            return;
        }

        var ports = new HashSet<string>(transactional.Select(t => t.Type.SimpleName).Concat(transactional.SelectMany(t => t.BaseTypes)), StringComparer.Ordinal);
        // Use cases: classes that reach a transactional type through a dependency (its name or an interface it
        // implements), including those that commit through it (a unit of work) and so are the boundary themselves.
        var services = suite.Production
            .Where(p => IsTypeWithCode(p) && p.DependencyTypes.Any(d => ports.Contains(d) && d != p.Type.SimpleName && !p.BaseTypes.Contains(d, StringComparer.Ordinal)))
            .OrderBy(p => p.Type.FullName, StringComparer.Ordinal)
            .ToArray();
        var checking = application.Where(ChecksTransactionBoundary).ToArray();
        if (checking.Length == 0)
        {
            findings.Add(TransactionBoundaryFinding(
                suite,
                application,
                ports,
                services.FirstOrDefault(),
                transactional[0],
                $"No application test ({Number(application.Length)} found) makes a use case fail part-way and then checks that nothing was committed; production has transactions in {List(transactional.Select(t => t.Type.SimpleName).ToArray(), 3)}{(services.Length > 0 ? $", used by {List(services.Select(s => s.Type.SimpleName).ToArray(), 3)}" : string.Empty)}.",
                exercised: null));
            return;
        }

        // Named by its tests (not reached through a host that resolves every service): those are the use case's own tests.
        var example = checking[0].Method;
        foreach (var service in services)
        {
            var own = application.Where(t => t.Mentions(service.Type.SimpleName) || t.Creates(service.Type.SimpleName)).ToArray();
            if (own.Length == 0 || own.Any(ChecksTransactionBoundary))
            {
                continue;
            }

            var exercised = service.Methods.FirstOrDefault(m => m.IsPublic && own.Any(t => t.Invokes(m.Name)));
            findings.Add(TransactionBoundaryFinding(
                suite,
                own,
                ports,
                service,
                transactional[0],
                $"{Number(own.Length)} application test{(own.Length == 1 ? string.Empty : "s")} of {service.Type.SimpleName} ({List(own.Select(t => t.Method.MethodName).ToArray(), 3)}) never make{(own.Length == 1 ? "s" : string.Empty)} it fail part-way and check that nothing was committed, as {TypeNames.SimpleNameOf(example.ClassName)}.{example.MethodName} does for another use case.",
                exercised));
        }
    }

    private static Finding TransactionBoundaryFinding(
        SuiteModel suite,
        TestFacts[] application,
        HashSet<string> ports,
        ProductionFacts? service,
        ProductionFacts firstTransactional,
        string what,
        MethodFacts? exercised)
    {
        var rule = RuleCatalog.Get("TG0106");
        var port = service?.DependencyTypes.First(d => ports.Contains(d) && d != service.Type.SimpleName && !service.BaseTypes.Contains(d, StringComparer.Ordinal))
            ?? firstTransactional.Type.SimpleName;
        var portFacts = suite.ProductionBySimpleName[port].FirstOrDefault();
        static bool StartsWithAny(string name, params string[] prefixes) => prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
        var writeMethod = portFacts?.Methods.FirstOrDefault(m => StartsWithAny(m.Name, "Add", "Update", "Save", "Insert", "Delete", "Remove", "Store"));
        var commitMethod = portFacts?.Methods.FirstOrDefault(m => StartsWithAny(m.Name, "Commit", "SaveChanges", "Complete"));
        var write = writeMethod?.Name ?? "SaveAsync";
        var writeParameters = writeMethod?.ParameterTypes ?? ["CancellationToken"];
        var useCaseMethod = exercised ?? service?.Methods.FirstOrDefault(m => m.IsPublic && m.TakesCancellationToken);
        var useCase = useCaseMethod?.Name ?? "ExecuteAsync";
        var idioms = TestIdioms.Of(suite, application);
        var useCaseArguments = string.Join(", ", (useCaseMethod?.ParameterTypes ?? ["CancellationToken"]).Select(p => Argument(p, idioms.Token)));
        var mocks = idioms.MockLibrary;
        var serviceName = service?.Type.SimpleName ?? firstTransactional.Type.SimpleName;
        var local = TestIdioms.VariableOf(port);
        var arrange = mocks switch
        {
            "Moq" => new[]
            {
                $"    var {local} = new Mock<{port}>();",
                $"    {local}.Setup(x => x.{write}({string.Join(", ", writeParameters.Select(p => $"It.IsAny<{p}>()"))})).ThrowsAsync(new IOException(\"disk full\"));",
                $"    var service = new {serviceName}({local}.Object /* , the other collaborators */);",
            },
            "NSubstitute" => new[]
            {
                $"    var {local} = Substitute.For<{port}>();",
                $"    {local}.{write}({string.Join(", ", writeParameters.Select(_ => "default!"))}).ReturnsForAnyArgs(Task.FromException(new IOException(\"disk full\")));",
                $"    var service = new {serviceName}({local} /* , the other collaborators */);",
            },
            "FakeItEasy" => new[]
            {
                $"    var {local} = A.Fake<{port}>();",
                $"    A.CallTo(() => {local}.{write}({string.Join(", ", writeParameters.Select(p => $"A<{p}>._"))})).ThrowsAsync(new IOException(\"disk full\"));",
                $"    var service = new {serviceName}({local} /* , the other collaborators */);",
            },
            _ => new[]
            {
                $"    var {local} = new Failing{TestIdioms.WithoutInterfacePrefix(port)}(failOn: nameof({port}.{write}), new IOException(\"disk full\"));",
                $"    var service = new {serviceName}({local} /* , the other collaborators */);",
            },
        };
        var commit = commitMethod?.Name;
        var commitParameters = commitMethod?.ParameterTypes ?? [];
        var assertNothing = (mocks, commit) switch
        {
            ("Moq", not null) => $"    {local}.Verify(x => x.{commit}({string.Join(", ", commitParameters.Select(p => $"It.IsAny<{p}>()"))}), Times.Never);",
            ("NSubstitute", not null) => $"    {(commitMethod!.IsAsync || commit.EndsWith("Async", StringComparison.Ordinal) ? "await " : string.Empty)}{local}.DidNotReceiveWithAnyArgs().{commit}({string.Join(", ", commitParameters.Select(_ => "default!"))});",
            ("FakeItEasy", not null) => $"    A.CallTo(() => {local}.{commit}({string.Join(", ", commitParameters.Select(p => $"A<{p}>._"))})).MustNotHaveHappened();",
            (null, _) => "    " + idioms.Equal("0", $"{local}.Commits") + "   // and the state written before the failure is gone",
            _ => "    // assert that what the earlier steps wrote is not stored: the state is as before the call",
        };
        var lines = new List<string?>
        {
            idioms.TestAttribute(async: true),
            idioms.AsyncSignature($"{useCase}_failing_part_way_commits_nothing"),
            "{",
        };
        lines.AddRange(arrange);
        lines.Add(string.Empty);
        lines.Add("    " + idioms.ThrowsAsync("IOException", $"service.{useCase}({useCaseArguments})"));
        lines.Add(string.Empty);
        lines.Add(assertNothing);
        lines.Add("}");
        var location = exercised is null
            ? (service ?? firstTransactional).Location
            : new SourceLocation(exercised.Path ?? service!.Type.Path, exercised.Line, service!.Type.FullName);
        return new Finding(
            rule.Id,
            rule.DefaultSeverity,
            what,
            $"If {serviceName}'s transaction boundary is wrong, a failure in a later step leaves the earlier writes through {port} committed (an order saved without its payment, an event published for a rolled-back change), and no test provokes that failure.",
            "Application",
            Lines(lines.ToArray()),
            location);
    }
}
