namespace TestGate.Core.Model;

/// <summary>
/// Test kinds from names: project, namespace and category names such as <c>Shop.IntegrationTests</c> or
/// <c>[Trait("Category", "E2E")]</c>. Generic names (<c>Shop.Tests</c>) say nothing and return null, and so does
/// <c>FunctionalTests</c>: in .NET it names HTTP tests through <c>WebApplicationFactory</c> as often as use-case tests,
/// so what the tests touch decides.
/// </summary>
public static class TestKindConventions
{
    private static readonly (string Marker, TestKind Kind)[] Markers =
    [
        ("EndToEnd", TestKind.E2E),
        ("E2E", TestKind.E2E),
        ("Acceptance", TestKind.E2E),
        ("IntegrationTest", TestKind.Integration),
        ("Integration", TestKind.Integration),
        ("ApplicationTest", TestKind.Application),
        ("UseCase", TestKind.Application),
        ("ComponentTest", TestKind.Application),
        ("UnitTest", TestKind.Unit),
    ];

    public static TestKind? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        if (TestKindText.TryParse(name, out var exact))
        {
            return exact;
        }

        // The most specific segment speaks first: Shop.UseCases.UnitTests holds unit tests of the use cases.
        foreach (var segment in name.Split('.', StringSplitOptions.RemoveEmptyEntries).AsEnumerable().Reverse())
        {
            foreach (var (marker, kind) in Markers)
            {
                if (segment.Contains(marker, StringComparison.OrdinalIgnoreCase))
                {
                    return kind;
                }
            }
        }

        return null;
    }
}
