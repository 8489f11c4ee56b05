using System.Globalization;

namespace TestGate.Core.Rules;

/// <summary>How findings put names and counts into sentences, and outline lines together. Invariant culture throughout.</summary>
internal static class Prose
{
    /// <summary>"A", "A and B", "A, B and C"; beyond <paramref name="max"/> items "A, B, C, D and 3 more".</summary>
    public static string List(IEnumerable<string> items, int max = 4)
    {
        var all = items as IReadOnlyCollection<string> ?? items.ToArray();
        var shown = all.Take(max).ToArray();
        var text = shown.Length switch
        {
            0 => string.Empty,
            1 => shown[0],
            _ when all.Count <= max => string.Join(", ", shown[..^1]) + " and " + shown[^1],
            _ => string.Join(", ", shown),
        };
        return all.Count > max ? $"{text} and {(all.Count - max).ToString(CultureInfo.InvariantCulture)} more" : text;
    }

    /// <summary>"a" or "an" before a word (by its first letter).</summary>
    public static string Article(string word) => word.Length > 0 && "AEIOUaeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";

    /// <summary>"1 test", "3 tests".</summary>
    public static string Count(int count, string singular, string plural) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);

    /// <summary>Outline lines joined with "\n"; a null line is left out (an optional step).</summary>
    public static string Lines(params string?[] lines) => string.Join("\n", lines.Where(l => l is not null));
}
