namespace TestGate.Coverage.Tests;

public class CoverageClassNamesTests
{
    [Theory]
    [InlineData("Shop.Domain.Order", "Shop.Domain.Order")]
    [InlineData("Shop.Domain.Order/<>c__DisplayClass3_0", "Shop.Domain.Order")]
    [InlineData("Shop.Domain.Order/<PlaceAsync>d__5", "Shop.Domain.Order")]
    [InlineData("Shop.Domain.Order/Line", "Shop.Domain.Order")]
    [InlineData("Shop.Domain.Order+Line", "Shop.Domain.Order")]
    [InlineData("Shop.Domain.Order.<>c", "Shop.Domain.Order")]
    [InlineData("Shop.Domain.Order.<Pay>d__3", "Shop.Domain.Order")]
    [InlineData("Shop.Domain.Result`1", "Shop.Domain.Result")]
    [InlineData("Shop.Domain.Result<T>", "Shop.Domain.Result")]
    [InlineData("  Domain.Order  ", "Domain.Order")]
    public void Nested_generic_and_compiler_generated_names_fold_to_the_source_type(string className, string expected) =>
        Assert.Equal(expected, CoverageClassNames.Fold(className));

    [Theory]
    [InlineData("Shop.Domain", "Shop.Domain")]
    [InlineData("Shop.Domain.dll", "Shop.Domain")]
    [InlineData("Shop.Api.EXE", "Shop.Api")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Package_names_become_assembly_names(string? package, string? expected) =>
        Assert.Equal(expected, CoverageClassNames.AssemblyOf(package));
}
