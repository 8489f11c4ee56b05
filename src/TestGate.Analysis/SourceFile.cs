namespace TestGate.Analysis;

/// <summary>A C# file of a project, with the project it compiles into.</summary>
public sealed record SourceFile(string Path, string Project, string Assembly);

/// <summary>A source file that could not be read; it is reported, never silently skipped.</summary>
public sealed record UnreadableSource(string Path, string Reason);
