namespace TestGate.Cli.Tests;

/// <summary>The conditions `testgate review` evaluates on its own: comparisons of the project name, nothing else.</summary>
public class MsBuildConditionTests
{
    [Theory]
    [InlineData("'$(MSBuildProjectName)' == 'A.Tests'", true)]
    [InlineData("'$(MSBuildProjectName)'=='a.tests'", true)]
    [InlineData("'$(MSBuildProjectName)' != 'A.Tests'", false)]
    [InlineData("'$(MSBuildProjectName)' == 'B' OR '$(MSBuildProjectName)' == 'A.Tests'", true)]
    [InlineData("'$(MSBuildProjectName)' == 'A.Tests' and '$(MSBuildProjectName)' != 'A.Tests'", false)]
    [InlineData("'x' == 'x' and 'y' == 'z' or 'a' == 'a'", true)]
    [InlineData("'$(MSBuildProjectName)' == 'A or B'", false)]
    [InlineData("'$(Configuration)' == 'Release'", null)]
    [InlineData("Exists('Directory.Build.props')", null)]
    [InlineData("'$(MSBuildProjectName)'", null)]
    [InlineData("$(MSBuildProjectName) == A.Tests", null)]
    public void Conditions_on_the_project_name_are_evaluated_and_others_are_unknown(string condition, bool? expected)
    {
        Assert.Equal(expected, MsBuildCondition.Evaluate(condition, "A.Tests"));
    }
}
