using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Suite;

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

    /// <summary>
    /// Every await of the method is an assertion on a value (TUnit's <c>await Assert.That(total).IsEqualTo(3)</c>): the
    /// chain starts at an <c>*Assert</c> class, asserts no exception or completion (<c>Throws*</c>, <c>CompletesWithin</c>),
    /// and no argument of it holds a lambda, a task-returning call (an <c>*Async</c> method or one of
    /// <paramref name="taskMethods"/>) or an <c>*Async</c> method group, so the awaited assertion runs no asynchronous work
    /// of the code under test. False for a method that awaits nothing, or has <c>await foreach</c> or <c>await using</c>.
    /// </summary>
    public static bool AwaitsOnlyValueAssertions(MethodDeclarationSyntax method, IReadOnlySet<string> taskMethods)
    {
        SyntaxNode? body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
        if (body is null)
        {
            return false;
        }

        var awaits = 0;
        foreach (var node in body.Descendants())
        {
            switch (node)
            {
                case AwaitExpressionSyntax awaited when IsValueAssertion(awaited.Expression, taskMethods):
                    awaits++;
                    break;
                case AwaitExpressionSyntax:
                case CommonForEachStatementSyntax { AwaitKeyword.RawKind: not 0 }:
                case UsingStatementSyntax { AwaitKeyword.RawKind: not 0 }:
                case LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: not 0 }:
                    return false;
            }
        }

        return awaits > 0;
    }

    /// <summary>An assertion chain on a value: <c>Assert.That(x).IsEqualTo(y).And.IsNotNull()</c> (see <see cref="AwaitsOnlyValueAssertions"/>).</summary>
    private static bool IsValueAssertion(ExpressionSyntax expression, IReadOnlySet<string> taskMethods)
    {
        var current = expression;
        for (var depth = 0; depth < AnalysisLimits.ExpressionDepth; depth++)
        {
            switch (current)
            {
                case InvocationExpressionSyntax invocation:
                    if (SyntaxNames.InvokedName(invocation) is { } name
                        && (name.StartsWith("Throws", StringComparison.Ordinal) || name.StartsWith("Completes", StringComparison.Ordinal))
                        || invocation.ArgumentList.Arguments.Any(a => RunsWork(a.Expression, taskMethods)))
                    {
                        return false;
                    }

                    if (invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver }
                        && IsAssertingType(receiver.Identifier.ValueText))
                    {
                        return true;
                    }

                    current = invocation.Expression;
                    break;
                case MemberAccessExpressionSyntax member:
                    current = member.Expression;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Assertions that a chained subject throws: FluentAssertions' <c>.Should().Throw*()</c>, Shouldly's <c>ShouldThrow*</c>.</summary>
    private static readonly HashSet<string> ChainedThrowsNames = new(StringComparer.Ordinal)
    {
        "Throw", "ThrowAsync", "ThrowExactly", "ThrowExactlyAsync", "ThrowWithinAsync", "ShouldThrow", "ShouldThrowAsync",
    };

    /// <summary>An argument that runs or hands over asynchronous work: a lambda, a task-returning call, an <c>*Async</c> method group.</summary>
    private static bool RunsWork(ExpressionSyntax argument, IReadOnlySet<string> taskMethods)
    {
        foreach (var node in argument.DescendantsAndSelf())
        {
            switch (node)
            {
                case AnonymousFunctionExpressionSyntax:
                    return true;
                case InvocationExpressionSyntax call when SyntaxNames.InvokedName(call) is { } name
                    && (name.EndsWith("Async", StringComparison.Ordinal) || taskMethods.Contains(name) || name is "Run" or "StartNew" or "WhenAll" or "WhenAny"):
                    return true;
                case SimpleNameSyntax simple when simple.Identifier.ValueText.EndsWith("Async", StringComparison.Ordinal) && simple.Parent is not InvocationExpressionSyntax
                    && !(simple.Parent is MemberAccessExpressionSyntax access && access.Name == simple && access.Parent is InvocationExpressionSyntax):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An assertion that code throws: an <c>*Assert</c> class's <c>Throws*</c>/<c>Catch*</c> (<c>Assert.ThrowsAsync&lt;T&gt;</c>),
    /// TUnit's <c>Assert.That(act).Throws&lt;T&gt;()</c>, NUnit's <c>Assert.That(act, Throws.TypeOf&lt;T&gt;())</c>,
    /// FluentAssertions' <c>.Should().ThrowAsync&lt;T&gt;()</c>, Shouldly's <c>ShouldThrow</c>, xUnit's <c>Record.Exception</c>.
    /// Not a mock set-up that makes a call throw (<c>mock.Setup(...).ThrowsAsync(...)</c>).
    /// </summary>
    public static bool IsThrowsAssertion(InvocationExpressionSyntax invocation)
    {
        if (SyntaxNames.InvokedName(invocation) is not { } name)
        {
            return false;
        }

        if (invocation.Expression is not MemberAccessExpressionSyntax member)
        {
            return false;
        }

        // FluentAssertions' act.Should().Throw*(), Shouldly's act.ShouldThrow() and Should.Throw(...); not ThrowHelper.Throw(x).
        if (ChainedThrowsNames.Contains(name))
        {
            return name.StartsWith("ShouldThrow", StringComparison.Ordinal)
                || member.Expression is IdentifierNameSyntax { Identifier.ValueText: "Should" }
                || ChainHasShould(member.Expression);
        }

        switch (member.Expression)
        {
            case IdentifierNameSyntax { Identifier.ValueText: "Record" }:
                return name is "Exception" or "ExceptionAsync";
            case ExpressionSyntax receiver when SyntaxNames.RightmostName(receiver) is { } receiverName && receiver is IdentifierNameSyntax or MemberAccessExpressionSyntax
                && IsAssertingType(receiverName):
                return AssertionNames.Throws.Contains(name)
                    || (name is "That" or "ThatAsync" && invocation.ArgumentList.Arguments.Skip(1).Any(a => a.Expression.DescendantsAndSelf().Any(n =>
                        n is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Throws" }, Name.Identifier.ValueText: not "Nothing" })));
            case InvocationExpressionSyntax subject:
                // TUnit: Assert.That(act).Throws<T>(), .ThrowsExactly<T>(), .ThrowsException(); not .ThrowsNothing().
                return name.StartsWith("Throws", StringComparison.Ordinal) && name != "ThrowsNothing"
                    && subject.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax root, Name.Identifier.ValueText: "That" }
                    && IsAssertingType(root.Identifier.ValueText);
            default:
                return false;
        }
    }

    /// <summary>
    /// An assertion that something happened exactly once: <c>Assert.Single</c>, <c>ContainSingle</c>,
    /// <c>ShouldHaveSingleItem</c>, TUnit's <c>HasSingleItem</c>, an equality or count with the literal 1
    /// (<c>Assert.Equal(1, ...)</c>, <c>Is.EqualTo(1)</c>, <c>.Should().Be(1)</c>, <c>await Assert.That(n).IsEqualTo(1)</c>,
    /// <c>HasCount(1)</c>), <c>Times.Once</c>, <c>Received(1)</c>, <c>MustHaveHappenedOnceExactly</c>.
    /// </summary>
    public static bool IsExactlyOneAssertion(InvocationExpressionSyntax invocation)
    {
        var arguments = invocation.ArgumentList.Arguments;
        var receiver = invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax identifier } ? identifier.Identifier.ValueText : null;
        return SyntaxNames.InvokedName(invocation) switch
        {
            "Single" => receiver is not null && IsAssertingType(receiver),
            "ContainSingle" or "ShouldHaveSingleItem" or "HasSingleItem" or "MustHaveHappenedOnceExactly" => true,
            "Once" => receiver == "Times",
            "Exactly" => receiver is "Times" or "Has" && arguments.Count > 0 && IsOne(arguments[0].Expression),
            "Received" or "ReceivedWithAnyArgs" => arguments.Count > 0 && IsOne(arguments[0].Expression),
            "Equal" or "AreEqual" or "StrictEqual" => receiver is not null && IsAssertingType(receiver) && arguments.Count > 1
                && (IsOne(arguments[0].Expression) || IsOne(arguments[1].Expression)),
            "Be" or "ShouldBe" or "HaveCount" or "EqualTo" or "IsEqualTo" or "HasCount" or "MustHaveHappened" => arguments.Any(a => IsOne(a.Expression)),
            _ => false,
        };
    }

    private static bool IsOne(ExpressionSyntax expression) =>
        expression is LiteralExpressionSyntax { Token.Value: 1 or 1L or 1u or 1ul or 1m or 1d or 1f };

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
