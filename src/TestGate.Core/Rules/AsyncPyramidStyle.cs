using System.Globalization;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Core.Rules;

/// <summary>
/// Writing helpers of the async-hygiene and pyramid rules: the suite's own test framework and mocking library, and
/// the pieces of C# test outlines written in them.
/// </summary>
internal static class AsyncPyramidStyle
{
    /// <summary>The most common framework of <paramref name="tests"/> (ties: xunit, nunit, mstest); xunit when none is known.</summary>
    public static string Framework(IEnumerable<TestFacts> tests)
    {
        var counts = tests.GroupBy(t => t.Framework, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new[] { "xunit", "nunit", "mstest" }
            .Select((f, order) => (Framework: f, Count: counts.GetValueOrDefault(f), Order: order))
            .Where(f => f.Count > 0)
            .OrderByDescending(f => f.Count)
            .ThenBy(f => f.Order)
            .Select(f => f.Framework)
            .FirstOrDefault() ?? "xunit";
    }

    /// <summary>A test's own framework, or the suite's (computed once, only when needed) when the test's is not known.</summary>
    public static string FrameworkOf(string framework, Lazy<string> suiteFramework) =>
        framework is "xunit" or "nunit" or "mstest" ? framework : suiteFramework.Value;

    public static Lazy<string> SuiteFramework(SuiteModel suite) => new(() => Framework(suite.Tests), LazyThreadSafetyMode.None);

    /// <summary>The mocking library most tests that mock use: Moq, NSubstitute, FakeItEasy, or null (hand-written fakes).</summary>
    public static string? MockLibrary(IEnumerable<TestFacts> tests)
    {
        int moq = 0, nsubstitute = 0, fakeItEasy = 0;
        foreach (var test in tests.Where(t => t.MockedTypes.Count > 0))
        {
            if (test.Mentions("Substitute"))
            {
                nsubstitute++;
            }
            else if (test.Invokes("CallTo") || (test.Mentions("A") && test.Invokes("Fake")))
            {
                fakeItEasy++;
            }
            else if (test.Creates("Mock") || test.Mentions("Mock"))
            {
                moq++;
            }
        }

        var best = Math.Max(moq, Math.Max(nsubstitute, fakeItEasy));
        return best == 0 ? null : moq == best ? "Moq" : nsubstitute == best ? "NSubstitute" : "FakeItEasy";
    }

    /// <summary>A test attribute with an explicit timeout for async tests.</summary>
    public static string TestAttribute(string framework, bool async) => (framework, async) switch
    {
        ("nunit", true) => "[Test, CancelAfter(10_000)]",
        ("nunit", false) => "[Test]",
        ("mstest", true) => "[TestMethod, Timeout(10_000)]",
        ("mstest", false) => "[TestMethod]",
        (_, true) => "[Fact(Timeout = 10_000)]",
        _ => "[Fact]",
    };

    /// <summary>An async test's signature; NUnit's <c>[CancelAfter]</c> hands the test a token.</summary>
    public static string AsyncSignature(string framework, string name) =>
        framework == "nunit" ? $"public async Task {name}(CancellationToken cancellationToken)" : $"public async Task {name}()";

    /// <summary>An awaited assertion that <paramref name="call"/> throws <paramref name="exception"/> or a subclass.</summary>
    public static string ThrowsAsync(string framework, string exception, string call) => framework switch
    {
        "nunit" => $"await Assert.ThatAsync(() => {call}, Throws.InstanceOf<{exception}>());",
        "mstest" => $"await Assert.ThrowsAsync<{exception}>(() => {call});",
        _ => $"await Assert.ThrowsAnyAsync<{exception}>(() => {call});",
    };

    public static string AssertEqual(string framework, string expected, string actual) => framework switch
    {
        "nunit" => $"Assert.That({actual}, Is.EqualTo({expected}));",
        "mstest" => $"Assert.AreEqual({expected}, {actual});",
        _ => $"Assert.Equal({expected}, {actual});",
    };

    /// <summary>The attribute that puts a test class into a kind: xUnit trait, NUnit category, MSTest test category.</summary>
    public static string CategoryAttribute(string framework, string kind) => framework switch
    {
        "nunit" => $"[Category(\"{kind}\")]",
        "mstest" => $"[TestCategory(\"{kind}\")]",
        _ => $"[Trait(\"Category\", \"{kind}\")]",
    };

    /// <summary>A stand-in for a boundary dependency in the suite's mocking library (or a hand-written fake).</summary>
    public static string Fake(string? library, string type) => library switch
    {
        "Moq" => $"Mock.Of<{type}>()",
        "NSubstitute" => $"Substitute.For<{type}>()",
        "FakeItEasy" => $"A.Fake<{type}>()",
        _ => $"new Fake{(type.Length > 1 && type[0] == 'I' && char.IsUpper(type[1]) ? type[1..] : type)}()",
    };

    public static string KindName(TestKind kind, string fallback) => kind switch
    {
        TestKind.Unit => "Unit",
        TestKind.Integration => "Integration",
        TestKind.Application => "Application",
        TestKind.E2E => "E2E",
        _ => fallback,
    };

    /// <summary>"A, B, C and 4 more".</summary>
    public static string List(IReadOnlyCollection<string> items, int max = 5)
    {
        var shown = items.Take(max).ToArray();
        var text = shown.Length switch
        {
            0 => string.Empty,
            1 => shown[0],
            _ when items.Count <= max => string.Join(", ", shown[..^1]) + " and " + shown[^1],
            _ => string.Join(", ", shown),
        };
        return items.Count > max ? $"{text} and {(items.Count - max).ToString(CultureInfo.InvariantCulture)} more" : text;
    }

    public static string Short(string text, int max = 140)
    {
        var line = OneLine(text);
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }

    /// <summary>Source text on one line: whitespace runs (line breaks included) become one space.</summary>
    public static string OneLine(string text) =>
        string.Join(' ', text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    public static string SimpleClassName(string className) => TypeNames.SimpleNameOf(className);

    public static string Count(int count, string singular, string plural) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);

    /// <summary>
    /// What a blocking wait waits for, written as an awaitable: <c>x.GetAwaiter().GetResult()</c>, <c>x.Result</c>,
    /// <c>x.Wait()</c> → <c>x</c>; <c>x.Wait(t)</c> → <c>x.WaitAsync(t)</c>; <c>Task.WaitAll(a, b)</c> → <c>Task.WhenAll(a, b)</c>.
    /// </summary>
    public static string Awaitable(string expression)
    {
        const string getResult = ".GetAwaiter().GetResult()";
        if (expression.EndsWith(getResult, StringComparison.Ordinal))
        {
            return expression[..^getResult.Length];
        }

        if (expression.StartsWith("Task.WaitAll(", StringComparison.Ordinal))
        {
            return "Task.WhenAll(" + expression["Task.WaitAll(".Length..];
        }

        if (expression.StartsWith("Task.WaitAny(", StringComparison.Ordinal))
        {
            return "Task.WhenAny(" + expression["Task.WaitAny(".Length..];
        }

        if (expression.EndsWith(".Result", StringComparison.Ordinal))
        {
            return expression[..^".Result".Length];
        }

        var wait = expression.LastIndexOf(".Wait(", StringComparison.Ordinal);
        if (wait > 0 && expression.EndsWith(')'))
        {
            var arguments = expression[(wait + ".Wait(".Length)..^1];
            return arguments.Trim().Length == 0 ? expression[..wait] : $"{expression[..wait]}.WaitAsync({arguments})";
        }

        return expression;
    }

    /// <summary>A blocking wait whose task is already complete: nothing can block.</summary>
    public static bool IsTrivialWait(string expression)
    {
        var awaited = Awaitable(expression);
        return awaited.StartsWith("Task.FromResult", StringComparison.Ordinal)
            || awaited.StartsWith("ValueTask.FromResult", StringComparison.Ordinal)
            || awaited.StartsWith("Task.CompletedTask", StringComparison.Ordinal);
    }

    /// <summary>A placeholder argument of a parameter type in an outline.</summary>
    public static string Argument(string parameterType, string tokenExpression) => parameterType switch
    {
        "CancellationToken" => tokenExpression,
        "string" or "String" => "\"value\"",
        "int" or "long" or "short" or "Int32" or "Int64" => "1",
        "decimal" or "Decimal" => "1m",
        "double" or "Double" => "1.0",
        "bool" or "Boolean" => "true",
        "Guid" => "Guid.NewGuid()",
        "DateTimeOffset" => "DateTimeOffset.UtcNow",
        "DateTime" => "DateTime.UtcNow",
        "TimeSpan" => "TimeSpan.FromSeconds(1)",
        _ => $"TestData.{parameterType}()",
    };

    /// <summary>Joins outline lines with "\n".</summary>
    public static string Lines(params string?[] lines) => string.Join("\n", lines.Where(l => l is not null));
}
