using TestGate.Core.Model;

namespace TestGate.Rules.Tests;

/// <summary>TG0701–TG0704: shared mutable static state, order-dependent tests, unseeded randomness and magic values.</summary>
public class TestDataRulesTests
{
    private const string Domain = """
        namespace Shop.Domain;

        public sealed class Order
        {
            public Order(string number, string currency, int lines) { Number = number; }
            public string Number { get; }
            public string Status { get; set; } = "Pending";
            public void Pay() => Status = "Paid";
        }

        public sealed record Customer(string FirstName, string LastName, int Age, string Email);

        public sealed record Money(decimal Amount, string Currency, int Scale, bool Rounded);
        """;

    private static IReadOnlyList<Finding> Review(string project, params string[] tests) =>
        SnippetSuite.Review(
            production: [new Snippet("Shop.Domain", Domain)],
            tests: tests.Select(t => new Snippet(project, t)).ToArray());

    // ------------------------------------------------------------------ TG0701

    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public void A_static_log_collector_that_tests_hand_to_the_code_they_run_is_shared_state(int testsUsingIt, bool fires)
    {
        var tests = string.Join("\n", Enumerable.Range(1, testsUsingIt).Select(i => $$"""
                [Fact]
                public void Logs_case_{{i}}()
                {
                    var logger = new FakeLogger<Order>(Logs);
                    logger.LogError("failed {Case}", {{i}});
                    Assert.NotEmpty(Logs.GetSnapshot());
                }
            """));
        var test = $$"""
            using Microsoft.Extensions.Logging.Testing;
            namespace Shop.UnitTests;

            public class OrderLogTests
            {
                private static readonly FakeLogCollector Logs = new();

            {{tests}}
            }
            """;

        var findings = Review("Shop.UnitTests", test).Of("TG0701");

        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            Assert.Equal(SnippetSuite.LineOf(test, "FakeLogCollector Logs"), findings[0].Location?.Line);
            Assert.Contains("`Logs_case_1` (handed to new FakeLogger, which records into it, line", findings[0].MissingOrBrokenTest);
        }
    }

    [Theory]
    [InlineData("private static readonly MemoryDistributedCache SharedStore = new(Options.Create(new MemoryDistributedCacheOptions()));\n    private static MemoryDistributedCache Store() => SharedStore;", true)]
    [InlineData("private static MemoryDistributedCache Store() => new(Options.Create(new MemoryDistributedCacheOptions()));", false)]
    [InlineData("private static readonly MemoryDistributedCache SharedStore = new(Options.Create(new MemoryDistributedCacheOptions()));\n    private static MemoryDistributedCache Shared() => SharedStore;\n    private static MemoryDistributedCache Store() => new(Options.Create(new MemoryDistributedCacheOptions()));\n    [Fact] public void Starts_empty() => Assert.Null(Shared().Get(\"t-1\"));\n    [Fact] public void Starts_empty_too() => Assert.Null(Shared().Get(\"t-2\"));", false)]
    public void A_static_in_memory_store_a_helper_hands_to_every_test_carries_one_tests_entries_into_the_next(string members, bool fires)
    {
        var test = $$"""
            using Microsoft.Extensions.Caching.Distributed;
            namespace Shop.UnitTests;

            public class SummaryCacheTests
            {
                {{members}}

                [Fact]
                public async Task A_miss_loads_once()
                {
                    var cache = new SummaryCache(Store());
                    await cache.GetOrLoadAsync("t-1", () => Task.FromResult("a"));
                    Assert.Equal("a", await cache.GetOrLoadAsync("t-1", () => Task.FromResult("b")));
                }

                [Fact]
                public async Task An_entry_expires()
                {
                    var cache = new SummaryCache(Store());
                    await cache.GetOrLoadAsync("t-1", () => Task.FromResult("a"));
                    Assert.Null(await cache.PeekAsync("t-2"));
                }
            }
            """;

        var findings = Review("Shop.UnitTests", test).Of("TG0701");

        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            Assert.Contains("taken from Store() and handed to the code under test, which stores into it", findings[0].MissingOrBrokenTest);
        }
    }

    [Theory]
    [InlineData("private static readonly OrderBuilder Orders = new();", true)]
    [InlineData("private readonly OrderBuilder Orders = new();", false)]
    public void A_static_builder_whose_methods_set_its_fields_carries_one_tests_settings_into_the_next(string field, bool fires)
    {
        var test = $$"""
            namespace Shop.UnitTests;

            public sealed class OrderBuilder
            {
                private string _currency = "EUR";

                public OrderBuilder InCurrency(string currency) { _currency = currency; return this; }

                public Order Build() => new("SO-1", _currency, 1);
            }

            public class OrderTests
            {
                {{field}}

                [Fact]
                public void A_dollar_order_keeps_its_currency() => Assert.Equal("USD", Orders.InCurrency("USD").Build().Currency);

                [Fact]
                public void A_new_order_is_in_euros() => Assert.Equal("EUR", Orders.Build().Currency);
            }
            """;

        var findings = Review("Shop.UnitTests", test).Of("TG0701");

        Assert.Equal(fires, findings.Any(f => f.Location?.Symbol == "Shop.UnitTests.OrderTests.Orders"));
        if (fires)
        {
            Assert.Contains("InCurrency(...)", Assert.Single(findings).MissingOrBrokenTest);
        }
    }

    [Fact]
    public void A_static_list_that_tests_add_to_is_reported_at_the_field()
    {
        const string test = """
            namespace Shop.UnitTests;

            public class OrderBookTests
            {
                private static readonly List<Order> Placed = new();

                [Fact]
                public void Placing_adds_the_order()
                {
                    Placed.Add(new Order("SO-1", "EUR", 1));
                    Assert.Single(Placed);
                }
            }
            """;

        var finding = Assert.Single(Review("Shop.UnitTests", test).Of("TG0701"));

        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Equal("/repo/tests/Shop.UnitTests/File0.cs", finding.Location?.Path);
        Assert.Equal(SnippetSuite.LineOf(test, "List<Order> Placed"), finding.Location?.Line);
        Assert.Equal("Shop.UnitTests.OrderBookTests.Placed", finding.Location?.Symbol);
        Assert.Contains("`OrderBookTests.Placed` is a static collection (`List<Order>`)", finding.MissingOrBrokenTest);
        Assert.Contains("`Placing_adds_the_order` (Add(...), line " + SnippetSuite.LineOf(test, "Placed.Add("), finding.MissingOrBrokenTest);
        Assert.Contains("`Placed`", finding.Risk);
        Assert.Equal("Unit", finding.RecommendedTestType);
        Assert.Contains("private readonly List<Order> _placed = new();", finding.ExampleTestOutline);
        Assert.Contains("[Fact]", finding.ExampleTestOutline);
    }

    [Fact]
    public void Static_fields_and_properties_that_tests_write_are_reported()
    {
        const string test = """
            using NUnit.Framework;

            namespace Shop.IntegrationTests;

            public class CheckoutTests
            {
                [ThreadStatic] private static int _attempts;
                public static Order Current { get; set; }
                private static readonly Order Shared = new("SO-9", "EUR", 1);

                [Test]
                public void First_attempt()
                {
                    _attempts++;
                    Current = new Order("SO-1", "EUR", 1);
                    Shared.Status = "Paid";
                }
            }
            """;

        var findings = Review("Shop.IntegrationTests", test).Of("TG0701");

        Assert.Equal(3, findings.Count);
        Assert.Contains(findings, f => f.Location?.Line == SnippetSuite.LineOf(test, "_attempts;") && f.MissingOrBrokenTest.Contains("static field (`int`)") && f.MissingOrBrokenTest.Contains("incremented"));
        Assert.Contains(findings, f => f.Location?.Line == SnippetSuite.LineOf(test, "Current {") && f.MissingOrBrokenTest.Contains("static property (`Order`)"));
        Assert.Contains(findings, f => f.Location?.Line == SnippetSuite.LineOf(test, "Order Shared") && f.MissingOrBrokenTest.Contains("Status assigned"));
        Assert.All(findings, f => Assert.Equal("Integration", f.RecommendedTestType));
        Assert.All(findings, f => Assert.Contains("[SetUp]", f.ExampleTestOutline));
    }

    [Fact]
    public void Immutable_statics_and_one_time_set_up_are_not_shared_mutable_state()
    {
        const string test = """
            namespace Shop.IntegrationTests;

            [TestClass]
            public class RepositoryTests
            {
                private const string Currency = "EUR";
                private static readonly string[] Skus = ["A-1", "B-2"];
                private static readonly Dictionary<string, int> Prices = new() { ["A-1"] = 10 };
                private static readonly ConcurrentDictionary<string, Order> Cache = new();
                private static string _connectionString = null!;
                private static HttpClient? _client;
                private static int _port = 5000;
                private static readonly AsyncLocal<string> Scope = new();

                [ClassInitialize]
                public static void Start(TestContext context) => _connectionString = "Data Source=:memory:";

                private static HttpClient Client => _client ??= new HttpClient();

                private static int NextPort() => Interlocked.Increment(ref _port);

                private static Order? _template;
                private static int count;

                private static Order Template()
                {
                    if (_template is null)
                    {
                        _template = new Order("SO-1", Currency, 1);
                    }

                    return _template;
                }

                private static int Count(int count)
                {
                    count = count + 1; // the parameter, not the static field
                    return count;
                }

                [TestMethod]
                public void Finds_the_price()
                {
                    Scope.Value = "test";
                    var order = Cache.GetOrAdd("A-1", sku => new Order(sku, Currency, 1));
                    Assert.AreEqual(10, Prices[Skus[0]]);
                    Assert.IsNotNull(Client);
                    Assert.IsTrue(NextPort() > 5000);
                }
            }

            public class DatabaseFixture
            {
                public static string? Path;

                public DatabaseFixture() => Path = "/tmp/shop.db";
            }

            public class ServerHost
            {
                public static Uri? BaseAddress;

                public ServerHost() => BaseAddress = new Uri("http://localhost:5000");
            }

            public class UsesFixture : IClassFixture<DatabaseFixture>
            {
                [Fact]
                public void Reads_the_path() => Assert.NotNull(DatabaseFixture.Path);
            }
            """;

        const string assemblyFixture = """
            [assembly: AssemblyFixture(typeof(Shop.IntegrationTests.ServerHost))]
            """;

        Assert.Empty(Review("Shop.IntegrationTests", test, assemblyFixture).Of("TG0701"));
    }

    [Fact]
    public void Instance_state_of_xunit_classes_is_per_test()
    {
        const string test = """
            namespace Shop.UnitTests;

            public class BasketTests
            {
                private readonly List<Order> _orders = new();
                private int _count;

                [Fact]
                public void Adds() { _orders.Add(new Order("SO-1", "EUR", 1)); _count++; Assert.Single(_orders); }

                [Fact]
                public void Counts() => Assert.Equal(0, _count);
            }
            """;

        var findings = Review("Shop.UnitTests", test);

        Assert.Empty(findings.Of("TG0701"));
        Assert.Empty(findings.Of("TG0702"));
    }

    // ------------------------------------------------------------------ TG0702

    [Fact]
    public void A_test_case_orderer_is_reported_at_the_attribute()
    {
        const string test = """
            namespace Shop.E2ETests;

            [TestCaseOrderer("Shop.E2ETests.PriorityOrderer", "Shop.E2ETests")]
            public class CheckoutJourneyTests
            {
                [Fact, TestPriority(1)]
                public void Places_the_order() { }

                [Fact, TestPriority(2)]
                public void Pays_the_order() { }
            }
            """;

        var finding = Assert.Single(Review("Shop.E2ETests", test).Of("TG0702"));

        Assert.Equal(Severity.P2, finding.Severity);
        Assert.Equal(SnippetSuite.LineOf(test, "[TestCaseOrderer"), finding.Location?.Line);
        Assert.Equal("Shop.E2ETests.CheckoutJourneyTests", finding.Location?.Symbol);
        Assert.Contains("`CheckoutJourneyTests` imposes an execution order on its tests with `TestCaseOrderer(\"Shop.E2ETests.PriorityOrderer\", \"Shop.E2ETests\")`", finding.MissingOrBrokenTest);
        Assert.Contains("2 tests carry an order or priority", finding.MissingOrBrokenTest);
        Assert.Contains("`CheckoutJourneyTests`", finding.Risk);
        Assert.Equal("E2E", finding.RecommendedTestType);
    }

    [Fact]
    public void NUnit_order_attributes_and_an_assembly_orderer_are_reported()
    {
        const string nunit = """
            using NUnit.Framework;

            namespace Shop.IntegrationTests;

            public class MigrationTests
            {
                [Test, Order(1)]
                public void Creates_the_schema() { }

                [Test, Order(2)]
                public void Seeds_the_data() { }
            }
            """;
        const string assembly = """
            [assembly: TestCaseOrderer("Shop.IntegrationTests.AlphabeticalOrderer", "Shop.IntegrationTests")]
            """;

        var findings = Review("Shop.IntegrationTests", nunit, assembly).Of("TG0702");

        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.Location?.Path == "/repo/tests/Shop.IntegrationTests/File0.cs" && f.Location.Line == SnippetSuite.LineOf(nunit, "Order(1)")
            && f.MissingOrBrokenTest.Contains("`MigrationTests`") && f.MissingOrBrokenTest.Contains("`Order(1)`"));
        Assert.Contains(findings, f => f.Location?.Path == "/repo/tests/Shop.IntegrationTests/File1.cs" && f.Location.Line == 1
            && f.MissingOrBrokenTest.Contains("The test assembly Shop.IntegrationTests"));
    }

    [Fact]
    public void A_test_reading_static_state_another_test_writes_is_reported_at_the_read()
    {
        const string test = """
            namespace Shop.IntegrationTests;

            public class OrderFlowTests
            {
                private static string? _createdNumber;

                [Fact]
                public void Creates()
                {
                    _createdNumber = "SO-1";
                }

                [Fact]
                public void Finds_the_created_order()
                {
                    Assert.Equal("SO-1", _createdNumber);
                }
            }
            """;

        var findings = Review("Shop.IntegrationTests", test);
        var finding = Assert.Single(findings.Of("TG0702"));

        Assert.Single(findings.Of("TG0701"));
        Assert.Equal(SnippetSuite.LineOf(test, "Assert.Equal(\"SO-1\", _createdNumber)"), finding.Location?.Line);
        Assert.Equal("Shop.IntegrationTests.OrderFlowTests.Finds_the_created_order", finding.Location?.Symbol);
        Assert.Contains("`OrderFlowTests.Finds_the_created_order` reads `_createdNumber` without setting it; only `Creates` sets it (line " + SnippetSuite.LineOf(test, "_createdNumber = \"SO-1\""), finding.MissingOrBrokenTest);
        Assert.Contains("`Finds_the_created_order` passes only when `Creates` ran before it", finding.Risk);
        Assert.Contains("public void Finds_the_created_order()", finding.ExampleTestOutline);
    }

    [Fact]
    public void NUnit_instance_fields_carry_over_between_tests_unless_reset()
    {
        const string shared = """
            using NUnit.Framework;

            namespace Shop.UnitTests;

            public class BasketTests
            {
                private Order? _order;

                [Test]
                public void Creates() => _order = new Order("SO-1", "EUR", 1);

                [Test]
                public void Pays() => Assert.That(_order, Is.Not.Null);
            }
            """;
        const string reset = """
            using NUnit.Framework;

            namespace Shop.UnitTests;

            public class BasketTests
            {
                private Order? _order;

                [SetUp]
                public void Arrange() => _order = null;

                [Test]
                public void Creates() => _order = new Order("SO-1", "EUR", 1);

                [Test]
                public void Pays() => Assert.That(_order, Is.Null);
            }
            """;
        const string perTestCase = """
            using NUnit.Framework;

            namespace Shop.UnitTests;

            [FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
            public class BasketTests
            {
                private Order? _order;

                [Test]
                public void Creates() => _order = new Order("SO-1", "EUR", 1);

                [Test]
                public void Pays() => Assert.That(_order, Is.Null);
            }
            """;

        var finding = Assert.Single(Review("Shop.UnitTests", shared).Of("TG0702"));
        Assert.Contains("NUnit creates one instance of the fixture", finding.MissingOrBrokenTest);
        Assert.Equal(SnippetSuite.LineOf(shared, "public void Pays()"), finding.Location?.Line);
        Assert.Empty(Review("Shop.UnitTests", shared).Of("TG0701"));

        const string shadowed = """
            using NUnit.Framework;

            namespace Shop.UnitTests;

            public class BasketTests
            {
                private Order? order;

                [Test]
                public void Creates() => order = new Order("SO-1", "EUR", 1);

                [Test]
                public void Pays()
                {
                    var order = new Order("SO-2", "EUR", 1); // a local, not the field
                    Assert.That(order.Number, Is.EqualTo("SO-2"));
                }
            }
            """;

        Assert.Empty(Review("Shop.UnitTests", reset).Of("TG0702"));
        Assert.Empty(Review("Shop.UnitTests", perTestCase).Of("TG0702"));
        Assert.Empty(Review("Shop.UnitTests", shadowed).Of("TG0702"));
        Assert.Empty(Review("Shop.UnitTests", shared.Replace("using NUnit.Framework;", "using TUnit.Core;", StringComparison.Ordinal)).Of("TG0702"));
    }

    [Fact]
    public void MSTest_priority_is_metadata_not_ordering()
    {
        const string test = """
            namespace Shop.UnitTests;

            [TestClass]
            public class PricingTests
            {
                [TestMethod, Priority(1)]
                public void Rounds_half_up() { }
            }
            """;

        Assert.Empty(Review("Shop.UnitTests", test).Of("TG0702"));
    }

    // ------------------------------------------------------------------ TG0703

    [Fact]
    public void Unseeded_random_in_a_test_is_reported_at_the_line()
    {
        const string test = """
            namespace Shop.UnitTests;

            public class DiscountTests
            {
                [Fact]
                public void Discount_never_exceeds_the_total()
                {
                    var random = new Random();
                    var quantity = random.Next(1, 100);
                    Assert.True(quantity > 0);
                }

                [Fact]
                public void Clock_seeded()
                {
                    var random = new Random(Environment.TickCount);
                    Assert.True(random.Next() >= 0);
                }
            }
            """;

        var findings = Review("Shop.UnitTests", test).Of("TG0703");

        Assert.Equal(2, findings.Count);
        var first = findings[0];
        Assert.Equal(Severity.P2, first.Severity);
        Assert.Equal(SnippetSuite.LineOf(test, "new Random()"), first.Location?.Line);
        Assert.Equal("Shop.UnitTests.DiscountTests.Discount_never_exceeds_the_total", first.Location?.Symbol);
        Assert.Contains("`DiscountTests.Discount_never_exceeds_the_total` generates its test data from `System.Random` without a fixed seed: `new Random()`", first.MissingOrBrokenTest);
        Assert.Contains("`Discount_never_exceeds_the_total`", first.Risk);
        Assert.Equal("Unit", first.RecommendedTestType);
        Assert.Contains("new(20240601)", first.ExampleTestOutline);
        Assert.Contains("new Random(Environment.TickCount)", findings[1].MissingOrBrokenTest);
    }

    [Fact]
    public void Random_Shared_in_a_helper_and_an_unseeded_Bogus_faker_are_reported()
    {
        const string test = """
            using Bogus;

            namespace Shop.IntegrationTests;

            internal static class Data
            {
                public static int Quantity() => Random.Shared.Next(1, 10);

                public static readonly Faker<Customer> Customers = new Faker<Customer>()
                    .CustomInstantiator(f => new Customer(f.Name.FirstName(), f.Name.LastName(), 30, f.Internet.Email()));
            }
            """;

        var findings = Review("Shop.IntegrationTests", test).Of("TG0703");

        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.Location?.Line == SnippetSuite.LineOf(test, "Random.Shared") && f.MissingOrBrokenTest.Contains("`Data.Quantity` generates test data from the process-wide `Random.Shared`"));
        Assert.Contains(findings, f => f.Location?.Line == SnippetSuite.LineOf(test, "new Faker<Customer>()") && f.MissingOrBrokenTest.Contains("Bogus without a seed")
            && f.ExampleTestOutline.Contains("Randomizer.Seed = new Random(8675309);"));
    }

    [Fact]
    public void An_unseeded_Faker_subclass_is_named_as_the_class()
    {
        const string test = """
            using Bogus;

            namespace Shop.IntegrationTests;

            public sealed class CustomerFaker : Faker<Customer>
            {
                public CustomerFaker() => RuleFor(c => c.Name, f => f.Name.FirstName());
            }
            """;

        var finding = Assert.Single(Review("Shop.IntegrationTests", test).Of("TG0703"));

        Assert.StartsWith("`CustomerFaker` generates test data from Bogus without a seed", finding.MissingOrBrokenTest);
        Assert.Equal("Shop.IntegrationTests.CustomerFaker", finding.Location?.Symbol);
    }

    [Fact]
    public void Seeded_randomness_unique_ids_and_AutoFixture_are_not_reported()
    {
        const string test = """
            using AutoFixture;
            using Bogus;

            namespace Shop.UnitTests;

            public class GeneratedDataTests
            {
                private const int Seed = 1234;
                private static readonly Faker<Customer> Customers = new Faker<Customer>().UseSeed(Seed);

                [Fact]
                public void Uses_seeded_and_unique_data()
                {
                    var random = new Random(42);
                    var other = new Random(Seed);
                    var id = Guid.NewGuid();
                    var order = new Fixture().Create<Order>();
                    var faker = new Faker<Customer>();
                    faker.UseSeed(7);
                    Assert.NotEqual(Guid.Empty, id);
                }
            }
            """;
        const string seededProject = """
            using Bogus;

            namespace Shop.UnitTests;

            public static class Seeding
            {
                [System.Runtime.CompilerServices.ModuleInitializer]
                public static void Init() => Randomizer.Seed = new Random(8675309);

                public static Faker<Customer> Customers() => new Faker<Customer>();
            }
            """;

        Assert.Empty(Review("Shop.UnitTests", test).Of("TG0703"));
        Assert.Empty(Review("Shop.UnitTests", seededProject).Of("TG0703"));
    }

    // ------------------------------------------------------------------ TG0704

    private static string MagicTests(int count, string className = "CheckoutTests")
    {
        var tests = Enumerable.Range(1, count).Select(i => string.Join("\n",
            "    [Fact]",
            $"    public void Checkout_case_{i}()",
            "    {",
            "        var customer = new Customer(\"Ann\", \"Lee\", 42, \"ann@example.com\");",
            "        Assert.Equal(\"Ann\", customer.FirstName);",
            "    }"));
        return string.Join("\n", "namespace Shop.UnitTests;", string.Empty, $"public class {className}", "{", string.Join("\n\n", tests), "}");
    }

    [Fact]
    public void The_same_type_built_from_literals_in_three_tests_without_a_factory_is_reported_once()
    {
        var tests = MagicTests(3);

        var finding = Assert.Single(Review("Shop.UnitTests", tests).Of("TG0704"));

        Assert.Equal(Severity.P3, finding.Severity);
        Assert.Equal(SnippetSuite.LineOf(tests, "new Customer("), finding.Location?.Line);
        Assert.Equal("Shop.UnitTests.CheckoutTests.Checkout_case_1", finding.Location?.Symbol);
        Assert.Contains("3 tests in Shop.UnitTests build `Customer` from the same literal values", finding.MissingOrBrokenTest);
        Assert.Contains("`new Customer(\"Ann\", \"Lee\", 42, \"ann@example.com\")`", finding.MissingOrBrokenTest);
        Assert.Contains("no factory or builder for `Customer`", finding.MissingOrBrokenTest);
        Assert.Contains("`Customer`'s constructor", finding.Risk);
        Assert.Equal("Unit", finding.RecommendedTestType);
        Assert.Contains("internal static class CustomerFactory", finding.ExampleTestOutline);
        Assert.Contains("public static Customer Valid() => new Customer(\"Ann\", \"Lee\", 42, \"ann@example.com\");", finding.ExampleTestOutline);
    }

    [Fact]
    public void Literal_constructions_spread_over_classes_are_counted_per_project()
    {
        var findings = Review("Shop.UnitTests", MagicTests(2, "CheckoutTests"), MagicTests(2, "RefundTests")).Of("TG0704");

        var finding = Assert.Single(findings);
        Assert.Contains("4 tests in Shop.UnitTests", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void Fewer_tests_a_factory_a_generator_or_tests_of_the_type_itself_are_not_reported()
    {
        const string factory = """
            namespace Shop.UnitTests;

            internal static class Customers
            {
                public static Customer Ann() => new("Ann", "Lee", 42, "ann@example.com");
            }
            """;
        const string generator = """
            using AutoFixture;

            namespace Shop.UnitTests;

            internal static class Anonymous
            {
                public static T Any<T>() => new Fixture().Create<T>();
            }
            """;
        const string ownTests = """
            namespace Shop.UnitTests;

            public class CustomerTests
            {
                [Fact] public void A() => Assert.Equal("Ann", new Customer("Ann", "Lee", 42, "a@x.io").FirstName);
                [Fact] public void B() => Assert.Equal("Lee", new Customer("Ann", "Lee", 42, "a@x.io").LastName);
                [Fact] public void C() => Assert.Equal(42, new Customer("Ann", "Lee", 42, "a@x.io").Age);
            }
            """;
        const string throwsOnly = """
            namespace Shop.UnitTests;

            public class ValidationTests
            {
                [Fact] public void A() => Assert.Throws<ArgumentException>(() => new Customer("", "Lee", 42, "a@x.io"));
                [Fact] public void B() => Assert.Throws<ArgumentException>(() => new Customer("Ann", "", 42, "a@x.io"));
                [Fact] public void C() => Assert.Throws<ArgumentException>(() => new Customer("Ann", "Lee", -1, "a@x.io"));
            }
            """;

        Assert.Empty(Review("Shop.UnitTests", MagicTests(2)).Of("TG0704"));
        Assert.Empty(Review("Shop.UnitTests", MagicTests(3), factory).Of("TG0704"));
        Assert.Empty(Review("Shop.UnitTests", MagicTests(3), generator).Of("TG0704"));
        Assert.Empty(Review("Shop.UnitTests", ownTests).Of("TG0704"));
        Assert.Empty(Review("Shop.UnitTests", throwsOnly).Of("TG0704"));
    }

    [Fact]
    public void Small_variations_of_the_same_literals_count_as_repeated()
    {
        const string tests = """
            namespace Shop.UnitTests;

            public class CheckoutTests
            {
                [Fact] public void A() => Assert.NotNull(Checkout(new Customer("Ann", "Lee", 42, "ann@example.com")));
                [Fact] public void B() => Assert.NotNull(Checkout(new Customer("Bob", "Lee", 42, "ann@example.com")));
                [Fact] public void C() => Assert.NotNull(Checkout(new Customer("Ann", "Lee", 67, "ann@example.com")));
            }
            """;

        var finding = Assert.Single(Review("Shop.UnitTests", tests).Of("TG0704"));

        Assert.Contains("or small variations of it", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void Expected_values_numbers_under_test_and_distinct_data_are_not_magic_values()
    {
        const string expected = """
            namespace Shop.UnitTests;

            public class MappingTests
            {
                [Fact] public void A() => Assert.Equal(new Customer("Ann", "Lee", 42, "a@x.io"), Map("Ann"));
                [Fact] public void B() => Assert.Equal(new Customer("Ann", "Lee", 42, "a@x.io"), Map("Lee"));
                [Fact] public void C() => Map("x").Should().Be(new Customer("Ann", "Lee", 42, "a@x.io"));
            }
            """;
        const string numbers = """
            namespace Shop.UnitTests;

            public class TotalsTests
            {
                [Fact] public void A() => Assert.Equal(1, Sum(new Totals(1, 0, 0)));
                [Fact] public void B() => Assert.Equal(1, Sum(new Totals(1, 0, 0)));
                [Fact] public void C() => Assert.Equal(1, Sum(new Totals(1, 0, 0)));
            }
            """;
        const string distinct = """
            namespace Shop.UnitTests;

            public class GreetingTests
            {
                [Fact] public void Adult() => Assert.Equal("Hello Ann", Greet(new Customer("Ann", "Lee", 42, "ann@example.com")));
                [Fact] public void Minor() => Assert.Equal("Hi Tom", Greet(new Customer("Tom", "Ray", 12, "tom@example.com")));
                [Fact] public void Senior() => Assert.Equal("Good day Eve", Greet(new Customer("Eve", "Fox", 81, "eve@example.com")));
            }
            """;

        Assert.Empty(Review("Shop.UnitTests", expected).Of("TG0704"));
        Assert.Empty(SnippetSuite.Review(
            [new Snippet("Shop.Domain", Domain + "\npublic sealed record Totals(int Lines, int Hits, int Branches);")],
            [new Snippet("Shop.UnitTests", numbers)]).Of("TG0704"));
        Assert.Empty(Review("Shop.UnitTests", distinct).Of("TG0704"));
    }

    [Fact]
    public void Two_literal_arguments_and_test_project_types_are_not_magic_values()
    {
        const string tests = """
            namespace Shop.UnitTests;

            public class OrderTests
            {
                [Fact] public void A() => Assert.NotNull(new Order("SO-1", Currency, 1));
                [Fact] public void B() => Assert.NotNull(new Order("SO-2", Currency, 2));
                [Fact] public void C() => Assert.NotNull(new Order("SO-3", Currency, 3));
                [Fact] public void D() => Assert.NotNull(new Money(1m, "EUR", 2, true));
                [Fact] public void E() => Assert.NotNull(new Money(2m, "EUR", 2, true));
                [Fact] public void F() => Assert.NotNull(new Money(3m, "EUR", 2, true));

                private const string Currency = "EUR";
            }

            internal sealed record Money(decimal Amount, string Currency, int Scale, bool Rounded);
            """;

        Assert.Empty(Review("Shop.UnitTests", tests).Of("TG0704"));
    }

    private const string Loans = """
        namespace Shop.Domain;

        public sealed class Loan
        {
            public static Loan Disburse(Guid applicationId, string number, DateTimeOffset at) => new();
            public void Repay(decimal amount, string reference, DateTimeOffset at) { }
        }
        """;

    private static IReadOnlyList<Finding> ReviewLoans(params string[] tests) =>
        SnippetSuite.Review(
            production: [new Snippet("Shop.Domain", Domain + "\n" + Loans.Replace("namespace Shop.Domain;", string.Empty, StringComparison.Ordinal))],
            tests: tests.Select(t => new Snippet("Shop.UnitTests", t)).ToArray());

    [Fact]
    public void One_test_that_builds_objects_from_values_copied_out_of_a_real_record_is_reported()
    {
        const string tests = """
            namespace Shop.UnitTests;

            public class RepaymentTests
            {
                [Fact]
                public void Repayment_is_allocated_to_the_oldest_installment_first()
                {
                    var loan = Loan.Disburse(
                        Guid.Parse("9b2e4c1a-0d7f-4e55-8a3b-6c1f2d9e7a40"),
                        "LN-20240603-7KQ2MX",
                        DateTimeOffset.Parse("2024-06-03T09:00:00Z"));
                    var order = new Order("SO-2024-118734", "EUR", 1);

                    loan.Repay(1137.77m, "api:7c1d9e0f", DateTimeOffset.UtcNow);

                    Assert.NotNull(order);
                }
            }

            public static class LoanFactory
            {
                public static Loan Disbursed() => Loan.Disburse(Guid.NewGuid(), "LN-1", DateTimeOffset.UnixEpoch);
            }
            """;

        var finding = Assert.Single(ReviewLoans(tests).Of("TG0704"));

        Assert.Equal(Severity.P3, finding.Severity);
        Assert.Equal(SnippetSuite.LineOf(tests, "var loan = Loan.Disburse("), finding.Location?.Line);
        Assert.Equal("Shop.UnitTests.RepaymentTests.Repayment_is_allocated_to_the_oldest_installment_first", finding.Location?.Symbol);
        Assert.Contains("builds `Loan` and `Order` from 4 values that look copied from a real record (`9b2e4c1a-0d7f-4e55-8a3b-6c1f2d9e7a40`, `LN-20240603-7KQ2MX`, `2024-06-03T09:00:00Z` and `SO-2024-118734`)", finding.MissingOrBrokenTest);
        Assert.Contains("the project has a factory for `Loan`", finding.MissingOrBrokenTest);
        Assert.Contains("var loan = LoanFactory.Valid();", finding.ExampleTestOutline);
    }

    [Fact]
    public void Record_like_values_that_are_the_input_under_test_or_too_few_are_not_reported()
    {
        const string tests = """
            namespace Shop.UnitTests;

            public class LoanNumberTests
            {
                [Fact]
                public void Loan_numbers_parse_from_the_bank_format()
                {
                    var loan = Loan.Disburse(Guid.Parse("9b2e4c1a-0d7f-4e55-8a3b-6c1f2d9e7a40"), "LN-20240603-7KQ2MX", DateTimeOffset.Parse("2024-06-03T09:00:00Z"));
                    Assert.NotNull(loan);
                }

                [Fact]
                public void Two_copied_values_and_plain_words_are_not_a_record()
                {
                    var loan = Loan.Disburse(Guid.Parse("9b2e4c1a-0d7f-4e55-8a3b-6c1f2d9e7a40"), "LN-20240603-7KQ2MX", DateTimeOffset.UtcNow);
                    var order = new Order("pending-order", "EUR", 3);
                    Assert.NotNull(order);
                }

                [Fact]
                public void A_duplicate_reference_is_refused()
                {
                    Assert.Throws<InvalidOperationException>(() => Loan.Disburse(
                        Guid.Parse("9b2e4c1a-0d7f-4e55-8a3b-6c1f2d9e7a40"), "LN-20240603-7KQ2MX", DateTimeOffset.Parse("2024-06-03T09:00:00Z")));
                }
            }
            """;

        Assert.Empty(ReviewLoans(tests).Of("TG0704"));
    }
}
