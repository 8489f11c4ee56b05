namespace TestGate.Coverage.Tests;

public class CoveragePathsTests
{
    [Theory]
    [InlineData("/repo/src/Order.cs", true)]
    [InlineData(@"C:\src\Shop\Order.cs", true)]
    [InlineData("d:/src/Order.cs", true)]
    [InlineData(@"\\server\share\Order.cs", true)]
    [InlineData("src/Order.cs", false)]
    [InlineData("Order.cs", false)]
    public void Absolute_paths_are_recognised_for_every_os(string path, bool absolute) =>
        Assert.Equal(absolute, CoveragePaths.IsAbsolute(path));

    [Fact]
    public void Windows_paths_keep_their_drive_and_use_forward_slashes() =>
        Assert.Equal("C:/src/Shop/Order.cs", CoveragePaths.Resolve(@"C:\src\Shop\Order.cs", ["/elsewhere/"]));

    [Fact]
    public void Relative_names_join_the_first_source_when_no_file_exists() =>
        Assert.Equal("/gone/root/Domain/Order.cs", CoveragePaths.Resolve(@"Domain\Order.cs", ["/gone/root/", "/other/"]));

    [Fact]
    public void Without_sources_a_relative_name_stays_relative() =>
        Assert.Equal("Domain/Order.cs", CoveragePaths.Resolve("Domain/Order.cs", []));
}
