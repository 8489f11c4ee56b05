using TestGate.Core.Model;

namespace TestGate.Rules.Tests;

/// <summary>TG0201–TG0205 over small snippets: mocks of the domain, repositories, internal helpers and the ORM, and fake databases in integration tests.</summary>
public class MockingRulesTests
{
    private const string Domain = """
        namespace Shop.Domain;

        public sealed class Order
        {
            public Guid Id { get; init; }
            public string Number { get; init; } = "";
            public virtual void Cancel() { }
            public virtual decimal Total() => 0m;
        }

        public interface IPricingPolicy { decimal Discount(Order order); }

        public sealed class LoyaltyPricingPolicy : IPricingPolicy
        {
            public decimal Discount(Order order) => order.Total() * 0.1m;
        }

        public interface IPaymentGateway { Task ChargeAsync(Order order); }

        public interface IOrderRepository { Task AddAsync(Order order); }
        """;

    private const string Application = """
        using System.Net.Mail;
        using Shop.Domain;

        namespace Shop.Application;

        public class PriceCalculator
        {
            public virtual decimal Total(Order order) => order.Total();
        }

        public class TaxCalculator
        {
            public virtual decimal Tax(decimal amount) => amount * 0.2m;
        }

        public interface IOrderMapper { string Map(Order order); }

        public sealed class OrderMapper : IOrderMapper
        {
            public string Map(Order order) => order.Number;
        }

        public interface INotificationService { Task NotifyAsync(Order order); }

        public interface IUnitOfWork { Task CommitAsync(CancellationToken cancellationToken); }

        public sealed class SmtpNotificationService(SmtpClient smtp) : INotificationService
        {
            public Task NotifyAsync(Order order) => smtp.SendMailAsync("a@b.c", "d@e.f", "order", order.Number);
        }

        public interface IProcessedEventStore { Task<bool> TryMarkProcessedAsync(string eventId); }
        """;

    private const string Infrastructure = """
        using Microsoft.Data.Sqlite;
        using Microsoft.EntityFrameworkCore;
        using Shop.Application;
        using Shop.Domain;

        namespace Shop.Infrastructure;

        public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
        }

        public sealed class SqliteOrderRepository(string connectionString) : IOrderRepository
        {
            public async Task AddAsync(Order order)
            {
                await using var connection = new SqliteConnection(connectionString);
                await using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO orders (id, number) VALUES ($id, $number);";
                await command.ExecuteNonQueryAsync();
            }
        }

        public sealed class EfUnitOfWork(ShopDbContext db) : IUnitOfWork
        {
            public Task CommitAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
        }

        public sealed class SqliteProcessedEventStore(string connectionString) : IProcessedEventStore
        {
            public async Task<bool> TryMarkProcessedAsync(string eventId)
            {
                await using var connection = new SqliteConnection(connectionString);
                await using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO processed_events (event_id) VALUES ($id) ON CONFLICT (event_id) DO NOTHING;";
                return await command.ExecuteNonQueryAsync() == 1;
            }
        }
        """;

    private static IReadOnlyList<Snippet> Production =>
    [
        new("Shop.Domain", Domain, "/repo/src/Shop.Domain/Domain.cs"),
        new("Shop.Application", Application, "/repo/src/Shop.Application/Application.cs"),
        new("Shop.Infrastructure", Infrastructure, "/repo/src/Shop.Infrastructure/Infrastructure.cs"),
    ];

    private static IReadOnlyList<Finding> Review(string project, string path, string code, IReadOnlyList<string>? boundaries = null) =>
        SnippetSuite.Review(Production, [new Snippet(project, code, path)], boundaries);

    private static IReadOnlyList<Finding> Review(IReadOnlyList<Snippet> tests) => SnippetSuite.Review(Production, tests);

    // ---------------------------------------------------------------- TG0201

    private const string UnitTestsPath = "/repo/tests/Shop.UnitTests/OrderTests.cs";

    [Fact]
    public void TG0201_fires_once_per_class_for_a_mocked_entity_and_names_every_test_using_it()
    {
        var tests = """
            using Moq;
            using Shop.Domain;
            namespace Shop.UnitTests;
            public class OrderTests
            {
                private readonly Mock<Order> _order = new();

                [Fact]
                public void Total_is_read() => Assert.Equal(0m, _order.Object.Total());

                [Fact]
                public void Cancel_is_called() { _order.Object.Cancel(); _order.Verify(o => o.Cancel()); }
            }
            """;

        var finding = Assert.Single(Review("Shop.UnitTests", UnitTestsPath, tests).Of("TG0201"));

        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Equal(UnitTestsPath, finding.Location?.Path);
        Assert.Equal(SnippetSuite.LineOf(tests, "Mock<Order> _order"), finding.Location?.Line);
        Assert.Equal("Shop.UnitTests.OrderTests.Total_is_read", finding.Location?.Symbol);
        Assert.Contains("OrderTests.Total_is_read, OrderTests.Cancel_is_called", finding.MissingOrBrokenTest);
        Assert.Contains("domain type Order (Shop.Domain.Order) with Moq", finding.MissingOrBrokenTest);
        Assert.Contains("Cancel, Total", finding.Risk);
        Assert.Equal("Unit", finding.RecommendedTestType);
        Assert.Contains("[Fact]\n    public void Order_behaves_as_the_rule_says()", finding.ExampleTestOutline);
        Assert.Contains("OrderFactory", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0201_fires_for_a_domain_service_interface_the_domain_implements()
    {
        var tests = """
            using NSubstitute;
            using Shop.Domain;
            namespace Shop.Application.Tests;
            public class CheckoutTests
            {
                [Fact]
                public void Applies_the_discount()
                {
                    var pricing = Substitute.For<IPricingPolicy>();
                    Assert.NotNull(pricing);
                }
            }
            """;

        var finding = Assert.Single(Review("Shop.ApplicationTests", "/repo/tests/Shop.ApplicationTests/CheckoutTests.cs", tests).Of("TG0201"));

        Assert.Contains("IPricingPolicy", finding.MissingOrBrokenTest);
        Assert.Contains("with NSubstitute (Substitute.For<IPricingPolicy>()", finding.MissingOrBrokenTest);
        Assert.Contains("LoyaltyPricingPolicy", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0201_does_not_fire_for_ports_declared_in_the_domain_boundaries_or_repositories()
    {
        var tests = """
            using NSubstitute;
            using Shop.Domain;
            namespace Shop.Application.Tests;
            public class PaymentTests
            {
                [Fact]
                public void Charges_through_the_gateway()
                {
                    var gateway = Substitute.For<IPaymentGateway>();
                    var orders = Substitute.For<IOrderRepository>();
                    Assert.NotNull(gateway);
                    Assert.NotNull(orders);
                }
            }
            """;

        var findings = Review("Shop.ApplicationTests", "/repo/tests/Shop.ApplicationTests/PaymentTests.cs", tests);

        Assert.Empty(findings.Of("TG0201"));
        Assert.Empty(findings.Of("TG0202"));
        Assert.Empty(findings.Of("TG0203"));
    }

    [Fact]
    public void TG0201_does_not_fire_for_real_domain_objects()
    {
        var tests = """
            using Shop.Domain;
            namespace Shop.UnitTests;
            public class OrderTests
            {
                [Fact]
                public void Total_of_a_new_order_is_zero() => Assert.Equal(0m, new Order().Total());
            }
            """;

        Assert.Empty(Review("Shop.UnitTests", UnitTestsPath, tests).Of("TG0201"));
    }

    private const string CoreProject = """
        namespace Warehouse.Core.Inventory
        {
            public class StockItem
            {
                public virtual int Available { get; protected set; }
                public virtual void Reserve(int units) => Available -= units;
            }
            public interface IStockItems { StockItem? Find(string sku); }
            public class ReservationService(IStockItems items)
            {
                public virtual bool TryReserve(string sku, int units) { var item = items.Find(sku); item?.Reserve(units); return item is not null; }
            }
            public interface IReorderPolicy { int Quantity(int available); }
            public sealed class ReorderPolicy : IReorderPolicy { public int Quantity(int available) => available < 5 ? 20 : 0; }
            public interface ISkuGenerator { string Next(); }
            public sealed class SequentialSkuGenerator : ISkuGenerator { private int _next; public string Next() => $"SKU-{++_next}"; }
        }
        """;

    [Theory]
    [InlineData("StockItem", "TG0201", "Core")]
    [InlineData("ReservationService", "TG0203", "Core")]
    [InlineData("StockItem", "TG0201", "Model")]
    [InlineData("IReorderPolicy", "TG0201", "Core")]
    [InlineData("ISkuGenerator", "TG0203", "Core")]
    public void In_a_Core_or_Model_project_an_entity_is_domain_and_a_service_over_ports_is_an_internal_helper(string mocked, string ruleId, string segment)
    {
        var tests = $$"""
            using FakeItEasy;
            using Warehouse.Core.Inventory;
            namespace Warehouse.Core.UnitTests;
            public class ReorderTests
            {
                [Fact]
                public void Uses_a_fake() => Assert.NotNull(A.Fake<{{mocked}}>());
            }
            """;

        var findings = SnippetSuite.Review(
            [new Snippet($"Warehouse.{segment}", CoreProject.Replace("Warehouse.Core.", $"Warehouse.{segment}.", StringComparison.Ordinal))],
            [new Snippet("Warehouse.Core.UnitTests", tests.Replace("Warehouse.Core.Inventory", $"Warehouse.{segment}.Inventory", StringComparison.Ordinal))]);

        var finding = Assert.Single(findings, f => f.RuleId is "TG0201" or "TG0203");
        Assert.Equal((ruleId, SnippetSuite.LineOf(tests, "A.Fake<")), (finding.RuleId, finding.Location!.Line));
    }

    // ---------------------------------------------------------------- TG0202

    private const string IntegrationPath = "/repo/tests/Shop.IntegrationTests/CheckoutIntegrationTests.cs";

    [Fact]
    public void TG0202_fires_for_a_mocked_repository_in_an_integration_test()
    {
        var tests = """
            using Moq;
            using Microsoft.Data.Sqlite;
            using Shop.Domain;
            namespace Shop.IntegrationTests;
            public class CheckoutIntegrationTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Checkout_stores_the_order()
                {
                    await using var connection = new SqliteConnection("Data Source=:memory:");
                    var orders = new Mock<IOrderRepository>();
                    await orders.Object.AddAsync(new Order());
                }
            }
            """;

        var finding = Assert.Single(Review("Shop.IntegrationTests", IntegrationPath, tests).Of("TG0202"));

        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Equal(SnippetSuite.LineOf(tests, "new Mock<IOrderRepository>()"), finding.Location?.Line);
        Assert.Contains("CheckoutIntegrationTests.Checkout_stores_the_order", finding.MissingOrBrokenTest);
        Assert.Contains("the repository IOrderRepository with Moq", finding.MissingOrBrokenTest);
        Assert.Contains("SqliteOrderRepository's SQL", finding.Risk);
        Assert.Equal("Integration", finding.RecommendedTestType);
        Assert.Contains("new SqliteOrderRepository(connectionString)", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0202_fires_for_a_store_interface_a_repository_implements()
    {
        var tests = """
            using FakeItEasy;
            using Shop.Application;
            namespace Shop.IntegrationTests;
            public class WebhookTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Webhook_is_recorded()
                {
                    var events = A.Fake<IProcessedEventStore>();
                    Assert.False(await events.TryMarkProcessedAsync("evt"));
                }
            }
            """;

        var finding = Assert.Single(Review("Shop.IntegrationTests", "/repo/tests/Shop.IntegrationTests/WebhookTests.cs", tests).Of("TG0202"));

        Assert.Contains("IProcessedEventStore with FakeItEasy (A.Fake<IProcessedEventStore>()", finding.MissingOrBrokenTest);
        Assert.Contains("SqliteProcessedEventStore", finding.Risk);
    }

    [Fact]
    public void TG0202_does_not_fire_in_application_tests_or_for_boundaries_in_integration_tests()
    {
        var application = """
            using Moq;
            using Shop.Domain;
            namespace Shop.ApplicationTests;
            public class CheckoutTests
            {
                [Fact]
                public void Uses_a_repository_double() => Assert.NotNull(new Mock<IOrderRepository>().Object);
            }
            """;
        var integration = """
            using Moq;
            using Microsoft.Data.Sqlite;
            using Shop.Domain;
            namespace Shop.IntegrationTests;
            public class PaymentIntegrationTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Charges_the_provider()
                {
                    await using var connection = new SqliteConnection("Data Source=:memory:");
                    var gateway = new Mock<IPaymentGateway>();
                    await gateway.Object.ChargeAsync(new Order());
                }
            }
            """;

        var findings = Review(
        [
            new Snippet("Shop.ApplicationTests", application, "/repo/tests/Shop.ApplicationTests/CheckoutTests.cs"),
            new Snippet("Shop.IntegrationTests", integration, "/repo/tests/Shop.IntegrationTests/PaymentIntegrationTests.cs"),
        ]);

        Assert.Empty(findings.Of("TG0202"));
    }

    [Fact]
    public void TG0202_fires_in_an_application_test_that_runs_against_the_real_database()
    {
        var application = """
            using Moq;
            using Microsoft.Data.Sqlite;
            using Shop.Domain;
            namespace Shop.ApplicationTests;
            public class CheckoutTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Checkout_of_an_unknown_order_charges_nothing()
                {
                    await using var connection = new SqliteConnection("Data Source=:memory:");
                    var orders = new Mock<IOrderRepository>();
                    await orders.Object.AddAsync(new Order());
                }
            }
            """;

        var finding = Assert.Single(Review("Shop.ApplicationTests", "/repo/tests/Shop.ApplicationTests/CheckoutTests.cs", application).Of("TG0202"));

        Assert.Contains("Application test CheckoutTests.Checkout_of_an_unknown_order_charges_nothing mocks the repository IOrderRepository", finding.MissingOrBrokenTest);
        Assert.Contains("while running against the real database", finding.MissingOrBrokenTest);
        Assert.Contains("Seed the rows the scenario needs through the real repository instead.", finding.Risk);
        Assert.DoesNotContain("if at all, in application tests", finding.Risk);
    }

    [Fact]
    public void TG0202_fires_for_a_unit_of_work_faked_in_an_application_test_over_the_real_database_and_not_in_a_unit_test()
    {
        var application = """
            using FakeItEasy;
            using Microsoft.Data.Sqlite;
            using Shop.Application;
            namespace Shop.ApplicationTests;
            public class PlaceOrderTests
            {
                [Fact(Timeout = 10_000)]
                public async Task A_failed_payment_commits_nothing()
                {
                    await using var connection = new SqliteConnection("Data Source=:memory:");
                    var unitOfWork = A.Fake<IUnitOfWork>();
                    await unitOfWork.CommitAsync(CancellationToken.None);
                    A.CallTo(() => unitOfWork.CommitAsync(A<CancellationToken>._)).MustHaveHappened();
                }
            }
            """;
        var unit = """
            using FakeItEasy;
            using Shop.Application;
            namespace Shop.UnitTests;
            public class PlaceOrderHandlerTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Commits_once()
                {
                    var unitOfWork = A.Fake<IUnitOfWork>();
                    await unitOfWork.CommitAsync(CancellationToken.None);
                    A.CallTo(() => unitOfWork.CommitAsync(A<CancellationToken>._)).MustHaveHappenedOnceExactly();
                }
            }
            """;

        var finding = Assert.Single(Review(
        [
            new Snippet("Shop.ApplicationTests", application, "/repo/tests/Shop.ApplicationTests/PlaceOrderTests.cs"),
            new Snippet("Shop.UnitTests", unit, "/repo/tests/Shop.UnitTests/PlaceOrderHandlerTests.cs"),
        ]).Of("TG0202"));

        Assert.Contains("PlaceOrderTests.A_failed_payment_commits_nothing mocks the unit of work IUnitOfWork with FakeItEasy", finding.MissingOrBrokenTest);
        Assert.Contains("EfUnitOfWork's commit and rollback never run", finding.Risk);
        Assert.Contains("Commits_through_the_real_unit_of_work", finding.ExampleTestOutline);
        Assert.Contains("new EfUnitOfWork(", finding.ExampleTestOutline);
        Assert.Equal("/repo/tests/Shop.ApplicationTests/PlaceOrderTests.cs", finding.Location?.Path);
    }

    [Fact]
    public void TG0202_does_not_fire_for_a_helper_mock_the_integration_test_never_calls()
    {
        var helper = """
            using Moq;
            using Shop.Domain;
            namespace Shop.Tests.Support;
            public static class Doubles
            {
                public static Mock<IOrderRepository> Orders() => new();
                public static Order AnOrder() => new() { Number = "SO-1" };
            }
            """;
        var integration = """
            using Microsoft.Data.Sqlite;
            using Shop.Infrastructure;
            using Shop.Tests.Support;
            namespace Shop.IntegrationTests;
            public class OrderIntegrationTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Stores_the_order() =>
                    await new SqliteOrderRepository(new SqliteConnectionStringBuilder { DataSource = "t.db" }.ToString()).AddAsync(Doubles.AnOrder());
            }
            """;
        var unit = """
            using Shop.Tests.Support;
            namespace Shop.UnitTests;
            public class CheckoutTests
            {
                [Fact]
                public void Uses_the_repository_double() => Assert.NotNull(Doubles.Orders().Object);
            }
            """;

        var findings = Review(
        [
            new Snippet("Shop.IntegrationTests", helper, "/repo/tests/Shop.IntegrationTests/Support/Doubles.cs"),
            new Snippet("Shop.IntegrationTests", integration, "/repo/tests/Shop.IntegrationTests/OrderIntegrationTests.cs"),
            new Snippet("Shop.UnitTests", unit, "/repo/tests/Shop.UnitTests/CheckoutTests.cs"),
        ]);

        Assert.Empty(findings.Of("TG0202"));
    }

    // ---------------------------------------------------------------- TG0203

    [Fact]
    public void TG0203_fires_for_a_mocked_concrete_helper_class()
    {
        var tests = """
            using Moq;
            using Shop.Application;
            using Shop.Domain;
            namespace Shop.UnitTests;
            public class InvoiceTests
            {
                [Fact]
                public void Invoice_uses_the_total()
                {
                    var calculator = new Mock<PriceCalculator>();
                    calculator.Setup(c => c.Total(It.IsAny<Order>())).Returns(10m);
                    Assert.Equal(10m, calculator.Object.Total(new Order()));
                }
            }
            """;

        var finding = Assert.Single(Review("Shop.UnitTests", "/repo/tests/Shop.UnitTests/InvoiceTests.cs", tests).Of("TG0203"));

        Assert.Equal(Severity.P2, finding.Severity);
        Assert.Equal(SnippetSuite.LineOf(tests, "new Mock<PriceCalculator>()"), finding.Location?.Line);
        Assert.Contains("the internal helper PriceCalculator with Moq", finding.MissingOrBrokenTest);
        Assert.Contains("PriceCalculator is the project's own code", finding.Risk);
        Assert.Equal("Unit", finding.RecommendedTestType);
        Assert.Contains("var priceCalculator = new PriceCalculator();", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0203_fires_for_an_interface_whose_only_implementation_is_a_mapper()
    {
        var tests = """
            using NSubstitute;
            using Shop.Application;
            namespace Shop.ApplicationTests;
            public class ExportTests
            {
                [Fact]
                public void Exports_mapped_orders() => Assert.NotNull(Substitute.For<IOrderMapper>());
            }
            """;

        var finding = Assert.Single(Review("Shop.ApplicationTests", "/repo/tests/Shop.ApplicationTests/ExportTests.cs", tests).Of("TG0203"));

        Assert.Contains("IOrderMapper (implemented only by OrderMapper)", finding.MissingOrBrokenTest);
        Assert.Equal("Application", finding.RecommendedTestType);
    }

    [Theory]
    [InlineData("IOrderMapper", true)]
    [InlineData("IPaymentGateway", false)]
    public void TG0203_a_hand_written_stub_of_a_helper_swapped_in_by_a_host_hook_is_a_mock_by_other_means(string replaced, bool fires)
    {
        var tests = $$"""
            using Shop.Application;
            using Shop.Domain;
            namespace Shop.ApplicationTests;

            public sealed class StubDouble : {{replaced}}
            {
                public string Map(Order order) => "stub";
            }

            public abstract class HostTest
            {
                protected virtual void ConfigureServices(IServiceCollection services) { }
            }

            public class ExportTests : HostTest
            {
                protected override void ConfigureServices(IServiceCollection services) =>
                    services.AddSingleton<{{replaced}}>(new StubDouble());

                [Fact]
                public void Exports_the_order() => Assert.NotNull(new Order());
            }
            """;

        var findings = Review("Shop.ApplicationTests", "/repo/tests/Shop.ApplicationTests/ExportTests.cs", tests).Of("TG0203");

        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            Assert.Contains("with a hand-written double (new StubDouble()", findings[0].MissingOrBrokenTest);
            Assert.Equal(SnippetSuite.LineOf(tests, "new StubDouble()"), findings[0].Location?.Line);
        }
    }

    [Theory]
    [InlineData("private static readonly AsyncLocal<string?> Current = new(); public string CorrelationId => Current.Value ?? \"none\";", true)]
    [InlineData("public string CorrelationId => Guid.NewGuid().ToString(\"N\");", false)]
    [InlineData("private readonly IHttpContextAccessor _http; public CorrelationContext(IHttpContextAccessor http) => _http = http; public string CorrelationId => _http.HttpContext!.TraceIdentifier;", false)]
    public void TG0203_fires_for_an_interface_whose_only_implementation_is_plain_in_process_code(string body, bool fires)
    {
        var production = $$"""
            namespace Shop.Application;
            public interface ICorrelationContext { string CorrelationId { get; } }
            public sealed class CorrelationContext : ICorrelationContext { {{body}} }
            """;
        const string tests = """
            using Moq;
            using Shop.Application;
            namespace Shop.IntegrationTests;
            public class PaymentClientTests
            {
                [Fact]
                public void Forwards_the_correlation_id() => Assert.Equal("c-1", Mock.Of<ICorrelationContext>(c => c.CorrelationId == "c-1").CorrelationId);
            }
            """;

        var findings = SnippetSuite.Review([new Snippet("Shop.Application", production)], [new Snippet("Shop.IntegrationTests", tests)]).Of("TG0203");

        Assert.Equal(fires, findings.Count == 1);
    }

    [Fact]
    public void TG0203_does_not_fire_for_boundary_wrappers_declared_boundaries_or_domain_types()
    {
        var tests = """
            using Moq;
            using Shop.Application;
            using Shop.Domain;
            namespace Shop.UnitTests;
            public class NotificationTests
            {
                [Fact]
                public void Notifies_and_taxes()
                {
                    var notifications = new Mock<INotificationService>();
                    var tax = new Mock<TaxCalculator>();
                    var gateway = new Mock<IPaymentGateway>();
                    Assert.NotNull(notifications.Object);
                    Assert.NotNull(tax.Object);
                    Assert.NotNull(gateway.Object);
                }
            }
            """;

        var findings = Review("Shop.UnitTests", "/repo/tests/Shop.UnitTests/NotificationTests.cs", tests, boundaries: ["Shop.Application.TaxCalculator"]);

        Assert.Empty(findings.Of("TG0203"));
    }

    // ---------------------------------------------------------------- TG0204

    [Fact]
    public void TG0204_fires_for_a_mocked_DbSet_and_a_mocked_connection_in_a_unit_test()
    {
        var tests = """
            using System.Data;
            using Microsoft.EntityFrameworkCore;
            using Moq;
            using NSubstitute;
            using Shop.Domain;
            namespace Shop.UnitTests;
            public class QueryTests
            {
                [Fact]
                public void Finds_orders()
                {
                    var set = new Mock<DbSet<Order>>();
                    var connection = Substitute.For<IDbConnection>();
                    Assert.NotNull(set.Object);
                    Assert.NotNull(connection);
                }
            }
            """;

        var findings = Review("Shop.UnitTests", "/repo/tests/Shop.UnitTests/QueryTests.cs", tests).Of("TG0204");

        Assert.Equal(2, findings.Count);
        var set = findings.Single(f => f.MissingOrBrokenTest.Contains("DbSet", StringComparison.Ordinal));
        Assert.Equal(Severity.P1, set.Severity);
        Assert.Equal(SnippetSuite.LineOf(tests, "new Mock<DbSet<Order>>()"), set.Location?.Line);
        Assert.Contains("the ORM/data-access type DbSet with Moq", set.MissingOrBrokenTest);
        Assert.Contains("LINQ to Objects", set.Risk);
        Assert.Equal("Integration", set.RecommendedTestType);
        Assert.Contains("new ShopDbContext(new DbContextOptionsBuilder<ShopDbContext>().UseSqlite(connectionString).Options)", set.ExampleTestOutline);
        Assert.Contains(findings, f => f.MissingOrBrokenTest.Contains("IDbConnection with NSubstitute", StringComparison.Ordinal));
    }

    [Fact]
    public void TG0204_reports_a_mocked_context_and_its_DbSet_once_and_runs_the_handler_the_test_exercises()
    {
        const string handler = """
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain;
            using Shop.Infrastructure;
            namespace Shop.Application;
            public sealed class GetOrderHandler(ShopDbContext db)
            {
                public Task<Order?> Handle(Guid id, CancellationToken ct) => db.Orders.FirstOrDefaultAsync(o => o.Id == id, ct);
            }
            """;
        const string tests = """
            using FakeItEasy;
            using Microsoft.EntityFrameworkCore;
            using Shop.Application;
            using Shop.Domain;
            using Shop.Infrastructure;
            namespace Shop.UnitTests;
            public class GetOrderHandlerTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Unknown_order_is_null()
                {
                    var db = A.Fake<ShopDbContext>();
                    var orders = A.Fake<DbSet<Order>>();
                    A.CallTo(() => db.Orders).Returns(orders);
                    Assert.Null(await new GetOrderHandler(db).Handle(Guid.NewGuid(), CancellationToken.None));
                }
            }
            """;

        var findings = SnippetSuite.Review([.. Production, new("Shop.Application", handler, "/repo/src/Shop.Application/GetOrderHandler.cs")],
            [new Snippet("Shop.UnitTests", tests, "/repo/tests/Shop.UnitTests/GetOrderHandlerTests.cs")]).Of("TG0204");

        var finding = Assert.Single(findings);
        Assert.Contains("the ORM/data-access types ShopDbContext and DbSet with FakeItEasy", finding.MissingOrBrokenTest);
        Assert.Contains("new GetOrderHandler(context)", finding.ExampleTestOutline);
        Assert.Contains("class GetOrderHandlerIntegrationTests", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0204_reports_a_faked_context_whose_sets_come_from_MockQueryable_once()
    {
        const string tests = """
            using FakeItEasy;
            using MockQueryable.FakeItEasy;
            using Shop.Domain;
            using Shop.Infrastructure;
            namespace Shop.UnitTests;
            public class OrderQueryTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Lists_orders()
                {
                    var db = A.Fake<ShopDbContext>();
                    var orders = new List<Order>().AsQueryable().BuildMockDbSet();
                    A.CallTo(() => db.Orders).Returns(orders);
                    Assert.Empty(await db.Orders.ToListAsync());
                }
            }
            """;

        var finding = Assert.Single(Review("Shop.UnitTests", "/repo/tests/Shop.UnitTests/OrderQueryTests.cs", tests).Of("TG0204"));

        Assert.Contains("ShopDbContext and DbSet with FakeItEasy and MockQueryable", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void TG0204_fires_for_an_NHibernate_session_mock()
    {
        var tests = """
            using Moq;
            using NHibernate;
            namespace Shop.UnitTests;
            public class SessionTests
            {
                [Fact]
                public void Loads_through_the_session() => Assert.NotNull(new Mock<ISession>().Object);
            }
            """;

        var finding = Assert.Single(Review("Shop.UnitTests", "/repo/tests/Shop.UnitTests/SessionTests.cs", tests).Of("TG0204"));
        Assert.Contains("ISession", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void TG0204_does_not_fire_for_an_ASP_NET_session_or_a_real_context()
    {
        var session = """
            using Microsoft.AspNetCore.Http;
            using Moq;
            namespace Shop.UnitTests;
            public class CartTests
            {
                [Fact]
                public void Cart_lives_in_the_session() => Assert.NotNull(new Mock<ISession>().Object);
            }
            """;
        var real = """
            using Microsoft.EntityFrameworkCore;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class QueryTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Finds_orders()
                {
                    await using var context = new ShopDbContext(new DbContextOptionsBuilder<ShopDbContext>().UseSqlite("Data Source=:memory:").Options);
                    Assert.Empty(await context.Orders.ToListAsync());
                }
            }
            """;

        var findings = Review(
        [
            new Snippet("Shop.UnitTests", session, "/repo/tests/Shop.UnitTests/CartTests.cs"),
            new Snippet("Shop.IntegrationTests", real, "/repo/tests/Shop.IntegrationTests/QueryTests.cs"),
        ]);

        Assert.Empty(findings.Of("TG0204"));
    }

    // ---------------------------------------------------------------- TG0205

    [Fact]
    public void TG0205_fires_at_the_fixture_that_configures_the_EF_InMemory_provider()
    {
        var fixture = """
            using Microsoft.EntityFrameworkCore;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests.Support;
            public sealed class ShopFixture
            {
                public ShopDbContext Context { get; } = new(new DbContextOptionsBuilder<ShopDbContext>()
                    .UseInMemoryDatabase("shop")
                    .Options);
            }
            """;
        var tests = """
            using Microsoft.EntityFrameworkCore;
            using Shop.IntegrationTests.Support;
            namespace Shop.IntegrationTests;
            public class OrderQueryTests(ShopFixture fixture) : IClassFixture<ShopFixture>
            {
                [Fact(Timeout = 10_000)]
                public async Task Lists_orders() => Assert.Empty(await fixture.Context.Orders.ToListAsync());

                [Fact(Timeout = 10_000)]
                public async Task Counts_orders() => Assert.Equal(0, await fixture.Context.Orders.CountAsync());
            }
            """;

        var findings = Review(
        [
            new Snippet("Shop.IntegrationTests", fixture, "/repo/tests/Shop.IntegrationTests/Support/ShopFixture.cs"),
            new Snippet("Shop.IntegrationTests", tests, "/repo/tests/Shop.IntegrationTests/OrderQueryTests.cs"),
        ]);

        var finding = Assert.Single(findings.Of("TG0205"));
        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Equal("/repo/tests/Shop.IntegrationTests/Support/ShopFixture.cs", finding.Location?.Path);
        Assert.Equal(SnippetSuite.LineOf(fixture, "UseInMemoryDatabase"), finding.Location?.Line);
        Assert.Contains("OrderQueryTests.Lists_orders, OrderQueryTests.Counts_orders", finding.MissingOrBrokenTest);
        Assert.Contains("UseInMemoryDatabase in ShopFixture", finding.MissingOrBrokenTest);
        Assert.Contains("enforces no unique or foreign keys", finding.Risk);
        Assert.Contains("new DbContextOptionsBuilder<ShopDbContext>().UseSqlite(connectionString)", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0205_fires_for_an_EF_InMemory_test_in_a_project_whose_name_does_not_say_its_kind()
    {
        var tests = """
            using Microsoft.EntityFrameworkCore;
            using Shop.Infrastructure;
            namespace Shop.Persistence.Tests;
            public class OrderQueryTests
            {
                private readonly ShopDbContext _context = new(new DbContextOptionsBuilder<ShopDbContext>().UseInMemoryDatabase("shop").Options);

                [Fact(Timeout = 10_000)]
                public async Task Lists_orders() => Assert.Empty(await _context.Orders.ToListAsync());
            }
            """;

        var finding = Assert.Single(Review([new Snippet("Shop.Persistence.Tests", tests)]).Of("TG0205"));

        Assert.Contains("OrderQueryTests.Lists_orders", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void TG0205_fires_for_a_hand_written_in_memory_repository_and_a_mocked_connection_in_integration_tests()
    {
        var tests = """
            using System.Data;
            using Moq;
            using Shop.Domain;
            namespace Shop.IntegrationTests;
            public class CheckoutIntegrationTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Checkout_stores_the_order()
                {
                    var orders = new InMemoryOrderRepository();
                    var connection = new Mock<IDbConnection>();
                    await orders.AddAsync(new Order());
                    Assert.Single(orders.Stored);
                    Assert.NotNull(connection.Object);
                }
            }

            internal sealed class InMemoryOrderRepository : IOrderRepository
            {
                public List<Order> Stored { get; } = [];
                public Task AddAsync(Order order) { Stored.Add(order); return Task.CompletedTask; }
            }
            """;

        var findings = Review("Shop.IntegrationTests", IntegrationPath, tests);

        var fake = Assert.Single(findings.Of("TG0205"), f => f.MissingOrBrokenTest.Contains("InMemoryOrderRepository", StringComparison.Ordinal));
        Assert.Equal(SnippetSuite.LineOf(tests, "new InMemoryOrderRepository()"), fake.Location?.Line);
        Assert.Contains("the hand-written fake InMemoryOrderRepository for IOrderRepository", fake.MissingOrBrokenTest);
        Assert.Contains("SqliteOrderRepository's data access is never part of the test", fake.Risk);
        Assert.Contains("new SqliteOrderRepository(connectionString);   // instead of new InMemoryOrderRepository()", fake.ExampleTestOutline);

        var connection = Assert.Single(findings.Of("TG0205"), f => f.MissingOrBrokenTest.Contains("IDbConnection", StringComparison.Ordinal));
        Assert.Equal(SnippetSuite.LineOf(tests, "new Mock<IDbConnection>()"), connection.Location?.Line);
        Assert.Empty(findings.Of("TG0204"));
    }

    [Fact]
    public void TG0205_does_not_fire_for_in_memory_repositories_in_application_tests_or_fakes_of_external_clients()
    {
        var application = """
            using Shop.Domain;
            namespace Shop.ApplicationTests;
            public class CheckoutTests
            {
                private InMemoryOrderRepository Orders { get; } = new();

                [Fact]
                public async Task Stores_the_order() { await Orders.AddAsync(new Order()); Assert.Single(Orders.Stored); }
            }

            internal sealed class InMemoryOrderRepository : IOrderRepository
            {
                public List<Order> Stored { get; } = [];
                public Task AddAsync(Order order) { Stored.Add(order); return Task.CompletedTask; }
            }
            """;
        var integration = """
            using Microsoft.Data.Sqlite;
            using Shop.Domain;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class PaymentIntegrationTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Pays_through_the_fake_provider()
                {
                    var repository = new SqliteOrderRepository(new SqliteConnectionStringBuilder { DataSource = "t.db" }.ToString());
                    var gateway = new FakePaymentGateway();
                    await gateway.ChargeAsync(new Order());
                    await repository.AddAsync(new Order());
                }
            }

            internal sealed class FakePaymentGateway : IPaymentGateway
            {
                public Task ChargeAsync(Order order) => Task.CompletedTask;
            }
            """;

        var findings = Review(
        [
            new Snippet("Shop.ApplicationTests", application, "/repo/tests/Shop.ApplicationTests/CheckoutTests.cs"),
            new Snippet("Shop.IntegrationTests", integration, "/repo/tests/Shop.IntegrationTests/PaymentIntegrationTests.cs"),
        ]);

        Assert.Empty(findings.Of("TG0205"));
    }

    [Fact]
    public void TG0205_does_not_fire_for_an_in_memory_SQLite_database_helper()
    {
        var tests = """
            using Microsoft.Data.Sqlite;
            using Shop.Domain;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class OrderTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Stores_the_order()
                {
                    await using var database = new InMemorySqliteDatabase();
                    await new SqliteOrderRepository(database.ConnectionString).AddAsync(new Order());
                }
            }

            internal sealed class InMemorySqliteDatabase : IAsyncDisposable
            {
                private readonly SqliteConnection _keepAlive = new("Data Source=shop;Mode=Memory;Cache=Shared");
                public string ConnectionString => _keepAlive.ConnectionString;
                public ValueTask DisposeAsync() => _keepAlive.DisposeAsync();
            }
            """;

        Assert.Empty(Review("Shop.IntegrationTests", "/repo/tests/Shop.IntegrationTests/OrderTests.cs", tests).Of("TG0205"));
    }
}
