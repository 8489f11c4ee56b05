using System.Globalization;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Core.Rules;

/// <summary>Writing helpers of the observability and test-data rules (the framework's own idioms are in <see cref="TestIdioms"/>).</summary>
internal static class ObservabilityTestDataStyle
{
    /// <summary>A C# identifier from free text: <c>shop.payments.failed</c> → <c>shop_payments_failed</c>.</summary>
    public static string Identifier(string text)
    {
        var chars = text.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray();
        var identifier = string.Join('_', new string(chars).Split('_', StringSplitOptions.RemoveEmptyEntries));
        return identifier.Length == 0 ? "value" : char.IsDigit(identifier[0]) ? "_" + identifier : identifier;
    }

    public static string Kind(TestKind kind) => kind switch
    {
        TestKind.Integration => "Integration",
        TestKind.Application => "Application",
        TestKind.E2E => "E2E",
        _ => "Unit",
    };

    public static string Line(int line) => line.ToString(CultureInfo.InvariantCulture);
}
