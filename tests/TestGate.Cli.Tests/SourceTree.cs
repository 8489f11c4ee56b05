namespace TestGate.Cli.Tests;

/// <summary>A folder of files written by a test and deleted after it: a source tree to review.</summary>
public sealed class SourceTree : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("testgate-cli-").FullName;

    /// <summary>Writes a file (and its folders) under the root; returns its full path.</summary>
    public string Write(string relative, string content)
    {
        var path = At(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string At(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
