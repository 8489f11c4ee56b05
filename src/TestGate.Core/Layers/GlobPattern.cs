using System.Text.RegularExpressions;

namespace TestGate.Core.Layers;

/// <summary>
/// A wildcard pattern over namespaces, assembly names, type names or paths: <c>*</c> (and <c>**</c>) match any run
/// of characters including '.' and '/', <c>?</c> one character. Matching ignores case and treats '\' as '/'.
/// </summary>
public sealed class GlobPattern
{
    private readonly Regex _regex;

    public GlobPattern(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw new ArgumentException("A layer pattern cannot be empty.", nameof(pattern));
        }

        Text = pattern.Trim();
        var normalized = Text.Replace('\\', '/');
        var body = Regex.Escape(normalized).Replace(@"\*\*", @"\*").Replace(@"\*", "(.*)").Replace(@"\?", ".");
        _regex = new Regex("^" + body + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Text { get; }

    /// <summary>
    /// Returns how deep into <paramref name="value"/> the pattern's literal text reached, or -1 when it does not match.
    /// <c>*.Contracts</c> matches <c>Shop.Api.Contracts</c> deeper than <c>*.Api.*</c> does, so the innermost
    /// segment that names a layer wins over an outer one.
    /// </summary>
    public int MatchDepth(string value)
    {
        var match = _regex.Match(value.Replace('\\', '/'));
        if (!match.Success)
        {
            return -1;
        }

        // Greedy wildcards: the last group is the tail after the last literal, so its start is the literal's end.
        var lastGroup = match.Groups.Count > 1 ? match.Groups[^1] : null;
        return lastGroup is not null && lastGroup.Index + lastGroup.Length == value.Length && Text.EndsWith('*')
            ? lastGroup.Index
            : value.Length;
    }

    public bool IsMatch(string value) => MatchDepth(value) >= 0;

    public override string ToString() => Text;
}
