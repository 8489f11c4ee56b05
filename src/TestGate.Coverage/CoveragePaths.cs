namespace TestGate.Coverage;

/// <summary>
/// Source paths in coverage files come from the machine that ran the tests: absolute Unix or Windows paths, UNC
/// shares, or paths relative to one of the file's <c>&lt;source&gt;</c> roots. All are normalized to '/' so they
/// compare the same everywhere.
/// </summary>
public static class CoveragePaths
{
    public static string Normalize(string path) => path.Trim().Replace('\\', '/');

    /// <summary>True for '/x', 'C:/x', 'C:\x' and '\\server\share' whatever the current OS.</summary>
    public static bool IsAbsolute(string path)
    {
        var p = Normalize(path);
        return p.StartsWith('/') || (p.Length >= 3 && char.IsAsciiLetter(p[0]) && p[1] == ':' && p[2] == '/');
    }

    /// <summary>
    /// Resolves a class's file name against the document's sources: an absolute name stands as it is; a relative one
    /// takes the first source root under which the file exists here, else the first root (the file may be gone).
    /// </summary>
    public static string Resolve(string fileName, IReadOnlyList<string> sources)
    {
        var file = Normalize(fileName);
        if (IsAbsolute(file) || sources.Count == 0)
        {
            return file;
        }

        foreach (var source in sources)
        {
            var candidate = Join(source, file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Join(sources[0], file);
    }

    private static string Join(string root, string relative) => Normalize(root).TrimEnd('/') + "/" + relative.TrimStart('/');
}
