using System.Globalization;

namespace TestGate.Coverage;

/// <summary>
/// Parses Cobertura's <c>condition-coverage="50% (1/2)"</c>. Only the counts in parentheses are used: the percentage
/// before them is formatted with the producer's culture by some tools.
/// </summary>
public static class ConditionCoverage
{
    public static (int Covered, int Total) Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (0, 0);
        }

        var open = text.IndexOf('(');
        var slash = text.IndexOf('/', open + 1);
        var close = text.IndexOf(')', slash + 1);
        if (open < 0 || slash < 0 || close < 0)
        {
            return (0, 0);
        }

        var coveredOk = int.TryParse(text.AsSpan(open + 1, slash - open - 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var covered);
        var totalOk = int.TryParse(text.AsSpan(slash + 1, close - slash - 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var total);
        return coveredOk && totalOk && covered <= total ? (covered, total) : (0, 0);
    }
}
