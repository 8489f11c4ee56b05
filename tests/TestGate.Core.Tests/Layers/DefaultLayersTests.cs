using TestGate.Core.Layers;
using TestGate.Core.Model;

namespace TestGate.Core.Tests.Layers;

public class DefaultLayersTests
{
    private static readonly LayerMapper Mapper = new(DefaultLayers.All);

    [Theory]
    [InlineData("Shop.Domain.Order", "Domain")]
    [InlineData("Domain.Order", "Domain")]
    [InlineData("Shop.Domain.Orders.Events.OrderPlaced", "Domain")]
    [InlineData("Shop.DomainModel.Order", "Domain")]
    [InlineData("Shop.Domain.PricingService", "Domain")]
    [InlineData("Acme.Shop.Application.OrderService", "Services")]
    [InlineData("Shop.UseCases.PlaceOrder", "Services")]
    [InlineData("Infrastructure.SqliteOrderRepository", "Repositories")]
    [InlineData("Shop.Persistence.OrderStore", "Repositories")]
    [InlineData("Shop.Api.PaymentWebhookHandler", "Handlers")]
    [InlineData("Shop.Web.Controllers.OrdersController", "Handlers")]
    [InlineData("Shop.Contracts.OrderDto", "DTOs")]
    [InlineData("Shop.Api.Contracts.OrderDto", "DTOs")]
    public void Conventional_namespaces_map_to_their_layer(string typeName, string expected)
    {
        var match = Mapper.Map(typeName, assembly: "Shop", path: null);

        Assert.NotNull(match);
        Assert.Equal(expected, match.Layer.Name);
        Assert.StartsWith("namespace ", match.Reason);
    }

    [Theory]
    [InlineData("Shop.SqliteOrderRepository", "Repositories")]
    [InlineData("Shop.ShopDbContext", "Repositories")]
    [InlineData("Shop.OrdersController", "Handlers")]
    [InlineData("Shop.PaymentWebhookHandler", "Handlers")]
    [InlineData("Shop.OrderDto", "DTOs")]
    [InlineData("Shop.PlaceOrderRequest", "DTOs")]
    [InlineData("Shop.PricingService", "Services")]
    [InlineData("SqliteOrderRepository", "Repositories")]
    public void Type_name_conventions_are_the_fallback_when_no_segment_names_a_layer(string typeName, string expected)
    {
        var match = Mapper.Map(typeName, assembly: "Shop", path: "src/Shop/Type.cs");

        Assert.NotNull(match);
        Assert.Equal(expected, match.Layer.Name);
        Assert.StartsWith("type name ", match.Reason);
    }

    [Theory]
    [InlineData("Shop.Order")]
    [InlineData("Shop.Datasets.Loader")]
    [InlineData("Shop.Apis.Client")]
    [InlineData("Shop.Domainish.Order")]
    [InlineData("Order")]
    public void Types_no_convention_names_are_unmapped(string typeName) =>
        Assert.Null(Mapper.Map(typeName, assembly: "Shop", path: "src/Shop/Order.cs"));

    [Fact]
    public void Namespace_decides_before_assembly()
    {
        var match = Mapper.Map("Shop.Domain.OrderRepository", assembly: "Shop.Infrastructure", path: null);

        Assert.Equal("Domain", match?.Layer.Name);
        Assert.Equal("namespace 'Shop.Domain' matches '*.Domain'", match?.Reason);
    }

    [Fact]
    public void Assembly_decides_when_the_namespace_names_no_layer()
    {
        var match = Mapper.Map("Shop.Order", assembly: "Shop.Domain", path: null);

        Assert.Equal("Domain", match?.Layer.Name);
        Assert.Equal("assembly 'Shop.Domain' matches '*.Domain'", match?.Reason);
    }

    [Fact]
    public void Assembly_decides_before_type_name_conventions()
    {
        var match = Mapper.Map("Shop.OrderRepository", assembly: "Shop.Domain", path: null);

        Assert.Equal("Domain", match?.Layer.Name);
    }

    [Fact]
    public void Mapping_ignores_case()
    {
        var match = Mapper.Map("shop.DOMAIN.order", assembly: null, path: null);

        Assert.Equal("Domain", match?.Layer.Name);
    }

    [Fact]
    public void The_default_layers_are_the_standards_table_in_order()
    {
        (string, double?, double?, Severity, string)[] expected =
        [
            ("Domain", 0.95, 0.90, Severity.P1, "Unit"),
            ("Services", 0.80, null, Severity.P2, "Application"),
            ("Repositories", 0.80, null, Severity.P2, "Integration"),
            ("Handlers", 0.40, null, Severity.P2, "E2E"),
            ("DTOs", null, null, Severity.P3, "Unit"),
        ];

        var actual = DefaultLayers.All.Select(l => (l.Name, l.MinLineCoverage, l.MinBranchCoverage, l.Severity, l.RecommendedTestType));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Default_layers_claim_segments_for_namespaces_and_assemblies_but_no_paths()
    {
        foreach (var layer in DefaultLayers.All)
        {
            Assert.NotEmpty(layer.Namespaces);
            Assert.Equal(layer.Namespaces.Select(p => p.Text), layer.Assemblies.Select(p => p.Text));
            Assert.Empty(layer.Paths);
        }
    }

    [Fact]
    public void SegmentPatterns_cover_the_bare_leading_trailing_and_inner_segment() =>
        Assert.Equal(["Domain", "Domain.*", "*.Domain", "*.Domain.*"], DefaultLayers.SegmentPatterns("Domain"));

    [Fact]
    public void A_clean_architecture_core_is_the_domain_when_nothing_is_named_domain()
    {
        ProductionType[] types =
        [
            Type("Clean.Architecture.Core.ContributorAggregate.Contributor", "Clean.Architecture.Core"),
            Type("Clean.Architecture.Core.Services.DeleteContributorService", "Clean.Architecture.Core"),
            Type("Clean.Architecture.UseCases.Contributors.Create.CreateContributorHandler", "Clean.Architecture.UseCases"),
            Type("Clean.Architecture.Infrastructure.Data.EfRepository", "Clean.Architecture.Infrastructure"),
        ];

        var layers = DefaultLayers.For(types);

        Assert.Same(DefaultLayers.WithDomainStandIns, layers);
        var mapper = new LayerMapper(layers);
        Assert.Equal(
            ["Domain", "Services", "Services", "Repositories"],
            types.Select(t => mapper.Map(t.FullName, t.Assembly, t.Path)?.Layer.Name));
    }

    [Fact]
    public void EShopOnWebs_application_core_entities_are_the_domain_and_its_services_stay_services()
    {
        ProductionType[] types =
        [
            Type("Microsoft.eShopWeb.ApplicationCore.Entities.OrderAggregate.Order", "ApplicationCore"),
            Type("Microsoft.eShopWeb.ApplicationCore.Services.BasketService", "ApplicationCore"),
        ];

        var mapper = new LayerMapper(DefaultLayers.For(types));

        Assert.Equal(["Domain", "Services"], types.Select(t => mapper.Map(t.FullName, t.Assembly, t.Path)?.Layer.Name));
    }

    [Fact]
    public void A_core_beside_a_domain_is_not_the_domain()
    {
        ProductionType[] types = [Type("Shop.Domain.Order", "Shop.Domain"), Type("Shop.Core.Text.Slugs", "Shop.Core")];

        var layers = DefaultLayers.For(types);

        Assert.Same(DefaultLayers.All, layers);
        Assert.Null(new LayerMapper(layers).Map("Shop.Core.Text.Slugs", "Shop.Core", null));
    }

    [Fact]
    public void A_domain_of_interfaces_only_does_not_make_the_core_the_domain_by_itself()
    {
        // Types without code are never measured, so they say nothing about where the domain's code lives.
        ProductionType[] types = [Type("Shop.Domain.IClock", "Shop.Domain", hasCode: false), Type("Shop.Core.Order", "Shop.Core")];

        Assert.Same(DefaultLayers.WithDomainStandIns, DefaultLayers.For(types));
    }

    [Fact]
    public void Without_any_stand_in_segment_the_defaults_are_kept()
    {
        ProductionType[] types = [Type("Shop.Application.OrderService", "Shop.Application")];

        Assert.Same(DefaultLayers.All, DefaultLayers.For(types));
    }

    private static ProductionType Type(string fullName, string assembly, bool hasCode = true) =>
        new(fullName, assembly, "src/" + assembly + "/" + TypeNames.SimpleNameOf(fullName) + ".cs", 1, hasCode);
}
