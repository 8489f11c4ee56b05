using TestGate.Core.Model;

namespace TestGate.Core.Tests.Model;

/// <summary>Test kinds from project, namespace and category names.</summary>
public sealed class TestKindConventionsTests
{
    [Theory]
    [InlineData("Shop.IntegrationTests", TestKind.Integration)]
    [InlineData("Shop.UseCases.UnitTests", TestKind.Unit)]
    [InlineData("Shop.Api.EndToEndTests", TestKind.E2E)]
    [InlineData("e2e", TestKind.E2E)]
    [InlineData("Shop.UseCaseTests", TestKind.Application)]
    public void A_marker_names_the_kind_and_the_most_specific_segment_speaks_first(string name, TestKind expected) =>
        Assert.Equal(expected, TestKindConventions.FromName(name));

    [Theory]
    [InlineData("Shop.Tests")]
    [InlineData("Shop.FunctionalTests")]
    [InlineData("Shop.Application.Tests")]
    [InlineData("")]
    public void Generic_names_and_layer_names_are_no_marker(string name) =>
        Assert.Null(TestKindConventions.FromName(name));

    [Theory]
    [InlineData("Clinic.Application.Tests")]
    [InlineData("Warehouse.Services.Tests")]
    [InlineData("Shop.Tests.Features.Orders")]
    [InlineData("Shop.ApplicationServices.Specs")]
    public void A_test_project_named_after_the_application_layer_holds_use_case_tests(string name) =>
        Assert.Equal(TestKind.Application, TestKindConventions.FromLayerName(name));

    [Theory]
    [InlineData("Shop.Application")]                // a production namespace: no test segment
    [InlineData("Shop.Domain.Services.Tests")]      // domain services are unit-tested domain logic
    [InlineData("Shop.Core.Services.Tests")]
    [InlineData("Shop.Infrastructure.Tests")]
    [InlineData("Shop.Tests")]
    [InlineData(null)]
    public void Other_layers_domain_services_and_production_namespaces_are_not(string? name) =>
        Assert.Null(TestKindConventions.FromLayerName(name));
}
