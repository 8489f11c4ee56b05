namespace TestGate.Analysis;

/// <summary>
/// Bounds that keep the review linear and its stack shallow on inputs no person writes (generated chains of thousands of
/// helpers or base classes, a SQL string joined from thousands of pieces, a "source file" that is a device). Real code
/// stays far below them; what lies beyond is reviewed as far as the bound reaches, never by crashing the build.
/// See docs/reliability.md.
/// </summary>
public static class AnalysisLimits
{
    /// <summary>How deep a chain of same-class helper calls is followed from a test (test → helper → helper ...).</summary>
    public const int HelperCallDepth = 64;

    /// <summary>
    /// How many links of a call chain (<c>a.B().C()...</c>) or enclosing expressions a per-node check looks through: such
    /// checks run for every call, so an unbounded walk makes a generated chain of thousands of calls quadratic.
    /// </summary>
    public const int ExpressionDepth = 64;

    /// <summary>How many base classes above a test-project type are followed.</summary>
    public const int BaseTypeDepth = 64;

    /// <summary>The largest source file read: beyond it the file is reported as unreadable (TG0003), not parsed.</summary>
    public const long SourceFileBytes = 64L * 1024 * 1024;

    /// <summary>The largest SQL script read for schema constraints: a larger one is a data dump, left out.</summary>
    public const long SqlScriptBytes = 4L * 1024 * 1024;
}
