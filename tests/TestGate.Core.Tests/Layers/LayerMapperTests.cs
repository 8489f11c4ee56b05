using TestGate.Core.Layers;

namespace TestGate.Core.Tests.Layers;

public class LayerMapperTests
{
    [Fact]
    public void Path_decides_before_type_name_conventions()
    {
        var mapper = new LayerMapper(
        [
            LayerDefinition.Create("ByName", typeNames: ["*Repository"]),
            LayerDefinition.Create("Legacy", paths: ["src/Legacy/**"]),
        ]);

        var match = mapper.Map("Shop.OrderRepository", assembly: "Shop", path: "src/Legacy/OrderRepository.cs");

        Assert.Equal("Legacy", match?.Layer.Name);
        Assert.Equal("path 'src/Legacy/OrderRepository.cs' matches 'src/Legacy/**'", match?.Reason);
    }

    [Fact]
    public void Assembly_decides_before_path()
    {
        var mapper = new LayerMapper(
        [
            LayerDefinition.Create("Legacy", paths: ["src/Legacy/**"]),
            LayerDefinition.Create("Core", assemblies: ["Shop.Core"]),
        ]);

        var match = mapper.Map("Shop.Order", assembly: "Shop.Core", path: "src/Legacy/Order.cs");

        Assert.Equal("Core", match?.Layer.Name);
    }

    [Fact]
    public void Within_one_kind_the_deepest_match_wins_regardless_of_declaration_order()
    {
        var mapper = new LayerMapper(
        [
            LayerDefinition.Create("Handlers", namespaces: ["*.Api.*"]),
            LayerDefinition.Create("DTOs", namespaces: ["*.Contracts"]),
        ]);

        Assert.Equal("DTOs", mapper.Map("Shop.Api.Contracts.OrderDto", null, null)?.Layer.Name);
        Assert.Equal("Handlers", mapper.Map("Shop.Api.Orders.OrderEndpoint", null, null)?.Layer.Name);
    }

    [Theory]
    [InlineData("First", "Second")]
    [InlineData("Second", "First")]
    public void An_equally_deep_match_goes_to_the_layer_declared_first(string declaredFirst, string declaredSecond)
    {
        var mapper = new LayerMapper(
        [
            LayerDefinition.Create(declaredFirst, namespaces: ["Shop.*"]),
            LayerDefinition.Create(declaredSecond, namespaces: ["Shop.*"]),
        ]);

        Assert.Equal(declaredFirst, mapper.Map("Shop.Core.Order", null, null)?.Layer.Name);
    }

    [Fact]
    public void A_catch_all_layer_only_gets_what_no_specific_pattern_reaches()
    {
        var mapper = new LayerMapper(
        [
            LayerDefinition.Create("Everything", namespaces: ["*"]),
            LayerDefinition.Create("Domain", namespaces: ["*.Domain"]),
        ]);

        Assert.Equal("Domain", mapper.Map("Shop.Domain.Order", null, null)?.Layer.Name);
        Assert.Equal("Everything", mapper.Map("Shop.Billing.Invoice", null, null)?.Layer.Name);
    }

    [Fact]
    public void Missing_assembly_and_path_are_skipped()
    {
        var mapper = new LayerMapper([LayerDefinition.Create("Repos", typeNames: ["*Repository"])]);

        Assert.Equal("Repos", mapper.Map("OrderRepository", assembly: null, path: null)?.Layer.Name);
        Assert.Null(mapper.Map("Order", assembly: null, path: null));
    }

    [Fact]
    public void A_mapper_without_layers_maps_nothing() =>
        Assert.Null(new LayerMapper([]).Map("Shop.Domain.Order", "Shop.Domain", "src/Domain/Order.cs"));

    [Fact]
    public void Layers_exposes_the_layers_in_declaration_order()
    {
        LayerDefinition[] layers = [LayerDefinition.Create("B"), LayerDefinition.Create("A")];

        Assert.Equal(["B", "A"], new LayerMapper(layers).Layers.Select(l => l.Name));
    }
}
