using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace TestGate.Tasks.Tests;

/// <summary>
/// A throw-away repository (with '.git') holding a small shop, and the items GetTestGateInputs returns for it, shaped
/// as Sdk.targets builds them: one TestProject item per test project, its Compile items as TestSource, referenced
/// projects' target paths as ProductionProject and their sources as ProductionSource, plus Coverage, Layer and Rule.
/// </summary>
public sealed class ShopItems : IDisposable
{
    public const string UnitTests = "Domain.UnitTests";
    public const string IntegrationTests = "Application.IntegrationTests";

    public ShopItems()
    {
        Root = Directory.CreateTempSubdirectory("testgate-tasks-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, ".git"));
        Write("src/Domain/Order.cs", """
            namespace Domain;

            public sealed class Order
            {
                public Order(int quantity)
                {
                    if (quantity <= 0)
                    {
                        throw new ArgumentOutOfRangeException(nameof(quantity));
                    }

                    Quantity = quantity;
                }

                public int Quantity { get; }

                public bool IsPaid { get; private set; }

                public void Pay()
                {
                    if (IsPaid)
                    {
                        throw new InvalidOperationException("The order is already paid.");
                    }

                    IsPaid = true;
                }

                public decimal Discount(int percent)
                {
                    if (percent < 0 || percent > 100)
                    {
                        throw new ArgumentOutOfRangeException(nameof(percent));
                    }

                    return Quantity * percent / 100m;
                }
            }
            """);
        Write("src/Application/OrderService.cs", """
            using Domain;

            namespace Application;

            public sealed class OrderService
            {
                public Order Place(int quantity)
                {
                    var order = new Order(quantity);
                    return order;
                }
            }
            """);
        Write("tests/Domain.UnitTests/OrderTests.cs", """
            namespace Domain.UnitTests;

            public class OrderTests
            {
                [Fact]
                public void A_new_order_keeps_its_quantity() => Assert.Equal(3, new Domain.Order(3).Quantity);

                [Fact]
                public void Paying_twice_is_rejected()
                {
                    var order = new Domain.Order(1);
                    order.Pay();
                    Assert.Throws<InvalidOperationException>(order.Pay);
                }
            }
            """);
        Write("tests/Application.IntegrationTests/OrderServiceTests.cs", """
            namespace Application.IntegrationTests;

            public class OrderServiceTests
            {
                [Fact]
                public void Placing_an_order_creates_it() => Assert.Equal(2, new Application.OrderService().Place(2).Quantity);
            }
            """);
    }

    public string Root { get; }

    public string ReportDirectory => Path.Combine(Root, "TestResults", "TestGate");

    public string Full(string relativePath) => Path.GetFullPath(Path.Combine(Root, relativePath));

    public string Write(string relativePath, string content)
    {
        var path = Full(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Copies a recorded Cobertura fixture, pointing its '/repo/' paths at this repository.</summary>
    public string CopyCoverage(string fixture, string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture));
        var pathRoot = Path.GetPathRoot(Root)!;
        text = text
            .Replace("/repo/", Root + "/", StringComparison.Ordinal)
            .Replace("<source>/</source>", $"<source>{pathRoot}</source>", StringComparison.Ordinal)
            .Replace("\"repo/", "\"" + Root[pathRoot.Length..] + "/", StringComparison.Ordinal);
        return Write(relativePath, text);
    }

    private static string CoveragePathOf(string testProject) => $"tests/{testProject}/obj/Debug/net10.0/testgate/coverage.cobertura.xml";

    /// <summary>One item as GetTestGateInputs returns it: its path, its input kind and its metadata.</summary>
    internal static TaskItem Item(string itemSpec, string kind, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(itemSpec);
        item.SetMetadata("TestGateInputKind", kind);
        foreach (var (name, value) in metadata)
        {
            item.SetMetadata(name, value);
        }

        return item;
    }

    public ITaskItem TestProject(string name, string failOn = "", string testKind = "") =>
        Item(Full($"tests/{name}/{name}.csproj"), "TestProject",
            ("TestGateProject", name), ("TestGateTestKind", testKind), ("TestGateFailOn", failOn));

    public ITaskItem Layer(string project, string name, params (string Name, string Value)[] metadata) =>
        Item(name, "Layer", [("TestGateProject", project), .. metadata]);

    public ITaskItem Rule(string project, string ruleId, string severity) =>
        Item(ruleId, "Rule", ("TestGateProject", project), ("Severity", severity));

    public ITaskItem Coverage(string path, string project) => Item(path, "Coverage", ("TestGateProject", project));

    public IEnumerable<ITaskItem> TestSources(string project) =>
        Directory.EnumerateFiles(Full($"tests/{project}"), "*.cs")
            .Order(StringComparer.Ordinal)
            .Select(f => Item(f, "TestSource", ("TestGateProject", project), ("TestGateAssembly", project)));

    /// <summary>A referenced project: its target path (which names the assembly) and its sources.</summary>
    public IEnumerable<ITaskItem> ProductionProject(string name, string? assemblyName = null)
    {
        var projectFile = Full($"src/{name}/{name}.csproj");
        yield return Item(Full($"src/{name}/bin/Debug/net10.0/{assemblyName ?? name}.dll"), "ProductionProject", ("TestGateProjectFile", projectFile));
        foreach (var source in Directory.EnumerateFiles(Full($"src/{name}"), "*.cs").Order(StringComparer.Ordinal))
        {
            yield return Item(source, "ProductionSource", ("TestGateProjectFile", projectFile));
        }
    }

    /// <summary>
    /// What Solution.targets collects from both test projects. With <paramref name="unitTestsRan"/> Order is fully
    /// covered (coverlet.collector) and OrderService by the integration tests (coverlet.msbuild); without it only the
    /// integration tests' coverage exists: Order 6/21 lines, first uncovered line 8.
    /// </summary>
    public List<ITaskItem> Inputs(
        bool unitTestsRan, string unitFailOn = "", string integrationFailOn = "", string integrationTestKind = "", IEnumerable<ITaskItem>? production = null)
    {
        var items = new List<ITaskItem> { TestProject(UnitTests, unitFailOn), TestProject(IntegrationTests, integrationFailOn, integrationTestKind) };
        items.AddRange(TestSources(UnitTests));
        items.AddRange(TestSources(IntegrationTests));
        items.AddRange(production ?? [.. ProductionProject("Domain"), .. ProductionProject("Application")]);
        if (unitTestsRan)
        {
            items.Add(Coverage(CopyCoverage("coverlet-collector.cobertura.xml", CoveragePathOf(UnitTests)), UnitTests));
        }

        items.Add(Coverage(CopyCoverage("coverlet-msbuild.cobertura.xml", CoveragePathOf(IntegrationTests)), IntegrationTests));
        return items;
    }

    public (TestGateEvaluate Task, RecordingBuildEngine Engine) Task(IEnumerable<ITaskItem> inputs)
    {
        var engine = new RecordingBuildEngine();
        var task = new TestGateEvaluate
        {
            BuildEngine = engine,
            Inputs = inputs.ToArray(),
            ReportDirectory = ReportDirectory,
            RepositoryRoot = Root,
            StartDirectory = Root,
            ToolVersion = "9.9.9-test",
            Scope = "Consumer",
        };
        return (task, engine);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
