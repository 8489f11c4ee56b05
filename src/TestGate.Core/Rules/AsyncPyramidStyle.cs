using System.Globalization;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Core.Rules;

/// <summary>
/// Writing helpers of the async-hygiene and pyramid rules (the framework's own idioms are in <see cref="TestIdioms"/>).
/// </summary>
internal static class AsyncPyramidStyle
{
    public static string KindName(TestKind kind, string fallback) => kind switch
    {
        TestKind.Unit => "Unit",
        TestKind.Integration => "Integration",
        TestKind.Application => "Application",
        TestKind.E2E => "E2E",
        _ => fallback,
    };

    public static string Short(string text, int max = 140)
    {
        var line = OneLine(text);
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }

    /// <summary>Source text on one line: whitespace runs (line breaks included) become one space.</summary>
    public static string OneLine(string text) =>
        string.Join(' ', text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    public static string SimpleClassName(string className) => TypeNames.SimpleNameOf(className);

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

    /// <summary>A placeholder argument of a parameter type in an outline: a literal, or a factory call for a type the test builds.</summary>
    public static string Argument(string parameterType, string tokenExpression) =>
        TestIdioms.LiteralOf(parameterType, tokenExpression) ?? $"TestData.{TestIdioms.WithoutInterfacePrefix(parameterType)}()";
}
