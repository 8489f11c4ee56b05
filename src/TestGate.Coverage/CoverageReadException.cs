namespace TestGate.Coverage;

/// <summary>
/// A coverage file that cannot be used. The message is written for the user (what is wrong and what to do), never
/// a parser's stack trace; <see cref="Line"/> points into the coverage file when the problem has a position.
/// </summary>
public sealed class CoverageReadException : Exception
{
    public CoverageReadException(string filePath, string message, int? line = null, Exception? inner = null)
        : base(message, inner)
    {
        FilePath = filePath;
        Line = line;
    }

    public string FilePath { get; }

    public int? Line { get; }
}
