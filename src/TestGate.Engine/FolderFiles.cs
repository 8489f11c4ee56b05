using TestGate.Core.Model;

namespace TestGate.Engine;

/// <summary>The files of a folder tree as a review reads them: project files, sources and SQL scripts.</summary>
public static class FolderFiles
{
    /// <summary>
    /// The files matching a pattern under a folder, in ordinal order, outside bin/, obj/, hidden folders and node_modules
    /// (see <see cref="IsExcludedFolder"/>). A symbolic link to a folder
    /// is followed once per real folder, and never when it leads back to the folder walked or above it: that would bring
    /// the whole tree again (into one project's sources, or without end). A folder that cannot be listed (permissions,
    /// a path longer than the system allows) is skipped and reported.
    /// </summary>
    public static IReadOnlyList<string> Under(string root, string pattern, List<GateDiagnostic>? diagnostics)
    {
        // Not ignoring inaccessible folders: listing one throws, and the catch below reports it.
        var options = new EnumerationOptions { IgnoreInaccessible = false };
        var start = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var startReal = RealPath(start);
        var files = new List<string>();
        var visited = new HashSet<string>(PathComparer);
        var pending = new Stack<(string Folder, string Real)>();
        pending.Push((start, startReal));
        while (pending.Count > 0)
        {
            var (folder, real) = pending.Pop();
            if (!visited.Add(real))
            {
                continue;
            }

            try
            {
                files.AddRange(Directory.EnumerateFiles(folder, pattern, options).Where(f => !IsBuildOutput(f)));
                foreach (var child in Directory.EnumerateDirectories(folder, "*", options).Where(d => !IsBuildOutput(d + "/") && !IsExcludedFolder(d)))
                {
                    string childReal;
                    try
                    {
                        childReal = RealChild(child, real);
                    }
                    catch (IOException ex)
                    {
                        // A link loop, or a path longer than the system allows: this folder is lost, not its siblings.
                        Unreadable(child, ex);
                        continue;
                    }

                    if (!IsUnder(startReal, childReal) && !PathComparer.Equals(startReal, childReal))
                    {
                        pending.Push((child, childReal));
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Unreadable(folder, ex);
            }
        }

        void Unreadable(string folder, Exception ex) => diagnostics?.Add(new GateDiagnostic(
            DiagnosticCodes.SourceUnreadable, DiagnosticLevel.Warning,
            $"Folder could not be read, so the projects and sources in it are not part of the review: {ex.Message}", folder));

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static readonly StringComparer PathComparer =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>The real path of a child folder: its parent's real path and its name, or where it links to.</summary>
    private static string RealChild(string child, string parentReal) =>
        Directory.ResolveLinkTarget(child, returnFinalTarget: true) is { } target
            ? RealPath(target.FullName)
            : Path.Combine(parentReal, Path.GetFileName(child));

    /// <summary>A folder's path with every linked folder on the way replaced by where it leads.</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var real = Path.GetPathRoot(full)!;
        foreach (var part in full[real.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            real = Path.Combine(real, part);
            try
            {
                real = Directory.ResolveLinkTarget(real, returnFinalTarget: true)?.FullName ?? real;
            }
            catch (IOException)
            {
                // A broken or looping link: keep the path as written.
            }
        }

        return Path.TrimEndingDirectorySeparator(real);
    }

    /// <summary>A project's own files matching a pattern: under its folder, outside bin/obj and outside the folders of projects nested in it.</summary>
    public static IReadOnlyList<string> OfProject(string projectFolder, string pattern, IEnumerable<string> projectFolders, List<GateDiagnostic>? diagnostics)
    {
        var nested = projectFolders.Where(f => IsUnder(f, projectFolder)).ToArray();
        return Under(projectFolder, pattern, diagnostics).Where(f => !nested.Any(n => IsUnder(f, n))).ToArray();
    }

    /// <summary>Whether a path is inside a folder (not the folder itself).</summary>
    public static bool IsUnder(string path, string directory) =>
        path.Replace('\\', '/').StartsWith(directory.Replace('\\', '/').TrimEnd('/') + "/", StringComparison.Ordinal);

    /// <summary>
    /// Folders MSBuild's default item globs leave out of a project (hidden ones such as <c>.git</c> and <c>.vs</c>) and
    /// a front end's <c>node_modules</c>, which the Web SDK excludes: walking one costs seconds and finds nothing to review.
    /// </summary>
    private static bool IsExcludedFolder(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith('.') || name == "node_modules";
    }

    private static bool IsBuildOutput(string path)
    {
        var normalized = path.Replace('\\', '/');
        return normalized.Contains("/bin/", StringComparison.Ordinal) || normalized.Contains("/obj/", StringComparison.Ordinal);
    }
}
