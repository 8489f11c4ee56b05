using System.Globalization;
using System.Runtime.CompilerServices;
using TestGate.Core.Suite;

namespace TestGate.Core.Rules;

/// <summary>
/// How every rule family writes the example tests of its findings: in the test framework and mocking library the suite
/// already uses, so an outline can be pasted next to the team's own tests. Pure text, deterministic. The framework is
/// one of <c>xunit</c>, <c>nunit</c>, <c>mstest</c>, <c>tunit</c>; the mocking library <c>Moq</c>, <c>NSubstitute</c>,
/// <c>FakeItEasy</c>, or null for suites that write their doubles by hand.
/// </summary>
internal sealed class TestIdioms
{
    /// <summary>The frameworks outlines are written in, in the order that breaks ties between equally common ones.</summary>
    private static readonly string[] Frameworks = ["xunit", "nunit", "mstest", "tunit"];

    private static readonly string[] MockLibraries = ["Moq", "NSubstitute", "FakeItEasy"];

    private TestIdioms(string framework, string? mockLibrary)
    {
        Framework = framework;
        MockLibrary = mockLibrary;
    }

    public string Framework { get; }

    public string? MockLibrary { get; }

    private static readonly ConditionalWeakTable<SuiteModel, TestIdioms> BySuite = new();

    /// <summary>
    /// The suite's most common framework (xUnit when no test names one) and the library most of its mocks are made with;
    /// worked out once per suite, as every rule family asks.
    /// </summary>
    public static TestIdioms Of(SuiteModel suite) =>
        BySuite.GetValue(suite, s => new TestIdioms(FrameworkOf(s.Tests) ?? "xunit", MockLibraryOf(s.MockingTests)));

    /// <summary>
    /// The framework and mocking library of some of the suite's tests (those a finding asks to extend): hand-written
    /// fakes when none of them mocks, as their authors chose.
    /// </summary>
    public static TestIdioms Of(SuiteModel suite, IReadOnlyCollection<TestFacts> tests)
    {
        var methods = tests.Select(t => t.Method).ToHashSet();
        return new(FrameworkOf(tests) ?? FrameworkOf(suite.Tests) ?? "xunit", MockLibraryOf(suite.MockingTests.Where(m => methods.Contains(m.Method))));
    }

    /// <summary>The same mocking library, in the framework most of <paramref name="tests"/> use (unchanged when they name none).</summary>
    public TestIdioms For(IEnumerable<TestFacts> tests) => For(FrameworkOf(tests));

    /// <summary>The same mocking library, in the framework of one test (unchanged when the test's is not known).</summary>
    public TestIdioms For(TestFacts test) => For(test.Framework);

    /// <summary>The same mocking library, in <paramref name="framework"/> when it is one outlines are written in.</summary>
    public TestIdioms For(string? framework) =>
        framework is null || framework == Framework || !Frameworks.Contains(framework) ? this : new TestIdioms(framework, MockLibrary);

    private static string? FrameworkOf(IEnumerable<TestFacts> tests)
    {
        var counts = new int[Frameworks.Length];
        foreach (var test in tests)
        {
            var index = Array.IndexOf(Frameworks, test.Framework);
            if (index >= 0)
            {
                counts[index]++;
            }
        }

        var best = Array.IndexOf(counts, counts.Max());
        return counts[best] == 0 ? null : Frameworks[best];
    }

    /// <summary>The library that made most of the tests' mocks (distinct mock sites); ties go to the order of <see cref="MockLibraries"/>.</summary>
    private static string? MockLibraryOf(IEnumerable<MockingTestFacts> tests)
    {
        var counts = new int[MockLibraries.Length];
        foreach (var mock in tests.SelectMany(m => m.Mocks).DistinctBy(m => (m.Path, m.Line, m.MockedType)))
        {
            var index = Array.IndexOf(MockLibraries, mock.Library);
            if (index >= 0)
            {
                counts[index]++;
            }
        }

        var best = Array.IndexOf(counts, counts.Max());
        return counts[best] == 0 ? null : MockLibraries[best];
    }

    /// <summary>TUnit's assertions are awaited, so every TUnit test is async.</summary>
    public bool AssertionsAreAwaited => Framework == "tunit";

    /// <summary>
    /// The test attribute; an async test gets an explicit timeout (<c>[Fact(Timeout = ...)]</c>, NUnit's
    /// <c>[CancelAfter]</c>, MSTest's and TUnit's <c>[Timeout]</c>).
    /// </summary>
    public string TestAttribute(bool async, int milliseconds = 10_000)
    {
        var value = milliseconds.ToString("N0", CultureInfo.InvariantCulture).Replace(",", "_", StringComparison.Ordinal);
        return (Framework, async || AssertionsAreAwaited) switch
        {
            ("nunit", true) => $"[Test, CancelAfter({value})]",
            ("mstest", true) => $"[TestMethod, Timeout({value})]",
            ("tunit", true) => $"[Test, Timeout({value})]",
            (_, true) => $"[Fact(Timeout = {value})]",
            ("nunit", false) => "[Test]",
            ("mstest", false) => "[TestMethod]",
            _ => "[Fact]",
        };
    }

    /// <summary>
    /// The signature of a test. NUnit's <c>[CancelAfter]</c> and TUnit's <c>[Timeout]</c> hand an async test a token
    /// (<see cref="Token"/>); TUnit tests are async even when the code they test is not.
    /// </summary>
    public string Signature(bool async, string name) =>
        !(async || AssertionsAreAwaited) ? $"public void {name}()"
        : Framework is "nunit" or "tunit" ? $"public async Task {name}(CancellationToken cancellationToken)"
        : $"public async Task {name}()";

    public string AsyncSignature(string name) => Signature(async: true, name);

    /// <summary>The cancellation token an async outline passes: the framework's timeout token where it hands one over.</summary>
    public string Token => Framework is "nunit" or "tunit" ? "cancellationToken" : "CancellationToken.None";

    /// <summary>The class attribute a framework needs, with its line break; empty where none is needed.</summary>
    public string ClassAttribute => Framework switch
    {
        "mstest" => "[TestClass]\n",
        "nunit" => "[TestFixture]\n",
        _ => string.Empty,
    };

    /// <summary>The attribute that puts a test into a kind: xUnit trait, NUnit and TUnit category, MSTest test category.</summary>
    public string Category(string kind) => Framework switch
    {
        "nunit" or "tunit" => $"[Category(\"{kind}\")]",
        "mstest" => $"[TestCategory(\"{kind}\")]",
        _ => $"[Trait(\"Category\", \"{kind}\")]",
    };

    /// <summary>Test methods wrapped into a class of the suite's framework.</summary>
    public string Class(string name, IEnumerable<string> members) =>
        $"{ClassAttribute}public class {name}\n{{\n" + string.Join("\n\n", members.Select(Indent)) + "\n}";

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? l : "    " + l));

    /// <summary>
    /// The attributes and signatures of a test class's async set-up and tear-down, run once per class or before and after
    /// each test; null for xUnit, whose classes implement <c>IAsyncLifetime</c> instead.
    /// </summary>
    public (string SetUpAttribute, string SetUp, string TearDownAttribute, string TearDown)? AsyncLifecycle(bool oncePerClass) => (Framework, oncePerClass) switch
    {
        ("nunit", true) => ("[OneTimeSetUp]", "public async Task SetUpAsync()", "[OneTimeTearDown]", "public async Task TearDownAsync()"),
        ("nunit", false) => ("[SetUp]", "public async Task SetUpAsync()", "[TearDown]", "public async Task TearDownAsync()"),
        ("tunit", true) => ("[Before(Class)]", "public static async Task SetUpAsync()", "[After(Class)]", "public static async Task TearDownAsync()"),
        ("tunit", false) => ("[Before(Test)]", "public async Task SetUpAsync()", "[After(Test)]", "public async Task TearDownAsync()"),
        ("mstest", true) => ("[ClassInitialize]", "public static async Task InitializeAsync(TestContext context)", "[ClassCleanup]", "public static async Task CleanupAsync()"),
        ("mstest", false) => ("[TestInitialize]", "public async Task InitializeAsync()", "[TestCleanup]", "public async Task CleanupAsync()"),
        _ => null,
    };

    public string Equal(string expected, string actual) => Framework switch
    {
        "nunit" => $"Assert.That({actual}, Is.EqualTo({expected}));",
        "mstest" => $"Assert.AreEqual({expected}, {actual});",
        "tunit" => $"await Assert.That({actual}).IsEqualTo({expected});",
        _ => $"Assert.Equal({expected}, {actual});",
    };

    public string NotNull(string actual) => Framework switch
    {
        "nunit" => $"Assert.That({actual}, Is.Not.Null);",
        "mstest" => $"Assert.IsNotNull({actual});",
        "tunit" => $"await Assert.That({actual}).IsNotNull();",
        _ => $"Assert.NotNull({actual});",
    };

    public string Null(string actual) => Framework switch
    {
        "nunit" => $"Assert.That({actual}, Is.Null);",
        "mstest" => $"Assert.IsNull({actual});",
        "tunit" => $"await Assert.That({actual}).IsNull();",
        _ => $"Assert.Null({actual});",
    };

    public string True(string actual) => Framework switch
    {
        "nunit" => $"Assert.That({actual}, Is.True);",
        "mstest" => $"Assert.IsTrue({actual});",
        "tunit" => $"await Assert.That({actual}).IsTrue();",
        _ => $"Assert.True({actual});",
    };

    public string False(string actual) => Framework switch
    {
        "nunit" => $"Assert.That({actual}, Is.False);",
        "mstest" => $"Assert.IsFalse({actual});",
        "tunit" => $"await Assert.That({actual}).IsFalse();",
        _ => $"Assert.False({actual});",
    };

    /// <summary><c>var name = Assert.Single(items, predicate);</c> in xUnit; LINQ's <c>Single</c> where the framework has no such assertion.</summary>
    public string Single(string variable, string items, string? predicate) => (Framework, predicate) switch
    {
        ("xunit", null) => $"var {variable} = Assert.Single({items});",
        ("xunit", _) => $"var {variable} = Assert.Single({items}, {predicate});",
        (_, null) => $"var {variable} = {items}.Single();",
        _ => $"var {variable} = {items}.Single({predicate});",
    };

    /// <summary>
    /// An awaited assertion that the task <paramref name="call"/> fails with <paramref name="exception"/> or a type derived
    /// from it (any exception for <c>Exception</c>), kept in <paramref name="variable"/> when one is given.
    /// </summary>
    public string ThrowsAsync(string exception, string call, string? variable = null)
    {
        var assign = variable is null ? string.Empty : $"var {variable} = ";
        return Framework switch
        {
            "nunit" => $"{assign}Assert.CatchAsync<{exception}>(() => {call});",
            "mstest" => $"{assign}await Assert.ThrowsAsync<{exception}>(() => {call});",
            "tunit" => $"{assign}await Assert.ThrowsAsync<{exception}>(() => {call});",
            _ => $"{assign}await Assert.ThrowsAnyAsync<{exception}>(() => {call});",
        };
    }

    /// <summary>An assertion that <paramref name="call"/> fails with <paramref name="exception"/>: awaited for a task, direct otherwise.</summary>
    public string Throws(string exception, string call, bool async) => async ? ThrowsAsync(exception, call) : Throws(exception, call);

    /// <summary>An assertion that the synchronous <paramref name="call"/> throws <paramref name="exception"/> or a type derived from it.</summary>
    public string Throws(string exception, string call) => Framework switch
    {
        "nunit" => $"Assert.Catch<{exception}>(() => {call});",
        "mstest" => $"Assert.Throws<{exception}>(() => {call});",
        "tunit" => $"await Assert.That(() => {call}).Throws<{exception}>();",
        _ => $"Assert.ThrowsAny<{exception}>(() => {call});",
    };

    /// <summary>A stand-in for a boundary dependency in the suite's mocking library, or a hand-written fake.</summary>
    public string Double(string type) => MockLibrary switch
    {
        "Moq" => $"Mock.Of<{type}>()",
        "NSubstitute" => $"Substitute.For<{type}>()",
        "FakeItEasy" => $"A.Fake<{type}>()",
        _ => $"new Fake{WithoutInterfacePrefix(type)}()",
    };

    /// <summary>A collaborator that fails, in the suite's mocking library: the declaration and the expression to pass it as.</summary>
    public (string Declaration, string Argument) FailingDouble(string interfaceName, string purpose)
    {
        var variable = VariableOf(interfaceName);
        return MockLibrary switch
        {
            "Moq" => ($"var {variable} = new Mock<{interfaceName}>(); // set it up to throw {purpose}", $"{variable}.Object"),
            "NSubstitute" => ($"var {variable} = Substitute.For<{interfaceName}>(); // make it throw {purpose}", variable),
            "FakeItEasy" => ($"var {variable} = A.Fake<{interfaceName}>(); // A.CallTo(...).Throws(...) {purpose}", variable),
            _ => ($"var {variable} = new Failing{WithoutInterfacePrefix(interfaceName)}(); // a hand-written {interfaceName} that throws {purpose}", variable),
        };
    }

    /// <summary><c>IPaymentGateway</c> → <c>PaymentGateway</c>.</summary>
    public static string WithoutInterfacePrefix(string typeName) =>
        typeName.Length > 1 && typeName[0] == 'I' && char.IsUpper(typeName[1]) ? typeName[1..] : typeName;

    /// <summary>
    /// A value an outline can write in place for a parameter of a simple type (<paramref name="token"/> for a
    /// <c>CancellationToken</c>); null for a type the test has to build.
    /// </summary>
    public static string? LiteralOf(string parameterType, string token) => parameterType switch
    {
        "CancellationToken" => token,
        "string" or "String" => "\"value\"",
        "int" or "long" or "short" or "Int32" or "Int64" => "1",
        "decimal" or "Decimal" => "1m",
        "double" or "Double" => "1.0",
        "bool" or "Boolean" => "true",
        "Guid" => "Guid.NewGuid()",
        "DateTimeOffset" => "DateTimeOffset.UtcNow",
        "DateTime" => "DateTime.UtcNow",
        "TimeSpan" => "TimeSpan.FromSeconds(1)",
        "TimeProvider" => "TimeProvider.System",
        "ILogger" => "NullLogger.Instance",
        _ => null,
    };

    /// <summary><c>IPaymentGateway</c> → <c>paymentGateway</c>; <c>Event</c> → <c>@event</c>.</summary>
    public static string VariableOf(string typeName)
    {
        var variable = CamelOf(typeName);
        return Keywords.Contains(variable) ? "@" + variable : variable;
    }

    /// <summary><c>IPaymentGateway</c> → <c>paymentGateway</c>, unescaped: for names built from it (<c>_paymentGateway</c>).</summary>
    public static string CamelOf(string typeName)
    {
        var name = WithoutInterfacePrefix(typeName);
        return name.Length == 0 ? "value" : char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "event", "object", "string", "operator", "class", "delegate", "base", "params", "checked", "fixed", "lock", "default", "decimal",
        "char", "byte", "int", "long", "bool", "double", "float", "short", "internal", "namespace", "new", "out", "ref", "this", "void",
    };
}
