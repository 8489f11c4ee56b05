using TestGate.Core.Coverage;
using TestGate.Core.Layers;
using TestGate.Core.Model;

namespace TestGate.Core.Tests.Coverage;

public class LayerCoverageCalculatorTests
{
    private static readonly LayerMapper Mapper = new(DefaultLayers.All);

    private static LayerCoverage LayerOf(CoverageAssessment assessment, string name) =>
        assessment.Layers.Single(l => l.Layer.Name == name);

    [Fact]
    public void Every_layer_is_reported_in_declaration_order_even_when_empty()
    {
        var assessment = LayerCoverageCalculator.Assess(Mapper, [], []);

        Assert.Equal(["Domain", "Services", "Repositories", "Handlers", "DTOs"], assessment.Layers.Select(l => l.Layer.Name));
        Assert.All(assessment.Layers, l => Assert.False(l.HasCode));
        Assert.Empty(assessment.UnmappedTypes);
    }

    [Fact]
    public void Coverage_of_a_test_support_library_counts_for_no_layer()
    {
        ProductionType[] inventory = [Make.Type("Shop.Infrastructure.Data.OrderRepository")];
        CoveredType[] coverage =
        [
            Make.Covered("Shop.Infrastructure.Data.OrderRepository", lines: 10, covered: 5, assembly: "Shop.Infrastructure"),
            Make.Covered("Shop.Testing.Data.TestDatabase", lines: 10, covered: 10, assembly: "Shop.Testing.Data"),
        ];

        var repositories = LayerOf(LayerCoverageCalculator.Assess(Mapper, inventory, coverage), "Repositories");

        Assert.Equal((10, 5), (repositories.Lines, repositories.CoveredLines));
    }

    [Fact]
    public void Coverage_recorded_in_an_assembly_the_tests_are_made_of_is_not_a_layers_whatever_its_name()
    {
        ProductionType[] inventory = [Make.Type("Shop.Infrastructure.Data.OrderRepository", assembly: "Shop.Infrastructure")];
        CoveredType[] coverage =
        [
            Make.Covered("Shop.Infrastructure.Data.OrderRepository", lines: 10, covered: 5, assembly: "Shop.Infrastructure"),
            Make.Covered("Shop.Infrastructure.Fakes.InMemoryOrderRepository", lines: 10, covered: 10, assembly: "Shop.Fakes"),
        ];

        var counted = LayerOf(LayerCoverageCalculator.Assess(Mapper, inventory, coverage), "Repositories");
        var kept = LayerOf(LayerCoverageCalculator.Assess(Mapper, inventory, coverage, new HashSet<string> { "Shop.Fakes", "Shop.UnitTests" }), "Repositories");

        Assert.Equal((20, 15), (counted.Lines, counted.CoveredLines));
        Assert.Equal((10, 5), (kept.Lines, kept.CoveredLines));
    }

    [Fact]
    public void Lines_and_types_are_summed_into_the_layer_they_map_to()
    {
        ProductionType[] inventory = [Make.Type("Shop.Domain.Order"), Make.Type("Shop.Domain.Customer"), Make.Type("Shop.Application.PlaceOrder")];
        CoveredType[] coverage =
        [
            Make.Covered("Shop.Domain.Order", lines: 10, covered: 9),
            Make.Covered("Shop.Domain.Customer", lines: 10, covered: 10),
            Make.Covered("Shop.Application.PlaceOrder", lines: 4, covered: 1),
        ];

        var assessment = LayerCoverageCalculator.Assess(Mapper, inventory, coverage);

        var domain = LayerOf(assessment, "Domain");
        Assert.Equal((20, 19), (domain.Lines, domain.CoveredLines));
        Assert.Equal(["Shop.Domain.Customer", "Shop.Domain.Order"], domain.Types.Select(t => t.FullName));
        var services = LayerOf(assessment, "Services");
        Assert.Equal((4, 1), (services.Lines, services.CoveredLines));
    }

    [Fact]
    public void The_same_file_line_reported_under_two_types_counts_once()
    {
        // A partial type and its folded nested type both report src/Domain/Order.cs lines 10-12.
        CoveredType[] coverage =
        [
            Make.CoveredLines("Shop.Domain.Order", "src/Domain/Order.cs", (10, new LineHits(1, 0, 0)), (11, new LineHits(0, 0, 0))),
            Make.CoveredLines("Shop.Domain.Order", "src/Domain/Order.cs", (11, new LineHits(2, 0, 0)), (12, new LineHits(0, 0, 0))),
        ];

        var domain = LayerOf(LayerCoverageCalculator.Assess(Mapper, [Make.Type("Shop.Domain.Order")], coverage), "Domain");

        Assert.Equal(3, domain.Lines);
        Assert.Equal(2, domain.CoveredLines);
    }

    [Fact]
    public void The_same_line_number_in_different_files_counts_twice()
    {
        CoveredType[] coverage =
        [
            Make.CoveredLines("Shop.Domain.Order", "src/Domain/Order.cs", (10, new LineHits(1, 0, 0))),
            Make.CoveredLines("Shop.Domain.Order", "src/Domain/Order.Rules.cs", (10, new LineHits(0, 0, 0))),
        ];

        var domain = LayerOf(LayerCoverageCalculator.Assess(Mapper, [Make.Type("Shop.Domain.Order")], coverage), "Domain");

        Assert.Equal(2, domain.Lines);
        Assert.Equal(1, domain.CoveredLines);
    }

    [Fact]
    public void Duplicate_lines_keep_the_best_branch_measurement_once()
    {
        CoveredType[] coverage =
        [
            Make.CoveredLines("Shop.Domain.Order", "src/Domain/Order.cs", (10, new LineHits(1, 1, 2))),
            Make.CoveredLines("Shop.Domain.Order", "src/Domain/Order.cs", (10, new LineHits(1, 2, 2))),
        ];

        var domain = LayerOf(LayerCoverageCalculator.Assess(Mapper, [Make.Type("Shop.Domain.Order")], coverage), "Domain");

        Assert.Equal((2, 2), (domain.Branches, domain.CoveredBranches));
    }

    [Fact]
    public void Covered_branches_never_exceed_the_branches_found()
    {
        CoveredType[] coverage = [Make.CoveredLines("Shop.Domain.Order", "src/Domain/Order.cs", (10, new LineHits(1, 5, 2)))];

        var domain = LayerOf(LayerCoverageCalculator.Assess(Mapper, [Make.Type("Shop.Domain.Order")], coverage), "Domain");

        Assert.Equal((2, 2), (domain.Branches, domain.CoveredBranches));
    }

    [Fact]
    public void A_type_whose_assembly_no_coverage_file_mentions_is_unmeasured()
    {
        var invoice = Make.Type("Shop.Domain.Invoice", assembly: "Shop.Billing");
        ProductionType[] inventory = [Make.Type("Shop.Domain.Order"), invoice];
        CoveredType[] coverage = [Make.Covered("Shop.Domain.Order", lines: 10, covered: 10)];

        var domain = LayerOf(LayerCoverageCalculator.Assess(Mapper, inventory, coverage), "Domain");

        Assert.Equal([invoice], domain.UnmeasuredTypes);
        Assert.False(domain.IsMeasured);
        Assert.False(domain.Passed);
    }

    [Fact]
    public void A_type_in_a_measured_assembly_is_not_unmeasured_even_if_the_file_omits_it()
    {
        ProductionType[] inventory = [Make.Type("Shop.Domain.Order"), Make.Type("Shop.Domain.Money")];
        CoveredType[] coverage = [Make.Covered("Shop.Domain.Order", lines: 10, covered: 10, assembly: "SHOP.DOMAIN")];

        var domain = LayerOf(LayerCoverageCalculator.Assess(Mapper, inventory, coverage), "Domain");

        Assert.Empty(domain.UnmeasuredTypes);
        Assert.True(domain.IsMeasured);
    }

    [Fact]
    public void A_type_measured_by_name_is_not_unmeasured_even_under_another_assembly_name()
    {
        ProductionType[] inventory = [Make.Type("Shop.Domain.Order", assembly: "Shop.Domain")];
        CoveredType[] coverage = [Make.Covered("Shop.Domain.Order", lines: 10, covered: 10, assembly: "Shop.Domain.Renamed")];

        var domain = LayerOf(LayerCoverageCalculator.Assess(Mapper, inventory, coverage), "Domain");

        Assert.Empty(domain.UnmeasuredTypes);
    }

    [Fact]
    public void Types_without_code_are_neither_unmeasured_nor_unmapped()
    {
        ProductionType[] inventory =
        [
            Make.Type("Shop.Domain.IClock", hasCode: false),
            Make.Type("Shop.Misc.Colour", hasCode: false),
        ];

        var assessment = LayerCoverageCalculator.Assess(Mapper, inventory, []);

        var domain = LayerOf(assessment, "Domain");
        Assert.Single(domain.Types);
        Assert.Empty(domain.UnmeasuredTypes);
        Assert.True(domain.Passed);
        Assert.Empty(assessment.UnmappedTypes);
    }

    [Fact]
    public void A_layer_whose_code_has_no_coverage_at_all_is_not_passed()
    {
        var assessment = LayerCoverageCalculator.Assess(Mapper, [Make.Type("Shop.Infrastructure.SqliteOrderRepository")], []);

        var repositories = LayerOf(assessment, "Repositories");
        Assert.Equal(0, repositories.Lines);
        Assert.Null(repositories.LineRate);
        Assert.False(repositories.IsMeasured);
        Assert.False(repositories.Passed);
    }

    [Fact]
    public void Types_with_code_that_no_layer_claims_are_unmapped_in_name_order()
    {
        ProductionType[] inventory = [Make.Type("Shop.Zeta"), Make.Type("Shop.Alpha"), Make.Type("Shop.Domain.Order")];

        var assessment = LayerCoverageCalculator.Assess(Mapper, inventory, []);

        Assert.Equal(["Shop.Alpha", "Shop.Zeta"], assessment.UnmappedTypes.Select(t => t.FullName));
    }

    [Fact]
    public void Coverage_of_a_type_missing_from_the_inventory_still_counts_for_its_layer()
    {
        var domain = LayerOf(LayerCoverageCalculator.Assess(Mapper, [], [Make.Covered("Shop.Domain.Order", 10, 4)]), "Domain");

        Assert.Equal((10, 4), (domain.Lines, domain.CoveredLines));
        Assert.True(domain.HasCode);
        Assert.Equal(1, domain.TypeCount);
    }

    [Fact]
    public void Measured_types_point_at_their_first_uncovered_line()
    {
        CoveredType[] coverage =
        [
            Make.Covered("Shop.Domain.Order", lines: 10, covered: 6, file: "src/Domain/Order.cs", firstLine: 20),
            Make.Covered("Shop.Domain.Customer", lines: 5, covered: 5, file: "src/Domain/Customer.cs"),
        ];

        var domain = LayerOf(LayerCoverageCalculator.Assess(Mapper, [], coverage), "Domain");

        Assert.Equal(
            [
                new TypeCoverage("Shop.Domain.Customer", "Shop.Domain", "src/Domain/Customer.cs", 5, 5, 0),
                new TypeCoverage("Shop.Domain.Order", "Shop.Domain", "src/Domain/Order.cs", 10, 6, 26),
            ],
            domain.MeasuredTypes);
    }
}
