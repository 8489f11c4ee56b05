using System.Text;
using TestGate.Analysis;

namespace TestGate.Engine.Tests;

/// <summary>
/// A throw-away repository on disk (with a '.git' folder) holding the shop the coverage fixtures were recorded on:
/// src/Domain/Order.cs (lines 5-37 as the fixtures number them), src/Application/OrderService.cs, and the two test
/// projects Domain.UnitTests and Application.IntegrationTests. Coverage fixtures are copied in with their recorded
/// '/repo/' root rewritten to this repository, so every path the engine sees is real.
/// </summary>
public sealed class ShopRepository : IDisposable
{
    public const string UnitTests = "Domain.UnitTests";
    public const string IntegrationTests = "Application.IntegrationTests";

    public const string OrderSource = """
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
        """;

    public ShopRepository()
    {
        Root = Directory.CreateTempSubdirectory("testgate-engine-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, ".git"));
        Write("src/Domain/Order.cs", OrderSource);
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
            }
            """);
        Write("tests/Domain.UnitTests/OrderRulesTests.cs", """
            namespace Domain.UnitTests;

            public class OrderRulesTests
            {
                [Fact]
                public void A_zero_quantity_is_rejected() => Assert.Throws<ArgumentOutOfRangeException>(() => new Domain.Order(0));

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

    /// <summary>Copies a recorded Cobertura fixture to <paramref name="relativePath"/>, pointing its paths at this repository.</summary>
    public string CopyCoverage(string fixture, string relativePath, Func<string, string>? edit = null)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture));
        var hasBom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        var text = Encoding.UTF8.GetString(hasBom ? bytes[Encoding.UTF8.Preamble.Length..] : bytes);
        var pathRoot = Path.GetPathRoot(Root)!;
        text = text
            // Absolute names (Microsoft's collector) and source roots (coverlet.msbuild).
            .Replace("/repo/", Root + "/", StringComparison.Ordinal)
            // coverlet.collector: <source>/</source> and class file names relative to it.
            .Replace("<source>/</source>", $"<source>{pathRoot}</source>", StringComparison.Ordinal)
            .Replace("\"repo/", "\"" + Root[pathRoot.Length..] + "/", StringComparison.Ordinal);
        text = edit?.Invoke(text) ?? text;

        var path = Full(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: hasBom));
        return path;
    }

    /// <summary>Where coverlet.msbuild under TestGate.Sdk leaves a test project's coverage.</summary>
    public static string CoveragePathOf(string testProject) => $"tests/{testProject}/obj/Debug/net10.0/testgate/coverage.cobertura.xml";

    /// <summary>
    /// The unit tests measured Order completely (coverlet.collector); the integration tests measured OrderService and
    /// part of Order (coverlet.msbuild). Merged, both production types are fully covered.
    /// </summary>
    public CoverageInput[] FullCoverage() =>
    [
        new(CopyCoverage("coverlet-collector.cobertura.xml", CoveragePathOf(UnitTests)), UnitTests),
        new(CopyCoverage("coverlet-msbuild.cobertura.xml", CoveragePathOf(IntegrationTests)), IntegrationTests),
    ];

    /// <summary>Only the integration tests ran: Order is covered 6/21 lines, 1/8 branches; OrderService 4/4.</summary>
    public CoverageInput[] DomainUnderCovered() =>
    [
        new(CopyCoverage("coverlet-msbuild.cobertura.xml", CoveragePathOf(IntegrationTests)), IntegrationTests),
    ];

    public SourceFile Production(string relativePath, string assembly) => new(Full(relativePath), assembly, assembly);

    public IReadOnlyList<SourceFile> ProductionSources() =>
    [
        Production("src/Domain/Order.cs", "Domain"),
        Production("src/Application/OrderService.cs", "Application"),
    ];

    public IReadOnlyList<SourceFile> TestSources() =>
    [
        new(Full("tests/Domain.UnitTests/OrderTests.cs"), UnitTests, UnitTests),
        new(Full("tests/Domain.UnitTests/OrderRulesTests.cs"), UnitTests, UnitTests),
        new(Full("tests/Application.IntegrationTests/OrderServiceTests.cs"), IntegrationTests, IntegrationTests),
    ];

    public static IReadOnlyList<TestProjectInfo> TestProjects() =>
        [new(UnitTests, ForcedKind: null), new(IntegrationTests, ForcedKind: null)];

    public GateInputs Inputs(IReadOnlyList<CoverageInput> coverage, IReadOnlyList<SourceFile>? production = null) =>
        new(Root, coverage, production ?? ProductionSources(), TestSources(), TestProjects());

    public GateSettings Settings(string? failOn = null, string? formats = null, string? reportDirectory = null) =>
        new(failOn, Layers: [], Rules: [], reportDirectory ?? ReportDirectory, formats, ToolVersion: "9.9.9-test");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
