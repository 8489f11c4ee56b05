using TestGate.Core.Model;
using TestGate.Core.Rules;

namespace TestGate.Rules.Tests;

/// <summary>TG0101–TG0106 over small source snippets, including the traps real suites set.</summary>
public class PyramidRulesTests
{
    private const string Domain = """
        namespace Shop.Domain;
        public sealed class Order
        {
            public void Cancel(string reason) { if (reason.Length == 0) throw new InvalidOperationException(); }
        }
        public sealed class Money
        {
            public Money Add(Money other) => this;
        }
        """;

    private static Snippet Tests(string project, string className, int count, string attribute = "[Fact]", string body = "Assert.True(true);") =>
        new(project, $"namespace {project};\npublic class {className}\n{{\n"
            + string.Join("\n", Enumerable.Range(1, count).Select(i => $"    {attribute}\n    public void Case{i}()\n    {{\n        {body}\n    }}\n"))
            + "}\n");

    // ------------------------------------------------------------------ TG0101 pyramid-inverted

    [Fact]
    public void TG0101_fires_when_unit_tests_are_a_minority_at_the_largest_non_unit_project()
    {
        var findings = SnippetSuite.Review(
            [new Snippet("Shop.Domain", Domain)],
            [
                Tests("Shop.UnitTests", "MoneyTests", 3, body: MoneyBody),
                Tests("Shop.IntegrationTests", "OrderRepositoryTests", 6, body: "Assert.NotNull(new Order());"),
                Tests("Shop.E2ETests", "CheckoutTests", 2),
            ]).Of("TG0101");

        var finding = Assert.Single(findings);
        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Contains("3 of 11 classified test methods (27%)", finding.MissingOrBrokenTest);
        Assert.Contains("6 integration, 0 application and 2 E2E", finding.MissingOrBrokenTest);
        Assert.Contains("Shop.IntegrationTests, alone has 6", finding.MissingOrBrokenTest);
        Assert.Contains("Domain type Order has no unit test", finding.MissingOrBrokenTest);
        Assert.Contains("Shop.IntegrationTests", finding.Risk);
        Assert.Equal("Unit", finding.RecommendedTestType);
        Assert.Contains("public class OrderTests", finding.ExampleTestOutline);
        Assert.Contains("order.Cancel(", finding.ExampleTestOutline);
        Assert.Equal("/repo/tests/Shop.IntegrationTests/File1.cs", finding.Location!.Path);
        Assert.Equal("Shop.IntegrationTests.OrderRepositoryTests.Case1", finding.Location.Symbol);
    }

    [Fact]
    public void TG0101_does_not_say_mostly_one_project_when_no_project_outnumbers_the_unit_tests()
    {
        var findings = SnippetSuite.Review(
            [new Snippet("Shop.Domain", Domain)],
            [
                Tests("Shop.UnitTests", "OrderTests", 6),
                Tests("Shop.IntegrationTests", "OrderRepositoryTests", 3),
                Tests("Shop.ApplicationTests", "PlaceOrderTests", 4, "[Fact(Timeout = 10_000)]"),
            ]).Of("TG0101");

        var finding = Assert.Single(findings);
        Assert.Contains("6 of 13 classified test methods (46%)", finding.MissingOrBrokenTest);
        Assert.StartsWith("More of the logic is checked through higher-level tests (7) than through unit tests (6)", finding.Risk);
        Assert.DoesNotContain("mostly", finding.Risk);
    }

    [Fact]
    public void TG0101_fires_on_a_tie_because_a_majority_is_more_than_half()
    {
        var findings = SnippetSuite.Review(
            [new Snippet("Shop.Domain", Domain)],
            [Tests("Shop.UnitTests", "OrderTests", 5), Tests("Shop.ApplicationTests", "PlaceOrderTests", 5, "[Fact(Timeout = 10_000)]")]).Of("TG0101");

        var finding = Assert.Single(findings);
        Assert.Contains("5 of 10 classified test methods (50%)", finding.MissingOrBrokenTest);
        Assert.Contains("Shop.ApplicationTests", finding.MissingOrBrokenTest);
        Assert.StartsWith("As much of the logic is checked through higher-level tests (5) as through unit tests (5)", finding.Risk);
    }

    [Fact]
    public void TG0101_passes_a_suite_whose_unit_tests_are_the_majority()
    {
        var findings = SnippetSuite.Review(
            [new Snippet("Shop.Domain", Domain)],
            [Tests("Shop.UnitTests", "OrderTests", 6), Tests("Shop.IntegrationTests", "OrderRepositoryTests", 5)]).Of("TG0101");

        Assert.Empty(findings);
    }

    [Fact]
    public void TG0101_says_nothing_below_ten_classified_tests()
    {
        var small = SnippetSuite.Review(
            [new Snippet("Shop.Domain", Domain)],
            [Tests("Shop.UnitTests", "OrderTests", 2), Tests("Shop.IntegrationTests", "OrderRepositoryTests", 7)]).Of("TG0101");

        Assert.Empty(small);
    }

    // ------------------------------------------------------------------ classification by behaviour

    private const string MoneyBody = "Assert.NotNull(new Money().Add(new Money()));";

    private const string SqliteBody = "using var connection = new SqliteConnection(\"Data Source=:memory:\"); connection.Open();";

    private static readonly Snippet ProgramHostTests = new("Shop.Tests", """
        namespace Shop.Tests;
        public class ApiFactory : WebApplicationFactory<Program> { }
        public class CheckoutTests : IClassFixture<ApiFactory>
        {
            private readonly ApiFactory _factory;
            public CheckoutTests(ApiFactory factory) => _factory = factory;

            [Fact(Timeout = 10_000)]
            public async Task Places_an_order() => Assert.NotNull(await _factory.CreateClient().GetAsync("/orders"));
        }
        """);

    [Fact]
    public void Tests_no_name_classifies_get_the_kind_of_what_they_touch()
    {
        var suite = SnippetSuite.Build(
            [new Snippet("Shop.Domain", Domain)],
            [
                Tests("Shop.Tests", "MoneyTests", 3, body: MoneyBody),
                Tests("Shop.Tests", "OrderStoreTests", 2, body: SqliteBody),
                Tests("Shop.Tests", "SocketTests", 1, body: "using var client = new TcpClient(\"localhost\", 80);"),
                Tests("Shop.Tests", "HostTests", 1, body: "using var host = Host.CreateDefaultBuilder().Build();"),
                Tests("Shop.Tests", "RegistrationTests", 1, body: "var provider = new ServiceCollection().BuildServiceProvider();"),
                ProgramHostTests,
            ]);

        var kinds = suite.Tests.ToLookup(t => t.Method.ClassName, t => t.Method);
        Assert.All(kinds["Shop.Tests.MoneyTests"], t => Assert.Equal(TestKind.Unit, t.Kind));
        Assert.All(kinds["Shop.Tests.OrderStoreTests"], t => Assert.Equal(TestKind.Integration, t.Kind));
        Assert.Equal(TestKind.Integration, Assert.Single(kinds["Shop.Tests.SocketTests"]).Kind);
        Assert.Equal(TestKind.Integration, Assert.Single(kinds["Shop.Tests.HostTests"]).Kind);
        // A DI container alone is common in unit tests: it proves nothing.
        Assert.Equal(TestKind.Unit, Assert.Single(kinds["Shop.Tests.RegistrationTests"]).Kind);
        Assert.Equal(TestKind.E2E, Assert.Single(kinds["Shop.Tests.CheckoutTests"]).Kind);
        Assert.All(suite.Tests, t => Assert.True(t.Method.KindInferred));
        Assert.Equal(new TestCounts(Unit: 4, Integration: 4, Application: 0, E2E: 1, Unclassified: 0), TestCounts.From(suite.Tests.Select(t => t.Method)));
    }

    private static readonly Snippet TestProjectTypes = new("Shop.Tests", """
        namespace Shop.Tests;
        public static class TestData
        {
            public static async Task<IAsyncDisposable> OpenDatabaseAsync()
            {
                var connection = new SqliteConnection("Data Source=shop.db");
                await connection.OpenAsync();
                return connection;
            }

            public static Money Price() => new();
        }
        public class ApiFactory : WebApplicationFactory<Program> { }
        public abstract class ApiTestBase
        {
            protected ApiTestBase() => Client = new ApiFactory().CreateClient();
            protected HttpClient Client { get; }
        }
        """);

    [Theory]
    [InlineData("await using var db = await TestData.OpenDatabaseAsync(); Assert.NotNull(db);", "", TestKind.Integration)]
    [InlineData("Assert.NotNull(await Client.GetAsync(\"/orders\"));", " : ApiTestBase", TestKind.E2E)]
    [InlineData("Assert.NotNull(TestData.Price().Add(new Money()));", "", TestKind.Unit)]
    public void Tests_get_the_kind_of_what_they_reach_through_the_test_project_types_they_use(string body, string baseClass, TestKind expected)
    {
        var tests = new Snippet("Shop.Tests", $$"""
            namespace Shop.Tests;
            public class OrderTests{{baseClass}}
            {
                [Fact(Timeout = 10_000)]
                public async Task Case() { {{body}} }
            }
            """);

        var suite = SnippetSuite.Build([new Snippet("Shop.Domain", Domain)], [TestProjectTypes, tests]);

        var test = Assert.Single(suite.Tests);
        Assert.Equal((expected, true), (test.Method.Kind, test.Method.KindInferred));
    }

    [Theory]
    [InlineData("using var client = new WebApplicationFactory<Program>().CreateClient(); using var connection = new SqliteConnection(\"Data Source=:memory:\");", TestKind.E2E)]
    [InlineData("var options = new DbContextOptionsBuilder<ShopContext>().UseInMemoryDatabase(\"orders\").Options;", TestKind.Unit)]
    [InlineData("var gateway = new Mock<IPaymentGateway>(); using var client = new HttpClient(new StubHandler());", TestKind.Unit)]
    [InlineData("var options = new DbContextOptionsBuilder<ShopContext>().UseNpgsql(\"Host=db\").Options;", TestKind.Integration)]
    public void The_application_host_outranks_a_database_and_in_memory_stand_ins_are_not_one(string body, TestKind expected)
    {
        var suite = SnippetSuite.Build([new Snippet("Shop.Domain", Domain)], [Tests("Shop.Tests", "MixedTests", 1, body: body)]);

        Assert.Equal(expected, Assert.Single(suite.Tests).Method.Kind);
    }

    [Fact]
    public void Declared_kinds_win_over_behaviour_and_only_declared_unit_tests_are_held_to_the_unit_rules()
    {
        var suite = SnippetSuite.Build(
            [new Snippet("Shop.Domain", Domain)],
            [Tests("Shop.UnitTests", "OrderStoreTests", 1, body: SqliteBody), Tests("Shop.Tests", "OrderStoreTests", 1, body: SqliteBody)]);
        var findings = StructuralRules.Evaluate(suite);

        var kinds = suite.Tests.ToDictionary(t => t.Method.Project, t => t.Method);
        Assert.Equal((TestKind.Unit, false), (kinds["Shop.UnitTests"].Kind, kinds["Shop.UnitTests"].KindInferred));
        Assert.Equal((TestKind.Integration, true), (kinds["Shop.Tests"].Kind, kinds["Shop.Tests"].KindInferred));
        var finding = Assert.Single(findings.Of("TG0102"));
        Assert.Contains("Shop.UnitTests", finding.Location!.Symbol);
    }

    [Fact]
    public void TG0101_fires_on_a_generically_named_project_whose_tests_mostly_open_a_database_and_says_how_they_were_classified()
    {
        var findings = SnippetSuite.Review(
            [new Snippet("Shop.Domain", Domain)],
            [
                Tests("Shop.Tests", "MoneyTests", 3, body: MoneyBody),
                Tests("Shop.Tests", "OrderStoreTests", 8, body: SqliteBody),
            ]).Of("TG0101");
        var balanced = SnippetSuite.Review(
            [new Snippet("Shop.Domain", Domain)],
            [
                Tests("Shop.Tests", "MoneyTests", 30, body: MoneyBody),
                Tests("Shop.Tests", "OrderStoreTests", 8, body: SqliteBody),
            ]).Of("TG0101");

        var finding = Assert.Single(findings);
        Assert.Contains("3 of 11 classified test methods (27%) against 8 integration", finding.MissingOrBrokenTest);
        Assert.Contains("11 were classified by what they touch", finding.MissingOrBrokenTest);
        Assert.Empty(balanced);
    }

    // ------------------------------------------------------------------ TG0102 unit-test-uses-database

    [Theory]
    [InlineData("await new SchemaMigrator(connections).MigrateAsync(CancellationToken.None);", "Data Source=file:claims?mode=memory&cache=shared", true)]
    [InlineData("Assert.Equal(1, await connections.ScalarAsync(\"SELECT COUNT(*) FROM claims\"));", "Filename=claims.db", true)]
    [InlineData("Assert.Equal(\"SELECT COUNT(*) FROM claims\", ClaimQueries.Count);", "not a connection string", false)]
    [InlineData("Assert.Equal(\"claims.db\", connections.FileName);", "Data Source=claims.db", false)]
    [InlineData("Assert.Equal(\"SELECT COUNT(*) FROM claims\", ClaimQueries.Count);\n        var text = \"Data Source=claims.db\";", "not a connection string", false)]
    public void TG0102_fires_on_the_solutions_own_data_access_given_a_connection_string_and_SQL_or_a_migration(string use, string connectionString, bool fires)
    {
        var tests = $$"""
            namespace Claims.UnitTests;
            public class ClaimServiceTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Submitting_twice_returns_the_first_claim()
                {
                    var connections = new SqliteConnectionFactory("{{connectionString}}");
                    {{use}}
                }
            }
            """;

        var findings = SnippetSuite.Review([], [new Snippet("Claims.UnitTests", tests)]).Of("TG0102");

        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            Assert.Contains("a real database by its connection string", findings[0].MissingOrBrokenTest);
            Assert.Equal(SnippetSuite.LineOf(tests, connectionString), findings[0].Location!.Line);
        }
    }

    [Fact]
    public void TG0102_does_not_read_a_test_cases_data_as_a_connection_string()
    {
        const string tests = """
            namespace Claims.UnitTests;
            public class ConnectionSettingsTests
            {
                [Theory]
                [InlineData("Data Source=claims.db", "SELECT COUNT(*) FROM claims")]
                public void Settings_keep_the_text(string connectionString, string query) =>
                    Assert.Equal(connectionString, new ConnectionSettings(connectionString, query).ConnectionString);
            }
            """;

        Assert.Empty(SnippetSuite.Review([], [new Snippet("Claims.UnitTests", tests)]).Of("TG0102"));
    }

    [Fact]
    public void TG0102_fires_on_a_real_SQLite_connection_in_a_unit_test_at_the_connection_line()
    {
        const string tests = """
            using Microsoft.Data.Sqlite;
            namespace Shop.UnitTests;
            public class OrderRepositoryTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Saves_the_order()
                {
                    await using var connection = new SqliteConnection("Data Source=:memory:");
                    await connection.OpenAsync();
                    var repository = new SqliteOrderRepository(connection);

                    await repository.AddAsync(new Order(), CancellationToken.None);
                }
            }
            """;
        const string production = """
            namespace Shop.Infrastructure;
            public sealed class SqliteOrderRepository
            {
                public async Task AddAsync(Order order, CancellationToken cancellationToken) => await Task.Yield();
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Infrastructure", production)], [new Snippet("Shop.UnitTests", tests)]).Of("TG0102"));

        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Contains("Unit test OrderRepositoryTests.Saves_the_order uses a real database", finding.MissingOrBrokenTest);
        Assert.Contains("a real SQLite connection (`new SqliteConnection(\"Data Source=:memory:\")`", finding.MissingOrBrokenTest);
        Assert.Contains("project Shop.UnitTests", finding.Risk);
        Assert.Contains("SqliteOrderRepository", finding.Risk);
        Assert.Equal("Integration", finding.RecommendedTestType);
        Assert.Contains("[Trait(\"Category\", \"Integration\")]", finding.ExampleTestOutline);
        Assert.Equal(SnippetSuite.LineOf(tests, "new SqliteConnection"), finding.Location!.Line);
    }

    private static string VehicleTestClass(string className, int pureTests, int databaseTests)
    {
        var pure = Enumerable.Range(0, pureTests).Select(i => $$"""
                [Fact]
                public void Rule_{{i}}_holds() => Assert.Equal("AB-{{i}}", new Vehicle("AB-{{i}}").Plate);
            """);
        var database = Enumerable.Range(0, databaseTests).Select(i => $$"""
                [Fact]
                public void Plate_change_{{i}}_survives_a_reload()
                {
                    using var connection = new SqliteConnection("Data Source=:memory:");
                    connection.Open();
                    var vehicle = new Vehicle("AB-1");
                    Assert.Equal("AB-1", vehicle.Plate);
                }
            """);
        return $$"""
            using Microsoft.Data.Sqlite;
            namespace Fleet.Core.Tests;
            public class {{className}}
            {
            {{string.Join("\n", pure.Concat(database))}}
            }
            """;
    }

    [Theory]
    [InlineData("VehicleTests", 3, 1, true)]
    [InlineData("VehicleTests", 2, 2, false)]
    [InlineData("VehicleRepositoryTests", 3, 1, false)]
    [InlineData("VehicleTests", 1, 1, false)]
    public void TG0102_fires_on_a_database_test_among_unit_tests_of_a_generically_named_project(string className, int pureTests, int databaseTests, bool fires)
    {
        const string production = "namespace Fleet.Core; public sealed class Vehicle(string plate) { public string Plate { get; } = plate; }";

        var findings = SnippetSuite.Review([new Snippet("Fleet.Core", production)], [new Snippet("Fleet.Core.Tests", VehicleTestClass(className, pureTests, databaseTests))]).Of("TG0102");

        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            Assert.Contains("Plate_change_0_survives_a_reload", findings[0].MissingOrBrokenTest);
        }
    }

    [Theory]
    [InlineData("TG0103", "using var http = new HttpClient { BaseAddress = new Uri(\"https://geocoder.example.org/\") };\n        Assert.NotNull(await http.GetStringAsync(\"search?q=Rotterdam\"));", 3, true)]
    [InlineData("TG0104", "var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();\n        using var host = builder.Build();\n        Assert.NotNull(host.Services);", 3, true)]
    [InlineData("TG0103", "using var http = new HttpClient { BaseAddress = new Uri(\"https://geocoder.example.org/\") };\n        Assert.NotNull(await http.GetStringAsync(\"search?q=Rotterdam\"));", 1, false)]
    public void TG0103_and_TG0104_fire_on_a_network_or_host_test_among_unit_tests_of_a_generically_named_project(string rule, string body, int pureTests, bool fires)
    {
        const string production = "namespace Fleet.Core; public sealed class Vehicle(string plate) { public string Plate { get; } = plate; }";
        var pure = Enumerable.Range(0, pureTests).Select(i => $$"""
                [Fact]
                public void Rule_{{i}}_holds() => Assert.Equal("AB-{{i}}", new Vehicle("AB-{{i}}").Plate);
            """);
        var tests = $$"""
            namespace Fleet.Core.Tests;
            public class VehicleTests
            {
            {{string.Join("\n", pure)}}
                [Fact(Timeout = 10_000)]
                public async Task Uses_infrastructure()
                {
                    await Task.Yield();
                    {{body}}
                }
            }
            """;

        var findings = SnippetSuite.Review([new Snippet("Fleet.Core", production)], [new Snippet("Fleet.Core.Tests", tests)]).Of(rule);

        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            Assert.Contains("Uses_infrastructure", findings[0].MissingOrBrokenTest);
        }
    }

    private const string ConnectionFactoryAndMigrator = """
        using Microsoft.Data.Sqlite;
        namespace Billing.Data;
        public sealed class SqliteConnectionFactory(string connectionString)
        {
            public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
            {
                var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(ct);
                return connection;
            }
        }
        public sealed class DatabaseMigrator(SqliteConnectionFactory connections)
        {
            public async Task MigrateAsync(CancellationToken ct)
            {
                await using var connection = await connections.OpenAsync(ct);
                await using var command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE IF NOT EXISTS invoices (id TEXT PRIMARY KEY, total INTEGER NOT NULL);";
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        public sealed class InvoiceRepository(SqliteConnectionFactory connections)
        {
            public async Task<long> CountAsync(CancellationToken ct)
            {
                await using var connection = await connections.OpenAsync(ct);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM invoices;";
                return (long)(await command.ExecuteScalarAsync(ct))!;
            }
        }
        """;

    private const string TestDatabaseHelper = """
        using Billing.Data;
        namespace Billing.Tests.Support;
        public sealed class SqliteTestDatabase
        {
            public SqliteTestDatabase() => Connections = new SqliteConnectionFactory($"Data Source={Path.GetTempFileName()}");
            public SqliteConnectionFactory Connections { get; }
            public Task InitializeAsync() => new DatabaseMigrator(Connections).MigrateAsync(CancellationToken.None);
        }
        """;

    [Theory]
    [InlineData("Billing.UnitTests", true, true)]
    [InlineData("Billing.UnitTests", false, false)]
    [InlineData("Billing.IntegrationTests", true, false)]
    public void TG0102_fires_on_a_unit_test_that_gets_a_migrated_real_database_from_a_test_helper(string project, bool usesHelper, bool fires)
    {
        var body = usesHelper
            ? """
                    var db = new SqliteTestDatabase();
                    await db.InitializeAsync();
                    Assert.Equal(0, await new InvoiceRepository(db.Connections).CountAsync(CancellationToken.None));
            """
            : """
                    var invoices = new List<string>();
                    await Task.Yield();
                    Assert.Empty(invoices);
            """;
        var tests = $$"""
            using Billing.Data;
            using Billing.Tests.Support;
            namespace {{project}};
            public class InvoiceTests
            {
                [Fact(Timeout = 10_000)]
                public async Task A_new_database_has_no_invoices()
                {
            {{body}}
                }
            }
            """;

        var findings = SnippetSuite.Review(
            [new Snippet("Billing.Data", ConnectionFactoryAndMigrator)],
            [new Snippet(project, TestDatabaseHelper, $"/repo/tests/{project}/Support/SqliteTestDatabase.cs"), new Snippet(project, tests, $"/repo/tests/{project}/InvoiceTests.cs")]).Of("TG0102");

        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            Assert.Contains("Unit test InvoiceTests.A_new_database_has_no_invoices uses a real database: a real, migrated database from the test helper SqliteTestDatabase", findings[0].MissingOrBrokenTest);
            Assert.Equal(($"/repo/tests/{project}/InvoiceTests.cs", SnippetSuite.LineOf(tests, "public async Task A_new_database")), (findings[0].Location!.Path, findings[0].Location!.Line));
        }
    }

    [Fact]
    public void TG0102_fires_once_per_class_when_the_constructor_configures_a_relational_provider()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class ShopContextTests
            {
                private readonly ShopContext _context;

                public ShopContextTests()
                {
                    var options = new DbContextOptionsBuilder<ShopContext>().UseNpgsql("Host=localhost;Database=shop").Options;
                    _context = new ShopContext(options);
                }

                [Fact]
                public void Has_orders() => Assert.NotNull(_context.Orders);

                [Fact]
                public void Has_lines() => Assert.NotNull(_context.Lines);
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Infrastructure", "namespace Shop.Infrastructure; public class ShopContext : DbContext { }")], [new Snippet("Shop.UnitTests", tests)]).Of("TG0102"));

        Assert.Contains("2 unit tests in ShopContextTests (Has_orders and Has_lines)", finding.MissingOrBrokenTest);
        Assert.Contains("EF Core with the PostgreSQL provider", finding.MissingOrBrokenTest);
        Assert.Equal(SnippetSuite.LineOf(tests, "UseNpgsql"), finding.Location!.Line);
        Assert.Equal("Shop.UnitTests.ShopContextTests", finding.Location.Symbol);
    }

    [Fact]
    public void TG0102_fires_on_a_Testcontainers_database()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class MigrationTests
            {
                [Fact(Timeout = 60_000)]
                public async Task Migrates()
                {
                    var container = new PostgreSqlBuilder().WithImage("postgres:16").Build();
                    await container.StartAsync();
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([], [new Snippet("Shop.UnitTests", tests)]).Of("TG0102"));

        Assert.Contains("a Testcontainers PostgreSQL container", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void TG0102_ignores_EF_Core_InMemory_mocked_connections_Autofac_builders_and_skipped_tests()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class InMemoryTests
            {
                [Fact]
                public void Uses_in_memory_provider()
                {
                    var options = new DbContextOptionsBuilder<ShopContext>().UseInMemoryDatabase("shop").Options;
                    var connection = new Mock<DbConnection>();
                    var container = new ContainerBuilder().Build();
                    Assert.NotNull(options);
                }

                [Fact(Skip = "needs a database")]
                public void Skipped()
                {
                    using var connection = new SqliteConnection("Data Source=orders.db");
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([], [new Snippet("Shop.UnitTests", tests)]).Of("TG0102"));
    }

    [Fact]
    public void TG0102_ignores_real_databases_in_integration_tests()
    {
        const string tests = """
            namespace Shop.IntegrationTests;
            public class OrderRepositoryTests
            {
                [Fact]
                public void Opens()
                {
                    using var connection = new SqliteConnection("Data Source=:memory:");
                    connection.Open();
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([], [new Snippet("Shop.IntegrationTests", tests)]).Of("TG0102"));
    }

    // ------------------------------------------------------------------ TG0103 unit-test-uses-network

    private const string Gateway = """
        namespace Shop.Infrastructure;
        public sealed class HttpPaymentGateway
        {
            private readonly HttpClient _http;
            public HttpPaymentGateway(HttpClient http) => _http = http;
            public async Task<bool> ChargeAsync(decimal amount, CancellationToken cancellationToken) => (await _http.PostAsync("charges", null, cancellationToken)).IsSuccessStatusCode;
        }
        """;

    [Fact]
    public void TG0103_fires_on_a_real_HttpClient_and_names_the_url()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class HttpPaymentGatewayTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Charges()
                {
                    var gateway = new HttpPaymentGateway(new HttpClient { BaseAddress = new Uri("https://sandbox.psp.example.com/") });

                    Assert.True(await gateway.ChargeAsync(10m, CancellationToken.None));
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Infrastructure", Gateway)], [new Snippet("Shop.UnitTests", tests)]).Of("TG0103"));

        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Contains("Unit test HttpPaymentGatewayTests.Charges uses the network: a real HttpClient without a stub handler", finding.MissingOrBrokenTest);
        Assert.Contains("https://sandbox.psp.example.com/", finding.Risk);
        Assert.Contains("HttpPaymentGateway", finding.Risk);
        Assert.Equal("Unit", finding.RecommendedTestType);
        Assert.Contains("new HttpClient(handler)", finding.ExampleTestOutline);
        Assert.Contains("var sut = new HttpPaymentGateway(client);", finding.ExampleTestOutline);
        Assert.Contains("class StubHandler", finding.ExampleTestOutline);
        Assert.Equal(SnippetSuite.LineOf(tests, "new HttpClient"), finding.Location!.Line);
    }

    [Fact]
    public void TG0103_fires_on_a_real_handler_held_in_a_local_and_on_a_TcpClient()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class TransportTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Uses_a_real_handler()
                {
                    var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
                    var client = new HttpClient(handler);
                    await client.GetStringAsync("https://status.example.com/");
                }

                [Fact]
                public void Opens_a_socket()
                {
                    using var tcp = new TcpClient("localhost", 25);
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([], [new Snippet("Shop.UnitTests", tests)]).Of("TG0103"));

        Assert.Contains("2 unit tests in TransportTests", finding.MissingOrBrokenTest);
        Assert.Contains("an HttpClient over a real network handler", finding.MissingOrBrokenTest);
        Assert.Contains("a TCP socket (TcpClient)", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void TG0103_accepts_an_HttpClient_over_a_stub_handler_and_a_WireMock_server()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class HttpPaymentGatewayTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Charges_over_a_stub()
                {
                    var client = new HttpClient(new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK))) { BaseAddress = new Uri("https://psp.test/") };
                    Assert.True(await new HttpPaymentGateway(client).ChargeAsync(10m, CancellationToken.None));
                }

                [Fact(Timeout = 10_000)]
                public async Task Charges_against_wiremock()
                {
                    using var server = WireMockServer.Start();
                    var client = new HttpClient { BaseAddress = new Uri(server.Url!) };
                    Assert.True(await new HttpPaymentGateway(client).ChargeAsync(10m, CancellationToken.None));
                }

                private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
                {
                    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) => Task.FromResult(respond(request));
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([new Snippet("Shop.Infrastructure", Gateway)], [new Snippet("Shop.UnitTests", tests)]).Of("TG0103"));
    }

    [Fact]
    public void TG0103_ignores_an_HttpClient_that_only_completes_a_constructor_and_sends_nothing()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class HttpPaymentGatewayTests
            {
                [Fact]
                public void Rejects_a_negative_amount()
                {
                    var gateway = new HttpPaymentGateway(new HttpClient());

                    Assert.Throws<ArgumentOutOfRangeException>(() => gateway.Validate(-1m));
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([new Snippet("Shop.Infrastructure", Gateway)], [new Snippet("Shop.UnitTests", tests)]).Of("TG0103"));
    }

    [Fact]
    public void TG0103_ignores_network_use_outside_unit_tests()
    {
        const string tests = """
            namespace Shop.E2ETests;
            public class SmokeTests
            {
                [Fact(Timeout = 30_000)]
                public async Task Home_page_answers()
                {
                    using var client = new HttpClient();
                    Assert.True((await client.GetAsync("https://staging.shop.example.com/")).IsSuccessStatusCode);
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([], [new Snippet("Shop.E2ETests", tests)]).Of("TG0103"));
    }

    // ------------------------------------------------------------------ TG0104 unit-test-uses-framework

    private const string Service = """
        namespace Shop.Application;
        public interface IOrderRepository { Task AddAsync(Order order, CancellationToken cancellationToken); }
        public interface IPaymentGateway { Task ChargeAsync(decimal amount, CancellationToken cancellationToken); }
        public sealed class OrderService(IOrderRepository orders, IPaymentGateway payments)
        {
            public Task PlaceAsync(Order order, CancellationToken cancellationToken) => orders.AddAsync(order, cancellationToken);
        }
        public sealed class Order { }
        """;

    [Fact]
    public void TG0104_fires_on_a_WebApplicationFactory_class_fixture_in_a_unit_test()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class OrderServiceTests : IClassFixture<WebApplicationFactory<Program>>
            {
                private readonly WebApplicationFactory<Program> _factory;
                public OrderServiceTests(WebApplicationFactory<Program> factory) => _factory = factory;

                [Fact(Timeout = 10_000)]
                public async Task Places_the_order()
                {
                    var service = _factory.Services.GetRequiredService<OrderService>();
                    await service.PlaceAsync(new Order(), CancellationToken.None);
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Application", Service)], [new Snippet("Shop.UnitTests", tests)]).Of("TG0104"));

        Assert.Equal(Severity.P2, finding.Severity);
        Assert.Contains("Unit test OrderServiceTests.Places_the_order starts an application framework", finding.MissingOrBrokenTest);
        Assert.Contains("the application host (WebApplicationFactory)", finding.MissingOrBrokenTest);
        Assert.Contains("OrderService", finding.Risk);
        Assert.Equal("Unit", finding.RecommendedTestType);
        Assert.Contains("var sut = new OrderService(new FakeOrderRepository(), new FakePaymentGateway());", finding.ExampleTestOutline);
        Assert.Equal(SnippetSuite.LineOf(tests, "IClassFixture"), finding.Location!.Line);
    }

    [Fact]
    public void TG0104_fires_on_a_generic_host_and_on_a_built_container_with_the_suites_mocking_library()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class PlacementTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Places_the_order()
                {
                    var provider = new ServiceCollection()
                        .AddSingleton(Mock.Of<IPaymentGateway>())
                        .AddSingleton<OrderService>()
                        .BuildServiceProvider();
                    await provider.GetRequiredService<OrderService>().PlaceAsync(new Order(), CancellationToken.None);
                }

                [Fact]
                public void Boots_a_host()
                {
                    using var host = Host.CreateDefaultBuilder().Build();
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Application", Service)], [new Snippet("Shop.UnitTests", tests)]).Of("TG0104"));

        Assert.Contains("a dependency-injection container (BuildServiceProvider)", finding.MissingOrBrokenTest);
        Assert.Contains("a generic host (Host.CreateDefaultBuilder)", finding.MissingOrBrokenTest);
        Assert.Contains("Mock.Of<IOrderRepository>()", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0104_ignores_tests_of_the_registrations_themselves()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class ServiceCollectionExtensionsTests
            {
                [Fact]
                public void AddShop_registers_the_order_service()
                {
                    var provider = new ServiceCollection().AddShop().BuildServiceProvider();
                    Assert.NotNull(provider.GetService<OrderService>());
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([new Snippet("Shop.Application", Service)], [new Snippet("Shop.UnitTests", tests)]).Of("TG0104"));
    }

    [Fact]
    public void TG0104_ignores_hosts_in_application_and_E2E_tests()
    {
        const string tests = """
            namespace Shop.E2ETests;
            public class CheckoutTests : IClassFixture<ShopFactory>
            {
                [Fact(Timeout = 30_000)]
                public async Task Checks_out() => await Task.Yield();
            }
            public sealed class ShopFactory : WebApplicationFactory<Program> { }
            """;
        const string application = """
            namespace Shop.ApplicationTests;
            public class PlacementTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Places()
                {
                    using var server = new TestServer(new WebHostBuilder());
                    await Task.Yield();
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([new Snippet("Shop.Application", Service)], [new Snippet("Shop.E2ETests", tests), new Snippet("Shop.ApplicationTests", application)]).Of("TG0104"));
    }

    private const string Middleware = """
        namespace Shop.Api;
        public sealed class CorrelationIdMiddleware(RequestDelegate next, ICorrelationContext correlation)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                correlation.Id = context.Request.Headers["X-Correlation-Id"].ToString();
                await next(context);
            }
        }
        public interface ICorrelationContext { string? Id { get; set; } }
        """;

    [Fact]
    public void TG0104_fires_on_middleware_driven_through_a_DefaultHttpContext_in_a_unit_test()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class CorrelationIdMiddlewareTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Caller_supplied_id_is_current_while_the_request_runs()
                {
                    var correlation = new FakeCorrelationContext();
                    var middleware = new CorrelationIdMiddleware(_ => Task.CompletedTask, correlation);
                    var context = new DefaultHttpContext();
                    context.Request.Headers["X-Correlation-Id"] = "req-1";

                    await middleware.InvokeAsync(context);

                    Assert.Equal("req-1", correlation.Id);
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Api", Middleware)], [new Snippet("Shop.UnitTests", tests)]).Of("TG0104"));

        Assert.Contains("drives the code under test through ASP.NET Core's request types: an ASP.NET Core request (DefaultHttpContext)", finding.MissingOrBrokenTest);
        Assert.Contains("runs CorrelationIdMiddleware on an ASP.NET Core request", finding.Risk);
        Assert.DoesNotContain("boots", finding.Risk);
        Assert.Equal("Integration", finding.RecommendedTestType);
        Assert.Contains("app.UseMiddleware<CorrelationIdMiddleware>()", finding.ExampleTestOutline);
        Assert.Contains("public async Task Caller_supplied_id_is_current_while_the_request_runs()", finding.ExampleTestOutline);
        Assert.Equal(SnippetSuite.LineOf(tests, "new DefaultHttpContext()"), finding.Location!.Line);
    }

    [Fact]
    public void TG0104_on_a_controller_given_a_DefaultHttpContext_outlines_a_request_through_the_application()
    {
        const string controller = """
            namespace Shop.Api;
            public sealed class OrdersController(IOrderQueries orders) : ControllerBase
            {
                public IActionResult Get(int id) => Request.Headers.ContainsKey("If-None-Match") ? StatusCode(304) : Ok(orders.Find(id));
            }
            public interface IOrderQueries { object? Find(int id); }
            """;
        const string tests = """
            namespace Shop.UnitTests;
            public class OrdersControllerTests
            {
                [Fact]
                public void Conditional_get_is_not_modified()
                {
                    var controller = new OrdersController(new StubOrderQueries())
                    {
                        ControllerContext = new ControllerContext { HttpContext = new DefaultHttpContext() },
                    };
                    controller.Request.Headers["If-None-Match"] = "\"v1\"";

                    Assert.IsType<StatusCodeResult>(controller.Get(1));
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Api", controller)], [new Snippet("Shop.UnitTests", tests)]).Of("TG0104"));

        Assert.Contains("runs OrdersController on an ASP.NET Core request", finding.Risk);
        Assert.Contains("new WebApplicationFactory<Program>()", finding.ExampleTestOutline);
        Assert.DoesNotContain("UseMiddleware", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0104_ignores_a_DefaultHttpContext_in_integration_tests_and_a_unit_test_that_only_names_HttpContext()
    {
        const string integration = """
            namespace Shop.IntegrationTests;
            public class CorrelationIdMiddlewareTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Id_reaches_the_context()
                {
                    var context = new DefaultHttpContext();
                    await new CorrelationIdMiddleware(_ => Task.CompletedTask, new FakeCorrelationContext()).InvokeAsync(context);
                }
            }
            """;
        const string unit = """
            namespace Shop.UnitTests;
            public class HeaderNamesTests
            {
                [Fact]
                public void Header_name_is_the_conventional_one() => Assert.Equal("X-Correlation-Id", nameof(HttpContext).Length > 0 ? "X-Correlation-Id" : "");
            }
            """;

        var findings = SnippetSuite.Review([new Snippet("Shop.Api", Middleware)], [new Snippet("Shop.IntegrationTests", integration), new Snippet("Shop.UnitTests", unit)]);

        Assert.Empty(findings.Of("TG0104"));
    }

    // ------------------------------------------------------------------ TG0105 e2e-test-without-idempotency-or-retry-assertion

    [Fact]
    public void TG0105_fires_when_no_E2E_test_repeats_a_request()
    {
        const string tests = """
            namespace Shop.E2ETests;
            public class CheckoutTests
            {
                private readonly HttpClient _client = new ShopFactory().CreateClient();

                [Fact(Timeout = 30_000)]
                public async Task Placing_an_order_returns_created()
                {
                    var response = await _client.PostAsJsonAsync("/orders", new { Sku = "WIDGET-1" });
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                }

                [Fact(Timeout = 30_000)]
                public async Task Getting_an_order_returns_it()
                {
                    var response = await _client.GetAsync("/orders/1");
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([], [new Snippet("Shop.E2ETests", tests)]).Of("TG0105"));

        Assert.Equal(Severity.P2, finding.Severity);
        Assert.Contains("None of the 2 E2E tests (Shop.E2ETests)", finding.MissingOrBrokenTest);
        Assert.Contains("\"/orders\"", finding.Risk);
        Assert.Equal("E2E", finding.RecommendedTestType);
        Assert.Contains("var first = await _client.PostAsJsonAsync(\"/orders\", request);", finding.ExampleTestOutline);
        Assert.Contains("var second = await _client.PostAsJsonAsync(\"/orders\", request);", finding.ExampleTestOutline);
        Assert.Equal(SnippetSuite.LineOf(tests, "Placing_an_order_returns_created"), finding.Location!.Line);
    }

    [Theory]
    [InlineData("Repayment_retried_with_the_same_key_is_applied_once", "await _client.PostAsJsonAsync(\"/repayments\", request);", true)]
    [InlineData("Repayment_is_applied_when_a_transient_ledger_failure_is_retried", "_ledger.FailNextWith(HttpStatusCode.ServiceUnavailable);", false)]
    public void TG0105_asks_for_retries_as_well_as_idempotency_and_a_client_resend_is_not_a_retry(string secondTest, string secondAct, bool fires)
    {
        var tests = $$"""
            namespace Shop.E2ETests;
            public class RepaymentTests
            {
                private readonly HttpClient _client = new ShopFactory().CreateClient();
                private readonly LedgerStub _ledger = new();

                [Fact(Timeout = 30_000)]
                public async Task Same_repayment_sent_twice_is_applied_once()
                {
                    var request = new { loan = "L-1", amount = 250m, key = "rp-1" };
                    await _client.PostAsJsonAsync("/repayments", request);
                    await _client.PostAsJsonAsync("/repayments", request);
                    Assert.Equal(1, await CountRepaymentsAsync());
                }

                [Fact(Timeout = 30_000)]
                public async Task {{secondTest}}()
                {
                    var request = new { loan = "L-2", amount = 100m, key = "rp-2" };
                    {{secondAct}}
                    var response = await _client.PostAsJsonAsync("/repayments", request);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }
            }
            """;

        var findings = SnippetSuite.Review([], [new Snippet("Shop.E2ETests", tests)]).Of("TG0105");

        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            Assert.Contains("assert idempotency (RepaymentTests.Same_repayment_sent_twice_is_applied_once) but none makes a first attempt fail", findings[0].MissingOrBrokenTest);
            Assert.Equal(Severity.P2, findings[0].Severity);
        }
    }

    [Theory]
    [InlineData("""
        using var created = await _client.PostAsJsonAsync("/reservations", reserve);
        """, true)]
    [InlineData("""
        using var created = await _client.PostAsJsonAsync("/reservations", reserve);
        using var again = await _client.PostAsJsonAsync("/reservations", reserve);
        """, false)]
    [InlineData("""
        await _client.ReserveAsync(reserve);
        using var again = await _client.PostAsJsonAsync("/reservations", reserve);
        """, false)]
    public void TG0105_reports_an_E2E_test_whose_name_promises_a_repeat_its_body_does_not_make(string act, bool fires)
    {
        var tests = $$"""
            namespace Shop.E2ETests;
            public static class ReservationClient
            {
                public static Task<HttpResponseMessage> ReserveAsync(this HttpClient client, object reserve) => client.PostAsJsonAsync("/reservations", reserve);
            }
            public class ReservationTests(ShopFactory factory) : IClassFixture<ShopFactory>
            {
                private readonly HttpClient _client = factory.CreateClient();

                [Fact(Timeout = 30_000)]
                public async Task Webhook_delivered_twice_is_applied_once()
                {
                    using var first = await _client.PostAsJsonAsync("/webhooks/carrier", new { id = "evt-1" });
                    using var second = await _client.PostAsJsonAsync("/webhooks/carrier", new { id = "evt-1" });
                    Assert.Equal(first.StatusCode, second.StatusCode);
                }

                [Fact(Timeout = 30_000)]
                public async Task Reservation_is_created_when_a_transient_stock_failure_is_retried()
                {
                    factory.Stock.FailNextWith(HttpStatusCode.ServiceUnavailable);
                    using var response = await _client.PostAsJsonAsync("/reservations", new { sku = "W-1", order = "ORD-2", quantity = 1 });
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                }

                [Fact(Timeout = 30_000)]
                public async Task ReserveStock_SameOrderSubmittedTwice_CreatesASingleReservation()
                {
                    using var receipt = await _client.PostAsJsonAsync("/stock/receipts", new { sku = "W-1", quantity = 10 });
                    var reserve = new { sku = "W-1", order = "ORD-1", quantity = 4 };
                    {{act}}
                    Assert.Equal(1, await factory.CountReservationsAsync());
                }
            }
            """;

        var findings = SnippetSuite.Review([], [new Snippet("Shop.E2ETests", tests)]).Of("TG0105");

        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            Assert.Contains("ReservationTests.ReserveStock_SameOrderSubmittedTwice_CreatesASingleReservation says it repeats a request (twice) but sends it only once", findings[0].MissingOrBrokenTest);
        }
    }

    [Fact]
    public void TG0105_fires_when_only_the_name_claims_idempotency()
    {
        const string tests = """
            namespace Shop.E2ETests;
            public class CheckoutTests
            {
                [Fact(Timeout = 30_000)]
                public async Task Placing_an_order_is_idempotent()
                {
                    var response = await _client.PostAsJsonAsync("/orders", new { Sku = "WIDGET-1" });
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                }
            }
            """;

        Assert.Single(SnippetSuite.Review([], [new Snippet("Shop.E2ETests", tests)]).Of("TG0105"));
    }

    [Fact]
    public void TG0105_accepts_the_same_request_sent_twice_together_with_a_retried_delivery()
    {
        const string idempotent = """
            namespace Shop.E2ETests;
            public class CheckoutTests
            {
                [Fact(Timeout = 30_000)]
                public async Task Placing_the_same_order_twice_creates_one_order()
                {
                    var request = new { Sku = "WIDGET-1", IdempotencyKey = "key-1" };
                    var first = await _client.PostAsJsonAsync("/orders", request);
                    var second = await _client.PostAsJsonAsync("/orders", request);
                    Assert.Equal(first.Headers.Location, second.Headers.Location);
                }
            }
            """;
        const string retried = """
            namespace Shop.E2ETests;
            public class WebhookTests
            {
                [Fact(Timeout = 30_000)]
                public async Task Webhook_failing_once_is_applied_on_retry()
                {
                    _faults.FailNextWrite();
                    for (var attempt = 0; attempt < 2; attempt++)
                    {
                        await _client.PostAsJsonAsync("/webhooks/payments", Webhooks.Paid());
                    }
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([], [new Snippet("Shop.E2ETests", idempotent), new Snippet("Shop.E2ETests", retried, "/repo/tests/Shop.E2ETests/WebhookTests.cs")]).Of("TG0105"));
        Assert.Contains("but none makes a first attempt fail", Assert.Single(SnippetSuite.Review([], [new Snippet("Shop.E2ETests", idempotent)]).Of("TG0105")).MissingOrBrokenTest);
        var retriedWithoutOnce = retried.Replace("Webhook_failing_once_is_applied_on_retry", "Webhook_failing_first_is_applied_on_retry", StringComparison.Ordinal);
        Assert.Contains("but none sends the same request twice", Assert.Single(SnippetSuite.Review([], [new Snippet("Shop.E2ETests", retriedWithoutOnce)]).Of("TG0105")).MissingOrBrokenTest);
    }

    [Fact]
    public void TG0105_says_nothing_without_E2E_tests()
    {
        Assert.Empty(SnippetSuite.Review([], [Tests("Shop.IntegrationTests", "RepoTests", 3)]).Of("TG0105"));
    }

    // ------------------------------------------------------------------ TG0106 application-test-without-transaction-boundary-check

    private const string Transactional = """
        namespace Shop.Application;
        public interface IOrderRepository
        {
            Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken);
            Task UpdateAsync(Order order, CancellationToken cancellationToken);
        }
        public sealed class OrderService(IOrderRepository orders)
        {
            public async Task PayAsync(Guid orderId, CancellationToken cancellationToken)
            {
                var order = await orders.FindAsync(orderId, cancellationToken);
                await orders.UpdateAsync(order!, cancellationToken);
            }
        }
        public sealed class Order { }
        """;

    private const string Repository = """
        namespace Shop.Infrastructure;
        public sealed class SqlOrderRepository : IOrderRepository
        {
            public async Task UpdateAsync(Order order, CancellationToken cancellationToken)
            {
                await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        """;

    [Fact]
    public void TG0106_fires_at_the_use_case_when_no_application_test_provokes_a_failure_and_checks_the_commit()
    {
        const string tests = """
            namespace Shop.ApplicationTests;
            public class PaymentTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Pay_marks_the_order_paid()
                {
                    var orders = new Mock<IOrderRepository>();
                    await new OrderService(orders.Object).PayAsync(Guid.NewGuid(), CancellationToken.None);
                    orders.Verify(o => o.UpdateAsync(It.IsAny<Order>(), It.IsAny<CancellationToken>()), Times.Once);
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review(
            [new Snippet("Shop.Application", Transactional), new Snippet("Shop.Infrastructure", Repository)],
            [new Snippet("Shop.ApplicationTests", tests)]).Of("TG0106"));

        Assert.Equal(Severity.P3, finding.Severity);
        Assert.Contains("No application test (1 found)", finding.MissingOrBrokenTest);
        Assert.Contains("transactions in SqlOrderRepository, used by OrderService", finding.MissingOrBrokenTest);
        Assert.Contains("OrderService's transaction boundary", finding.Risk);
        Assert.Contains("IOrderRepository", finding.Risk);
        Assert.Equal("Application", finding.RecommendedTestType);
        Assert.Contains("var orderRepository = new Mock<IOrderRepository>();", finding.ExampleTestOutline);
        Assert.Contains("orderRepository.Setup(x => x.UpdateAsync(It.IsAny<Order>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException(\"disk full\"));", finding.ExampleTestOutline);
        Assert.Contains("service.PayAsync(Guid.NewGuid(), CancellationToken.None)", finding.ExampleTestOutline);
        Assert.Equal("Shop.Application.OrderService", finding.Location!.Symbol);
    }

    [Fact]
    public void TG0106_fires_when_the_name_says_rollback_but_no_failure_is_provoked()
    {
        const string tests = """
            namespace Shop.ApplicationTests;
            public class PaymentTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Pay_rolls_back_on_failure()
                {
                    var orders = new InMemoryOrders();
                    await new OrderService(orders).PayAsync(Guid.NewGuid(), CancellationToken.None);
                    Assert.Equal(1, orders.Updates);
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review(
            [new Snippet("Shop.Application", Transactional), new Snippet("Shop.Infrastructure", Repository)],
            [new Snippet("Shop.ApplicationTests", tests)]).Of("TG0106"));

        Assert.Contains("new FailingOrderRepository(failOn: nameof(IOrderRepository.UpdateAsync)", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0106_fires_at_a_use_case_that_commits_through_a_unit_of_work_with_the_suites_NSubstitute()
    {
        const string production = """
            namespace Shop.Application;
            public interface IUnitOfWork
            {
                Task CommitAsync(CancellationToken cancellationToken);
                Task SaveOrderAsync(Order order, CancellationToken cancellationToken);
            }
            public sealed class CheckoutService(IUnitOfWork unitOfWork)
            {
                public async Task CheckoutAsync(Guid cartId, CancellationToken cancellationToken)
                {
                    await unitOfWork.SaveOrderAsync(new Order(), cancellationToken);
                    await unitOfWork.CommitAsync(cancellationToken);
                }
            }
            public sealed class EfUnitOfWork : IUnitOfWork
            {
                public Task CommitAsync(CancellationToken cancellationToken) => _db.SaveChangesAsync(cancellationToken);
                public Task SaveOrderAsync(Order order, CancellationToken cancellationToken) { _db.Add(order); return Task.CompletedTask; }
            }
            public sealed class Order { }
            """;
        const string tests = """
            namespace Shop.ApplicationTests;
            public class CheckoutTests
            {
                [Test, CancelAfter(10_000)]
                public async Task Checkout_saves_the_order()
                {
                    var unitOfWork = Substitute.For<IUnitOfWork>();
                    await new CheckoutService(unitOfWork).CheckoutAsync(Guid.NewGuid(), CancellationToken.None);
                    await unitOfWork.Received(1).CommitAsync(Arg.Any<CancellationToken>());
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Application", production)], [new Snippet("Shop.ApplicationTests", tests)]).Of("TG0106"));

        Assert.Equal("Shop.Application.CheckoutService", finding.Location!.Symbol);
        Assert.Contains("CheckoutService's transaction boundary", finding.Risk);
        Assert.Contains("through IUnitOfWork", finding.Risk);
        Assert.Contains("var unitOfWork = Substitute.For<IUnitOfWork>();", finding.ExampleTestOutline);
        Assert.Contains("unitOfWork.SaveOrderAsync(default!, default!).ReturnsForAnyArgs(", finding.ExampleTestOutline);
        Assert.Contains("Assert.CatchAsync<IOException>(() => service.CheckoutAsync(Guid.NewGuid(), cancellationToken));", finding.ExampleTestOutline);
        Assert.Contains("await unitOfWork.DidNotReceiveWithAnyArgs().CommitAsync(default!);", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0106_accepts_a_failure_followed_by_a_check_that_nothing_was_saved_or_committed()
    {
        const string savesNothing = """
            namespace Shop.ApplicationTests;
            public class ShippingTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Ship_pending_order_is_rejected_and_saves_nothing()
                {
                    var orders = new InMemoryOrders();
                    await Assert.ThrowsAsync<DomainException>(() => new OrderService(orders).PayAsync(Guid.NewGuid(), CancellationToken.None));
                    Assert.Equal(0, orders.Updates);
                }
            }
            """;
        const string commitInspected = """
            namespace Shop.ApplicationTests;
            public class PaymentTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Gateway_failure()
                {
                    var unitOfWork = Substitute.For<IUnitOfWork>();
                    await Assert.ThrowsAsync<IOException>(() => new OrderService(unitOfWork).PayAsync(Guid.NewGuid(), CancellationToken.None));
                    await unitOfWork.DidNotReceive().CommitAsync(Arg.Any<CancellationToken>());
                }
            }
            """;

        var production = new[] { new Snippet("Shop.Application", Transactional), new Snippet("Shop.Infrastructure", Repository) };
        Assert.Empty(SnippetSuite.Review(production, [new Snippet("Shop.ApplicationTests", savesNothing)]).Of("TG0106"));
        Assert.Empty(SnippetSuite.Review(production, [new Snippet("Shop.ApplicationTests", commitInspected)]).Of("TG0106"));
    }

    private const string TwoUseCases = """
        namespace Shop.Application;
        public interface IUnitOfWork
        {
            Task CommitAsync(CancellationToken cancellationToken);
        }
        public sealed class CheckoutService(IUnitOfWork unitOfWork)
        {
            public async Task CheckoutAsync(Guid cartId, CancellationToken cancellationToken) => await unitOfWork.CommitAsync(cancellationToken);
        }
        public sealed class RefundService(IUnitOfWork unitOfWork)
        {
            public async Task RefundAsync(Guid orderId, CancellationToken cancellationToken) => await unitOfWork.CommitAsync(cancellationToken);
        }
        public sealed class EfUnitOfWork : IUnitOfWork
        {
            public Task CommitAsync(CancellationToken cancellationToken) => _db.SaveChangesAsync(cancellationToken);
        }
        """;

    private const string CheckoutChecksItsBoundary = """
        namespace Shop.ApplicationTests;
        public class CheckoutTests
        {
            [Fact(Timeout = 10_000)]
            public async Task Failing_checkout_commits_nothing()
            {
                var unitOfWork = new RecordingUnitOfWork();
                await Assert.ThrowsAsync<IOException>(() => new CheckoutService(unitOfWork).CheckoutAsync(Guid.NewGuid(), CancellationToken.None));
                Assert.Equal(0, unitOfWork.CommitCount);
            }
        }
        """;

    [Fact]
    public void TG0106_fires_at_a_use_case_whose_own_tests_never_check_its_boundary_when_another_use_cases_tests_do()
    {
        const string refundTests = """
            namespace Shop.ApplicationTests;
            public class RefundTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Refund_marks_the_order_refunded()
                {
                    var orders = new InMemoryOrders();
                    await new RefundService(orders).RefundAsync(Guid.NewGuid(), CancellationToken.None);
                    Assert.Equal(1, orders.Refunds);
                }

                [Fact(Timeout = 10_000)]
                public async Task Refund_of_an_unknown_order_propagates_and_leaves_it_open()
                {
                    var orders = new InMemoryOrders();
                    await Assert.ThrowsAsync<KeyNotFoundException>(() => new RefundService(orders).RefundAsync(Guid.NewGuid(), CancellationToken.None));
                    Assert.Equal("open", orders.Status);
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review(
            [new Snippet("Shop.Application", TwoUseCases)],
            [new Snippet("Shop.ApplicationTests", CheckoutChecksItsBoundary), new Snippet("Shop.ApplicationTests", refundTests)]).Of("TG0106"));

        Assert.Equal(Severity.P3, finding.Severity);
        Assert.Equal("Shop.Application.RefundService", finding.Location!.Symbol);
        Assert.Equal(12, finding.Location.Line);
        Assert.Contains("2 application tests of RefundService (Refund_marks_the_order_refunded and Refund_of_an_unknown_order_propagates_and_leaves_it_open) never make it fail part-way", finding.MissingOrBrokenTest);
        Assert.Contains("as CheckoutTests.Failing_checkout_commits_nothing does for another use case", finding.MissingOrBrokenTest);
        Assert.Contains("service.RefundAsync(Guid.NewGuid(), CancellationToken.None)", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0106_per_use_case_accepts_its_own_check_and_ignores_use_cases_no_application_test_names()
    {
        const string refundChecks = """
            namespace Shop.ApplicationTests;
            public class RefundTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Failing_refund_rolls_back()
                {
                    var unitOfWork = new RecordingUnitOfWork();
                    await Assert.ThrowsAsync<IOException>(() => new RefundService(unitOfWork).RefundAsync(Guid.NewGuid(), CancellationToken.None));
                    Assert.Equal(1, unitOfWork.Rollbacks);
                }
            }
            """;

        var production = new[] { new Snippet("Shop.Application", TwoUseCases) };
        Assert.Empty(SnippetSuite.Review(production, [new Snippet("Shop.ApplicationTests", CheckoutChecksItsBoundary), new Snippet("Shop.ApplicationTests", refundChecks)]).Of("TG0106"));
        Assert.Empty(SnippetSuite.Review(production, [new Snippet("Shop.ApplicationTests", CheckoutChecksItsBoundary)]).Of("TG0106"));
    }

    [Fact]
    public void TG0106_says_nothing_without_transactions_in_production_or_without_application_tests()
    {
        var happyPath = Tests("Shop.ApplicationTests", "PaymentTests", 2);

        Assert.Empty(SnippetSuite.Review([new Snippet("Shop.Application", Transactional)], [happyPath]).Of("TG0106"));
        Assert.Empty(SnippetSuite.Review(
            [new Snippet("Shop.Application", Transactional), new Snippet("Shop.Infrastructure", Repository)],
            [Tests("Shop.UnitTests", "OrderTests", 2)]).Of("TG0106"));
    }
}
