using System.Globalization;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Core.Rules;

/// <summary>
/// How example tests of the observability and test-data families are written: in the suite's own framework and
/// mocking library, with its assertion idioms. Pure text, deterministic.
/// </summary>
internal sealed class ObservabilityTestDataStyle
{
    private ObservabilityTestDataStyle(string framework, string mocking)
    {
        Framework = framework;
        Mocking = mocking;
    }

    /// <summary>xunit, nunit or mstest.</summary>
    public string Framework { get; }

    /// <summary>moq, nsubstitute, fakeiteasy, or none (a hand-written fake).</summary>
    public string Mocking { get; }

    /// <summary>The framework most tests of the suite use (xUnit when none), and its most used mocking library.</summary>
    public static ObservabilityTestDataStyle Of(SuiteModel suite)
    {
        var framework = MostCommon(suite.Tests.Select(t => t.Framework).Where(f => f is "xunit" or "nunit" or "mstest"), ["xunit", "nunit", "mstest"]) ?? "xunit";
        var mocking = MostCommon(
            suite.Tests.Where(t => t.MockedTypes.Count > 0).Select(t =>
                t.Mentions("Substitute") ? "nsubstitute"
                : t.Mentions("Mock") ? "moq"
                : t.Mentions("Fake") && t.Mentions("A") ? "fakeiteasy"
                : null).OfType<string>(),
            ["moq", "nsubstitute", "fakeiteasy"]) ?? "none";
        return new ObservabilityTestDataStyle(framework, mocking);
    }

    /// <summary>The same mocking library, in the framework most of <paramref name="tests"/> use (unchanged when they name none).</summary>
    public ObservabilityTestDataStyle For(IEnumerable<TestFacts> tests)
    {
        var framework = MostCommon(tests.Select(t => t.Framework).Where(f => f is "xunit" or "nunit" or "mstest"), ["xunit", "nunit", "mstest"]);
        return framework is null || framework == Framework ? this : new ObservabilityTestDataStyle(framework, Mocking);
    }

    private static string? MostCommon(IEnumerable<string> values, string[] tieOrder) =>
        values.GroupBy(v => v, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => Array.IndexOf(tieOrder, g.Key))
            .Select(g => g.Key)
            .FirstOrDefault();

    public string TestAttribute(bool isAsync) => Framework switch
    {
        "nunit" => isAsync ? "[Test, CancelAfter(10_000)]" : "[Test]",
        "mstest" => isAsync ? "[TestMethod, Timeout(10_000)]" : "[TestMethod]",
        _ => isAsync ? "[Fact(Timeout = 10_000)]" : "[Fact]",
    };

    public string Signature(bool isAsync, string name) =>
        isAsync ? $"public async Task {name}()" : $"public void {name}()";

    public string Equal(string expected, string actual) => Framework switch
    {
        "nunit" => $"Assert.That({actual}, Is.EqualTo({expected}));",
        "mstest" => $"Assert.AreEqual({expected}, {actual});",
        _ => $"Assert.Equal({expected}, {actual});",
    };

    public string NotNull(string actual) => Framework switch
    {
        "nunit" => $"Assert.That({actual}, Is.Not.Null);",
        "mstest" => $"Assert.IsNotNull({actual});",
        _ => $"Assert.NotNull({actual});",
    };

    /// <summary><c>var name = Assert.Single(items, predicate);</c> or LINQ's <c>Single</c> where the framework has no such assertion.</summary>
    public string Single(string variable, string items, string? predicate) => Framework switch
    {
        "xunit" => predicate is null ? $"var {variable} = Assert.Single({items});" : $"var {variable} = Assert.Single({items}, {predicate});",
        _ => predicate is null ? $"var {variable} = {items}.Single();" : $"var {variable} = {items}.Single({predicate});",
    };

    /// <summary>An awaited (or not) call that must throw; the exception type is left general on purpose.</summary>
    public string Throws(string call, bool isAsync) => (Framework, isAsync) switch
    {
        ("nunit", true) => $"Assert.CatchAsync(async () => await {call});",
        ("nunit", false) => $"Assert.Catch(() => {call});",
        ("mstest", true) => $"await Assert.ThrowsExceptionAsync<Exception>(() => {call});",
        ("mstest", false) => $"Assert.ThrowsException<Exception>(() => {call});",
        (_, true) => $"await Assert.ThrowsAnyAsync<Exception>(() => {call});",
        _ => $"Assert.ThrowsAny<Exception>(() => {call});",
    };

    /// <summary>A collaborator that fails, in the suite's mocking library: the declaration and the expression to pass it as.</summary>
    public (string Declaration, string Argument) FailingFake(string interfaceName, string purpose)
    {
        var variable = VariableName(interfaceName);
        return Mocking switch
        {
            "moq" => ($"var {variable} = new Mock<{interfaceName}>(); // set it up to throw {purpose}", $"{variable}.Object"),
            "nsubstitute" => ($"var {variable} = Substitute.For<{interfaceName}>(); // make it throw {purpose}", variable),
            "fakeiteasy" => ($"var {variable} = A.Fake<{interfaceName}>(); // A.CallTo(...).Throws(...) {purpose}", variable),
            _ => ($"var {variable} = new Failing{Strip(interfaceName)}(); // a hand-written {interfaceName} that throws {purpose}", variable),
        };
    }

    public static string VariableName(string typeName)
    {
        var name = Strip(typeName);
        return name.Length == 0 ? "fake" : char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary><c>IPaymentGateway</c> → <c>PaymentGateway</c>.</summary>
    public static string Strip(string typeName) =>
        typeName.Length > 1 && typeName[0] == 'I' && char.IsUpper(typeName[1]) ? typeName[1..] : typeName;

    /// <summary>A C# identifier from free text: <c>shop.payments.failed</c> → <c>shop_payments_failed</c>.</summary>
    public static string Identifier(string text)
    {
        var chars = text.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray();
        var identifier = string.Join('_', new string(chars).Split('_', StringSplitOptions.RemoveEmptyEntries));
        return identifier.Length == 0 ? "value" : char.IsDigit(identifier[0]) ? "_" + identifier : identifier;
    }

    public static string Kind(TestKind kind) => kind switch
    {
        TestKind.Integration => "Integration",
        TestKind.Application => "Application",
        TestKind.E2E => "E2E",
        _ => "Unit",
    };

    public static string Lines(params string[] lines) => string.Join("\n", lines);

    public static string Count(int count, string singular, string plural) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);

    /// <summary>Up to <paramref name="max"/> items joined with ", ", then "and N more".</summary>
    public static string List(IEnumerable<string> items, int max = 3)
    {
        var all = items.ToArray();
        var shown = string.Join(", ", all.Take(max));
        return all.Length > max ? $"{shown} and {(all.Length - max).ToString(CultureInfo.InvariantCulture)} more" : shown;
    }

    public static string Line(int line) => line.ToString(CultureInfo.InvariantCulture);
}
