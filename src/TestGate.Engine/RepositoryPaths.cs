namespace TestGate.Engine;

/// <summary>Paths as reports show them: relative to the repository root with '/', absolute only when outside it.</summary>
public sealed class RepositoryPaths
{
    private readonly string _root;

    public RepositoryPaths(string root) =>
        _root = Normalize(Path.GetFullPath(root)).TrimEnd('/') + "/";

    public string Root => _root;

    /// <summary>True when <paramref name="path"/> lies under the repository root.</summary>
    public bool Contains(string path) =>
        Normalize(path).StartsWith(_root, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    public string Relative(string path)
    {
        var normalized = Normalize(path);
        return Contains(normalized) ? normalized[_root.Length..] : normalized;
    }

    /// <summary>The nearest directory at or above <paramref name="start"/> holding a '.git' folder or file, else <paramref name="start"/>.</summary>
    public static string FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
        {
            var marker = Path.Combine(directory.FullName, ".git");
            if (Directory.Exists(marker) || File.Exists(marker))
            {
                return directory.FullName;
            }
        }

        return Path.GetFullPath(start);
    }

    private static string Normalize(string path) => path.Replace('\\', '/');
}
