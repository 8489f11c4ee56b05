using TestGate.Core.Model;

namespace TestGate.Core.Tests.Model;

/// <summary>Which referenced projects are read with the tests instead of being covered as production code.</summary>
public sealed class TestSupportProjectsTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "repo");

    [Theory]
    [InlineData("Shop.Testing", "src/Shop.Testing")]
    [InlineData("Shop.TestUtilities", "src/Shop.TestUtilities")]
    [InlineData("Shop.Fakes", "tests/Shop.Fakes")]
    [InlineData("Common", "test/shared/Common")]
    [InlineData("Shop.Builders", "Tests/Shop.Builders")]
    public void A_name_that_says_so_or_a_project_under_a_tests_folder_serves_the_tests(string name, string folder) =>
        Assert.True(TestSupportProjects.IsSupport(name, Path.Combine(Root, folder), Root));

    [Theory]
    [InlineData("Shop.Domain", "src/Shop.Domain")]
    [InlineData("Shop.Contest", "src/Shop.Contest")]
    [InlineData("Shop.Attestation", "src/attestation/Shop.Attestation")]
    [InlineData("Shop.Api", "../tests/Shop.Api")]
    public void Production_projects_and_folders_outside_the_repository_do_not(string name, string folder) =>
        Assert.False(TestSupportProjects.IsSupport(name, Path.GetFullPath(Path.Combine(Root, folder)), Root));
}
