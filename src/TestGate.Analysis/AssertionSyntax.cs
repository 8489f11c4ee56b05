using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TestGate.Analysis;

/// <summary>
/// What counts as an assertion in a test, for every rule family: the frameworks' assert classes, FluentAssertions and
/// Shouldly, mock verification (Moq, NSubstitute, FakeItEasy) and a suite's own assertion helpers.
/// </summary>
internal static class AssertionSyntax
{
    /// <summary>Receivers that are not <c>*Assert</c> classes but assert: NUnit's <c>Assume</c>, Shouldly's <c>Should.Throw</c>.</summary>
    private static readonly HashSet<string> OtherAssertingReceivers = new(StringComparer.Ordinal) { "Assume", "Should" };

    /// <summary>Verification that a test double was called: Moq, NSubstitute; FakeItEasy's <c>MustHaveHappened*</c> by prefix.</summary>
    private static readonly HashSet<string> CalledVerifications = new(StringComparer.Ordinal) { "Verify", "VerifyAll", "Received", "ReceivedWithAnyArgs" };

    /// <summary>Verification that a test double was not called (FakeItEasy's <c>MustNotHaveHappened</c> by prefix).</summary>
    private static readonly HashSet<string> NotCalledVerifications = new(StringComparer.Ordinal) { "VerifyNoOtherCalls", "DidNotReceive", "DidNotReceiveWithAnyArgs" };

    /// <summary>
    /// An assertion call: a method of an <c>*Assert</c> class (<c>Assert</c>, <c>ClassicAssert</c>, <c>CollectionAssert</c>,
    /// a suite's <c>LogAssert</c>), a <c>Should*</c> call or a call on a <c>.Should()</c> chain, a mock verification, or a
    /// helper named like an assertion (<c>AssertErrorLogged</c>, <c>VerifyCorrelationId</c>, <c>ExpectMetric</c>).
    /// </summary>
    public static bool IsAssertion(InvocationExpressionSyntax invocation)
    {
        if (SyntaxNames.InvokedName(invocation) is not { } name)
        {
            return false;
        }

        if (invocation.Expression is MemberAccessExpressionSyntax member && SyntaxNames.RightmostName(member.Expression) is { } receiver
            && IsAssertingType(receiver))
        {
            return true;
        }

        return name.StartsWith("Should", StringComparison.Ordinal)
            || IsVerification(name)
            || IsAssertionHelperName(name)
            || ChainHasShould(invocation.Expression);
    }

    /// <summary>A type whose static methods assert: <c>Assert</c>, <c>ClassicAssert</c>, <c>CollectionAssert</c>, <c>Assume</c>, Shouldly's <c>Should</c>.</summary>
    public static bool IsAssertingType(string name) => name.EndsWith("Assert", StringComparison.Ordinal) || OtherAssertingReceivers.Contains(name);

    /// <summary>A mock verification either way: <see cref="IsCalledVerification"/>, <c>DidNotReceive</c>, <c>MustNotHaveHappened</c>.</summary>
    public static bool IsVerification(string name) =>
        IsCalledVerification(name)
        || NotCalledVerifications.Contains(name)
        || name.StartsWith("MustNotHaveHappened", StringComparison.Ordinal);

    /// <summary>A verification that a double was called: <c>Verify</c>, <c>Received</c>, <c>MustHaveHappened*</c>.</summary>
    public static bool IsCalledVerification(string name) =>
        CalledVerifications.Contains(name) || name.StartsWith("MustHaveHappened", StringComparison.Ordinal);

    /// <summary>A helper named like an assertion: <c>AssertErrorLogged</c>, <c>VerifyCorrelationId</c>, <c>ExpectMetric</c>; not <c>ExpectedOrder</c>.</summary>
    public static bool IsAssertionHelperName(string name) =>
        name.Length > 6
        && (name.StartsWith("Assert", StringComparison.Ordinal) || name.StartsWith("Verify", StringComparison.Ordinal) || name.StartsWith("Expect", StringComparison.Ordinal))
        && char.IsUpper(name[6])
        && !IsVerification(name);

    /// <summary><c>result.Should().Be(1)</c>, <c>x.Should().NotBeNull().And.Be(y)</c>: a call further along a <c>Should()</c> chain.</summary>
    private static bool ChainHasShould(ExpressionSyntax expression)
    {
        var steps = 0;
        for (var current = expression; steps++ < AnalysisLimits.ExpressionDepth;)
        {
            switch (current)
            {
                case MemberAccessExpressionSyntax member:
                    current = member.Expression;
                    break;
                case InvocationExpressionSyntax inner when SyntaxNames.InvokedName(inner) == "Should":
                    return true;
                case InvocationExpressionSyntax inner:
                    current = inner.Expression;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }
}
