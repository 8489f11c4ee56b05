namespace TestGate.Core.Model;

/// <summary>Where a finding points. <see cref="Path"/> is relative to the repository root with '/' when it lies under it.</summary>
public sealed record SourceLocation(string? Path, int? Line, string? Symbol);
