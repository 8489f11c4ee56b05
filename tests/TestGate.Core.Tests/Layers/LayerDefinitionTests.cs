using TestGate.Core.Layers;
using TestGate.Core.Model;

namespace TestGate.Core.Tests.Layers;

public class LayerDefinitionTests
{
    [Fact]
    public void Create_drops_blank_patterns_and_trims_the_rest()
    {
        var layer = LayerDefinition.Create("Domain", namespaces: ["", "   ", " *.Domain "], typeNames: ["\t"]);

        Assert.Equal(["*.Domain"], layer.Namespaces.Select(p => p.Text));
        Assert.Empty(layer.TypeNames);
    }

    [Fact]
    public void Create_turns_missing_pattern_lists_into_empty_lists()
    {
        var layer = LayerDefinition.Create("Domain");

        Assert.Empty(layer.Namespaces);
        Assert.Empty(layer.Assemblies);
        Assert.Empty(layer.Paths);
        Assert.Empty(layer.TypeNames);
    }

    [Fact]
    public void Create_defaults_to_no_thresholds_P2_and_unit_tests()
    {
        var layer = LayerDefinition.Create("Billing");

        Assert.Null(layer.MinLineCoverage);
        Assert.Null(layer.MinBranchCoverage);
        Assert.Equal(Severity.P2, layer.Severity);
        Assert.Equal("Unit", layer.RecommendedTestType);
    }

    [Fact]
    public void Create_keeps_each_pattern_kind_apart()
    {
        var layer = LayerDefinition.Create(
            "Repositories",
            namespaces: ["*.Data"],
            assemblies: ["Shop.Infrastructure"],
            paths: ["src/Data/**"],
            typeNames: ["*Repository"],
            minLineCoverage: 0.8,
            minBranchCoverage: 0.7,
            severity: Severity.P1,
            recommendedTestType: "Integration");

        Assert.Equal(["*.Data"], layer.Namespaces.Select(p => p.Text));
        Assert.Equal(["Shop.Infrastructure"], layer.Assemblies.Select(p => p.Text));
        Assert.Equal(["src/Data/**"], layer.Paths.Select(p => p.Text));
        Assert.Equal(["*Repository"], layer.TypeNames.Select(p => p.Text));
        Assert.Equal(0.8, layer.MinLineCoverage);
        Assert.Equal(0.7, layer.MinBranchCoverage);
        Assert.Equal(Severity.P1, layer.Severity);
        Assert.Equal("Integration", layer.RecommendedTestType);
    }
}
