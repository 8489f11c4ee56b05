using TestGate.Core.Model;
using TestGate.Core.Rules;
using TestGate.Core.Suite;

namespace TestGate.Core.Tests.Rules;

/// <summary>Example tests are written in the framework and mocking library the suite already uses.</summary>
public class TestIdiomsTests
{
    private static TestFacts Test(string framework, string name = "T") =>
        new(new TestMethod("Shop.Tests", "Shop.Tests.C", name, TestKind.Unit, "/repo/tests/C.cs", 1), framework, false, false, false, false, [], [], [], [], [], [], []);

    private static MockingTestFacts Mocks(string library, int line) =>
        new(new TestMethod("Shop.Tests", "Shop.Tests.C", $"T{line}", TestKind.Unit, "/repo/tests/C.cs", line),
            [new MockSite("IClock", library, "/repo/tests/C.cs", line, "Shop.Tests.C", false)], []);

    private static TestIdioms Suite(IEnumerable<TestFacts> tests, params MockingTestFacts[] mocks) =>
        TestIdioms.Of(new SuiteModel([], tests.ToArray(), []) { MockingTests = mocks });

    [Fact]
    public void The_suites_most_common_framework_and_mocking_library_are_used_with_xUnit_and_hand_written_fakes_when_none_is_known()
    {
        var nunit = Suite([Test("nunit"), Test("nunit"), Test("xunit"), Test("unknown"), Test("unknown"), Test("unknown")],
            Mocks("NSubstitute", 1), Mocks("NSubstitute", 2), Mocks("Moq", 3), Mocks("MockQueryable", 4), Mocks("MockQueryable", 5), Mocks("MockQueryable", 6));
        var empty = Suite([]);

        Assert.Equal("nunit", nunit.Framework);
        Assert.Equal("NSubstitute", nunit.MockLibrary);
        Assert.Equal("xunit", empty.Framework);
        Assert.Null(empty.MockLibrary);
        Assert.Equal("new FakeClock()", empty.Double("IClock"));
    }

    [Fact]
    public void A_tie_between_frameworks_goes_to_the_first_of_xunit_nunit_mstest_tunit()
    {
        Assert.Equal("nunit", Suite([Test("tunit"), Test("nunit")]).Framework);
        Assert.Equal("mstest", Suite([Test("tunit"), Test("mstest"), Test("tunit"), Test("mstest")]).Framework);
    }

    [Fact]
    public void A_subset_of_tests_or_one_test_gets_its_own_framework_and_keeps_the_suites_mocking_library()
    {
        var suite = Suite([Test("xunit"), Test("xunit"), Test("mstest")], Mocks("FakeItEasy", 1));

        var mstest = suite.For([Test("mstest")]);

        Assert.Equal("mstest", mstest.Framework);
        Assert.Equal("FakeItEasy", mstest.MockLibrary);
        Assert.Same(suite, suite.For(Test("unknown")));
        Assert.Same(suite, suite.For([]));
    }

    [Fact]
    public void Some_tests_get_their_own_mocking_library_and_hand_written_fakes_when_none_of_them_mocks()
    {
        var unit = Test("nunit", "T1");
        var application = Test("nunit", "T9");
        var model = new SuiteModel([], [unit, application], []) { MockingTests = [Mocks("NSubstitute", 1)] };

        Assert.Equal("NSubstitute", TestIdioms.Of(model).MockLibrary);
        Assert.Equal("NSubstitute", TestIdioms.Of(model, [unit]).MockLibrary);
        Assert.Null(TestIdioms.Of(model, [application]).MockLibrary);
        Assert.Equal("nunit", TestIdioms.Of(model, [application]).Framework);
    }

    [Theory]
    [InlineData("xunit", "[Fact(Timeout = 10_000)]", "public async Task Works()", "Assert.Equal(1, count);", "await Assert.ThrowsAnyAsync<IOException>(() => sut.RunAsync());")]
    [InlineData("nunit", "[Test, CancelAfter(10_000)]", "public async Task Works(CancellationToken cancellationToken)", "Assert.That(count, Is.EqualTo(1));", "Assert.CatchAsync<IOException>(() => sut.RunAsync());")]
    [InlineData("mstest", "[TestMethod, Timeout(10_000)]", "public async Task Works()", "Assert.AreEqual(1, count);", "await Assert.ThrowsAsync<IOException>(() => sut.RunAsync());")]
    [InlineData("tunit", "[Test, Timeout(10_000)]", "public async Task Works(CancellationToken cancellationToken)", "await Assert.That(count).IsEqualTo(1);", "await Assert.ThrowsAsync<IOException>(() => sut.RunAsync());")]
    public void An_async_test_has_the_frameworks_timeout_signature_and_assertions(string framework, string attribute, string signature, string equal, string throws)
    {
        var idioms = Suite([Test(framework)]);

        Assert.Equal(attribute, idioms.TestAttribute(async: true));
        Assert.Equal(signature, idioms.AsyncSignature("Works"));
        Assert.Equal(equal, idioms.Equal("1", "count"));
        Assert.Equal(throws, idioms.ThrowsAsync("IOException", "sut.RunAsync()"));
        Assert.Equal(throws, idioms.Throws("IOException", "sut.RunAsync()", async: true));
        Assert.Equal(idioms.Throws("IOException", "sut.Run()"), idioms.Throws("IOException", "sut.Run()", async: false));
        Assert.Equal(framework is "nunit" or "tunit" ? "cancellationToken" : "CancellationToken.None", idioms.Token);
    }

    [Theory]
    [InlineData("xunit", "[Fact]", "public void Works()")]
    [InlineData("nunit", "[Test]", "public void Works()")]
    [InlineData("mstest", "[TestMethod]", "public void Works()")]
    [InlineData("tunit", "[Test, Timeout(10_000)]", "public async Task Works(CancellationToken cancellationToken)")]
    public void A_synchronous_test_stays_synchronous_except_in_TUnit_whose_assertions_are_awaited(string framework, string attribute, string signature)
    {
        var idioms = Suite([Test(framework)]);

        Assert.Equal(attribute, idioms.TestAttribute(async: false));
        Assert.Equal(signature, idioms.Signature(async: false, "Works"));
    }

    [Theory]
    [InlineData("nunit", true, "[OneTimeSetUp]", "[OneTimeTearDown]")]
    [InlineData("nunit", false, "[SetUp]", "[TearDown]")]
    [InlineData("tunit", true, "[Before(Class)]", "[After(Class)]")]
    [InlineData("tunit", false, "[Before(Test)]", "[After(Test)]")]
    [InlineData("mstest", true, "[ClassInitialize]", "[ClassCleanup]")]
    [InlineData("mstest", false, "[TestInitialize]", "[TestCleanup]")]
    public void Async_set_up_and_tear_down_use_the_frameworks_lifecycle_attributes(string framework, bool oncePerClass, string setUp, string tearDown)
    {
        var lifecycle = Suite([Test(framework)]).AsyncLifecycle(oncePerClass);

        Assert.NotNull(lifecycle);
        Assert.Equal(setUp, lifecycle.Value.SetUpAttribute);
        Assert.Equal(tearDown, lifecycle.Value.TearDownAttribute);
        Assert.Equal(oncePerClass && framework != "nunit", lifecycle.Value.SetUp.Contains("static", StringComparison.Ordinal));
    }

    [Fact]
    public void An_xUnit_class_has_no_lifecycle_attributes_it_implements_IAsyncLifetime() =>
        Assert.Null(Suite([Test("xunit")]).AsyncLifecycle(oncePerClass: true));

    [Theory]
    [InlineData("Moq", "Mock.Of<IClock>()", "clock.Object")]
    [InlineData("NSubstitute", "Substitute.For<IClock>()", "clock")]
    [InlineData("FakeItEasy", "A.Fake<IClock>()", "clock")]
    public void Doubles_are_made_with_the_suites_mocking_library(string library, string standIn, string failingArgument)
    {
        var idioms = Suite([Test("xunit")], Mocks(library, 1));

        Assert.Equal(standIn, idioms.Double("IClock"));
        Assert.Equal(failingArgument, idioms.FailingDouble("IClock", "on read").Argument);
    }

    [Theory]
    [InlineData("IPaymentGateway", "paymentGateway")]
    [InlineData("Event", "@event")]
    [InlineData("I", "i")]
    [InlineData("Invoice", "invoice")]
    public void A_variable_is_named_after_its_type_without_the_interface_prefix_and_never_a_keyword(string type, string variable) =>
        Assert.Equal(variable, TestIdioms.VariableOf(type));

    [Theory]
    [InlineData("CancellationToken", "cancellationToken")]
    [InlineData("string", "\"value\"")]
    [InlineData("Int64", "1")]
    [InlineData("decimal", "1m")]
    [InlineData("DateTimeOffset", "DateTimeOffset.UtcNow")]
    [InlineData("TimeProvider", "TimeProvider.System")]
    [InlineData("ILogger", "NullLogger.Instance")]
    public void A_simple_parameter_type_is_written_as_a_literal_and_the_token_as_given(string type, string literal) =>
        Assert.Equal(literal, TestIdioms.LiteralOf(type, "cancellationToken"));

    [Theory]
    [InlineData("IPaymentGateway")]
    [InlineData("PaymentWebhook")]
    public void A_type_the_test_has_to_build_has_no_literal(string type) =>
        Assert.Null(TestIdioms.LiteralOf(type, "CancellationToken.None"));
}
