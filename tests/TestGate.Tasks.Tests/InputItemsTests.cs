using Microsoft.Build.Framework;
using TestGate.Core.Model;

namespace TestGate.Tasks.Tests;

/// <summary>How the items of GetTestGateInputs become the engine's inputs: pure mapping, no files.</summary>
public sealed class InputItemsTests
{
    private static readonly string Root = Path.GetTempPath();

    private static string PathOf(string name) => Path.Combine(Root, name);

    private static ITaskItem[] TwoProjects =>
    [
        ShopItems.Item(PathOf("Shop.UnitTests.csproj"), "TestProject", ("TestGateProject", "Shop.UnitTests")),
        ShopItems.Item(PathOf("Shop.IntegrationTests.csproj"), "TestProject", ("TestGateProject", "Shop.IntegrationTests")),
        ShopItems.Item(PathOf("Shop.UnitTests.csproj"), "References", ("TestGateProject", "Shop.UnitTests"),
            ("TestGateReferences", $"{PathOf("System.Runtime.dll")};{PathOf("xunit.assert.dll")};{PathOf("System.Runtime.dll")}")),
        ShopItems.Item(PathOf("Shop.IntegrationTests.csproj"), "References", ("TestGateProject", "Shop.IntegrationTests"),
            ("TestGateReferences", PathOf("Microsoft.Data.Sqlite.dll"))),
        ShopItems.Item("System.Threading.Tasks", "Using", ("TestGateProject", "Shop.UnitTests")),
        ShopItems.Item("Xunit.Assert", "Using", ("TestGateProject", "Shop.UnitTests"), ("Static", "true")),
        ShopItems.Item("System.Collections.Generic.Dictionary<string, int>", "Using", ("TestGateProject", "Shop.UnitTests"), ("Alias", "Counts")),
    ];

    [Fact]
    public void References_belong_to_the_project_that_reported_them_once_each()
    {
        var inputs = InputItems.ToInputs(Root, TwoProjects, []);

        var unit = inputs.TestProjects.Single(p => p.Name == "Shop.UnitTests");
        var integration = inputs.TestProjects.Single(p => p.Name == "Shop.IntegrationTests");
        Assert.Equal([PathOf("System.Runtime.dll"), PathOf("xunit.assert.dll")], unit.References);
        Assert.Equal([PathOf("Microsoft.Data.Sqlite.dll")], integration.References);
    }

    [Fact]
    public void A_referenced_test_support_library_is_read_with_the_tests_once_not_as_production()
    {
        ITaskItem[] items =
        [
            .. TwoProjects,
            ShopItems.Item(PathOf("Order.cs"), "ProductionSource", ("TestGateProjectFile", PathOf("Shop.Domain.csproj"))),
            ShopItems.Item(PathOf("TestDatabase.cs"), "ProductionSource", ("TestGateProjectFile", PathOf("Shop.Testing.SqlServer.csproj"))),
            ShopItems.Item(PathOf("TestDatabase.cs"), "ProductionSource", ("TestGateProjectFile", PathOf("Shop.Testing.SqlServer.csproj"))),
        ];

        var inputs = InputItems.ToInputs(Root, items, []);

        Assert.Equal([PathOf("Order.cs")], inputs.ProductionSources.Select(s => s.Path));
        var support = Assert.Single(inputs.TestSources);
        Assert.Equal((PathOf("TestDatabase.cs"), "Shop.Testing.SqlServer"), (support.Path, support.Project));
    }

    [Fact]
    public void A_referenced_library_under_a_tests_folder_is_read_with_the_tests_whatever_its_name()
    {
        ITaskItem[] items =
        [
            .. TwoProjects,
            ShopItems.Item(PathOf(Path.Combine("src", "Shop.Infrastructure", "OrderRepository.cs")), "ProductionSource",
                ("TestGateProjectFile", PathOf(Path.Combine("src", "Shop.Infrastructure", "Shop.Infrastructure.csproj")))),
            ShopItems.Item(PathOf(Path.Combine("tests", "Shop.Fakes", "InMemoryOrderRepository.cs")), "ProductionSource",
                ("TestGateProjectFile", PathOf(Path.Combine("tests", "Shop.Fakes", "Shop.Fakes.csproj")))),
        ];

        var inputs = InputItems.ToInputs(Root, items, []);

        Assert.Equal(["Shop.Infrastructure"], inputs.ProductionSources.Select(s => s.Project));
        Assert.Equal("Shop.Fakes", Assert.Single(inputs.TestSources).Project);
    }

    [Fact]
    public void Using_items_become_the_global_usings_the_sdk_would_generate()
    {
        var inputs = InputItems.ToInputs(Root, TwoProjects, []);

        var unit = inputs.TestProjects.Single(p => p.Name == "Shop.UnitTests");
        Assert.Equal(
            [
                "global using global::System.Threading.Tasks;",
                "global using static global::Xunit.Assert;",
                "global using Counts = global::System.Collections.Generic.Dictionary<string, int>;",
            ],
            unit.GlobalUsings);
        Assert.Empty(inputs.TestProjects.Single(p => p.Name == "Shop.IntegrationTests").GlobalUsings!);
    }

    [Fact]
    public void A_project_without_references_is_reviewed_by_syntax()
    {
        var inputs = InputItems.ToInputs(Root, [ShopItems.Item(PathOf("Shop.UnitTests.csproj"), "TestProject", ("TestGateProject", "Shop.UnitTests"))], new List<GateDiagnostic>());

        Assert.Empty(Assert.Single(inputs.TestProjects).References!);
    }
}
