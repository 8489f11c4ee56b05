namespace TestGate.Core.Model;

/// <summary>
/// Test kinds from names: project, namespace and category names such as <c>Shop.IntegrationTests</c> or
/// <c>[Trait("Category", "E2E")]</c>. Generic names (<c>Shop.Tests</c>) say nothing and return null, and so does
/// <c>FunctionalTests</c>: in .NET it names HTTP tests through <c>WebApplicationFactory</c> as often as use-case tests,
/// so what the tests touch decides. Weaker than every marker: a test project named after the application layer
/// (<c>Shop.Application.Tests</c>, <c>Shop.Services.Tests</c>) holds use-case tests (<see cref="FromLayerName"/>).
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

    private static readonly HashSet<string> ApplicationLayerSegments = new(StringComparer.OrdinalIgnoreCase)
    {
        "Application", "ApplicationServices", "Services", "Features",
    };

    private static readonly HashSet<string> TestSegments = new(StringComparer.OrdinalIgnoreCase) { "Tests", "Test", "Specs", "Spec", "Specifications" };

    private static readonly HashSet<string> DomainSegments = new(StringComparer.OrdinalIgnoreCase) { "Domain", "Core", "Model", "Models" };

    /// <summary>
    /// Application for a test project or namespace named after the application layer with a generic test suffix
    /// (<c>Clinic.Application.Tests</c>, <c>Warehouse.Services.Tests</c>, <c>Shop.Tests.Features.Orders</c>): the
    /// standard's use-case tests are the tests of service methods and workflows. Null for a name without a test segment
    /// (a production namespace) or one that names the domain (<c>Shop.Domain.Services.Tests</c> tests domain services).
    /// Only asked when no marker of <see cref="FromName"/> spoke.
    /// </summary>
    public static TestKind? FromLayerName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var segments = name.Split('.', StringSplitOptions.RemoveEmptyEntries);
        return segments.Any(TestSegments.Contains) && !segments.Any(DomainSegments.Contains) && segments.Any(ApplicationLayerSegments.Contains)
            ? TestKind.Application
            : null;
    }
}
