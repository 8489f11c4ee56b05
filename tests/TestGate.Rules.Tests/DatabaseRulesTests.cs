using TestGate.Core.Model;

namespace TestGate.Rules.Tests;

/// <summary>TG0401–TG0408 over small production and test snippets: where each rule must fire, and the traps where it must not.</summary>
public class DatabaseRulesTests
{
    private const string ProductionPath = "/repo/src/Shop.Infrastructure/SqliteOrderRepository.cs";
    private const string TestPath = "/repo/tests/Shop.IntegrationTests/OrderRepositoryTests.cs";

    private const string Domain = """
        namespace Shop.Domain;

        public sealed class Order
        {
            public Guid Id { get; init; }
            public string Number { get; init; } = "";
            public int Version { get; set; }
            public void Cancel() => Version++;
        }
        """;

    /// <summary>A SQLite repository: INSERT, UPDATE with a version check, a transaction, SELECT.</summary>
    private const string SqliteRepository = """
        using Microsoft.Data.Sqlite;
        using Shop.Domain;

        namespace Shop.Infrastructure;

        public interface IOrderRepository
        {
            Task AddAsync(Order order, CancellationToken cancellationToken);
            Task UpdateAsync(Order order, CancellationToken cancellationToken);
            Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken);
        }

        public sealed class SqliteOrderRepository(string connectionString) : IOrderRepository
        {
            public async Task AddAsync(Order order, CancellationToken cancellationToken)
            {
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                await using var transaction = connection.BeginTransaction();
                await using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO orders (id, number, version) VALUES ($id, $number, 1);";
                await command.ExecuteNonQueryAsync(cancellationToken);
                command.CommandText = "INSERT INTO order_lines (order_id, sku) VALUES ($id, $sku);";
                await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            public async Task UpdateAsync(Order order, CancellationToken cancellationToken)
            {
                await using var connection = new SqliteConnection(connectionString);
                await using var command = connection.CreateCommand();
                command.CommandText = "UPDATE orders SET number = $number, version = version + 1 WHERE id = $id AND version = $version;";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            public async Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken)
            {
                await using var connection = new SqliteConnection(connectionString);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT id, number, version FROM orders WHERE id = $id;";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                return null;
            }
        }
        """;

    private static Snippet Production(string code, string path = ProductionPath) => new("Shop.Infrastructure", code, path);

    private static Snippet DomainSnippet => new("Shop.Domain", Domain, "/repo/src/Shop.Domain/Order.cs");

    private static Snippet Tests(string code, string project = "Shop.IntegrationTests", string path = TestPath) => new(project, code, path);

    /// <summary>An integration test class over a real SQLite file; <paramref name="tests"/> are its test methods.</summary>
    private static string RealSqliteTests(string tests) => $$"""
        using Microsoft.Data.Sqlite;
        using Shop.Domain;
        using Shop.Infrastructure;

        namespace Shop.IntegrationTests;

        public class OrderRepositoryTests
        {
            private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = "orders.db" }.ToString();
            private SqliteOrderRepository Repository => new(_connectionString);

        {{tests}}
        }
        """;

    private const string RoundTrip = """
            [Fact(Timeout = 10_000)]
            public async Task Add_then_find_reads_the_order_back()
            {
                var order = new Order { Id = Guid.NewGuid(), Number = "SO-1" };
                await Repository.AddAsync(order, CancellationToken.None);
                Assert.NotNull(await Repository.FindAsync(order.Id, CancellationToken.None));
            }
        """;

    // ---------------------------------------------------------------- TG0401

    [Fact]
    public void TG0401_fires_for_a_repository_only_unit_tests_mock()
    {
        var tests = """
            using Moq;
            using Shop.Infrastructure;
            namespace Shop.UnitTests;
            public class OrderServiceTests
            {
                [Fact]
                public void Cancels_through_the_repository()
                {
                    var repository = new Mock<IOrderRepository>();
                    Assert.NotNull(repository.Object);
                }
            }
            """;

        var findings = SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(tests, "Shop.UnitTests", "/repo/tests/Shop.UnitTests/OrderServiceTests.cs")]).Of("TG0401");

        var finding = Assert.Single(findings);
        Assert.Equal(Severity.P0, finding.Severity);
        Assert.Equal(ProductionPath, finding.Location?.Path);
        Assert.Equal(SnippetSuite.LineOf(SqliteRepository, "public sealed class SqliteOrderRepository"), finding.Location?.Line);
        Assert.Equal("Shop.Infrastructure.SqliteOrderRepository", finding.Location?.Symbol);
        Assert.Contains("SqliteOrderRepository", finding.MissingOrBrokenTest);
        Assert.Contains("mock it or its interface", finding.MissingOrBrokenTest);
        Assert.Contains("orders", finding.Risk);
        Assert.Contains("AddAsync", finding.Risk);
        Assert.Equal("Integration", finding.RecommendedTestType);
        Assert.Contains("[Fact(Timeout = 30_000)]", finding.ExampleTestOutline);
        Assert.Contains("new SqliteOrderRepository(", finding.ExampleTestOutline);
        Assert.Contains("await sqliteOrderRepository.AddAsync(/* a factory-built entity */, CancellationToken.None);", finding.ExampleTestOutline);
        Assert.Contains("SqliteConnectionStringBuilder", finding.ExampleTestOutline);
    }

    private const string UnitOfWorkCreatingRepositories = """
        using Microsoft.Data.Sqlite;
        namespace Billing.Infrastructure;
        public interface IInvoiceRepository { Task<Invoice?> GetAsync(Guid id, CancellationToken cancellationToken); }
        public sealed class InvoiceRepository(SqliteConnection connection) : IInvoiceRepository
        {
            public async Task<Invoice?> GetAsync(Guid id, CancellationToken cancellationToken)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT id, amount FROM invoices WHERE id = $id";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken) ? new Invoice(reader.GetGuid(0), reader.GetInt64(1)) : null;
            }
        }
        public interface IUnitOfWork : IAsyncDisposable { IInvoiceRepository Invoices { get; } }
        public sealed class SqliteUnitOfWork : IUnitOfWork
        {
            private SqliteUnitOfWork(SqliteConnection connection) => Invoices = new InvoiceRepository(connection);
            public IInvoiceRepository Invoices { get; }
            public static Task<SqliteUnitOfWork> BeginAsync(SqliteConnection connection, CancellationToken cancellationToken) => Task.FromResult(new SqliteUnitOfWork(connection));
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
        public interface IUnitOfWorkFactory { Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken); }
        public sealed class SqliteUnitOfWorkFactory(string connectionString) : IUnitOfWorkFactory
        {
            public async Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken) =>
                await SqliteUnitOfWork.BeginAsync(new SqliteConnection(connectionString), cancellationToken);
        }
        public sealed record Invoice(Guid Id, long Amount);
        """;

    private const string TestDatabaseWithExtensions = """
        using Billing.Infrastructure;
        using Microsoft.Data.Sqlite;
        namespace Billing.TestSupport;
        public sealed class TestDatabase
        {
            public TestDatabase(string path) => UnitOfWork = new SqliteUnitOfWorkFactory($"Data Source={path}");
            public IUnitOfWorkFactory UnitOfWork { get; }
            public static async Task<TestDatabase> CreateMigratedAsync(CancellationToken cancellationToken)
            {
                var path = Path.GetTempFileName();
                await using var connection = new SqliteConnection($"Data Source={path}");
                await connection.OpenAsync(cancellationToken);
                return new TestDatabase(path);
            }
        }
        public static class BillingScenario
        {
            public static async Task<Invoice> ReloadAsync(this TestDatabase database, Invoice invoice, CancellationToken cancellationToken)
            {
                await using var unit = await database.UnitOfWork.BeginAsync(cancellationToken);
                return (await unit.Invoices.GetAsync(invoice.Id, cancellationToken))!;
            }
        }
        """;

    [Theory]
    [InlineData("InvoiceRepositoryTests", false)]
    [InlineData("InvoiceRoundTripTests", true)]
    public void TG0401_credits_a_test_class_named_after_the_repository_that_reaches_it_through_the_unit_of_work_that_creates_it(string className, bool fires)
    {
        var tests = $$"""
            using Billing.Infrastructure;
            using Billing.TestSupport;
            namespace Billing.IntegrationTests;
            [Category("Integration")]
            public sealed class {{className}}
            {
                private TestDatabase _db = null!;

                [SetUp]
                public async Task SetUp() => _db = await TestDatabase.CreateMigratedAsync(CancellationToken.None);

                [Test, CancelAfter(10_000)]
                public async Task Invoice_round_trips_its_amount(CancellationToken cancellationToken)
                {
                    var loaded = await _db.ReloadAsync(new Invoice(Guid.NewGuid(), 4_990), cancellationToken);
                    Assert.That(loaded.Amount, Is.EqualTo(4_990));
                }
            }
            """;

        var findings = SnippetSuite.Review(
            [new Snippet("Billing.Infrastructure", UnitOfWorkCreatingRepositories)],
            [new Snippet("Billing.TestSupport", TestDatabaseWithExtensions), new Snippet("Billing.IntegrationTests", tests)]).Of("TG0401");

        Assert.Equal(fires, findings.Any(f => f.Location!.Symbol == "Billing.Infrastructure.InvoiceRepository"));
    }

    private const string OrdersSchemaScript = """
        CREATE TABLE orders (
            id      TEXT PRIMARY KEY,
            number  TEXT NOT NULL UNIQUE
        );
        CREATE TABLE order_lines (
            order_id TEXT NOT NULL REFERENCES orders (id),
            sku      TEXT NOT NULL
        );
        """;

    private const string SchemaScriptPath = "/repo/src/Shop.Infrastructure/Migrations/0001_orders.sql";

    [Theory]
    [InlineData("", true)]
    [InlineData("""
            [Fact(Timeout = 10_000)]
            public async Task A_duplicate_order_number_is_rejected()
            {
                await Repository.AddAsync(new Order { Id = Guid.NewGuid(), Number = "SO-1" }, CancellationToken.None);
                await Assert.ThrowsAsync<SqliteException>(() => Repository.AddAsync(new Order { Id = Guid.NewGuid(), Number = "SO-1" }, CancellationToken.None));
            }
        """, false)]
    [InlineData("""
            [Fact(Timeout = 10_000)]
            public async Task An_order_number_is_taken_only_once()
            {
                await Repository.AddAsync(new Order { Id = Guid.NewGuid(), Number = "SO-1" }, CancellationToken.None);
                var error = await Assert.ThrowsAsync<SqliteException>(() => Repository.AddAsync(new Order { Id = Guid.NewGuid(), Number = "SO-1" }, CancellationToken.None));
                Assert.Contains("orders.number", error.Message);
            }
        """, false)]
    [InlineData("""
            [Fact(Timeout = 10_000)]
            public async Task A_duplicate_order_is_rejected()
            {
                await Repository.AddAsync(new Order { Id = Guid.NewGuid(), Number = "SO-1" }, CancellationToken.None);
                var error = await Assert.ThrowsAsync<SqliteException>(() => Repository.AddAsync(new Order { Id = Guid.NewGuid(), Number = "SO-1" }, CancellationToken.None));
                Assert.Contains("UNIQUE constraint failed: order_lines.sku", error.Message);
            }
        """, true)]
    public void TG0402_reads_a_unique_constraint_from_a_schema_script_at_its_line(string duplicateTest, bool fires)
    {
        var findings = SnippetSuite.Review(
            [DomainSnippet, Production(SqliteRepository)],
            [Tests(RealSqliteTests(RoundTrip + duplicateTest))],
            sqlScripts: [new Snippet("Shop.Infrastructure", OrdersSchemaScript, SchemaScriptPath)]).Of("TG0402");

        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            var finding = findings[0];
            Assert.Equal((SchemaScriptPath, SnippetSuite.LineOf(OrdersSchemaScript, "number  TEXT NOT NULL UNIQUE"), (string?)null), (finding.Location!.Path, finding.Location.Line, finding.Location.Symbol));
            Assert.Contains("inserts a duplicate into orders", finding.MissingOrBrokenTest);
            Assert.Contains("declared in the schema script 0001_orders.sql:", finding.MissingOrBrokenTest);
            Assert.Contains("SqliteOrderRepository", finding.ExampleTestOutline);
        }
    }

    [Fact]
    public void TG0403_reads_a_foreign_key_from_a_schema_script_and_a_constraint_the_EF_model_declares_is_reported_once()
    {
        var efModel = """
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain;
            namespace Shop.Infrastructure;
            public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
            {
                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Order>().HasIndex(o => o.Number).IsUnique();
            }
            """;

        var findings = SnippetSuite.Review(
            [DomainSnippet, Production(SqliteRepository), Production(efModel, "/repo/src/Shop.Infrastructure/ShopDbContext.cs")],
            [Tests(RealSqliteTests(RoundTrip))],
            sqlScripts: [new Snippet("Shop.Infrastructure", OrdersSchemaScript, SchemaScriptPath)]);

        Assert.Equal("/repo/src/Shop.Infrastructure/ShopDbContext.cs", Assert.Single(findings.Of("TG0402")).Location!.Path);
        var foreignKey = Assert.Single(findings.Of("TG0403"));
        Assert.Equal((SchemaScriptPath, SnippetSuite.LineOf(OrdersSchemaScript, "REFERENCES orders")), (foreignKey.Location!.Path, foreignKey.Location.Line));
        Assert.Contains("order_lines", foreignKey.MissingOrBrokenTest);
    }

    /// <summary>
    /// A repository the tests never name: a command handler and a dispatcher depend on its interface, and the real
    /// container (not in the snippets) registers it.
    /// </summary>
    private const string RepositoryBehindInterfaces = """
        using Microsoft.Data.Sqlite;
        namespace Clinic.Application
        {
            public sealed record Patient(Guid Id, string Phone);
            public interface IPatientRepository { Task<Patient?> FindAsync(Guid id, CancellationToken cancellationToken); }
            public interface ICommandHandler<TCommand, TResult> { Task<TResult> HandleAsync(TCommand command, CancellationToken cancellationToken); }
            public sealed record RemindPatientCommand(Guid PatientId);
            public sealed class RemindPatientHandler(IPatientRepository patients) : ICommandHandler<RemindPatientCommand, string?>
            {
                public async Task<string?> HandleAsync(RemindPatientCommand command, CancellationToken cancellationToken) =>
                    (await patients.FindAsync(command.PatientId, cancellationToken))?.Phone;
            }
        }
        namespace Clinic.Infrastructure
        {
            using Clinic.Application;
            internal sealed class PatientRepository(SqliteConnection connection) : IPatientRepository
            {
                public async Task<Patient?> FindAsync(Guid id, CancellationToken cancellationToken)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = "SELECT id, phone FROM patients WHERE id = $id";
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    return await reader.ReadAsync(cancellationToken) ? new Patient(reader.GetGuid(0), reader.GetString(1)) : null;
                }
            }
            public sealed class ReminderDispatcher(IPatientRepository patients)
            {
                public async Task<int> DispatchAsync(Guid patientId, CancellationToken cancellationToken) =>
                    await patients.FindAsync(patientId, cancellationToken) is null ? 0 : 1;
            }
        }
        """;

    [Theory]
    [InlineData("Clinic.IntegrationTests", "await _app.Get<ReminderDispatcher>().DispatchAsync(id, cancellationToken)", false)]
    [InlineData("Clinic.IntegrationTests", "await _app.SendAsync<RemindPatientCommand, string?>(new RemindPatientCommand(id), cancellationToken)", false)]
    [InlineData("Clinic.Application.Tests", "await _app.SendAsync<RemindPatientCommand, string?>(new RemindPatientCommand(id), cancellationToken)", true)]
    [InlineData("Clinic.Tests", "await new ReminderDispatcher(Substitute.For<IPatientRepository>()).DispatchAsync(id, cancellationToken)", true)]
    public void TG0401_credits_an_integration_test_that_runs_the_repository_through_the_code_composed_around_it(string project, string act, bool fires)
    {
        var tests = $$"""
            using Clinic.Application;
            using Clinic.Infrastructure;
            using Microsoft.Data.Sqlite;
            using Microsoft.Extensions.DependencyInjection;
            using NSubstitute;
            namespace {{project}};
            public sealed class Harness : IAsyncDisposable
            {
                private readonly SqliteConnection _connection = new("Data Source=clinic.db");
                private readonly ServiceProvider _services;
                public Harness() => _services = new ServiceCollection().AddClinic(_connection).BuildServiceProvider();
                public T Get<T>() where T : notnull => _services.GetRequiredService<T>();
                public Task<TResult> SendAsync<TCommand, TResult>(TCommand command, CancellationToken cancellationToken) =>
                    Get<ICommandHandler<TCommand, TResult>>().HandleAsync(command, cancellationToken);
                public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
            }
            public sealed class RemindersTests
            {
                private readonly Harness _app = new();

                [Fact(Timeout = 10_000)]
                public async Task A_known_patient_is_reminded()
                {
                    var cancellationToken = TestContext.Current.CancellationToken;
                    var id = Guid.NewGuid();
                    var outcome = {{act}};
                    Assert.NotNull(outcome);
                }
            }
            """;

        var findings = SnippetSuite.Review([new Snippet("Clinic.Infrastructure", RepositoryBehindInterfaces)], [new Snippet(project, tests)]).Of("TG0401");

        Assert.Equal(fires, findings.Any(f => f.Location!.Symbol == "Clinic.Infrastructure.PatientRepository"));
    }

    [Fact]
    public void TG0401_fires_when_the_only_integration_test_uses_the_EF_InMemory_provider()
    {
        var production = """
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain;
            namespace Shop.Infrastructure;
            public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
            {
                public DbSet<Order> Orders => Set<Order>();
            }
            public sealed class EfOrderRepository(ShopDbContext context)
            {
                public async Task AddAsync(Order order, CancellationToken cancellationToken)
                {
                    context.Orders.Add(order);
                    await context.SaveChangesAsync(cancellationToken);
                }
            }
            """;
        var tests = """
            using Microsoft.EntityFrameworkCore;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class EfOrderRepositoryTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Add_stores_the_order()
                {
                    var options = new DbContextOptionsBuilder<ShopDbContext>().UseInMemoryDatabase("orders").Options;
                    var repository = new EfOrderRepository(new ShopDbContext(options));
                    await repository.AddAsync(new Shop.Domain.Order(), CancellationToken.None);
                }
            }
            """;

        var findings = SnippetSuite.Review([DomainSnippet, Production(production)], [Tests(tests)]);

        var finding = Assert.Single(findings.Of("TG0401"));
        Assert.Contains("EfOrderRepository", finding.MissingOrBrokenTest);
        Assert.Contains("1 integration test(s) without a real database (e.g. EfOrderRepositoryTests.Add_stores_the_order)", finding.MissingOrBrokenTest);
        Assert.Contains("ShopDbContext", finding.Risk);
        Assert.Contains("UseSqlite(connectionString)", finding.ExampleTestOutline);
        Assert.Contains("MigrateAsync", finding.ExampleTestOutline);
        Assert.Single(findings.Of("TG0205"));
    }

    [Fact]
    public void TG0401_outline_follows_the_suite_framework_and_engine()
    {
        var production = """
            using Npgsql;
            using Dapper;
            namespace Shop.Infrastructure;
            public sealed class CustomerDao(NpgsqlDataSource dataSource)
            {
                public async Task<int> CountAsync(CancellationToken cancellationToken)
                {
                    await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                    return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM customers WHERE active = true");
                }
            }
            """;
        var tests = """
            using NUnit.Framework;
            namespace Shop.UnitTests;
            public class CustomerTests
            {
                [Test]
                public void Name_is_trimmed() => Assert.That(" a ".Trim(), Is.EqualTo("a"));
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([Production(production, "/repo/src/Shop.Infrastructure/CustomerDao.cs")], [Tests(tests, "Shop.UnitTests", "/repo/tests/Shop.UnitTests/CustomerTests.cs")]).Of("TG0401"));

        Assert.Contains("CustomerDao", finding.MissingOrBrokenTest);
        Assert.Contains("No test reaches it at all.", finding.MissingOrBrokenTest);
        Assert.Contains("NpgsqlDataSource", finding.Risk);
        Assert.Contains("customers", finding.Risk);
        Assert.Contains("[Test, CancelAfter(30_000)]", finding.ExampleTestOutline);
        Assert.Contains("PostgreSqlBuilder", finding.ExampleTestOutline);
        Assert.Contains("customerDao.CountAsync(cancellationToken)", finding.ExampleTestOutline);
        Assert.Contains("NpgsqlDataSource.Create(connectionString)", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0401_outline_closes_a_generic_repository_and_passes_every_constructor_argument()
    {
        var production = """
            using Microsoft.EntityFrameworkCore;
            namespace Shop.Infrastructure;
            public abstract class BaseEntity { public int Id { get; set; } }
            public sealed class CatalogItem : BaseEntity { }
            public sealed class CatalogContext(DbContextOptions<CatalogContext> options, IDomainEventDispatcher dispatcher) : DbContext(options)
            {
                public DbSet<CatalogItem> Items => Set<CatalogItem>();
            }
            public class EfRepository<T> where T : BaseEntity
            {
                private readonly CatalogContext _context;
                public EfRepository(CatalogContext context, ILogger<EfRepository<T>> logger) => _context = context;
                public async Task AddAsync(T entity) { _context.Set<T>().Add(entity); await _context.SaveChangesAsync(); }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([Production(production, "/repo/src/Shop.Infrastructure/EfRepository.cs")], []).Of("TG0401"));

        Assert.Contains("new CatalogContext(new DbContextOptionsBuilder<CatalogContext>().UseSqlite(connectionString).Options, /* IDomainEventDispatcher dispatcher */ default!)", finding.ExampleTestOutline);
        Assert.Contains("var efRepository = new EfRepository<CatalogItem>(context, /* ILogger logger */ default!);", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0401_names_the_real_database_tests_that_may_reach_a_repository_through_the_host()
    {
        var production = SqliteRepository + """

            public sealed class SqliteCustomerRepository(string connectionString)
            {
                public async Task AddAsync(string name, CancellationToken cancellationToken)
                {
                    await using var connection = new SqliteConnection(connectionString);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "INSERT INTO customers (name) VALUES ($name);";
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            """;
        var tests = """
            using Microsoft.Data.Sqlite;
            namespace Shop.IntegrationTests;
            public class CheckoutApiTests
            {
                [Fact(Timeout = 30_000)]
                public async Task Checkout_stores_the_order()
                {
                    await using var connection = new SqliteConnection("Data Source=:memory:");
                    await connection.OpenAsync();
                    var repository = new SqliteOrderRepository(connection.ConnectionString);
                    await repository.AddAsync(new Order(), CancellationToken.None);
                    Assert.NotNull(await repository.FindAsync(Guid.Empty, CancellationToken.None));
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([Production(production), Production(Domain, "/repo/src/Shop.Domain/Order.cs")], [Tests(tests, "Shop.IntegrationTests", TestPath)]).Of("TG0401"));

        Assert.Contains("SqliteCustomerRepository", finding.MissingOrBrokenTest);
        Assert.Contains("No test names it. 1 test(s) run against a real database without naming it (e.g. CheckoutApiTests.Checkout_stores_the_order)", finding.MissingOrBrokenTest);
        Assert.DoesNotContain("at all", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void TG0401_does_not_fire_when_an_integration_test_opens_a_real_SQLite_database()
    {
        var findings = SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(RealSqliteTests(RoundTrip))]);

        Assert.Empty(findings.Of("TG0401"));
    }

    [Fact]
    public void TG0401_does_not_fire_when_the_real_database_comes_from_a_fixture_in_another_file()
    {
        var fixture = """
            using Microsoft.Data.Sqlite;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests.Support;
            public sealed class DatabaseFixture : IAsyncLifetime
            {
                public SqliteConnection Connection { get; } = new("Data Source=:memory:");
                public IOrderRepository Orders => new SqliteOrderRepository(Connection.ConnectionString);
                public Task InitializeAsync() => Connection.OpenAsync();
                public Task DisposeAsync() => Task.CompletedTask;
            }
            """;
        var tests = """
            using Shop.IntegrationTests.Support;
            namespace Shop.IntegrationTests;
            public class OrderTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
            {
                [Fact(Timeout = 10_000)]
                public async Task Find_unknown_returns_null() => Assert.Null(await database.Orders.FindAsync(Guid.Empty, CancellationToken.None));
            }
            """;

        var findings = SnippetSuite.Review(
            [DomainSnippet, Production(SqliteRepository)],
            [Tests(fixture, path: "/repo/tests/Shop.IntegrationTests/Support/DatabaseFixture.cs"), Tests(tests)]);

        Assert.Empty(findings.Of("TG0401"));
    }

    private const string DbHelper = """
        using Microsoft.Data.Sqlite;
        using Microsoft.EntityFrameworkCore;
        using Shop.Infrastructure;
        namespace Shop.IntegrationTests.Support;
        internal static class Databases
        {
            public static ShopDbContext InMemory() =>
                new(new DbContextOptionsBuilder<ShopDbContext>().UseInMemoryDatabase("shop").Options);

            public static ShopDbContext Sqlite() =>
                new(new DbContextOptionsBuilder<ShopDbContext>().UseSqlite(new SqliteConnection("Data Source=:memory:")).Options);
        }
        """;

    private const string EfRepository = """
        using Microsoft.EntityFrameworkCore;
        using Shop.Domain;
        namespace Shop.Infrastructure;
        public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
        }
        public sealed class EfOrderRepository(ShopDbContext context)
        {
            public async Task AddAsync(Order order, CancellationToken cancellationToken)
            {
                context.Orders.Add(order);
                await context.SaveChangesAsync(cancellationToken);
            }
        }
        """;

    private static string EfTests(string factory) => $$"""
        using Shop.Infrastructure;
        using Shop.IntegrationTests.Support;
        namespace Shop.IntegrationTests;
        public class EfOrderRepositoryTests
        {
            [Fact(Timeout = 10_000)]
            public async Task Add_stores_the_order() =>
                await new EfOrderRepository(Databases.{{factory}}()).AddAsync(new Shop.Domain.Order(), CancellationToken.None);
        }
        """;

    [Fact]
    public void TG0401_fires_when_the_test_uses_the_in_memory_member_of_a_helper_that_also_offers_a_real_database()
    {
        var findings = SnippetSuite.Review(
            [DomainSnippet, Production(EfRepository)],
            [Tests(DbHelper, path: "/repo/tests/Shop.IntegrationTests/Support/Databases.cs"), Tests(EfTests("InMemory"))]);

        Assert.Contains("EfOrderRepository", Assert.Single(findings.Of("TG0401")).MissingOrBrokenTest);
        var fake = Assert.Single(findings.Of("TG0205"));
        Assert.Equal("/repo/tests/Shop.IntegrationTests/Support/Databases.cs", fake.Location?.Path);
        Assert.Equal(SnippetSuite.LineOf(DbHelper, "UseInMemoryDatabase"), fake.Location?.Line);
    }

    [Fact]
    public void TG0401_and_TG0205_do_not_fire_when_the_test_uses_the_real_member_of_that_helper()
    {
        var findings = SnippetSuite.Review(
            [DomainSnippet, Production(EfRepository)],
            [Tests(DbHelper, path: "/repo/tests/Shop.IntegrationTests/Support/Databases.cs"), Tests(EfTests("Sqlite"))]);

        Assert.Empty(findings.Of("TG0401"));
        Assert.Empty(findings.Of("TG0205"));
    }

    [Fact]
    public void A_helper_type_nested_in_a_test_class_is_that_class_s_own_not_every_same_named_one()
    {
        // Two test classes each nest a helper named Databases: the repository's test uses the one that opens EF Core's
        // in-memory provider; the SQLite one belongs to a class that does not test the repository.
        static string TestClass(string name, string test, string provider) => $$"""
            using Microsoft.Data.Sqlite;
            using Microsoft.EntityFrameworkCore;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class {{name}}
            {
                [Fact(Timeout = 10_000)]
                public async Task Runs() => {{test}};

                private static class Databases
                {
                    public static ShopDbContext Create() => new(new DbContextOptionsBuilder<ShopDbContext>().{{provider}}.Options);
                }
            }
            """;

        var findings = SnippetSuite.Review(
            [DomainSnippet, Production(EfRepository)],
            [
                Tests(
                    TestClass("OrderRepositoryTests", "await new EfOrderRepository(Databases.Create()).AddAsync(new Shop.Domain.Order(), CancellationToken.None)", "UseInMemoryDatabase(\"shop\")"),
                    path: "/repo/tests/Shop.IntegrationTests/OrderRepositoryTests.cs"),
                Tests(
                    TestClass("SchemaTests", "await Databases.Create().Database.EnsureCreatedAsync()", "UseSqlite(new SqliteConnection(\"Data Source=:memory:\"))"),
                    path: "/repo/tests/Shop.IntegrationTests/SchemaTests.cs"),
            ]);

        // Were the two helpers one type, the repository's test would seem to reach SQLite too.
        Assert.Contains("EfOrderRepository", Assert.Single(findings.Of("TG0401")).MissingOrBrokenTest);
        Assert.Equal("/repo/tests/Shop.IntegrationTests/OrderRepositoryTests.cs", Assert.Single(findings.Of("TG0205")).Location?.Path);
    }

    [Theory]
    [InlineData("base", "public class OrderRepositoryTests : DbTestBase", "Databases.Create()")]
    [InlineData("qualified", "public class OrderRepositoryTests", "TestDb.Databases.Create()")]
    [InlineData("other class", "public class OrderRepositoryTests", "DbTestBase.Databases.Create()")]
    public void A_helper_nested_in_a_base_class_or_named_through_its_container_is_reached(string how, string declaration, string create)
    {
        var helpers = """
            using Microsoft.Data.Sqlite;
            using Microsoft.EntityFrameworkCore;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public abstract class DbTestBase
            {
                public static class Databases
                {
                    public static ShopDbContext Create() => new(new DbContextOptionsBuilder<ShopDbContext>().UseSqlite(new SqliteConnection("Data Source=:memory:")).Options);
                }
            }
            public static class TestDb
            {
                public static class Databases
                {
                    public static ShopDbContext Create() => new(new DbContextOptionsBuilder<ShopDbContext>().UseSqlite(new SqliteConnection("Data Source=:memory:")).Options);
                }
            }
            """;
        var tests = $$"""
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            {{declaration}}
            {
                [Fact(Timeout = 10_000)]
                public async Task Add_stores_the_order() =>
                    await new EfOrderRepository({{create}}).AddAsync(new Shop.Domain.Order(), CancellationToken.None);
            }
            """;

        var findings = SnippetSuite.Review(
            [DomainSnippet, Production(EfRepository)],
            [Tests(helpers, path: "/repo/tests/Shop.IntegrationTests/Support.cs"), Tests(tests)]);

        Assert.True(findings.Of("TG0401").Count == 0, $"{how}: {string.Join("; ", findings.Of("TG0401").Select(f => f.MissingOrBrokenTest))}");
    }

    [Fact]
    public void TG0401_does_not_fire_for_contract_tests_declared_in_an_abstract_base_class()
    {
        var tests = """
            using Microsoft.Data.Sqlite;
            using Shop.Domain;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public abstract class OrderRepositoryContract
            {
                protected abstract IOrderRepository CreateRepository();

                [Fact(Timeout = 10_000)]
                public async Task Find_unknown_returns_null() => Assert.Null(await CreateRepository().FindAsync(Guid.Empty, CancellationToken.None));
            }

            public sealed class SqliteOrderRepositoryContractTests : OrderRepositoryContract
            {
                protected override IOrderRepository CreateRepository() =>
                    new SqliteOrderRepository(new SqliteConnectionStringBuilder { DataSource = "contract.db" }.ToString());
            }
            """;

        Assert.Empty(SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(tests)]).Of("TG0401"));
    }

    [Fact]
    public void TG0401_does_not_fire_for_a_repository_named_type_without_data_access_or_for_interfaces()
    {
        var production = """
            namespace Shop.Infrastructure;
            public interface ICatalogRepository { Task<string> NameAsync(int id); }
            public sealed class HttpCatalogRepository(HttpClient http) : ICatalogRepository
            {
                public Task<string> NameAsync(int id) => http.GetStringAsync($"/catalog/{id}");
            }
            """;

        Assert.Empty(SnippetSuite.Review([Production(production)], []).Of("TG0401"));
    }

    [Fact]
    public void TG0401_does_not_fire_for_an_unclassified_test_over_a_real_database()
    {
        var findings = SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(RealSqliteTests(RoundTrip), "Shop.Tests", "/repo/tests/Shop.Tests/OrderRepositoryTests.cs")]);

        Assert.Empty(findings.Of("TG0401"));
    }

    private const string RepositoriesOfAUnitOfWork = """
        using Dapper;
        using Microsoft.Data.Sqlite;
        namespace Shop.Infrastructure;
        public interface ITrackingEventRepository { Task<bool> TryRecordAsync(string eventId, CancellationToken cancellationToken); }
        internal sealed class TrackingEventRepository(SqliteConnection connection, SqliteTransaction transaction) : ITrackingEventRepository
        {
            public async Task<bool> TryRecordAsync(string eventId, CancellationToken cancellationToken) =>
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO tracking_events (event_id) VALUES (@eventId) ON CONFLICT (event_id) DO NOTHING;", new { eventId }, transaction, cancellationToken: cancellationToken)) == 1;
        }
        public sealed class SqliteUnitOfWork
        {
            private readonly SqliteTransaction _transaction;
            public SqliteUnitOfWork(SqliteConnection connection, SqliteTransaction transaction)
            {
                _transaction = transaction;
                TrackingEvents = new TrackingEventRepository(connection, transaction);
            }
            public ITrackingEventRepository TrackingEvents { get; }
            public Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);
        }
        public sealed class SqliteUnitOfWorkFactory(string connectionString)
        {
            public async Task<SqliteUnitOfWork> BeginAsync(CancellationToken cancellationToken)
            {
                var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                return new SqliteUnitOfWork(connection, connection.BeginTransaction());
            }
        }
        """;

    [Fact]
    public void TG0401_counts_a_repository_the_test_calls_through_the_unit_of_work_a_test_database_begins()
    {
        const string tests = """
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public sealed class TestDatabase
            {
                public SqliteUnitOfWorkFactory Units { get; } = new("Data Source=tracking.db");
            }
            public class TrackingTests
            {
                private readonly TestDatabase _db = new();

                [Fact(Timeout = 10_000)]
                public async Task Recording_the_same_event_twice_keeps_one_row()
                {
                    var unit = await _db.Units.BeginAsync(CancellationToken.None);
                    Assert.True(await unit.TrackingEvents.TryRecordAsync("evt-1", CancellationToken.None));
                    Assert.False(await unit.TrackingEvents.TryRecordAsync("evt-1", CancellationToken.None));
                }
            }
            """;
        const string throughAFake = """
            namespace Shop.IntegrationTests;
            public class TrackingTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Recording_the_same_event_twice_keeps_one_row()
                {
                    var events = new FakeTrackingEvents();
                    Assert.True(await events.TryRecordAsync("evt-1", CancellationToken.None));
                }
            }
            """;

        Assert.DoesNotContain(SnippetSuite.Review([Production(RepositoriesOfAUnitOfWork)], [Tests(tests)]).Of("TG0401"), f => f.Location!.Symbol!.EndsWith("TrackingEventRepository", StringComparison.Ordinal));
        Assert.Contains(SnippetSuite.Review([Production(RepositoriesOfAUnitOfWork)], [Tests(throughAFake)]).Of("TG0401"), f => f.Location!.Symbol!.EndsWith("TrackingEventRepository", StringComparison.Ordinal));
    }

    // ---------------------------------------------------------------- TG0402

    private const string Schema = """"
        namespace Shop.Infrastructure;

        public sealed class SchemaMigrator(SqliteConnectionFactory connections)
        {
            private const string Sql = """
                CREATE TABLE orders (
                    id      TEXT NOT NULL PRIMARY KEY,
                    number  TEXT NOT NULL CONSTRAINT ux_orders_number UNIQUE,
                    version INTEGER NOT NULL
                );
                CREATE TABLE order_lines (
                    order_id TEXT NOT NULL REFERENCES orders (id),
                    sku      TEXT NOT NULL
                );
                """;

            public async Task MigrateAsync(CancellationToken cancellationToken)
            {
                await using var connection = await connections.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = Sql;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        public sealed class SqliteConnectionFactory(string connectionString)
        {
            public async Task<Microsoft.Data.Sqlite.SqliteConnection> OpenAsync(CancellationToken cancellationToken)
            {
                var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                return connection;
            }
        }
        """";

    private static string SchemaCode => Schema;

    private const string SchemaPath = "/repo/src/Shop.Infrastructure/SchemaMigrator.cs";

    private static IReadOnlyList<Finding> ReviewWithSchema(string tests, string project = "Shop.IntegrationTests") =>
        SnippetSuite.Review([DomainSnippet, Production(SqliteRepository), Production(SchemaCode, SchemaPath)], [Tests(tests, project)]);

    private static string MigratedTests(string tests) => RealSqliteTests(
        "    private static Task Migrate(string connectionString) => new SchemaMigrator(new SqliteConnectionFactory(connectionString)).MigrateAsync(CancellationToken.None);\n" + tests);

    [Fact]
    public void TG0402_fires_for_a_UNIQUE_column_that_only_round_trip_tests_touch()
    {
        var finding = Assert.Single(ReviewWithSchema(MigratedTests(RoundTrip)).Of("TG0402"));

        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Equal(SchemaPath, finding.Location?.Path);
        Assert.Equal(SnippetSuite.LineOf(SchemaCode, "CONSTRAINT ux_orders_number UNIQUE"), finding.Location?.Line);
        Assert.Contains("orders.number UNIQUE (ux_orders_number)", finding.MissingOrBrokenTest);
        Assert.Contains("SchemaMigrator", finding.MissingOrBrokenTest);

        // The text names the file; only the location carries its path (made relative to the repository by the gate).
        Assert.Contains($"({SchemaPath[(SchemaPath.LastIndexOf('/') + 1)..]}:", finding.MissingOrBrokenTest);
        Assert.DoesNotContain(SchemaPath, finding.MissingOrBrokenTest);
        Assert.Contains("SqliteException", finding.Risk);
        Assert.Contains("number values", finding.Risk);
        Assert.Contains("Duplicate_number_is_rejected_by_the_unique_constraint", finding.ExampleTestOutline);
        Assert.Contains("sqliteOrderRepository.AddAsync(/* another entity with the same number \"A-1\" */, CancellationToken.None)", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0402_fires_when_the_duplicate_test_expects_no_exception_or_runs_on_the_InMemory_provider()
    {
        var production = """
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain;
            namespace Shop.Infrastructure;
            public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
            {
                public DbSet<Order> Orders => Set<Order>();
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Order>().HasIndex(o => o.Number).IsUnique();
                }
            }
            """;
        var tests = """
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class OrderConstraintTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Duplicate_number_is_accepted_once()
                {
                    await using var context = new ShopDbContext(new DbContextOptionsBuilder<ShopDbContext>().UseSqlite("Data Source=:memory:").Options);
                    context.Orders.Add(new Order { Number = "A" });
                    await context.SaveChangesAsync();
                    Assert.Equal(1, await context.Orders.CountAsync());
                }

                [Fact(Timeout = 10_000)]
                public async Task Duplicate_number_throws_in_memory()
                {
                    await using var context = new ShopDbContext(new DbContextOptionsBuilder<ShopDbContext>().UseInMemoryDatabase("x").Options);
                    context.Orders.Add(new Order { Number = "A" });
                    context.Orders.Add(new Order { Number = "A" });
                    await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([DomainSnippet, Production(production)], [Tests(tests)]).Of("TG0402"));

        Assert.Contains("Order HasIndex(Number).IsUnique()", finding.MissingOrBrokenTest);
        Assert.Equal(SnippetSuite.LineOf(production, "IsUnique()"), finding.Location?.Line);
        Assert.Contains("DbUpdateException", finding.Risk);
    }

    [Fact]
    public void TG0402_does_not_fire_when_an_integration_test_asserts_the_duplicate_is_rejected()
    {
        var tests = MigratedTests("""
                [Fact(Timeout = 10_000)]
                public async Task Add_duplicate_number_is_rejected()
                {
                    await Migrate(_connectionString);
                    await Repository.AddAsync(new Order { Id = Guid.NewGuid(), Number = "SO-1" }, CancellationToken.None);
                    await Assert.ThrowsAsync<SqliteException>(() => Repository.AddAsync(new Order { Id = Guid.NewGuid(), Number = "SO-1" }, CancellationToken.None));
                }
            """);

        Assert.Empty(ReviewWithSchema(tests).Of("TG0402"));
    }

    [Fact]
    public void TG0402_reads_the_engine_code_and_the_DbSet_and_grades_the_other_untested_indexes_as_notes()
    {
        var production = """
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain;
            namespace Shop.Infrastructure;
            public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
            {
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<Customer> Customers => Set<Customer>();
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Order>().HasIndex(o => o.Number).IsUnique();
                    modelBuilder.Entity<Customer>().HasIndex(c => c.Email).IsUnique();
                }
            }
            public sealed class Customer { public Guid Id { get; init; } public string Email { get; init; } = ""; }
            """;
        var tests = """
            using Microsoft.Data.Sqlite;
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class ConstraintTests
            {
                private const int SqliteConstraintUnique = 2067;
                private readonly TestDatabase _database = new();

                [Fact(Timeout = 10_000)]
                public async Task Two_orders_cannot_share_a_number()
                {
                    await using var context = _database.CreateContext();
                    context.Orders.Add(new Order { Number = "A" });
                    context.Orders.Add(new Order { Number = "A" });
                    var error = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
                    Assert.Equal(SqliteConstraintUnique, Assert.IsType<SqliteException>(error.InnerException).SqliteExtendedErrorCode);
                }
            }
            """;

        var untested = SnippetSuite.Review([DomainSnippet, Production(production)], []).Of("TG0402");
        Assert.Equal([Severity.P1, Severity.P1], untested.Select(f => f.Severity));

        const string database = """
            using Microsoft.EntityFrameworkCore;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public sealed class TestDatabase
            {
                public ShopDbContext CreateContext() => new(new DbContextOptionsBuilder<ShopDbContext>().UseSqlite("Data Source=:memory:").Options);
            }
            """;
        var note = Assert.Single(SnippetSuite.Review(
            [DomainSnippet, Production(production)],
            [Tests(database, path: "/repo/tests/Shop.IntegrationTests/TestDatabase.cs"), Tests(tests)]).Of("TG0402"));
        Assert.Contains("Customer HasIndex(Email).IsUnique()", note.MissingOrBrokenTest);
        Assert.Equal(Severity.P3, note.Severity);
        Assert.Contains("the suite shows another unique constraint enforced by the real database", note.MissingOrBrokenTest);
    }

    [Fact]
    public void TG0402_does_not_fire_without_a_unique_constraint_or_for_prose_that_says_unique()
    {
        var production = """
            namespace Shop.Infrastructure;
            public sealed class Messages
            {
                public string Explain() => "Select a unique name from the list; names must be unique.";
            }
            """;

        Assert.Empty(SnippetSuite.Review([DomainSnippet, Production(SqliteRepository), Production(production, "/repo/src/Shop.Infrastructure/Messages.cs")], [Tests(RealSqliteTests(RoundTrip))]).Of("TG0402"));
    }

    // ---------------------------------------------------------------- TG0403

    [Fact]
    public void TG0403_fires_for_a_REFERENCES_clause_without_a_violation_test()
    {
        var finding = Assert.Single(ReviewWithSchema(MigratedTests(RoundTrip)).Of("TG0403"));

        Assert.Equal(Severity.P2, finding.Severity);
        Assert.Equal(SnippetSuite.LineOf(SchemaCode, "REFERENCES orders (id)"), finding.Location?.Line);
        Assert.Contains("order_lines.order_id REFERENCES orders", finding.MissingOrBrokenTest);
        Assert.Contains("PRAGMA foreign_keys = ON", finding.Risk);
        Assert.Contains("Assert.ThrowsAnyAsync<SqliteException>", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0403_fires_for_an_EF_foreign_key_when_the_violation_test_is_named_so_but_expects_nothing()
    {
        var production = """
            using Microsoft.EntityFrameworkCore;
            using Microsoft.EntityFrameworkCore.Metadata.Builders;
            namespace Shop.Infrastructure;
            public sealed class OrderLine { public int Id { get; set; } public Guid OrderId { get; set; } }
            public sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
            {
                public void Configure(EntityTypeBuilder<OrderLine> builder)
                {
                    builder.HasOne<Shop.Domain.Order>().WithMany().HasForeignKey(l => l.OrderId);
                }
            }
            """;
        var tests = """
            using Microsoft.EntityFrameworkCore;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class OrderLineTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Line_without_order_violates_the_foreign_key()
                {
                    await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
                    var line = new OrderLine { OrderId = Guid.NewGuid() };
                    Assert.NotNull(line);
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([DomainSnippet, Production(production)], [Tests(tests)]).Of("TG0403"));

        Assert.Contains("OrderLine → Order HasForeignKey(OrderId)", finding.MissingOrBrokenTest);
        Assert.Equal(SnippetSuite.LineOf(production, "HasForeignKey"), finding.Location?.Line);
    }

    [Fact]
    public void TG0403_does_not_fire_when_a_test_inserts_an_orphan_and_expects_the_violation()
    {
        var tests = MigratedTests("""
                [Fact(Timeout = 10_000)]
                public async Task Line_for_missing_order_violates_foreign_key()
                {
                    await Migrate(_connectionString);
                    await using var connection = new SqliteConnection(_connectionString);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "INSERT INTO order_lines (order_id, sku) VALUES ('missing', 'A');";
                    await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
                }
            """);

        Assert.Empty(ReviewWithSchema(tests).Of("TG0403"));
    }

    [Theory]
    [InlineData("An_order_line_must_reference_an_existing_order", false)]
    [InlineData("An_order_line_referencing_an_unknown_order_is_refused", false)]
    [InlineData("An_order_line_references_its_order", true)]
    [InlineData("An_order_line_for_an_unknown_order_is_refused", true)]
    public void TG0403_a_test_named_for_a_reference_to_a_row_that_is_not_there_counts_when_it_expects_the_violation(string name, bool fires)
    {
        var tests = MigratedTests($$"""
                [Fact(Timeout = 10_000)]
                public async Task {{name}}()
                {
                    await Migrate(_connectionString);
                    await using var connection = new SqliteConnection(_connectionString);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "INSERT INTO order_lines (order_id, sku) VALUES ('o-404', 'A');";
                    await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
                }
            """);

        Assert.Equal(fires, ReviewWithSchema(tests).Of("TG0403").Count == 1);
    }

    [Fact]
    public void TG0403_does_not_fire_without_a_foreign_key()
    {
        Assert.Empty(SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(RealSqliteTests(RoundTrip))]).Of("TG0403"));
    }

    // ---------------------------------------------------------------- TG0404

    [Fact]
    public void TG0404_fires_for_an_UPDATE_with_a_version_check_that_no_concurrent_test_exercises()
    {
        var finding = Assert.Single(SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(RealSqliteTests(RoundTrip))]).Of("TG0404"));

        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Equal(SnippetSuite.LineOf(SqliteRepository, "UPDATE orders SET"), finding.Location?.Line);
        Assert.Equal("Shop.Infrastructure.SqliteOrderRepository.UpdateAsync", finding.Location?.Symbol);
        Assert.Contains("SqliteOrderRepository.UpdateAsync", finding.MissingOrBrokenTest);
        Assert.Contains("the same orders row", finding.MissingOrBrokenTest);
        Assert.Contains("version = version + 1", finding.Risk);
        Assert.Contains("Task.WhenAll", finding.ExampleTestOutline);
        Assert.Contains("sqliteOrderRepository.UpdateAsync(writer!, CancellationToken.None)", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0404_fires_for_an_EF_repository_that_saves_changes_when_tests_only_update_sequentially()
    {
        var production = """
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain;
            namespace Shop.Infrastructure;
            public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
            {
                public DbSet<Order> Orders => Set<Order>();
            }
            public sealed class EfOrderRepository(ShopDbContext context)
            {
                public async Task CancelAsync(Guid id, CancellationToken cancellationToken)
                {
                    var order = await context.Orders.SingleAsync(o => o.Id == id, cancellationToken);
                    order.Cancel();
                    await context.SaveChangesAsync(cancellationToken);
                }
            }
            """;
        var tests = """
            using Microsoft.EntityFrameworkCore;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class EfOrderRepositoryTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Cancel_twice_in_a_row_updates_the_version()
                {
                    await using var context = new ShopDbContext(new DbContextOptionsBuilder<ShopDbContext>().UseSqlite("Data Source=:memory:").Options);
                    var repository = new EfOrderRepository(context);
                    await repository.CancelAsync(Guid.Empty, CancellationToken.None);
                    Assert.True(true);
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([DomainSnippet, Production(production)], [Tests(tests)]).Of("TG0404"));

        Assert.Contains("EfOrderRepository.CancelAsync", finding.MissingOrBrokenTest);
        Assert.Contains("No version column or concurrency token was found for EfOrderRepository", finding.Risk);
        Assert.Contains("catch (DbUpdateConcurrencyException)", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0404_does_not_fire_for_concurrent_writers_with_Task_WhenAll()
    {
        var tests = RealSqliteTests(RoundTrip + """

                [Fact(Timeout = 10_000)]
                public async Task Concurrent_updates_let_one_writer_win()
                {
                    var order = new Order { Id = Guid.NewGuid(), Number = "SO-1" };
                    await Repository.AddAsync(order, CancellationToken.None);
                    await Task.WhenAll(Task.Run(() => Repository.UpdateAsync(order, CancellationToken.None)), Task.Run(() => Repository.UpdateAsync(order, CancellationToken.None)));
                    Assert.Equal(2, (await Repository.FindAsync(order.Id, CancellationToken.None))!.Version);
                }
            """);

        Assert.Empty(SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(tests)]).Of("TG0404"));
    }

    [Theory]
    [InlineData("await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => handler.HandleAsync(\"evt-1\", 3, CancellationToken.None))));", "handler.HandleAsync", false, false)]
    [InlineData("await handler.HandleAsync(\"evt-1\", 3, CancellationToken.None);\n        await handler.HandleAsync(\"evt-1\", 3, CancellationToken.None);", "handler.HandleAsync", false, true)]
    [InlineData("await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => handler.HandleAsync(\"evt-1\", 3, CancellationToken.None))));", "handler.CountAsync", false, true)]
    [InlineData("await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => handler.HandleAsync(\"evt-1\", 3, CancellationToken.None))));", "handler.HandleAsync", true, true)]
    public void TG0404_accepts_concurrent_calls_of_a_production_type_that_runs_the_repositorys_update(string act, string handlerCall, bool versioned, bool fires)
    {
        const string repository = """
            using Microsoft.Data.Sqlite;
            namespace Shop.Infrastructure;
            public sealed class SequenceRepository(SqliteConnection connection)
            {
                public async Task SetLastSequenceAsync(string stream, long sequence, CancellationToken cancellationToken)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = "INSERT INTO sequences (stream, last) VALUES ($stream, $last) ON CONFLICT (stream) DO UPDATE SET last = excluded.last";
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            public sealed class SequenceHandler(SequenceRepository sequences)
            {
                public static SequenceHandler Over(SqliteConnection connection) => new(new SequenceRepository(connection));
                public Task HandleAsync(string stream, long sequence, CancellationToken cancellationToken) => sequences.SetLastSequenceAsync(stream, sequence, cancellationToken);
                public Task<long> CountAsync(CancellationToken cancellationToken) => Task.FromResult(0L);
            }
            """;
        var handler = handlerCall == "handler.HandleAsync" ? repository : repository.Replace("=> sequences.SetLastSequenceAsync(stream, sequence, cancellationToken);", "=> Task.CompletedTask;", StringComparison.Ordinal);

        // An optimistic version check is the repository's own to test: concurrent deliveries collide elsewhere first.
        handler = versioned
            ? handler.Replace("INSERT INTO sequences (stream, last) VALUES ($stream, $last) ON CONFLICT (stream) DO UPDATE SET last = excluded.last", "UPDATE sequences SET last = $last, version = version + 1 WHERE stream = $stream AND version = $version", StringComparison.Ordinal)
            : handler;
        var tests = $$"""
            using Microsoft.Data.Sqlite;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class SequenceHandlerTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Concurrent_deliveries_keep_the_latest_sequence()
                {
                    await using var connection = new SqliteConnection("Data Source=sequences.db");
                    var handler = SequenceHandler.Over(connection);
                    {{act}}
                    Assert.Equal(3, await ScalarAsync(connection, "SELECT last FROM sequences"));
                }
            }
            """;

        Assert.Equal(fires, SnippetSuite.Review([Production(handler)], [Tests(tests)]).Of("TG0404").Count == 1);
    }

    /// <summary>TG0404 over a test that saves an order and then runs <paramref name="concurrent"/>.</summary>
    private static IReadOnlyList<Finding> ConcurrencyFindings(string concurrent) =>
        SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(RealSqliteTests(RoundTrip + $$"""

                [Fact(Timeout = 10_000)]
                public async Task Saved_order_under_concurrent_work()
                {
                    var order = new Order { Id = Guid.NewGuid(), Number = "SO-1" };
                    await Repository.AddAsync(order, CancellationToken.None);
                    await Repository.UpdateAsync(order, CancellationToken.None);
                    {{concurrent}}
                    Assert.NotNull(await Repository.FindAsync(order.Id, CancellationToken.None));
                }
            """))]).Of("TG0404");

    [Theory]
    [InlineData("var reads = new[] { Repository.FindAsync(order.Id, CancellationToken.None), Repository.FindAsync(order.Id, CancellationToken.None) };\n        await Task.WhenAll(reads);")]
    [InlineData("await Task.WhenAll(Task.Run(() => Repository.FindAsync(order.Id, CancellationToken.None)), Task.Run(() => Repository.FindAsync(order.Id, CancellationToken.None)));")]
    [InlineData("var tasks = new List<Task>();\n        for (var i = 0; i < 2; i++) tasks.Add(Repository.FindAsync(order.Id, CancellationToken.None));\n        await Task.WhenAll(tasks);")]
    public void TG0404_fires_when_what_runs_concurrently_only_reads(string concurrentReads) =>
        Assert.Single(ConcurrencyFindings(concurrentReads));

    [Fact]
    public void TG0404_fires_when_the_only_unawaited_async_call_is_NUnits_synchronous_Assert_ThrowsAsync() =>
        Assert.Single(ConcurrencyFindings("var error = Assert.ThrowsAsync<SqliteException>(() => Repository.UpdateAsync(order, CancellationToken.None));\n        Assert.NotNull(error);"));

    [Theory]
    [InlineData("await Task.WhenAll(Repository.GetOrCreateAsync(order.Number, CancellationToken.None), Repository.GetOrCreateAsync(order.Number, CancellationToken.None));")]
    [InlineData("await Task.WhenAll(Task.Run(UpdateTwice), Task.Run(UpdateTwice));")]
    [InlineData("await Task.WhenAll(_writers);")]
    [InlineData("var first = Repository.UpdateAsync(order, CancellationToken.None);\n        await Repository.UpdateAsync(order, CancellationToken.None);\n        await first;")]
    [InlineData("var writers = new List<Task>();\n        for (var i = 0; i < 2; i++) writers.Add(Repository.UpdateAsync(order, CancellationToken.None));\n        await Task.WhenAll(writers);")]
    public void TG0404_does_not_fire_when_the_concurrent_work_writes_or_cannot_be_seen(string concurrent) =>
        Assert.Empty(ConcurrencyFindings(concurrent));

    [Theory]
    [InlineData("UPDATE orders SET shipped_at = $at WHERE id = $id AND shipped_at IS NULL;", false)]
    [InlineData("UPDATE orders SET attempts = attempts + 1, last_error = $error WHERE id = $id;", false)]
    [InlineData("UPDATE orders SET number = $number WHERE id = $id;", true)]
    public void TG0404_leaves_out_single_statements_that_decide_from_the_rows_current_state(string update, bool fires)
    {
        var repository = SqliteRepository.Replace("UPDATE orders SET number = $number, version = version + 1 WHERE id = $id AND version = $version;", update, StringComparison.Ordinal);
        Assert.NotEqual(SqliteRepository, repository);

        Assert.Equal(fires, SnippetSuite.Review([DomainSnippet, Production(repository)], [Tests(RealSqliteTests(RoundTrip))]).Of("TG0404").Count == 1);
    }

    [Fact]
    public void TG0404_does_not_fire_for_a_stale_version_test_or_an_insert_only_repository()
    {
        var staleTest = RealSqliteTests("""
                [Fact(Timeout = 10_000)]
                public async Task Update_with_a_stale_version_throws_a_concurrency_exception()
                {
                    var order = new Order { Id = Guid.NewGuid(), Number = "SO-1" };
                    await Repository.AddAsync(order, CancellationToken.None);
                    var stale = (await Repository.FindAsync(order.Id, CancellationToken.None))!;
                    await Repository.UpdateAsync(order, CancellationToken.None);
                    await Assert.ThrowsAsync<ConcurrencyException>(() => Repository.UpdateAsync(stale, CancellationToken.None));
                }
            """);
        Assert.Empty(SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(staleTest)]).Of("TG0404"));

        var insertOnly = SqliteRepository.Replace("UPDATE orders SET number = $number, version = version + 1 WHERE id = $id AND version = $version;", "INSERT INTO order_history (id) VALUES ($id);", StringComparison.Ordinal);
        Assert.Empty(SnippetSuite.Review([DomainSnippet, Production(insertOnly)], [Tests(RealSqliteTests(RoundTrip))]).Of("TG0404"));
    }

    [Fact]
    public void TG0404_with_an_optimistic_version_check_needs_the_conflict_not_a_version_read_after_two_sessions()
    {
        var readsVersions = RealSqliteTests("""
                [Fact(Timeout = 10_000)]
                public async Task Second_session_sees_the_first_sessions_write()
                {
                    var order = new Order { Id = Guid.NewGuid(), Number = "SO-1" };
                    await using var first = new SqliteConnection(_connectionString);
                    await first.OpenAsync();
                    await using var second = new SqliteConnection(_connectionString);
                    await second.OpenAsync();
                    await Repository.AddAsync(order, CancellationToken.None);
                    await Repository.UpdateAsync(order, CancellationToken.None);
                    Assert.Equal(1, (await Repository.FindAsync(order.Id, CancellationToken.None))!.Version);
                }
            """);
        var expectsTheConflict = readsVersions.Replace(
            "Assert.Equal(1, (await Repository.FindAsync(order.Id, CancellationToken.None))!.Version);",
            "await Assert.ThrowsAsync<ConcurrencyException>(() => Repository.UpdateAsync(order, CancellationToken.None));",
            StringComparison.Ordinal);

        Assert.Single(SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(readsVersions)]).Of("TG0404"));
        Assert.Empty(SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(expectsTheConflict)]).Of("TG0404"));
    }

    [Fact]
    public void TG0404_accepts_a_test_that_shows_the_lock_serializing_two_transactions_where_the_repository_locks()
    {
        var locking = SqliteRepository.Replace(
            "command.CommandText = \"UPDATE orders SET number = $number, version = version + 1 WHERE id = $id AND version = $version;\";",
            "command.CommandText = \"BEGIN IMMEDIATE; UPDATE orders SET number = $number WHERE id = $id; COMMIT;\";",
            StringComparison.Ordinal);
        var tests = RealSqliteTests(RoundTrip + """

                [Fact(Timeout = 10_000)]
                public async Task Update_from_a_second_writer_waits_until_the_first_commits()
                {
                    var order = new Order { Id = Guid.NewGuid(), Number = "SO-1" };
                    await Repository.AddAsync(order, CancellationToken.None);
                    await using var holder = new SqliteConnection(_connectionString);
                    await holder.OpenAsync();
                    await using var hold = holder.BeginTransaction(deferred: false);
                    var waiting = Repository.UpdateAsync(order, CancellationToken.None);
                    await Task.Delay(200);
                    Assert.False(waiting.IsCompleted);
                    await hold.CommitAsync();
                    await waiting.WaitAsync(TimeSpan.FromSeconds(5));
                }
            """);

        Assert.NotEmpty(SnippetSuite.Review([DomainSnippet, Production(locking)], [Tests(RealSqliteTests(RoundTrip))]).Of("TG0404"));
        Assert.Empty(SnippetSuite.Review([DomainSnippet, Production(locking)], [Tests(tests)]).Of("TG0404"));
    }

    // ---------------------------------------------------------------- TG0405

    [Fact]
    public void TG0405_fires_for_a_transaction_without_a_rollback_test()
    {
        var finding = Assert.Single(SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(RealSqliteTests(RoundTrip))]).Of("TG0405"));

        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Equal(SnippetSuite.LineOf(SqliteRepository, "connection.BeginTransaction()"), finding.Location?.Line);
        Assert.Contains("SqliteOrderRepository.AddAsync", finding.MissingOrBrokenTest);
        Assert.Contains("BeginTransaction()", finding.MissingOrBrokenTest);
        Assert.Contains("orders, order_lines", finding.Risk);
        Assert.Contains("an orders row without its order_lines rows", finding.Risk);
        Assert.Contains("CREATE TRIGGER fail_order_lines BEFORE INSERT ON order_lines", finding.ExampleTestOutline);
        Assert.Contains("Assert.Null(await sqliteOrderRepository.FindAsync(/* its key */, CancellationToken.None));", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0405_fires_when_the_rollback_test_asserts_nothing_after_the_failure()
    {
        var tests = RealSqliteTests("""
                [Fact(Timeout = 10_000)]
                public async Task Add_failure_rolls_back()
                {
                    await Assert.ThrowsAsync<SqliteException>(() => Repository.AddAsync(new Order(), CancellationToken.None));
                }
            """);

        Assert.Single(SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(tests)]).Of("TG0405"));
    }

    [Theory]
    [InlineData("Add_line_insert_fails_rolls_back_the_order", "Shop.IntegrationTests", false)]
    [InlineData("A_cancelled_token_starts_no_transaction", "Shop.IntegrationTests", true)]
    [InlineData("Add_line_insert_fails_rolls_back_the_order", "Shop.ApplicationTests", true)]
    [InlineData("A_failed_line_insert_leaves_no_order_row", "Shop.IntegrationTests", false)]
    [InlineData("A_failing_line_leaves_the_orders_unchanged", "Shop.IntegrationTests", false)]
    [InlineData("An_order_without_lines_leaves_no_row", "Shop.IntegrationTests", true)]
    public void TG0405_needs_an_integration_test_about_the_rollback_not_one_that_negates_it(string name, string project, bool fires)
    {
        var tests = RealSqliteTests($$"""
                [Fact(Timeout = 10_000)]
                public async Task {{name}}()
                {
                    var order = new Order { Id = Guid.NewGuid() };
                    await Assert.ThrowsAsync<SqliteException>(() => Repository.AddAsync(order, CancellationToken.None));
                    Assert.Null(await Repository.FindAsync(order.Id, CancellationToken.None));
                }
            """).Replace("namespace Shop.IntegrationTests;", $"namespace {project};", StringComparison.Ordinal);

        Assert.Equal(fires, SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(tests, project)]).Of("TG0405").Count == 1);
    }

    [Fact]
    public void TG0405_does_not_fire_when_a_test_fails_inside_the_transaction_and_reads_the_state_back()
    {
        var tests = RealSqliteTests("""
                [Fact(Timeout = 10_000)]
                public async Task Add_line_insert_fails_rolls_back_the_order()
                {
                    var order = new Order { Id = Guid.NewGuid() };
                    await Assert.ThrowsAsync<SqliteException>(() => Repository.AddAsync(order, CancellationToken.None));
                    Assert.Null(await Repository.FindAsync(order.Id, CancellationToken.None));
                }
            """);

        Assert.Empty(SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(tests)]).Of("TG0405"));
    }

    [Theory]
    [InlineData("CREATE TRIGGER fail_lines BEFORE INSERT ON order_lines BEGIN SELECT RAISE(ABORT, 'disk full (injected)'); END;", true, false)]
    [InlineData("CREATE TEMP TRIGGER fail_lines BEFORE INSERT ON order_lines BEGIN SELECT RAISE(FAIL, 'injected'); END;", true, false)]
    [InlineData("CREATE TRIGGER fail_lines BEFORE INSERT ON order_lines WHEN NEW.order_id = '{order.Id}' BEGIN SELECT RAISE(ABORT, 'injected'); END;", true, false)]
    [InlineData("CREATE TRIGGER audit_lines AFTER INSERT ON order_lines BEGIN INSERT INTO audit (id) VALUES (NEW.order_id); END;", true, true)]
    [InlineData("CREATE TRIGGER fail_lines BEFORE INSERT ON order_lines BEGIN SELECT RAISE(ABORT, 'disk full (injected)'); END;", false, true)]
    public void TG0405_a_fault_the_test_injects_with_a_trigger_is_a_failure_inside_the_transaction_even_when_nothing_throws_to_the_test(
        string trigger, bool readsBack, bool fires)
    {
        // The code under test catches the failure (a batch that logs and moves on): the test expects no exception, it makes
        // the second write fail and reads back that the first was undone.
        var tests = RealSqliteTests($$""""
                [Fact(Timeout = 10_000)]
                public async Task A_failing_line_insert_leaves_the_order_untouched()
                {
                    var order = new Order { Id = Guid.NewGuid() };
                    await using (var connection = new SqliteConnection(_connectionString))
                    {
                        await connection.OpenAsync();
                        await using var command = connection.CreateCommand();
                        command.CommandText = $"""{{trigger}}""";
                        await command.ExecuteNonQueryAsync();
                    }

                    await Repository.AddAsync(order, CancellationToken.None);
                    {{(readsBack ? "Assert.Null(await Repository.FindAsync(order.Id, CancellationToken.None));" : "Assert.NotNull(order);")}}
                }
            """");

        Assert.Equal(fires, SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(tests)]).Of("TG0405").Count == 1);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void TG0405_a_sessions_transaction_is_rolled_back_through_the_unit_of_work_built_on_it(bool rollbackTest, bool fires)
    {
        const string session = """
            using Microsoft.Data.Sqlite;

            namespace Shop.Infrastructure;

            public sealed class SqliteSession(string connectionString)
            {
                private SqliteConnection? _connection;

                public SqliteTransaction? Transaction { get; set; }

                public async Task<SqliteConnection> ConnectionAsync() => _connection ??= await Open();

                public async Task<T> InTransactionAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work)
                {
                    var connection = await ConnectionAsync();
                    await using var local = (SqliteTransaction)await connection.BeginTransactionAsync();
                    var result = await work(connection, local);
                    await local.CommitAsync();
                    return result;
                }

                private async Task<SqliteConnection> Open()
                {
                    var connection = new SqliteConnection(connectionString);
                    await connection.OpenAsync();
                    return connection;
                }
            }

            public sealed class SqliteUnitOfWork(SqliteSession session)
            {
                public async Task<SqliteTransaction> BeginAsync()
                {
                    var connection = await session.ConnectionAsync();
                    session.Transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
                    return session.Transaction;
                }
            }
            """;
        var name = rollbackTest ? "Error_mid_unit_rolls_back_earlier_writes" : "Error_mid_unit_is_reported";
        var tests = $$"""
            using Microsoft.Data.Sqlite;
            using Shop.Infrastructure;

            namespace Shop.IntegrationTests;

            public class UnitOfWorkTests
            {
                [Fact(Timeout = 10_000)]
                public async Task {{name}}()
                {
                    var session = Databases.OpenSession();
                    var unitOfWork = new SqliteUnitOfWork(session);
                    await Assert.ThrowsAsync<SqliteException>(async () =>
                    {
                        await using var tx = await unitOfWork.BeginAsync();
                        await InsertTwice(session);
                    });
                    Assert.Equal(0L, await CountAsync(session, "orders"));
                }
            }

            internal static class Databases
            {
                public static SqliteSession OpenSession() => new("Data Source=orders.db");
            }
            """;

        var findings = SnippetSuite.Review([DomainSnippet, Production(session)], [Tests(tests)]).Of("TG0405");

        Assert.True(fires == findings.Any(f => f.Location?.Symbol?.StartsWith("Shop.Infrastructure.SqliteSession.", StringComparison.Ordinal) == true), string.Join("\n", findings.Select(f => f.Location?.Symbol + ": " + f.MissingOrBrokenTest)));
    }

    [Theory]
    [InlineData("await Assert.ThatAsync(AddThenFail, Throws.InstanceOf<SqliteException>());", false)]
    [InlineData("Assert.That(async () => await AddThenFail(), Throws.TypeOf<SqliteException>());", false)]
    [InlineData("Assert.That(async () => await AddThenFail(), Throws.Nothing);", true)]
    public void TG0405_reads_NUnit_constraint_expectations_of_a_failing_local_function(string expectation, bool fires)
    {
        var tests = RealSqliteTests($$"""
                [Test, CancelAfter(10_000)]
                public async Task An_exception_after_the_first_write_rolls_back_every_write()
                {
                    var order = new Order { Id = Guid.NewGuid() };

                    async Task AddThenFail()
                    {
                        await Repository.AddAsync(order, CancellationToken.None);
                        throw new SqliteException("disk full", 13);
                    }

                    {{expectation}}

                    Assert.That(await Repository.FindAsync(order.Id, CancellationToken.None), Is.Null);
                }
            """);

        Assert.Equal(fires, SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(tests)]).Of("TG0405").Count == 1);
    }

    [Fact]
    public void TG0405_leaves_a_use_case_that_only_commits_the_unit_of_work_it_is_given_to_the_unit_of_work()
    {
        const string context = """
            using Microsoft.EntityFrameworkCore;
            namespace Shop.Infrastructure;
            public interface IUnitOfWork { Task CommitAsync(CancellationToken cancellationToken); }
            public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options), IUnitOfWork
            {
                public DbSet<Order> Orders => Set<Order>();
                Task IUnitOfWork.CommitAsync(CancellationToken cancellationToken) => SaveChangesAsync(cancellationToken);
            }
            """;
        const string useCase = """
            namespace Shop.Application;
            public sealed class PlaceOrderHandler(IOrderRepository orders, Shop.Infrastructure.IUnitOfWork unitOfWork)
            {
                public async Task Handle(PlaceOrder command, CancellationToken cancellationToken)
                {
                    orders.Add(new Order { Number = command.Number });
                    await unitOfWork.CommitAsync(cancellationToken);
                }
            }
            """;
        var ownTransaction = useCase
            .Replace("Shop.Infrastructure.IUnitOfWork unitOfWork", "Shop.Infrastructure.ShopDbContext unitOfWork", StringComparison.Ordinal)
            .Replace("await unitOfWork.CommitAsync(cancellationToken);", "await using var transaction = await unitOfWork.Database.BeginTransactionAsync(cancellationToken); await unitOfWork.SaveChangesAsync(cancellationToken); await transaction.CommitAsync(cancellationToken);", StringComparison.Ordinal);

        Assert.Empty(SnippetSuite.Review([DomainSnippet, Production(context), Production(useCase, "/repo/src/Shop.Application/PlaceOrderHandler.cs")], []).Of("TG0405"));
        Assert.Single(SnippetSuite.Review([DomainSnippet, Production(context), Production(ownTransaction, "/repo/src/Shop.Application/PlaceOrderHandler.cs")], []).Of("TG0405"));
    }

    [Fact]
    public void TG0405_reads_the_state_after_a_catch_inside_the_using_block_that_owns_the_connection()
    {
        var tests = RealSqliteTests("""
                [Fact(Timeout = 10_000)]
                public async Task An_error_after_the_first_write_rolls_back_the_order()
                {
                    var order = new Order { Id = Guid.NewGuid() };
                    await using (var connection = new SqliteConnection(_connectionString))
                    {
                        try
                        {
                            await Repository.AddAsync(order, CancellationToken.None);
                        }
                        catch (SqliteException)
                        {
                        }
                    }

                    Assert.Null(await Repository.FindAsync(order.Id, CancellationToken.None));
                }
            """);

        Assert.Empty(SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(tests)]).Of("TG0405"));
        Assert.Single(SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(tests.Replace("Assert.Null(await Repository.FindAsync(order.Id, CancellationToken.None));", string.Empty, StringComparison.Ordinal))]).Of("TG0405"));
    }

    private const string TransactionalMigrator = """
        using Microsoft.Data.Sqlite;
        namespace Shop.Infrastructure;
        public sealed class SchemaMigrator(string connectionString)
        {
            public async Task<int> MigrateAsync(CancellationToken cancellationToken)
            {
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                await using var transaction = connection.BeginTransaction();
                await using var command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY); INSERT INTO schema_migrations (version) VALUES (1);";
                await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return 1;
            }
        }
        """;
    private const string TransactionalMigratorTests = """
        using Microsoft.Data.Sqlite;
        using Shop.Infrastructure;
        namespace Shop.IntegrationTests;
        public class SchemaMigratorTests
        {
            [Fact(Timeout = 10_000)]
            public async Task Migrating_an_empty_database_creates_the_schema()
            {
                var migrator = new SchemaMigrator(new SqliteConnectionStringBuilder { DataSource = "orders.db" }.ToString());
                Assert.Equal(1, await migrator.MigrateAsync(CancellationToken.None));
            }
        }
        """;

    [Fact]
    public void TG0405_is_a_note_for_a_schema_migrator_whose_migrations_are_tested_against_the_real_database()
    {
        const string production = TransactionalMigrator;
        const string tests = TransactionalMigratorTests;

        Assert.Equal(Severity.P1, Assert.Single(SnippetSuite.Review([Production(production)], []).Of("TG0405")).Severity);
        var note = Assert.Single(SnippetSuite.Review([Production(production)], [Tests(tests)]).Of("TG0405"));
        Assert.Equal(Severity.P3, note.Severity);
        Assert.Contains("a schema migrator whose migrations are tested against the real database", note.MissingOrBrokenTest);
    }

    [Fact]
    public void TG0405_reads_a_class_whose_transactions_each_change_the_schema_as_a_migrator_whatever_its_name()
    {
        static string Renamed(string code) => code.Replace("SchemaMigrator", "DatabaseInitializer", StringComparison.Ordinal).Replace("MigrateAsync", "InitializeAsync", StringComparison.Ordinal);
        var production = Renamed(TransactionalMigrator);
        var tests = Renamed(TransactionalMigratorTests);
        var dataWrites = production.Replace("CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY);", "UPDATE orders SET status = 'archived';", StringComparison.Ordinal);
        Assert.NotEqual(production, dataWrites);

        Assert.Equal(Severity.P3, Assert.Single(SnippetSuite.Review([Production(production)], [Tests(tests)]).Of("TG0405")).Severity);
        Assert.Equal(Severity.P1, Assert.Single(SnippetSuite.Review([Production(dataWrites)], [Tests(tests)]).Of("TG0405")).Severity);
    }

    [Fact]
    public void TG0405_counts_a_rollback_test_of_a_class_named_after_the_unit_of_work_that_gets_it_from_a_factory()
    {
        const string production = """
            using Microsoft.Data.Sqlite;
            namespace Shop.Infrastructure;
            public sealed class SqliteUnitOfWork
            {
                private readonly SqliteTransaction _transaction;
                private SqliteUnitOfWork(SqliteTransaction transaction) => _transaction = transaction;

                public static async Task<SqliteUnitOfWork> BeginAsync(SqliteConnection connection)
                {
                    await connection.OpenAsync();
                    return Wrap(connection.BeginTransaction());
                }

                private static SqliteUnitOfWork Wrap(SqliteTransaction transaction) => new(transaction);

                public async Task AddOrderAsync(string number)
                {
                    await using var command = _transaction.Connection!.CreateCommand();
                    command.CommandText = "INSERT INTO orders (number) VALUES ($number);";
                    await command.ExecuteNonQueryAsync();
                }

                public Task CommitAsync() => _transaction.CommitAsync();
            }
            public sealed class SqliteUnitOfWorkFactory(string connectionString)
            {
                public Task<SqliteUnitOfWork> BeginAsync() => SqliteUnitOfWork.BeginAsync(new SqliteConnection(connectionString));
            }
            """;
        const string tests = """
            using Microsoft.Data.Sqlite;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class SqliteUnitOfWorkTests
            {
                private readonly SqliteUnitOfWorkFactory _factory = new(new SqliteConnectionStringBuilder { DataSource = "orders.db" }.ToString());

                [Fact(Timeout = 10_000)]
                public async Task A_failed_write_rolls_back_the_earlier_ones()
                {
                    await using (var unitOfWork = await _factory.BeginAsync())
                    {
                        await unitOfWork.AddOrderAsync("SO-1");
                        await Assert.ThrowsAsync<SqliteException>(() => unitOfWork.AddOrderAsync(null!));
                    }

                    Assert.Equal(0, await CountAsync("orders"));
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([DomainSnippet, Production(production)], [Tests(tests)]).Of("TG0405"));

        // Named otherwise, it still exercises the unit of work it calls, through the factory it names.
        Assert.Empty(SnippetSuite.Review([DomainSnippet, Production(production)], [Tests(tests.Replace("class SqliteUnitOfWorkTests", "class PersistenceTests", StringComparison.Ordinal))]).Of("TG0405"));

        // Without the factory, a unit of work from a harness the sources do not show is not known to be this one.
        var unknownSource = tests
            .Replace("class SqliteUnitOfWorkTests", "class PersistenceTests", StringComparison.Ordinal)
            .Replace("await _factory.BeginAsync()", "await ExternalHarness.BeginAsync()", StringComparison.Ordinal)
            .Replace("private readonly SqliteUnitOfWorkFactory _factory = new(new SqliteConnectionStringBuilder { DataSource = \"orders.db\" }.ToString());", string.Empty, StringComparison.Ordinal);
        Assert.NotEmpty(SnippetSuite.Review([DomainSnippet, Production(production)], [Tests(unknownSource)]).Of("TG0405"));
    }

    [Fact]
    public void TG0405_does_not_fire_without_a_transaction_or_for_a_Kafka_style_Commit()
    {
        var production = """
            namespace Shop.Infrastructure;
            public sealed class OffsetCommitter(IConsumer consumer)
            {
                public void Done() => consumer.Commit();
            }
            public interface IConsumer { void Commit(); }
            """;

        Assert.Empty(SnippetSuite.Review([Production(production)], []).Of("TG0405"));
    }

    // ---------------------------------------------------------------- TG0406

    private const string LockingRepository = """
        using Npgsql;
        namespace Shop.Infrastructure;
        public sealed class StockRepository(NpgsqlDataSource dataSource)
        {
            public async Task<bool> ReserveAsync(string sku, CancellationToken cancellationToken)
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT quantity FROM stock WHERE sku = @sku FOR UPDATE";
                return await command.ExecuteScalarAsync(cancellationToken) is int quantity && quantity > 0;
            }
        }
        """;

    [Fact]
    public void TG0406_fires_for_FOR_UPDATE_without_a_concurrent_test()
    {
        var tests = """
            using Testcontainers.PostgreSql;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class StockRepositoryTests
            {
                [Fact(Timeout = 60_000)]
                public async Task Reserve_locks_the_row()
                {
                    await using var postgres = new PostgreSqlBuilder().Build();
                    var repository = new StockRepository(Npgsql.NpgsqlDataSource.Create(postgres.GetConnectionString()));
                    Assert.True(await repository.ReserveAsync("A", CancellationToken.None));
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([Production(LockingRepository, "/repo/src/Shop.Infrastructure/StockRepository.cs")], [Tests(tests)]).Of("TG0406"));

        Assert.Equal(Severity.P2, finding.Severity);
        Assert.Equal(SnippetSuite.LineOf(LockingRepository, "FOR UPDATE"), finding.Location?.Line);
        Assert.Contains("StockRepository.ReserveAsync", finding.MissingOrBrokenTest);
        Assert.Contains("FOR UPDATE", finding.Risk);
        Assert.Contains("Task.WhenAll(Enumerable.Range(0, 8)", finding.ExampleTestOutline);
        Assert.Contains("PostgreSqlBuilder", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0406_leaves_a_schema_migrators_transaction_mode_to_the_migration_rule()
    {
        var production = """
            using Microsoft.Data.Sqlite;
            namespace Shop.Infrastructure;
            public sealed class SchemaMigrator(string connectionString)
            {
                public async Task ApplyAsync(string script, CancellationToken cancellationToken)
                {
                    await using var connection = new SqliteConnection(connectionString);
                    await connection.OpenAsync(cancellationToken);
                    await using var begin = connection.CreateCommand();
                    begin.CommandText = "BEGIN IMMEDIATE;";
                    await begin.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([Production(production)], []).Of("TG0406"));
        Assert.Single(SnippetSuite.Review([Production(production.Replace("SchemaMigrator", "SequenceStore", StringComparison.Ordinal))], []).Of("TG0406"));
    }

    [Fact]
    public void TG0406_quotes_a_SQL_Server_table_hint_whole()
    {
        var production = """
            using Microsoft.Data.SqlClient;
            namespace Shop.Infrastructure;
            public sealed class SeatRepository(string connectionString)
            {
                public async Task<int?> TakeAsync(int seat, CancellationToken cancellationToken)
                {
                    await using var connection = new SqlConnection(connectionString);
                    await connection.OpenAsync(cancellationToken);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "SELECT Holder FROM dbo.Seats WITH (UPDLOCK, HOLDLOCK) WHERE Id = @seat";
                    return (int?)await command.ExecuteScalarAsync(cancellationToken);
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([Production(production)], []).Of("TG0406"));

        Assert.Contains("to show its lock (WITH (UPDLOCK, HOLDLOCK)) serializes them.", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void TG0406_fires_for_BEGIN_IMMEDIATE_when_no_test_exercises_it()
    {
        var production = """
            using Microsoft.Data.Sqlite;
            namespace Shop.Infrastructure;
            public sealed class SequenceStore(string connectionString)
            {
                public async Task<long> NextAsync(CancellationToken cancellationToken)
                {
                    await using var connection = new SqliteConnection(connectionString);
                    await using var begin = connection.CreateCommand();
                    begin.CommandText = "BEGIN IMMEDIATE;";
                    await begin.ExecuteNonQueryAsync(cancellationToken);
                    return 1;
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([Production(production)], []).Of("TG0406"));
        Assert.Contains("BEGIN IMMEDIATE", finding.MissingOrBrokenTest);
        Assert.Equal(SnippetSuite.LineOf(production, "BEGIN IMMEDIATE"), finding.Location?.Line);
    }

    [Theory]
    [InlineData("Concurrent_reservations_are_serialized_by_the_row_lock", false)]
    [InlineData("Second_reservation_waits_while_the_first_holds_the_row", false)]
    [InlineData("Concurrent_reservations_never_oversell", true)]
    [InlineData("Concurrent_reservations_take_no_lock", true)]
    public void TG0406_does_not_fire_for_concurrent_callers_against_the_real_engine_in_a_test_about_the_lock(string testName, bool fires)
    {
        // An outcome ("never oversell") holds as well through a conditional UPDATE or a unique key: it asserts no lock.
        var tests = $$"""
            using Testcontainers.PostgreSql;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class StockRepositoryTests
            {
                [Fact(Timeout = 60_000)]
                public async Task {{testName}}()
                {
                    await using var postgres = new PostgreSqlBuilder().Build();
                    var repository = new StockRepository(Npgsql.NpgsqlDataSource.Create(postgres.GetConnectionString()));
                    var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => repository.ReserveAsync("A", CancellationToken.None)));
                    Assert.Single(results, r => r);
                }
            }
            """;

        Assert.Equal(fires, SnippetSuite.Review([Production(LockingRepository)], [Tests(tests)]).Of("TG0406").Count == 1);
    }

    private const string ImmediateUnitOfWork = """
        using Microsoft.Data.Sqlite;
        namespace Shop.Infrastructure;
        public sealed class SqliteUnitOfWorkFactory(string connectionString)
        {
            public Task<SqliteTransaction> BeginAsync(CancellationToken cancellationToken) => BeginCoreAsync(deferred: false, cancellationToken);

            public Task<SqliteTransaction> BeginReadOnlyAsync(CancellationToken cancellationToken) => BeginCoreAsync(deferred: true, cancellationToken);

            private async Task<SqliteTransaction> BeginCoreAsync(bool deferred, CancellationToken cancellationToken)
            {
                var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                return connection.BeginTransaction(deferred);
            }
        }
        """;

    [Theory]
    [InlineData("Second_writer_gets_busy_while_the_first_holds_the_write_lock", false)]
    [InlineData("A_refunded_ticket_no_longer_blocks_its_seat", true)]
    public void TG0406_reads_a_transaction_begun_with_deferred_false_as_the_write_lock(string testName, bool fires)
    {
        var tests = $$"""
            using Microsoft.Data.Sqlite;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class UnitOfWorkTests
            {
                [Fact(Timeout = 10_000)]
                public async Task {{testName}}()
                {
                    var factory = new SqliteUnitOfWorkFactory("Data Source=shop.db");
                    await using var first = await factory.BeginAsync(CancellationToken.None);
                    await using var second = new SqliteConnection("Data Source=shop.db;Default Timeout=1");
                    await second.OpenAsync();
                    await Assert.ThrowsAsync<SqliteException>(() => factory.BeginAsync(CancellationToken.None));
                }
            }
            """;

        var findings = SnippetSuite.Review([Production(ImmediateUnitOfWork)], [Tests(tests)]).Of("TG0406");

        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            Assert.Contains("BeginCoreAsync(deferred: false) (BEGIN IMMEDIATE)", findings[0].MissingOrBrokenTest);
            Assert.Equal((SnippetSuite.LineOf(ImmediateUnitOfWork, "BeginCoreAsync(deferred: false"), "Shop.Infrastructure.SqliteUnitOfWorkFactory.BeginAsync"), (findings[0].Location!.Line, findings[0].Location.Symbol));
        }
    }

    private const string RepositoryLockingOneOfItsMethods = """
        using Npgsql;
        namespace Shop.Infrastructure;
        public sealed class StockRepository(NpgsqlDataSource dataSource)
        {
            public Task<bool> ReserveAsync(string sku, CancellationToken cancellationToken) => TakeAsync(sku, cancellationToken);

            public async Task RenameAsync(string sku, string name, CancellationToken cancellationToken)
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "UPDATE stock SET name = @name, version = version + 1 WHERE sku = @sku AND version = @version";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            private async Task<bool> TakeAsync(string sku, CancellationToken cancellationToken)
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT quantity FROM stock WHERE sku = @sku FOR UPDATE";
                return await command.ExecuteScalarAsync(cancellationToken) is int quantity && quantity > 0;
            }
        }
        """;

    [Theory]
    [InlineData("RenameAsync(\"A\", \"Blue\", CancellationToken.None)", true)]
    [InlineData("ReserveAsync(\"A\", CancellationToken.None)", false)]
    public void TG0406_needs_the_concurrent_test_to_run_a_method_that_takes_the_lock(string call, bool fires)
    {
        var tests = $$"""
            using Testcontainers.PostgreSql;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class StockRepositoryTests
            {
                [Fact(Timeout = 60_000)]
                public async Task Concurrent_updates_are_serialized_by_the_lock()
                {
                    await using var postgres = new PostgreSqlBuilder().Build();
                    var repository = new StockRepository(Npgsql.NpgsqlDataSource.Create(postgres.GetConnectionString()));
                    await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => repository.{{call}}));
                    Assert.Equal(1, await postgres.CountRowsAsync("stock"));
                }
            }
            """;

        Assert.Equal(fires, SnippetSuite.Review([Production(RepositoryLockingOneOfItsMethods)], [Tests(tests)]).Of("TG0406").Count == 1);
    }

    private const string ReservationFlow = """
        namespace Shop.Application;
        public interface IStockRepository { Task<bool> ReserveAsync(string sku, CancellationToken cancellationToken); }
        public sealed class ReservationService(IStockStoreFactory stores)
        {
            public async Task<bool> ReserveAsync(string sku, CancellationToken cancellationToken) =>
                await stores.Create().ReserveAsync(sku, cancellationToken);
        }
        public interface IStockStoreFactory { IStockRepository Create(); }
        """;

    private const string LockingRepositoryBehindAFactory = """
        using Npgsql;
        using Shop.Application;
        namespace Shop.Infrastructure;
        public sealed class StockStoreFactory(NpgsqlDataSource dataSource) : IStockStoreFactory
        {
            public IStockRepository Create() => new StockRepository(dataSource);
        }
        """;

    [Theory]
    [InlineData("await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => service.ReserveAsync(\"A\", CancellationToken.None)))", "Concurrent_reservations_are_serialized_by_the_lock", false)]
    [InlineData("new[] { await service.ReserveAsync(\"A\", CancellationToken.None) }", "Concurrent_reservations_are_serialized_by_the_lock", true)]
    [InlineData("await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => service.ReserveAsync(\"A\", CancellationToken.None)))", "Concurrent_reservations_never_oversell", true)]
    [InlineData("await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => service.ReserveAsync(\"A\", CancellationToken.None)))", "Concurrent_reservations_are_applied_exactly_once", true)]
    [InlineData("await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => service.ReserveAsync(\"A\", CancellationToken.None)))", "Reservations_are_recorded", true)]
    public void TG0406_accepts_contention_through_a_use_case_that_reaches_the_locking_repository(string act, string testName, bool fires)
    {
        Assert.Equal(fires, LockFindingsThroughAUseCase(act, testName, LockingRepositoryBehindAFactory).Count == 1);
    }

    [Fact]
    public void TG0406_follows_a_factory_that_gets_the_repository_from_a_static_method()
    {
        var staticFactory = LockingRepositoryBehindAFactory.Replace("new StockRepository(dataSource)", "StockRepository.Over(dataSource)", StringComparison.Ordinal);
        const string act = "await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => service.ReserveAsync(\"A\", CancellationToken.None)))";

        Assert.Empty(LockFindingsThroughAUseCase(act, "Concurrent_reservations_are_serialized_by_the_lock", staticFactory));
    }

    private static IReadOnlyList<Finding> LockFindingsThroughAUseCase(string act, string testName, string factory)
    {
        var tests = $$"""
            using Testcontainers.PostgreSql;
            using Shop.Application;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class ReservationServiceTests
            {
                [Fact(Timeout = 60_000)]
                public async Task {{testName}}()
                {
                    await using var postgres = new PostgreSqlBuilder().Build();
                    var service = new ReservationService(new StockStoreFactory(Npgsql.NpgsqlDataSource.Create(postgres.GetConnectionString())));
                    var results = {{act}};
                    Assert.Single(results, r => r);
                }
            }
            """;
        var production = LockingRepository.Replace(
            "public sealed class StockRepository(NpgsqlDataSource dataSource)\n{",
            "public sealed class StockRepository(NpgsqlDataSource dataSource) : Shop.Application.IStockRepository\n{\n    public static StockRepository Over(NpgsqlDataSource dataSource) => new(dataSource);",
            StringComparison.Ordinal);
        Assert.NotEqual(LockingRepository, production);

        return SnippetSuite.Review(
            [new Snippet("Shop.Application", ReservationFlow), Production(production), Production(factory)],
            [Tests(tests)]).Of("TG0406");
    }

    private const string StaticBeginUnitOfWork = """
        using Microsoft.Data.Sqlite;
        namespace Shop.Infrastructure;
        public sealed class SqliteUnitOfWork
        {
            private readonly SqliteConnection _connection;
            private SqliteUnitOfWork(SqliteConnection connection) => _connection = connection;

            public static async Task<SqliteUnitOfWork> BeginAsync(string connectionString, CancellationToken cancellationToken)
            {
                var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                await using var begin = connection.CreateCommand();
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync(cancellationToken);
                return new SqliteUnitOfWork(connection);
            }

            public async Task CommitAsync(CancellationToken cancellationToken)
            {
                await using var commit = _connection.CreateCommand();
                commit.CommandText = "COMMIT";
                await commit.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        public sealed class SqliteUnitOfWorkFactory(string connectionString)
        {
            public Task<SqliteUnitOfWork> BeginSqliteAsync(CancellationToken cancellationToken) => SqliteUnitOfWork.BeginAsync(connectionString, cancellationToken);
        }
        """;

    [Theory]
    [InlineData("A_second_writer_waits_for_the_first_to_commit", "var second = Task.Run(() => factory.BeginSqliteAsync(CancellationToken.None));\n        await Task.Delay(300);\n        Assert.False(second.IsCompleted);", false)]
    [InlineData("A_writer_that_cannot_get_the_lock_fails_with_busy", "await Assert.ThrowsAsync<SqliteException>(() => factory.BeginSqliteAsync(CancellationToken.None));", false)]
    [InlineData("A_second_writer_waits_for_the_first_to_commit", "await Task.Delay(300);", true)]
    public void TG0406_reads_a_second_unit_of_work_begun_through_the_factory_as_contention_for_the_lock(string testName, string second, bool fires)
    {
        var tests = $$"""
            using Microsoft.Data.Sqlite;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class UnitOfWorkTests
            {
                [Fact(Timeout = 10_000)]
                public async Task {{testName}}()
                {
                    var factory = new SqliteUnitOfWorkFactory(new SqliteConnectionStringBuilder { DataSource = "lock.db" }.ToString());
                    var first = await factory.BeginSqliteAsync(CancellationToken.None);

                    {{second}}

                    await first.CommitAsync(CancellationToken.None);
                }
            }
            """;

        Assert.Equal(fires, SnippetSuite.Review([Production(StaticBeginUnitOfWork)], [Tests(tests)]).Of("TG0406").Count == 1);
    }

    [Fact]
    public void TG0406_reads_SQL_built_by_concatenation_once_per_statement()
    {
        var production = """
            using Npgsql;
            namespace Shop.Infrastructure;
            public sealed class StockRepository(NpgsqlDataSource dataSource)
            {
                public async Task<object?> ReserveAsync(string sku, CancellationToken cancellationToken)
                {
                    await using var command = dataSource.CreateCommand(
                        "SELECT quantity " + "FROM stock " + ("WHERE sku = @sku " + "FOR UPDATE"));
                    var audit = "INSERT INTO audit (sku) " + "VALUES (@sku)";
                    return await command.ExecuteScalarAsync(cancellationToken);
                }
            }
            public sealed class SeatRepository(NpgsqlDataSource dataSource)
            {
                public async Task<object?> TakeAsync(int seat, CancellationToken cancellationToken)
                {
                    await using var command = dataSource.CreateCommand("SELECT holder FROM seats " + "WHERE id = @seat " + "FOR UPDATE");
                    return await command.ExecuteScalarAsync(cancellationToken);
                }
            }
            """;

        var findings = SnippetSuite.Review([Production(production)], []).Of("TG0406");

        Assert.Equal(["StockRepository.ReserveAsync", "SeatRepository.TakeAsync"], findings.Select(f => f.Location!.Symbol!.Replace("Shop.Infrastructure.", "", StringComparison.Ordinal)).OrderByDescending(s => s, StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Contains("(FOR UPDATE)", f.MissingOrBrokenTest));
    }

    [Fact]
    public void TG0406_does_not_take_an_exception_or_log_message_for_SQL()
    {
        var production = """
            using Dapper;
            using Npgsql;
            namespace Shop.Infrastructure;
            public abstract class PostgresRepository(NpgsqlConnection connection, NpgsqlTransaction? transaction)
            {
                protected NpgsqlConnection Connection { get; } = connection;
                protected CommandDefinition LockingCommand(string sql, object? parameters, CancellationToken cancellationToken)
                {
                    if (transaction is null)
                    {
                        throw new InvalidOperationException("SELECT ... FOR UPDATE needs a transaction; use a unit of work.");
                    }

                    Console.WriteLine("Taking a lock WITH (UPDLOCK) semantics");
                    return new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken);
                }
            }
            public sealed class RateRepository(NpgsqlConnection connection) : PostgresRepository(connection, null)
            {
                public Task<decimal> GetAsync(string pair, CancellationToken cancellationToken) =>
                    Connection.QuerySingleAsync<decimal>(new CommandDefinition("SELECT rate FROM rates WHERE pair = @pair", new { pair }, cancellationToken: cancellationToken));
            }
            """;

        Assert.Empty(SnippetSuite.Review([Production(production)], []).Of("TG0406"));
    }

    [Fact]
    public void TG0406_does_not_fire_without_locking_or_for_a_log_message_that_says_for_update()
    {
        var production = SqliteRepository.Replace(
            "await using var reader = await command.ExecuteReaderAsync(cancellationToken);",
            "Console.WriteLine(\"Loading the order for update\"); await using var reader = await command.ExecuteReaderAsync(cancellationToken);",
            StringComparison.Ordinal);

        Assert.Empty(SnippetSuite.Review([DomainSnippet, Production(production)], [Tests(RealSqliteTests(RoundTrip))]).Of("TG0406"));
    }

    // ---------------------------------------------------------------- TG0407

    private const string EventStore = """
        using Microsoft.Data.Sqlite;
        namespace Shop.Infrastructure;
        public sealed class SqliteProcessedEventStore(string connectionString)
        {
            public async Task<bool> TryMarkProcessedAsync(string eventId, CancellationToken cancellationToken)
            {
                await using var connection = new SqliteConnection(connectionString);
                await using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO processed_events (event_id) VALUES ($id) ON CONFLICT (event_id) DO NOTHING;";
                return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            }
        }
        """;

    private static string EventStoreTests(string body) => $$"""
        using Microsoft.Data.Sqlite;
        using Shop.Infrastructure;
        namespace Shop.IntegrationTests;
        public class SqliteProcessedEventStoreTests
        {
            private readonly SqliteProcessedEventStore _events = new(new SqliteConnectionStringBuilder { DataSource = "events.db" }.ToString());

        {{body}}
        }
        """;

    [Fact]
    public void TG0407_fires_for_ON_CONFLICT_DO_NOTHING_tested_only_once()
    {
        var tests = EventStoreTests("""
                [Fact(Timeout = 10_000)]
                public async Task TryMarkProcessed_records_a_new_event()
                {
                    Assert.True(await _events.TryMarkProcessedAsync("evt_1", CancellationToken.None));
                }
            """);

        var finding = Assert.Single(SnippetSuite.Review([Production(EventStore, "/repo/src/Shop.Infrastructure/SqliteProcessedEventStore.cs")], [Tests(tests)]).Of("TG0407"));

        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Equal(SnippetSuite.LineOf(EventStore, "public async Task<bool> TryMarkProcessedAsync"), finding.Location?.Line);
        Assert.Contains("SqliteProcessedEventStore.TryMarkProcessedAsync", finding.MissingOrBrokenTest);
        Assert.Contains("ON CONFLICT (event_id) DO NOTHING", finding.Risk);
        Assert.Contains("processed_events", finding.Risk);
        Assert.Contains("var second = await sqliteProcessedEventStore.TryMarkProcessedAsync(input, CancellationToken.None);", finding.ExampleTestOutline);
        Assert.Contains("Assert.False(second);", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0407_asks_for_the_store_repeated_itself_and_not_for_a_use_case_above_it_nor_for_a_store_named_for_idempotency()
    {
        const string useCase = """
            namespace Shop.Application;
            public sealed class PaymentEventService(Shop.Infrastructure.SqliteProcessedEventStore events)
            {
                public Task<bool> HandleAsync(string eventId, CancellationToken cancellationToken) => events.TryMarkProcessedAsync(eventId, cancellationToken);
            }
            """;
        const string useCaseTest = """
            using Microsoft.Data.Sqlite;
            using Shop.Application;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class PaymentEventServiceTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Handling_the_same_event_again_records_it_once()
                {
                    var service = ApplicationHost.PaymentEvents();
                    await service.HandleAsync("evt_1", CancellationToken.None);
                    await service.HandleAsync("evt_1", CancellationToken.None);
                    Assert.Equal(1, await CountAsync("processed_events"));
                }
            }
            """;
        var idempotencyNamedStore = EventStore.Replace("SqliteProcessedEventStore", "IdempotencyKeyStore", StringComparison.Ordinal);
        var purgeTest = EventStoreTests("""
                [Fact(Timeout = 10_000)]
                public async Task Old_keys_are_purged()
                {
                    await _events.TryMarkProcessedAsync("evt_old", CancellationToken.None);
                    await _events.TryMarkProcessedAsync("evt_new", CancellationToken.None);
                    Assert.Equal(1, await _events.PurgeAsync());
                }
            """).Replace("SqliteProcessedEventStore", "IdempotencyKeyStore", StringComparison.Ordinal);

        const string host = """
            using Microsoft.Data.Sqlite;
            using Shop.Application;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public static class ApplicationHost
            {
                public static PaymentEventService PaymentEvents() =>
                    new(new SqliteProcessedEventStore(new SqliteConnectionStringBuilder { DataSource = "events.db" }.ToString()));
            }
            """;

        Assert.Single(SnippetSuite.Review(
            [Production(EventStore), Production(useCase, "/repo/src/Shop.Application/PaymentEventService.cs")],
            [Tests(host, path: "/repo/tests/Shop.IntegrationTests/ApplicationHost.cs"), Tests(useCaseTest)]).Of("TG0407"));
        Assert.Single(SnippetSuite.Review([Production(idempotencyNamedStore)], [Tests(purgeTest)]).Of("TG0407"));
    }

    [Theory]
    [InlineData("INSERT INTO idempotency_keys (key, claim_id) VALUES ($key, $claim)", false)]
    [InlineData("INSERT INTO idempotency_keys (key, claim_id) VALUES ($key, $claim) ON CONFLICT (key) DO NOTHING", true)]
    public void TG0407_counts_a_repeated_use_case_for_a_store_whose_SQL_has_no_idempotency_clause_of_its_own(string insert, bool fires)
    {
        var production = $$"""
            using Microsoft.Data.Sqlite;
            namespace Shop.Infrastructure;
            public sealed class KeyStore(SqliteConnection connection)
            {
                public async Task SaveAsync(string key, string claim, CancellationToken cancellationToken)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = "{{insert}}";
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                public Task<string?> FindAsync(string key, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
            }
            public sealed class ClaimService(KeyStore keys)
            {
                public static ClaimService Over(SqliteConnection connection) => new(new KeyStore(connection));
                public async Task<string> SubmitAsync(string key, CancellationToken cancellationToken)
                {
                    if (await keys.FindAsync(key, cancellationToken) is { } known) return known;
                    await keys.SaveAsync(key, "claim-1", cancellationToken);
                    return "claim-1";
                }
            }
            """;
        const string tests = """
            using Microsoft.Data.Sqlite;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class ClaimSubmissionTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Submitting_twice_with_one_idempotency_key_stores_one_claim()
                {
                    await using var connection = new SqliteConnection("Data Source=claims.db");
                    var service = ClaimService.Over(connection);
                    await service.SubmitAsync("idem-1", CancellationToken.None);
                    await service.SubmitAsync("idem-1", CancellationToken.None);
                    Assert.Equal(1, await CountAsync(connection, "claims"));
                }
            }
            """;

        Assert.Equal(fires, SnippetSuite.Review([Production(production)], [Tests(tests)]).Of("TG0407").Count == 1);
    }

    [Fact]
    public void TG0407_counts_a_test_class_named_after_the_store_that_reaches_it_through_a_test_database_helper()
    {
        const string helper = """
            using Microsoft.Data.Sqlite;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public sealed class TestDatabase
            {
                private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = "events.db" }.ToString();
                public Task<bool> MarkAsync(string eventId) => new SqliteProcessedEventStore(_connectionString).TryMarkProcessedAsync(eventId, CancellationToken.None);
                public Task<long> CountAsync(string table) => Task.FromResult(0L);
            }
            """;
        const string tests = """
            namespace Shop.IntegrationTests;
            public class SqliteProcessedEventStoreTests
            {
                private readonly TestDatabase _database = new();

                [Fact(Timeout = 10_000)]
                public async Task Marking_the_same_event_twice_keeps_one_row()
                {
                    await _database.MarkAsync("evt_1");
                    await _database.MarkAsync("evt_1");
                    Assert.Equal(1, await _database.CountAsync("processed_events"));
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([Production(EventStore)], [Tests(helper, path: "/repo/tests/Shop.IntegrationTests/TestDatabase.cs"), Tests(tests)]).Of("TG0407"));
        Assert.Single(SnippetSuite.Review([Production(EventStore)], [Tests(helper, path: "/repo/tests/Shop.IntegrationTests/TestDatabase.cs"), Tests(tests.Replace("class SqliteProcessedEventStoreTests", "class PersistenceTests", StringComparison.Ordinal))]).Of("TG0407"));
    }

    [Fact]
    public void TG0407_fires_for_INSERT_OR_IGNORE_when_the_repeat_test_asserts_no_single_effect()
    {
        var production = EventStore.Replace("INSERT INTO processed_events (event_id) VALUES ($id) ON CONFLICT (event_id) DO NOTHING;", "INSERT OR IGNORE INTO inbox (message_id) VALUES ($id);", StringComparison.Ordinal)
            .Replace("TryMarkProcessedAsync", "RecordAsync", StringComparison.Ordinal);
        var tests = EventStoreTests("""
                [Fact(Timeout = 10_000)]
                public async Task Record_twice_works()
                {
                    await _events.RecordAsync("m1", CancellationToken.None);
                    await _events.RecordAsync("m1", CancellationToken.None);
                }
            """);

        var finding = Assert.Single(SnippetSuite.Review([Production(production)], [Tests(tests)]).Of("TG0407"));
        Assert.Contains("INSERT OR IGNORE", finding.Risk);
    }

    [Fact]
    public void TG0407_does_not_fire_when_a_test_repeats_the_call_and_asserts_one_effect()
    {
        var tests = EventStoreTests("""
                [Fact(Timeout = 10_000)]
                public async Task TryMarkProcessed_same_event_twice_records_it_once()
                {
                    var first = await _events.TryMarkProcessedAsync("evt_1", CancellationToken.None);
                    var second = await _events.TryMarkProcessedAsync("evt_1", CancellationToken.None);
                    Assert.True(first);
                    Assert.False(second);
                }
            """);

        Assert.Empty(SnippetSuite.Review([Production(EventStore)], [Tests(tests)]).Of("TG0407"));
    }

    [Fact]
    public void TG0407_does_not_fire_for_idempotent_DDL_or_without_a_mechanism()
    {
        Assert.Empty(ReviewWithSchema(MigratedTests(RoundTrip)).Of("TG0407"));

        // A lookup by the idempotency key reads what the mechanism stored; it is not the mechanism.
        var lookup = SqliteRepository.Replace(
            "public async Task UpdateAsync(",
            "public Task<Order?> FindByIdempotencyKeyAsync(string key, CancellationToken cancellationToken) => Task.FromResult<Order?>(null);\n    public async Task UpdateAsync(",
            StringComparison.Ordinal);
        Assert.NotEqual(SqliteRepository, lookup);
        Assert.Empty(SnippetSuite.Review([DomainSnippet, Production(lookup)], [Tests(RealSqliteTests(RoundTrip))]).Of("TG0407"));
        var recorder = lookup.Replace("FindByIdempotencyKeyAsync", "RecordIdempotencyKeyAsync", StringComparison.Ordinal);
        Assert.Single(SnippetSuite.Review([DomainSnippet, Production(recorder)], [Tests(RealSqliteTests(RoundTrip))]).Of("TG0407"));
        var ddl = SchemaCode.Replace("CREATE TABLE orders (", "CREATE TABLE IF NOT EXISTS orders (", StringComparison.Ordinal);
        Assert.Empty(SnippetSuite.Review([Production(ddl, SchemaPath)], []).Of("TG0407"));
    }

    // ---------------------------------------------------------------- TG0408

    [Fact]
    public void TG0408_fires_for_a_migrator_no_integration_test_applies()
    {
        var finding = Assert.Single(ReviewWithSchema(RealSqliteTests(RoundTrip)).Of("TG0408"));

        Assert.Equal(Severity.P2, finding.Severity);
        Assert.Equal(SchemaPath, finding.Location?.Path);
        Assert.Equal(SnippetSuite.LineOf(SchemaCode, "public sealed class SchemaMigrator"), finding.Location?.Line);
        Assert.Contains("SchemaMigrator", finding.MissingOrBrokenTest);
        Assert.Contains("CREATE TABLE orders", finding.MissingOrBrokenTest);
        Assert.Contains("second time", finding.Risk);
        Assert.Contains("await schemaMigrator.MigrateAsync(CancellationToken.None); // a second run", finding.ExampleTestOutline);
        Assert.Contains("new SchemaMigrator(new SqliteConnectionFactory(connectionString))", finding.ExampleTestOutline);
    }

    private const string EfStartup = """
        using Microsoft.EntityFrameworkCore;
        namespace Shop.Infrastructure;
        public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options);
        public static class DatabaseStartup
        {
            public static void Apply(ShopDbContext context) => context.Database.Migrate();
        }
        """;

    [Fact]
    public void TG0408_fires_for_EF_migrations_when_tests_only_call_EnsureCreated()
    {
        var production = EfStartup + """
            public sealed class AppStartup(ShopDbContext context)
            {
                public void Run() => context.Database.Migrate();
            }
            """;
        var tests = """
            using Microsoft.EntityFrameworkCore;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class SchemaTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Schema_is_created()
                {
                    await using var context = new ShopDbContext(new DbContextOptionsBuilder<ShopDbContext>().UseSqlite("Data Source=:memory:").Options);
                    Assert.True(await context.Database.EnsureCreatedAsync());
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([Production(production)], [Tests(tests)]).Of("TG0408"));
        Assert.Contains("EnsureCreated does not count", finding.MissingOrBrokenTest);
        Assert.Contains("DatabaseStartup", finding.MissingOrBrokenTest);
        Assert.Equal(SnippetSuite.LineOf(production, "public static void Apply"), finding.Location?.Line);
        Assert.Contains("await context.Database.MigrateAsync(); // a second run must apply nothing", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0408_outline_runs_on_the_provider_Program_configures()
    {
        var production = EfStartup;
        var program = """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDbContext<ShopDbContext>(o => o.UseNpgsql(builder.Configuration.GetConnectionString("Shop")));
            var app = builder.Build();
            app.Run();
            """;

        var finding = Assert.Single(SnippetSuite.Review([Production(production), Production(program, "/repo/src/Shop.Infrastructure/Program.cs")], [Tests(RoundTrip)]).Of("TG0408"));

        Assert.Contains("new PostgreSqlBuilder()", finding.ExampleTestOutline);
        Assert.Contains(".UseNpgsql(connectionString)", finding.ExampleTestOutline);
        Assert.DoesNotContain("UseSqlite", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0408_does_not_fire_when_a_test_runs_the_migrations_through_a_production_extension_method()
    {
        var production = """
            using Microsoft.EntityFrameworkCore;
            namespace Shop.Infrastructure;
            public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options);
            public static class DependencyInjection
            {
                public static async Task ApplyMigrationsAsync(this IServiceProvider services, CancellationToken ct)
                {
                    await using var scope = services.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database.MigrateAsync(ct);
                }
            }
            """;
        var tests = """
            using Microsoft.Data.Sqlite;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class MigrationTests
            {
                [Fact(Timeout = 30_000)]
                public async Task Migrations_apply_twice()
                {
                    await using var connection = new SqliteConnection("Data Source=:memory:");
                    await using var services = new ServiceCollection().AddDbContext<ShopDbContext>(o => o.UseSqlite(connection)).BuildServiceProvider();
                    await services.ApplyMigrationsAsync(CancellationToken.None);
                    await services.ApplyMigrationsAsync(CancellationToken.None);
                }
            }
            """;
        var verifiesOnly = tests.Replace("await services.ApplyMigrationsAsync(CancellationToken.None);", "startup.DidNotReceive().ApplyMigrationsAsync(default!, default);", StringComparison.Ordinal);

        Assert.Empty(SnippetSuite.Review([Production(production)], [Tests(tests)]).Of("TG0408"));
        Assert.Single(SnippetSuite.Review([Production(production)], [Tests(verifiesOnly)]).Of("TG0408"));
    }

    /// <summary>A test-project helper that creates a SQLite database and migrates it with <paramref name="migrator"/>.</summary>
    private static string MigratingTestDatabase(string migrator) => $$"""
        using Microsoft.Data.Sqlite;
        using Shop.Infrastructure;
        namespace Shop.IntegrationTests.Support;
        internal static class TestDatabase
        {
            public static async Task<string> CreateMigratedAsync()
            {
                var connectionString = new SqliteConnectionStringBuilder { DataSource = "t.db" }.ToString();
                await {{migrator}}.MigrateAsync(CancellationToken.None);
                return connectionString;
            }
        }
        """;

    [Fact]
    public void TG0405_a_migrator_every_database_test_runs_through_the_test_database_is_a_note()
    {
        const string migrator = """
            using Microsoft.Data.Sqlite;
            namespace Shop.Infrastructure;
            public sealed class TransactionalMigrator(string connectionString)
            {
                public async Task MigrateAsync(CancellationToken cancellationToken)
                {
                    await using var connection = new SqliteConnection(connectionString);
                    await connection.OpenAsync(cancellationToken);
                    await using var transaction = connection.BeginTransaction();
                    await using var command = connection.CreateCommand();
                    command.CommandText = "CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, number TEXT NOT NULL); CREATE TABLE IF NOT EXISTS order_lines (order_id TEXT NOT NULL, sku TEXT NOT NULL);";
                    await command.ExecuteNonQueryAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
            }
            """;
        var support = MigratingTestDatabase("new TransactionalMigrator(connectionString)");
        const string tests = """
            using Microsoft.Data.Sqlite;
            using Shop.IntegrationTests.Support;
            namespace Shop.IntegrationTests;
            public class OrderTableTests
            {
                [Fact(Timeout = 10_000)]
                public async Task An_order_can_be_stored()
                {
                    await using var connection = new SqliteConnection(await TestDatabase.CreateMigratedAsync());
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    command.CommandText = "INSERT INTO orders (id, number) VALUES ('o-1', 'A-1')";
                    Assert.Equal(1, await command.ExecuteNonQueryAsync());
                }
            }
            """;

        var findings = SnippetSuite.Review(
            [Production(migrator)],
            [Tests(support, path: "/repo/tests/Shop.IntegrationTests/Support/TestDatabase.cs"), Tests(tests)]);

        var rollback = Assert.Single(findings.Of("TG0405"));
        Assert.Equal("Shop.Infrastructure.TransactionalMigrator.MigrateAsync", rollback.Location?.Symbol);
        Assert.Equal(Severity.P3, rollback.Severity);
        Assert.Single(findings.Of("TG0408"));
    }

    [Theory]
    [InlineData("Migrating_an_empty_database_lets_the_repository_read", false)]
    [InlineData("Find_unknown_returns_null", true)]
    [InlineData("The_schema_is_applied_to_an_empty_database", false)]
    [InlineData("The_order_number_is_unique_in_the_schema", true)]
    public void TG0408_a_test_helper_applying_the_migrator_counts_for_a_test_about_the_migrations_not_for_set_up(string name, bool fires)
    {
        var support = MigratingTestDatabase("new SchemaMigrator(new SqliteConnectionFactory(connectionString))");
        var tests = $$"""
            using Shop.IntegrationTests.Support;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class OrderTests
            {
                [Fact(Timeout = 10_000)]
                public async Task {{name}}()
                {
                    var repository = new SqliteOrderRepository(await TestDatabase.CreateMigratedAsync());
                    Assert.Null(await repository.FindAsync(Guid.Empty, CancellationToken.None));
                }
            }
            """;

        var findings = SnippetSuite.Review(
            [DomainSnippet, Production(SqliteRepository), Production(SchemaCode, SchemaPath)],
            [Tests(support, path: "/repo/tests/Shop.IntegrationTests/Support/TestDatabase.cs"), Tests(tests)]);

        Assert.Equal(fires, findings.Of("TG0408").Count == 1);
        Assert.Empty(findings.Of("TG0401"));
    }

    [Fact]
    public void TG0408_does_not_fire_when_a_test_applies_EF_migrations_or_without_migrations()
    {
        var production = """
            using Microsoft.EntityFrameworkCore;
            namespace Shop.Infrastructure;
            public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options);
            public sealed class AppStartup(ShopDbContext context)
            {
                public void Run() => context.Database.Migrate();
            }
            """;
        var tests = """
            using Microsoft.EntityFrameworkCore;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            public class SchemaTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Migrations_apply()
                {
                    await using var context = new ShopDbContext(new DbContextOptionsBuilder<ShopDbContext>().UseSqlite("Data Source=:memory:").Options);
                    await context.Database.MigrateAsync();
                    Assert.Empty(await context.Database.GetPendingMigrationsAsync());
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([Production(production)], [Tests(tests)]).Of("TG0408"));
        Assert.Empty(SnippetSuite.Review([DomainSnippet, Production(SqliteRepository)], [Tests(RealSqliteTests(RoundTrip))]).Of("TG0408"));
    }

    [Theory]
    [InlineData("TestInitialize", "public async Task CreateAsync()")]
    [InlineData("ClassInitialize", "public static async Task CreateAsync(TestContext context)")]
    [InlineData("SetUp", "public async Task PrepareDatabase()")]
    public void TG0408_does_not_fire_when_a_set_up_method_of_any_name_applies_EF_migrations(string attribute, string signature)
    {
        var production = """
            using Microsoft.EntityFrameworkCore;
            namespace Shop.Infrastructure;
            public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options);
            public sealed class AppStartup(ShopDbContext context)
            {
                public void Run() => context.Database.Migrate();
            }
            """;
        var tests = $$"""
            using Microsoft.Data.Sqlite;
            using Microsoft.EntityFrameworkCore;
            using Shop.Infrastructure;
            namespace Shop.IntegrationTests;
            [TestClass]
            public class SchemaTests
            {
                private static ShopDbContext _context = null!;

                [{{attribute}}]
                {{signature}}
                {
                    var connection = new SqliteConnection("DataSource=:memory:");
                    await connection.OpenAsync();
                    _context = new ShopDbContext(new DbContextOptionsBuilder<ShopDbContext>().UseSqlite(connection).Options);
                    await _context.Database.MigrateAsync();
                }

                [TestMethod, Timeout(10_000)]
                public async Task Schema_is_current() => Assert.IsFalse((await _context.Database.GetPendingMigrationsAsync()).Any());
            }
            """;

        Assert.Empty(SnippetSuite.Review([Production(production)], [Tests(tests)]).Of("TG0408"));
    }

    // ---------------------------------------------------------------- determinism

    [Fact]
    public void Database_findings_are_deterministic()
    {
        string Run() => string.Join("\n", ReviewWithSchema(RealSqliteTests(RoundTrip)).Select(f => $"{f.RuleId}|{f.Location}|{f.MissingOrBrokenTest}|{f.Risk}|{f.ExampleTestOutline}"));

        Assert.Equal(Run(), Run());
    }
}
