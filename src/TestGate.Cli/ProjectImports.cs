using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TestGate.Cli;

/// <summary>
/// The project files another one imports with <c>&lt;Import Project="..."/&gt;</c>, resolved without MSBuild: the
/// common forms a repository chains its <c>Directory.Build.props</c> or shared settings with, that is a relative path,
/// <c>$(MSBuildThisFileDirectory)</c>, <c>$(MSBuildThisFile)</c>, <c>$([MSBuild]::GetPathOfFileAbove(...))</c> and
/// <c>$([MSBuild]::GetDirectoryNameOfFileAbove(...))</c>. Anything else (another property, an item, a wildcard, an SDK
/// import) is not a file this review can know without a build, so it is not followed.
/// </summary>
public static partial class ProjectImports
{
    /// <summary>The full path an import names, or null when it needs a build to know.</summary>
    public static string? Resolve(string project, string importingFile)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(importingFile))!;
        var text = ThisFileDirectory().Replace(project, _ => directory + Path.DirectorySeparatorChar);
        text = ThisFile().Replace(text, _ => Path.GetFileName(importingFile));

        // The file searched for from a folder up: GetPathOfFileAbove(file[, start]) gives its path, '' when none.
        text = PathOfFileAbove().Replace(text, m =>
            FolderAbove(StartOf(m.Groups["start"], directory), Unquote(m.Groups["file"].Value)) is { } found
                ? Path.Combine(found, Unquote(m.Groups["file"].Value))
                : string.Empty);
        text = DirectoryNameOfFileAbove().Replace(text, m =>
            FolderAbove(StartOf(m.Groups["start"], directory), Unquote(m.Groups["file"].Value)) ?? string.Empty);

        if (text.Length == 0 || text.Contains("$(", StringComparison.Ordinal) || text.Contains("@(", StringComparison.Ordinal)
            || text.Contains("%(", StringComparison.Ordinal) || text.IndexOfAny(['*', '?', ';']) >= 0)
        {
            return null;
        }

        return Path.GetFullPath(Path.Combine(directory, text.Replace('\\', '/')));
    }

    /// <summary>
    /// Whether an import's condition lets it in: none, or only that the imported file exists (the usual guard, true
    /// whenever the file was found). Null for any other condition, which needs a build.
    /// </summary>
    public static bool? ConditionHolds(XElement import)
    {
        var condition = ((string?)import.Attribute("Condition"))?.Trim();
        if (string.IsNullOrEmpty(condition))
        {
            return true;
        }

        var exists = ExistsGuard().Match(condition);
        return exists.Success && Unquote(exists.Groups["path"].Value) == ((string?)import.Attribute("Project"))?.Trim() ? true : null;
    }

    private static string StartOf(Group start, string directory) =>
        start.Success && Unquote(start.Value) is { Length: > 0 } folder ? Path.GetFullPath(Path.Combine(directory, folder.Replace('\\', '/'))) : directory;

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds <paramref name="fileName"/>.</summary>
    private static string? FolderAbove(string start, string fileName)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, fileName)))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    private static string Unquote(string value) => value.Trim().Trim('\'', '"').Trim();

    [GeneratedRegex(@"\$\(\s*MSBuildThisFileDirectory\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex ThisFileDirectory();

    [GeneratedRegex(@"\$\(\s*MSBuildThisFile\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex ThisFile();

    [GeneratedRegex(@"\$\(\s*\[MSBuild\]::GetPathOfFileAbove\(\s*(?<file>'[^']*'|[^,)]+)\s*(?:,\s*(?<start>'[^']*'|[^)]*))?\)\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex PathOfFileAbove();

    [GeneratedRegex(@"\$\(\s*\[MSBuild\]::GetDirectoryNameOfFileAbove\(\s*(?<start>'[^']*'|[^,)]+)\s*,\s*(?<file>'[^']*'|[^)]+)\)\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex DirectoryNameOfFileAbove();

    [GeneratedRegex(@"^Exists\(\s*(?<path>'[^']*')\s*\)$", RegexOptions.IgnoreCase)]
    private static partial Regex ExistsGuard();
}
