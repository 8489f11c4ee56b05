using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace TestGate.Analysis;

/// <summary>Reads and parses source files in parallel, skipping generated code and reporting unreadable files.</summary>
public static class SourceReader
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview, DocumentationMode.None);

    public static IReadOnlyList<(SourceFile File, SyntaxTree Tree)> Parse(
        IEnumerable<SourceFile> files, ConcurrentBag<UnreadableSource> unreadable)
    {
        var parsed = new ConcurrentBag<(SourceFile, SyntaxTree)>();
        var distinct = files
            .Where(f => f.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) && !GeneratedCode.IsGeneratedPath(f.Path))
            .DistinctBy(f => f.Path, StringComparer.Ordinal)
            .ToArray();
        Parallel.ForEach(distinct, file =>
        {
            string text;
            try
            {
                // Detects BOMs (UTF-8, UTF-16) and falls back to UTF-8 like the compiler does.
                text = File.ReadAllText(file.Path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                unreadable.Add(new UnreadableSource(file.Path, ex.Message));
                return;
            }

            if (GeneratedCode.HasGeneratedHeader(text))
            {
                return;
            }

            var tree = CSharpSyntaxTree.ParseText(SourceText.From(text), ParseOptions, file.Path);
            parsed.Add((file, tree));
        });

        // Parallel parsing finishes in any order; reports must not depend on it.
        return parsed.OrderBy(p => p.Item1.Path, StringComparer.Ordinal).ToArray();
    }
}
