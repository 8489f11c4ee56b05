using Microsoft.Build.Framework;

namespace TestGate.Tasks.Tests;

/// <summary>Which SQL scripts a build reads with the production sources: found on disk beside the project files.</summary>
[Trait("Category", "Integration")]
public sealed class SqlScriptInputsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("testgate-sql-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string content = "CREATE TABLE t (name TEXT UNIQUE);")
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private ITaskItem Source(string project, string file) =>
        ShopItems.Item(Write(file, "class C { }"), "ProductionSource", ("TestGateProjectFile", Path.Combine(_root, project)));

    [Fact]
    public void Scripts_of_production_projects_are_read_and_those_of_nested_tests_build_output_support_and_root_projects_are_not()
    {
        var schema = Write("src/Shop.Data/Migrations/0001_orders.sql");
        Write("src/Shop.Data/bin/Release/0001_orders.sql");
        Write("src/Shop.Data/Tests/Shop.Data.Tests/fixture.sql");
        Write("tests/Shop.Testing/seed.sql");
        Write("seed.sql");
        ITaskItem[] items =
        [
            ShopItems.Item(Write("src/Shop.Data/Tests/Shop.Data.Tests/Shop.Data.Tests.csproj", "<Project />"), "TestProject", ("TestGateProject", "Shop.Data.Tests")),
            Source("src/Shop.Data/Shop.Data.csproj", "src/Shop.Data/OrderStore.cs"),
            Source("tests/Shop.Testing/Shop.Testing.csproj", "tests/Shop.Testing/TestDatabase.cs"),
            Source("Shop.Tool.csproj", "Tool.cs"),
        ];

        var inputs = InputItems.ToInputs(_root, items, []);

        var script = Assert.Single(inputs.SqlScripts);
        Assert.Equal((schema, "Shop.Data"), (script.Path, script.Project));
    }
}
