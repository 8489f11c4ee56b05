namespace TestGate.Core.Model;

/// <summary>
/// Projects that serve the tests without holding any (builders, fakes, fixtures, a test database). Their code is read
/// with the tests, so a test reaches what its helpers use, and is not production code to cover.
/// </summary>
public static class TestSupportProjects
{
    private static readonly string[] Segments =
        ["Testing", "Tests", "Test", "TestUtilities", "TestUtils", "TestHelpers", "TestCommon", "TestSupport", "TestInfrastructure", "TestKit", "TestFixtures"];

    /// <summary>
    /// True when a segment of the project's name says it serves tests: <c>Shop.Testing</c>, <c>Shop.Testing.SqlServer</c>,
    /// <c>Shop.TestUtilities</c>, <c>Shop.Tests.Common</c> (a test project itself says so too).
    /// </summary>
    public static bool IsSupportName(string projectName) =>
        projectName.Split('.').Any(segment => Segments.Contains(segment, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// A project that is not a test project serves the tests when its name says so (<see cref="IsSupportName"/>) or it
    /// lives under a <c>test</c>/<c>tests</c> folder of the repository (<c>tests/Shop.Fakes</c>): production code is not
    /// kept among the tests.
    /// </summary>
    public static bool IsSupport(string projectName, string projectDirectory, string repositoryRoot)
    {
        if (IsSupportName(projectName))
        {
            return true;
        }

        var relative = Path.GetRelativePath(repositoryRoot, projectDirectory).Replace('\\', '/');
        return !relative.StartsWith("..", StringComparison.Ordinal)
            && !Path.IsPathRooted(relative)
            && relative.Split('/').Any(s => s.Equals("test", StringComparison.OrdinalIgnoreCase) || s.Equals("tests", StringComparison.OrdinalIgnoreCase));
    }
}
