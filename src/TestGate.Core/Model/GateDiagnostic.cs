namespace TestGate.Core.Model;

public enum DiagnosticLevel
{
    Message,
    Warning,
    Error,
}

/// <summary>
/// A problem of the gate itself (unreadable coverage, invalid configuration, an internal failure), as opposed to a
/// <see cref="Finding"/> about the test suite. Errors make the verdict fail: the gate never passes when it could not measure.
/// </summary>
public sealed record GateDiagnostic(string Code, DiagnosticLevel Level, string Message, string? Path = null, int? Line = null);
