using System.Collections.Concurrent;
using System.Globalization;
using System.Security;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace TestGate.Analysis;

/// <summary>Reads and parses source files in parallel, skipping generated code and reporting unreadable files.</summary>
public static class SourceReader
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview, DocumentationMode.None);

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Lazy<Encoding> FallbackEncoding = new(() => CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1);

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
                text = Read(file.Path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or SecurityException)
            {
                // Opening a directory fails with "access denied", which would send the user after permissions.
                var reason = ex is UnauthorizedAccessException && Directory.Exists(file.Path)
                    ? $"'{file.Path}' is a directory, not a file."
                    : ex.Message;
                unreadable.Add(new UnreadableSource(file.Path, reason));
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

    /// <summary>
    /// The text of SQL scripts (schema and migrations), decoded as sources are. A file that cannot be read is reported
    /// like a source; one larger than <see cref="AnalysisLimits.SqlScriptBytes"/> is a data dump, not a schema, and is
    /// left out.
    /// </summary>
    public static IReadOnlyList<(SourceFile File, string Text)> ReadScripts(IEnumerable<SourceFile> files, ConcurrentBag<UnreadableSource> unreadable)
    {
        var read = new ConcurrentBag<(SourceFile, string)>();
        Parallel.ForEach(files.DistinctBy(f => f.Path, StringComparer.Ordinal), file =>
        {
            try
            {
                if (ReadableLength(file.Path) <= AnalysisLimits.SqlScriptBytes)
                {
                    read.Add((file, Read(file.Path)));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or SecurityException)
            {
                unreadable.Add(new UnreadableSource(file.Path, ex.Message));
            }
        });

        return read.OrderBy(r => r.Item1.Path, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// The size of the file a path names, after following symbolic links, checked before anything opens it: a file
    /// that reports no length (empty, or a named pipe or device that only looks like a file) is treated as empty rather
    /// than opened, because opening a pipe blocks and reading a device never ends; a file larger than
    /// <see cref="AnalysisLimits.SourceFileBytes"/> is refused with an <see cref="IOException"/> that says why.
    /// </summary>
    public static long ReadableLength(string path)
    {
        // One status read for an ordinary file; links are resolved only when the file is one.
        var file = new FileInfo(path);
        var target = file.Attributes.HasFlag(FileAttributes.ReparsePoint)
            ? file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file
            : file;
        if (Directory.Exists(target.FullName))
        {
            throw new IOException($"'{path}' is a directory, not a file.");
        }

        if (!target.Exists)
        {
            throw new FileNotFoundException($"'{path}' does not exist{(target != file ? $" (it links to '{target.FullName}')" : string.Empty)}.", path);
        }

        if (target.Length > AnalysisLimits.SourceFileBytes)
        {
            throw new IOException(string.Create(
                CultureInfo.InvariantCulture,
                $"'{path}' has {target.Length / (1024.0 * 1024):F1} MB, more than the {AnalysisLimits.SourceFileBytes / (1024 * 1024)} MB TestGate reads from one source file."));
        }

        return target.Length;
    }

    /// <summary>
    /// Decodes like the compiler: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; without one the file is UTF-8,
    /// and when its bytes are not valid UTF-8 it is read as Windows-1252, so that a Latin-1 file still yields the
    /// type names the compiler (and so the coverage report) gives it.
    /// </summary>
    private static string Read(string path)
    {
        if (ReadableLength(path) == 0)
        {
            return string.Empty;
        }

        var bytes = File.ReadAllBytes(path);
        try
        {
            using var reader = new StreamReader(new MemoryStream(bytes), StrictUtf8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            return FallbackEncoding.Value.GetString(bytes);
        }
    }
}
