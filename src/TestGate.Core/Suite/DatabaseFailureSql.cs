using System.Text.RegularExpressions;

namespace TestGate.Core.Suite;

/// <summary>
/// SQL a test uses to make the database itself fail a statement: a trigger or statement that raises (SQLite
/// <c>RAISE(ABORT, ...)</c>, PostgreSQL <c>RAISE EXCEPTION</c>, MySQL <c>SIGNAL SQLSTATE</c>, SQL Server
/// <c>RAISERROR</c> or <c>BEGIN THROW 51000, ...</c>).
/// </summary>
public static partial class DatabaseFailureSql
{
    public static bool IsIn(string literal) => Raising().IsMatch(literal);

    public static bool AnyIn(IEnumerable<string> literals) => literals.Any(IsIn);

    [GeneratedRegex(@"raise\s*\(|raiserror|raise\s+exception|signal\s+sqlstate|\b(begin|as)\s+throw\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Raising();
}
