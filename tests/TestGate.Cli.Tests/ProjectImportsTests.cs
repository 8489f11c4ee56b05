using System.Xml.Linq;

namespace TestGate.Cli.Tests;

/// <summary>The imports `testgate review` follows without a build: the forms repositories chain their props with.</summary>
[Trait("Category", "Integration")]
public sealed class ProjectImportsTests : IDisposable
{
    private readonly SourceTree _tree = new();

    public ProjectImportsTests()
    {
        _tree.Write("Directory.Build.props", "<Project />");
        _tree.Write("build/Testing.props", "<Project />");
        _tree.Write("tests/Directory.Build.props", "<Project />");
    }

    public void Dispose() => _tree.Dispose();

    private string At(string relative) => _tree.At(relative);

    [Theory]
    [InlineData("$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))", "Directory.Build.props")]
    [InlineData("$([MSBuild]::GetPathOfFileAbove(Directory.Build.props, $(MSBuildThisFileDirectory)..))", "Directory.Build.props")]
    [InlineData("$([MSBuild]::GetPathOfFileAbove('$(MSBuildThisFile)', '$(MSBuildThisFileDirectory)../'))", "Directory.Build.props")]
    [InlineData("$([MSBuild]::GetDirectoryNameOfFileAbove($(MSBuildThisFileDirectory).., Directory.Build.props))\\Directory.Build.props", "Directory.Build.props")]
    [InlineData("$(MSBuildThisFileDirectory)..\\build\\Testing.props", "build/Testing.props")]
    [InlineData("../build/Testing.props", "build/Testing.props")]
    public void The_forms_that_chain_props_resolve_to_the_file_a_build_would_import(string project, string expected)
    {
        Assert.Equal(At(expected), ProjectImports.Resolve(project, At("tests/Directory.Build.props")));
    }

    [Theory]
    [InlineData("$(RepoRoot)eng/Versions.props")]
    [InlineData("../build/*.props")]
    [InlineData("$([MSBuild]::GetPathOfFileAbove('Nowhere.props', '$(MSBuildThisFileDirectory)../'))")]
    [InlineData("@(SharedProps)")]
    public void Imports_that_need_a_build_to_know_are_not_resolved(string project)
    {
        Assert.Null(ProjectImports.Resolve(project, At("tests/Directory.Build.props")));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("Exists('../build/Testing.props')", true)]
    [InlineData("Exists( '../build/Testing.props' )", true)]
    [InlineData("Exists('../build/Other.props')", null)]
    [InlineData("'$(CI)' == 'true'", null)]
    public void An_import_is_followed_without_a_condition_or_when_it_only_checks_that_the_file_exists(string? condition, bool? expected)
    {
        var import = new XElement("Import", new XAttribute("Project", "../build/Testing.props"));
        if (condition is not null)
        {
            import.Add(new XAttribute("Condition", condition));
        }

        Assert.Equal(expected, ProjectImports.ConditionHolds(import));
    }
}
