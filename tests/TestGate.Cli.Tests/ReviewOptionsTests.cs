namespace TestGate.Cli.Tests;

public class ReviewOptionsTests
{
    private static readonly string Existing = AppContext.BaseDirectory;

    [Fact]
    public void All_options_are_read_and_repeatable_ones_accumulate()
    {
        var coverage = typeof(ReviewOptionsTests).Assembly.Location;

        Assert.True(ReviewOptions.TryParse(
            ["review", Existing, "--coverage", coverage, "--coverage", coverage, "--out", "reports", "--fail-on", "P2", "--format", "md", "--boundary", "IClock"],
            out var options, out _));

        Assert.NotNull(options);
        Assert.Equal(Existing, options.Folder);
        Assert.Equal([coverage, coverage], options.Coverage);
        Assert.Equal("reports", options.OutputDirectory);
        Assert.Equal("P2", options.FailOn);
        Assert.Equal("md", options.Formats);
        Assert.Equal(["IClock"], options.Boundaries);
    }

    private static string[] Args(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    [InlineData("")]
    [InlineData("--help")]
    [InlineData("review --help")]
    public void Help_is_not_an_error(string line)
    {
        Assert.True(ReviewOptions.TryParse(Args(line), out var options, out _));
        Assert.Null(options);
    }

    [Theory]
    [InlineData("inspect .", "unknown command 'inspect'")]
    [InlineData("review", "needs the folder")]
    [InlineData("review /definitely/not/here", "does not exist")]
    [InlineData("review . --fail-on", "--fail-on needs a value")]
    [InlineData("review . --colour red", "unknown option --colour")]
    [InlineData("review . other", "takes one folder")]
    [InlineData("review . --coverage /no/such/coverage.xml", "coverage file '/no/such/coverage.xml' does not exist")]
    public void Usage_errors_say_what_is_wrong(string line, string expected)
    {
        Assert.False(ReviewOptions.TryParse(Args(line), out _, out var problem));
        Assert.Contains(expected, problem);
    }
}
