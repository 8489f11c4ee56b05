namespace TestGate.Core.Model;

/// <summary>
/// A production type found in the solution's sources. <see cref="HasCode"/> is false for types that compile to no
/// executable code (interfaces without default members, enums, delegates): no coverage can be expected of them.
/// </summary>
public sealed record ProductionType(string FullName, string Assembly, string Path, int Line, bool HasCode)
{
    public string Namespace => TypeNames.NamespaceOf(FullName);
    public string SimpleName => TypeNames.SimpleNameOf(FullName);
}

public static class TypeNames
{
    public static string NamespaceOf(string fullName)
    {
        var lastDot = fullName.LastIndexOf('.');
        return lastDot < 0 ? string.Empty : fullName[..lastDot];
    }

    public static string SimpleNameOf(string fullName)
    {
        var lastDot = fullName.LastIndexOf('.');
        return lastDot < 0 ? fullName : fullName[(lastDot + 1)..];
    }

    /// <summary>Lower-case words of an identifier: <c>Duplicate_delivery_IsProcessedOnce</c> → duplicate, delivery, is, processed, once.</summary>
    public static IEnumerable<string> WordsOf(string identifier)
    {
        var word = new System.Text.StringBuilder();
        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            var boundary = c == '_' || !char.IsLetterOrDigit(c)
                || (char.IsUpper(c) && word.Length > 0 && (char.IsLower(identifier[i - 1]) || (i + 1 < identifier.Length && char.IsLower(identifier[i + 1]))));
            if (boundary && word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }

            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static readonly string[] TestClassSuffixes = ["IntegrationTests", "Tests", "Test", "Specs", "Spec", "Facts", "Should"];

    /// <summary>The type a test class is named after (<c>Shop.Tests.SqlUnitOfWorkTests</c> → <c>SqlUnitOfWork</c>); null without a test suffix.</summary>
    public static string? SubjectOfTestClass(string className)
    {
        var simple = SimpleNameOf(className);
        return TestClassSuffixes.FirstOrDefault(s => simple.Length > s.Length && simple.EndsWith(s, StringComparison.Ordinal)) is { } suffix
            ? simple[..^suffix.Length]
            : null;
    }
}
