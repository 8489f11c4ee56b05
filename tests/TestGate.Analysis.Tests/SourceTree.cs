using System.Collections.Concurrent;
using System.Text;
using Microsoft.CodeAnalysis;
using TestGate.Core.Model;

namespace TestGate.Analysis.Tests;

/// <summary>A throwaway directory of source files for one test, deleted on dispose.</summary>
public sealed class SourceTree : IDisposable
{
    public const string ProductionAssembly = "Shop.Domain";
    public const string TestProject = "Shop.Tests";

    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("testgate-analysis-");

    public string Root => root.FullName;

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Writes UTF-8 without a byte-order mark, as editors and <c>dotnet new</c> do.</summary>
    public string Write(string relative, string text) => WriteBytes(relative, new UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes with the encoding's byte-order mark, if it has one.</summary>
    public string Write(string relative, string text, Encoding encoding) =>
        WriteBytes(relative, [.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);

    public string WriteBytes(string relative, byte[] bytes)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static SourceFile Production(string path, string assembly = ProductionAssembly) => new(path, assembly, assembly);

    public static SourceFile Test(string path, string project = TestProject) => new(path, project, project);

    public static Parsed Parse(params IEnumerable<SourceFile> files)
    {
        var unreadable = new ConcurrentBag<UnreadableSource>();
        var trees = SourceReader.Parse(files, unreadable);
        return new Parsed(trees, unreadable.OrderBy(u => u.Path, StringComparer.Ordinal).ToArray());
    }

    public static IReadOnlyList<ProductionType> Types(params IEnumerable<SourceFile> files)
    {
        var parsed = Parse(files);
        Assert.Empty(parsed.Unreadable);
        return ProductionTypeScanner.Scan(parsed.Trees);
    }

    public static ProductionType Single(IReadOnlyList<ProductionType> types, string fullName) =>
        Assert.Single(types, t => t.FullName == fullName);

    public void Dispose() => root.Delete(recursive: true);
}

public sealed record Parsed(IReadOnlyList<(SourceFile File, SyntaxTree Tree)> Trees, UnreadableSource[] Unreadable)
{
    public IEnumerable<string> Paths => Trees.Select(t => t.File.Path);
}
