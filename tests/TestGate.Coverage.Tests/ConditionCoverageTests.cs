namespace TestGate.Coverage.Tests;

public class ConditionCoverageTests
{
    [Theory]
    [InlineData("50% (1/2)", 1, 2)]
    [InlineData("100% (4/4)", 4, 4)]
    [InlineData("33,33% (1/3)", 1, 3)]
    [InlineData("0% ( 0 / 6 )", 0, 6)]
    public void Counts_come_from_the_parentheses_whatever_the_percentage_format(string text, int covered, int total) =>
        Assert.Equal((covered, total), ConditionCoverage.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("50%")]
    [InlineData("50% (3/2)")]
    [InlineData("50% (a/b)")]
    [InlineData("(1/")]
    public void Unusable_text_counts_no_branches(string? text) =>
        Assert.Equal((0, 0), ConditionCoverage.Parse(text));
}
