namespace TestGate.Core.Suite;

/// <summary>Names of assertions the analysis and the rules both recognise in test code.</summary>
public static class AssertionNames
{
    /// <summary>
    /// The names exception assertions go by in xUnit, NUnit, MSTest, TUnit, FluentAssertions and Shouldly. A name alone
    /// is not enough where a mock's set-up can use it too (Moq's <c>.ThrowsAsync(...)</c>); the analysis checks the call.
    /// </summary>
    public static readonly IReadOnlySet<string> Throws = new HashSet<string>(StringComparer.Ordinal)
    {
        "Throws", "ThrowsAsync", "ThrowsAny", "ThrowsAnyAsync", "ThrowsException", "ThrowsExceptionAsync", "ThrowsExactly",
        "ThrowsExactlyAsync", "ThrowsWithin", "Catch", "CatchAsync", "Throw", "ThrowAsync", "ThrowExactly", "ThrowExactlyAsync",
        "ThrowWithinAsync", "ShouldThrow", "ShouldThrowAsync",
    };
}
