namespace TestGate.Engine.Tests;

/// <summary>How reports name files: relative to the repository root with '/', found from the nearest '.git'.</summary>
[Trait("Category", "Integration")]
public sealed class RepositoryPathsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("testgate-paths-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_path_under_the_root_becomes_relative_with_forward_slashes()
    {
        var paths = new RepositoryPaths(_root);

        Assert.Equal("src/Domain/Order.cs", paths.Relative(Path.Combine(_root, "src", "Domain", "Order.cs")));
    }

    [Fact]
    public void Backslash_separated_paths_under_the_root_are_normalized_too()
    {
        var paths = new RepositoryPaths(_root);

        Assert.Equal("src/Domain/Order.cs", paths.Relative(_root + @"\src\Domain\Order.cs"));
    }

    [Fact]
    public void A_trailing_separator_on_the_root_changes_nothing()
    {
        var withSeparator = new RepositoryPaths(_root + Path.DirectorySeparatorChar);

        Assert.Equal(new RepositoryPaths(_root).Root, withSeparator.Root);
        Assert.EndsWith("/", withSeparator.Root);
        Assert.Equal("src/Order.cs", withSeparator.Relative(Path.Combine(_root, "src", "Order.cs")));
    }

    [Fact]
    public void A_path_outside_the_root_stays_absolute_with_forward_slashes()
    {
        var paths = new RepositoryPaths(Path.Combine(_root, "repo"));
        var outside = Path.Combine(_root, "elsewhere", "Order.cs");

        Assert.Equal(outside.Replace('\\', '/'), paths.Relative(outside));
    }

    [Fact]
    public void A_sibling_whose_name_starts_with_the_root_name_is_not_under_the_root()
    {
        var paths = new RepositoryPaths(Path.Combine(_root, "repo"));
        var sibling = Path.Combine(_root, "repo-old", "Order.cs");

        Assert.Equal(sibling.Replace('\\', '/'), paths.Relative(sibling));
    }

    [Fact]
    public void FindRoot_walks_up_to_the_directory_holding_a_git_folder()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
        var start = Directory.CreateDirectory(Path.Combine(_root, "tests", "Domain.UnitTests")).FullName;

        Assert.Equal(_root, RepositoryPaths.FindRoot(start));
    }

    [Fact]
    public void FindRoot_accepts_a_git_file_as_worktrees_and_submodules_have()
    {
        File.WriteAllText(Path.Combine(_root, ".git"), "gitdir: /somewhere/else/.git/worktrees/feature\n");
        var start = Directory.CreateDirectory(Path.Combine(_root, "src")).FullName;

        Assert.Equal(_root, RepositoryPaths.FindRoot(start));
    }

    [Fact]
    public void FindRoot_stops_at_the_nearest_repository()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
        var inner = Directory.CreateDirectory(Path.Combine(_root, "vendor", "lib")).FullName;
        Directory.CreateDirectory(Path.Combine(inner, ".git"));
        var start = Directory.CreateDirectory(Path.Combine(inner, "src")).FullName;

        Assert.Equal(inner, RepositoryPaths.FindRoot(start));
    }

    [Fact]
    public void FindRoot_without_any_git_marker_above_returns_the_start_directory()
    {
        var start = Directory.CreateDirectory(Path.Combine(_root, "loose", "project")).FullName;

        Assert.Equal(start, RepositoryPaths.FindRoot(start));
    }
}
