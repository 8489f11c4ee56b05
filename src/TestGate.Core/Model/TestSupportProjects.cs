namespace TestGate.Core.Model;

/// <summary>
/// Projects that serve the tests without holding any (builders, fakes, fixtures, a test database), known by a name
/// segment: <c>Shop.Testing</c>, <c>Shop.Testing.SqlServer</c>, <c>Shop.TestUtilities</c>, <c>Shop.Tests.Common</c>.
/// Their code is read with the tests, so a test reaches what its helpers use, and is not production code to cover.
/// </summary>
public static class TestSupportProjects
{
    private static readonly string[] Segments =
        ["Testing", "Tests", "Test", "TestUtilities", "TestUtils", "TestHelpers", "TestCommon", "TestSupport", "TestInfrastructure", "TestKit", "TestFixtures"];

    /// <summary>True when a segment of the project's name says it serves tests (a test project itself says so too).</summary>
    public static bool IsSupportName(string projectName) =>
        projectName.Split('.').Any(segment => Segments.Contains(segment, StringComparer.OrdinalIgnoreCase));
}
