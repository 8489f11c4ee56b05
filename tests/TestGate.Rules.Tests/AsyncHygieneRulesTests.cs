using TestGate.Core.Model;

namespace TestGate.Rules.Tests;

/// <summary>TG0301–TG0305 over small source snippets, including the traps real suites set.</summary>
public class AsyncHygieneRulesTests
{
    private const string OrderService = """
        namespace Shop.Application;
        public sealed class OrderService
        {
            private readonly IOrderRepository _orders;
            public OrderService(IOrderRepository orders) => _orders = orders;
            public async Task<Order?> GetAsync(Guid id, CancellationToken cancellationToken) => await _orders.FindAsync(id, cancellationToken);
        }
        public interface IOrderRepository { Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken); }
        public sealed class Order { }
        """;

    private static IReadOnlyList<Finding> Review(string rule, string tests, string project = "Shop.UnitTests", string production = OrderService) =>
        SnippetSuite.Review([new Snippet("Shop.Application", production)], [new Snippet(project, tests)]).Of(rule);

    // ------------------------------------------------------------------ TG0301 with the semantic model

    private const string Scheduler = """
        namespace Shop.Application;
        public sealed class Scheduler
        {
            public Task Start() => Task.CompletedTask;
            public Box<int> PeekAsync() => new(1);
            public Reply Send() => new();
        }
        public sealed class Box<T>(T value) { public T Result { get; } = value; public void Wait() { } }
        public sealed class Reply { public int Result => 200; }
        """;

    private const string SchedulerTests = """
        using Shop.Application;

        namespace Shop.UnitTests;
        public class SchedulerTests
        {
            private readonly Scheduler _scheduler = new();

            [Fact]
            public void Starts()
            {
                _scheduler.Start().Wait();
            }

            [Fact]
            public void Peeks()
            {
                var box = _scheduler.PeekAsync();
                Assert.Equal(1, box.Result);
            }

            [Fact]
            public void Replies()
            {
                var reply = _scheduler.Send();
                Assert.Equal(200, reply.Result);
            }
        }
        """;

    private static IReadOnlyList<Finding> ReviewScheduler(IReadOnlyList<string>? references) =>
        SnippetSuite.Review([new Snippet("Shop.Application", Scheduler)], [new Snippet("Shop.UnitTests", SchedulerTests)], references: references).Of("TG0301");

    [Fact]
    public void TG0301_with_references_fires_on_a_wait_on_any_method_returning_a_task_whatever_its_name()
    {
        var findings = ReviewScheduler(SnippetSuite.RuntimeReferences);

        var finding = Assert.Single(findings);
        Assert.Contains("`_scheduler.Start().Wait()`", finding.MissingOrBrokenTest);
        Assert.Equal(SnippetSuite.LineOf(SchedulerTests, ".Start().Wait()"), finding.Location!.Line);
    }

    [Fact]
    public void TG0301_with_references_does_not_fire_on_Result_of_a_type_that_only_has_an_Async_name()
    {
        var findings = ReviewScheduler(SnippetSuite.RuntimeReferences);

        Assert.DoesNotContain(findings, f => f.MissingOrBrokenTest.Contains("box.Result", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.MissingOrBrokenTest.Contains("reply.Result", StringComparison.Ordinal));
    }

    [Fact]
    public void TG0301_without_references_falls_back_to_names_and_says_what_syntax_alone_sees()
    {
        // Syntax alone knows a task by its method's name or by the solution's own declaration of it: the Async-named
        // non-task is flagged (its name is all syntax sees), and so is the unsuffixed Start the solution declares as a Task.
        var findings = ReviewScheduler(references: null);

        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.MissingOrBrokenTest.Contains("`box.Result`", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.MissingOrBrokenTest.Contains("`_scheduler.Start().Wait()`", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.MissingOrBrokenTest.Contains("reply.Result", StringComparison.Ordinal));
    }

    [Fact]
    public void TG0301_without_references_knows_task_factories_and_that_FromResult_has_completed()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class FactoryTests
            {
                [Fact]
                public void Started_work_is_waited_for()
                {
                    var started = Task.Factory.StartNew(() => 42).Result;
                    var done = Task.FromResult(42).Result;
                    Assert.Equal(started, done);
                }
            }
            """;

        var finding = Assert.Single(Review("TG0301", tests));
        Assert.Contains("Task.Factory.StartNew(() => 42).Result", finding.MissingOrBrokenTest);
        Assert.DoesNotContain("FromResult", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void TG0301_without_references_knows_a_MediatR_style_Handle_returns_a_task_from_its_declaration()
    {
        const string production = """
            namespace Shop.Application;
            public sealed record PlaceOrder(Guid Id);
            public sealed class PlaceOrderHandler : IRequestHandler<PlaceOrder, Guid>
            {
                public Task<Guid> Handle(PlaceOrder request, CancellationToken cancellationToken) => Task.FromResult(request.Id);
            }
            """;
        const string tests = """
            namespace Shop.UnitTests;
            public class PlaceOrderHandlerTests
            {
                private readonly PlaceOrderHandler _handler = new();

                [Fact]
                public void Returns_the_id()
                {
                    var id = Guid.NewGuid();
                    Assert.Equal(id, _handler.Handle(new PlaceOrder(id), CancellationToken.None).Result);
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Application", production)], [new Snippet("Shop.UnitTests", tests)]).Of("TG0301"));
        Assert.Contains("`_handler.Handle(new PlaceOrder(id), CancellationToken.None).Result`", finding.MissingOrBrokenTest);

        // A name the solution also declares with another return type proves nothing without references.
        var ambiguous = production + "\npublic sealed class Calculator { public int Handle(int value) => value; }\n";
        Assert.Empty(SnippetSuite.Review([new Snippet("Shop.Application", ambiguous)], [new Snippet("Shop.UnitTests", tests)]).Of("TG0301"));
    }

    [Fact]
    public void TG0301_with_references_falls_back_to_names_where_a_type_does_not_resolve()
    {
        // Without `using Shop.Application;` the scheduler's type is unknown to the compiler: the names decide again.
        var unresolved = SchedulerTests.Replace("using Shop.Application;", string.Empty, StringComparison.Ordinal);

        var findings = SnippetSuite.Review(
            [new Snippet("Shop.Application", Scheduler)], [new Snippet("Shop.UnitTests", unresolved)], references: SnippetSuite.RuntimeReferences).Of("TG0301");

        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.MissingOrBrokenTest.Contains("`box.Result`", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.MissingOrBrokenTest.Contains("`_scheduler.Start().Wait()`", StringComparison.Ordinal));
    }

    [Fact]
    public void TG0301_with_an_unreadable_reference_still_reviews_the_tests()
    {
        // A reference that is not an assembly (a stale or half-written file): the review must not fail because of it.
        var notAnAssembly = Path.Combine(Path.GetTempPath(), $"testgate-not-an-assembly-{Guid.NewGuid():N}.dll");
        File.WriteAllText(notAnAssembly, "not a PE file");
        try
        {
            var findings = SnippetSuite.Review(
                [new Snippet("Shop.Application", Scheduler)],
                [new Snippet("Shop.UnitTests", SchedulerTests)],
                references: [.. SnippetSuite.RuntimeReferences, notAnAssembly]).Of("TG0301");

            Assert.Single(findings);
        }
        finally
        {
            File.Delete(notAnAssembly);
        }
    }

    // ------------------------------------------------------------------ TG0301 sync-over-async-in-test

    [Fact]
    public void TG0301_fires_on_Result_of_an_async_call_at_the_wait_line()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class OrderServiceTests
            {
                private readonly OrderService _service = new(new FakeOrders());

                [Fact]
                public void Get_returns_the_order()
                {
                    var id = Guid.NewGuid();

                    var order = _service.GetAsync(id, CancellationToken.None).Result;

                    Assert.NotNull(order);
                }
            }
            """;

        var finding = Assert.Single(Review("TG0301", tests));

        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Contains("OrderServiceTests.Get_returns_the_order", finding.MissingOrBrokenTest);
        Assert.Contains("`_service.GetAsync(id, CancellationToken.None).Result`", finding.MissingOrBrokenTest);
        Assert.Contains("AggregateException", finding.Risk);
        Assert.Equal("Unit", finding.RecommendedTestType);
        Assert.Contains("[Fact(Timeout = 10_000)]", finding.ExampleTestOutline);
        Assert.Contains("public async Task Get_returns_the_order()", finding.ExampleTestOutline);
        Assert.Contains("var result = await _service.GetAsync(id, CancellationToken.None);", finding.ExampleTestOutline);
        Assert.Equal(SnippetSuite.LineOf(tests, ".Result;"), finding.Location!.Line);
        Assert.Equal("Shop.UnitTests.OrderServiceTests.Get_returns_the_order", finding.Location.Symbol);
    }

    [Fact]
    public void TG0301_fires_once_per_test_on_the_first_of_several_waits_in_NUnit_style()
    {
        const string tests = """
            namespace Shop.IntegrationTests;
            public class WorkerTests
            {
                [Test]
                public void Drains_the_queue()
                {
                    var worker = new QueueWorker();
                    Task.Run(() => worker.DrainAsync()).Wait();
                    worker.FlushAsync().GetAwaiter().GetResult();
                }
            }
            """;

        var finding = Assert.Single(Review("TG0301", tests, "Shop.IntegrationTests"));

        Assert.Contains("`Task.Run(() => worker.DrainAsync()).Wait()`", finding.MissingOrBrokenTest);
        Assert.Contains("1 more blocking wait", finding.MissingOrBrokenTest);
        Assert.Equal("Integration", finding.RecommendedTestType);
        Assert.Contains("[Test, CancelAfter(10_000)]", finding.ExampleTestOutline);
        Assert.Contains("await Task.Run(() => worker.DrainAsync());", finding.ExampleTestOutline);
        Assert.Equal(SnippetSuite.LineOf(tests, ".Wait()"), finding.Location!.Line);
    }

    [Fact]
    public void TG0301_fires_on_GetAwaiter_GetResult_and_Task_WaitAll()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class ClockTests
            {
                [Fact]
                public void Ticks()
                {
                    new Ticker().TickAsync().GetAwaiter().GetResult();
                }

                [Fact]
                public void Ticks_in_parallel()
                {
                    var ticker = new Ticker();
                    Task.WaitAll(ticker.TickAsync(), ticker.TickAsync());
                }
            }
            """;

        var findings = Review("TG0301", tests);

        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.ExampleTestOutline.Contains("await new Ticker().TickAsync();", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.ExampleTestOutline.Contains("await Task.WhenAll(ticker.TickAsync(), ticker.TickAsync());", StringComparison.Ordinal));
    }

    [Fact]
    public void TG0301_ignores_Result_of_an_awaited_typed_result_and_Result_after_awaited_WhenAll()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class HandlerTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Handle_returns_ok()
                {
                    var result = await new Handler().HandleAsync(new Command(), CancellationToken.None);

                    Assert.Equal(Outcome.Ok, result.Result);
                }

                [Fact(Timeout = 10_000)]
                public async Task Both_complete()
                {
                    var first = new Handler().CountAsync();
                    var second = new Handler().CountAsync();
                    await Task.WhenAll(first, second);

                    Assert.Equal(first.Result, second.Result);
                }
            }
            """;

        Assert.Empty(Review("TG0301", tests));
    }

    [Fact]
    public void TG0301_ignores_Result_after_the_task_was_awaited_with_a_deadline_a_local_or_itself()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class QuoteTests
            {
                [Fact]
                public async Task With_a_deadline()
                {
                    var berlin = new Quotes().QuoteAsync("DE");
                    var paris = new Quotes().QuoteAsync("FR");
                    await Task.WhenAll(berlin, paris).WaitAsync(TimeSpan.FromSeconds(5));
                    Assert.Equal("DE", berlin.Result.Destination);
                }

                [Fact(Timeout = 10_000)]
                public async Task Through_a_local()
                {
                    var berlin = new Quotes().QuoteAsync("DE");
                    var all = Task.WhenAll(berlin, new Quotes().QuoteAsync("FR"));
                    await all.ConfigureAwait(false);
                    Assert.Equal("DE", berlin.Result.Destination);
                }

                [Fact(Timeout = 10_000)]
                public async Task Awaited_itself()
                {
                    var berlin = new Quotes().QuoteAsync("DE");
                    await berlin;
                    Assert.Equal("DE", berlin.Result.Destination);
                }
            }
            """;

        Assert.Empty(Review("TG0301", tests));
    }

    [Fact]
    public void TG0301_still_fires_on_Result_of_a_task_other_than_the_one_awaited()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class QuoteTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Awaits_one_reads_the_other()
                {
                    var berlin = new Quotes().QuoteAsync("DE");
                    var paris = new Quotes().QuoteAsync("FR");
                    await berlin;
                    Assert.Equal("FR", paris.Result.Destination);
                }

                [Fact(Timeout = 10_000)]
                public async Task Starts_after_the_wait()
                {
                    await Task.WhenAll(new Quotes().WarmUpAsync());
                    var rome = new Quotes().QuoteAsync("IT");
                    Assert.Equal("IT", rome.Result.Destination);
                }

                [Fact(Timeout = 10_000)]
                public async Task Awaits_only_in_a_lambda()
                {
                    var madrid = new Quotes().QuoteAsync("ES");
                    Func<Task> later = async () => await madrid;
                    Assert.Equal("ES", madrid.Result.Destination);
                }
            }
            """;

        var findings = Review("TG0301", tests);
        Assert.Equal(3, findings.Count);
        Assert.Contains(findings, f => f.MissingOrBrokenTest.Contains("paris.Result", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.MissingOrBrokenTest.Contains("rome.Result", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.MissingOrBrokenTest.Contains("madrid.Result", StringComparison.Ordinal));
    }

    [Fact]
    public void TG0301_ignores_waits_on_non_tasks_and_on_already_completed_tasks()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class GateTests
            {
                [Fact]
                public void Semaphore_is_released()
                {
                    var gate = new SemaphoreSlim(1);
                    gate.Wait();
                    var answer = Task.FromResult(42).Result;
                    Assert.Equal(42, answer);
                }
            }
            """;

        Assert.Empty(Review("TG0301", tests));
    }

    // ------------------------------------------------------------------ TG0302 async-void-test

    [Fact]
    public void TG0302_fires_on_an_async_void_xunit_test()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class OrderServiceTests
            {
                [Fact]
                public async void Get_returns_the_order()
                {
                    var order = await new OrderService(new FakeOrders()).GetAsync(Guid.NewGuid(), CancellationToken.None);
                    Assert.NotNull(order);
                }
            }
            """;

        var finding = Assert.Single(Review("TG0302", tests));

        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Contains("OrderServiceTests.Get_returns_the_order", finding.MissingOrBrokenTest);
        Assert.Contains("async void", finding.MissingOrBrokenTest);
        Assert.Contains("xUnit", finding.Risk);
        Assert.Contains("Get_returns_the_order", finding.Risk);
        Assert.Contains("public async Task Get_returns_the_order()", finding.ExampleTestOutline);
        Assert.Equal(SnippetSuite.LineOf(tests, "public async void"), finding.Location!.Line);
    }

    [Fact]
    public void TG0302_fires_on_an_async_void_MSTest_test_with_the_MSTest_consequence()
    {
        const string tests = """
            namespace Shop.IntegrationTests;
            [TestClass]
            public class RepositoryTests
            {
                [TestMethod]
                public async void Saves()
                {
                    await Task.Delay(1);
                }
            }
            """;

        var finding = Assert.Single(Review("TG0302", tests, "Shop.IntegrationTests"));

        Assert.Contains("MSTest does not await it", finding.Risk);
        Assert.Contains("[TestMethod, Timeout(10_000)]", finding.ExampleTestOutline);
        Assert.Equal("Integration", finding.RecommendedTestType);
    }

    [Fact]
    public void TG0302_ignores_async_Task_tests_and_async_void_event_handlers_in_test_classes()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class EventTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Raises()
                {
                    await Task.Yield();
                }

                private async void OnChanged(object sender, EventArgs e) => await Task.Yield();
            }
            """;

        Assert.Empty(Review("TG0302", tests));
    }

    [Fact]
    public void TG0302_ignores_synchronous_void_tests()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class MoneyTests
            {
                [Fact]
                public void Adds() => Assert.Equal(2, 1 + 1);
            }
            """;

        Assert.Empty(Review("TG0302", tests));
    }

    // ------------------------------------------------------------------ TG0303 async-test-without-timeout

    [Fact]
    public void TG0303_fires_once_per_class_listing_its_async_tests_without_timeout()
    {
        const string tests = """
            namespace Shop.IntegrationTests;
            public class OrderRepositoryTests
            {
                [Fact]
                public async Task Saves_the_order()
                {
                    await Task.Yield();
                }

                [Theory]
                [InlineData(1)]
                public async Task Finds_the_order(int id)
                {
                    await Task.Yield();
                }

                [Fact(Timeout = 5_000)]
                public async Task Deletes_the_order()
                {
                    await Task.Yield();
                }
            }
            """;

        var finding = Assert.Single(Review("TG0303", tests, "Shop.IntegrationTests"));

        Assert.Equal(Severity.P2, finding.Severity);
        Assert.Contains("2 async tests in OrderRepositoryTests", finding.MissingOrBrokenTest);
        Assert.Contains("Saves_the_order", finding.MissingOrBrokenTest);
        Assert.Contains("Finds_the_order", finding.MissingOrBrokenTest);
        Assert.DoesNotContain("Deletes_the_order", finding.MissingOrBrokenTest);
        Assert.Contains("OrderRepositoryTests", finding.Risk);
        Assert.Equal("Integration", finding.RecommendedTestType);
        Assert.Contains("[Fact(Timeout = 10_000)]", finding.ExampleTestOutline);
        Assert.Contains("public async Task Saves_the_order()", finding.ExampleTestOutline);
        Assert.Equal(SnippetSuite.LineOf(tests, "Saves_the_order"), finding.Location!.Line);
    }

    [Theory]
    [InlineData("await Assert.That(order.Total).IsEqualTo(3m);\n        await Assert.That(order.Lines).HasCount().EqualTo(2).And.IsNotNull();", false)]
    [InlineData("await Assert.That(order.IsPaid(clock.GetUtcNow())).IsFalse();", false)]
    [InlineData("await Assert.That(async () => await service.PayAsync(order)).Throws<InvalidOperationException>();", true)]
    [InlineData("await Assert.That(order.Total).IsEqualTo(3m);\n        await service.PayAsync(order);", true)]
    [InlineData("await foreach (var line in service.StreamAsync(order)) { await Assert.That(line).IsNotNull(); }", true)]
    [InlineData("await Assert.That(service.TotalAsync(order)).IsEqualTo(3m);", true)]
    [InlineData("await Assert.That(service.PayAsync).ThrowsNothing();", true)]
    [InlineData("await Assert.That(Task.Run(() => order.Total)).IsEqualTo(3m);", true)]
    public void TG0303_a_TUnit_test_that_awaits_only_assertions_on_values_needs_no_timeout(string body, bool fires)
    {
        var tests = $$"""
            using TUnit.Core;
            namespace Shop.UnitTests;
            public class OrderTests
            {
                [Test]
                public async Task Totals_the_lines()
                {
                    var order = new Order();
                    var service = new OrderService(null!);
                    var clock = TimeProvider.System;
                    {{body}}
                }
            }
            """;

        Assert.Equal(fires, Review("TG0303", tests).Count == 1);
    }

    [Theory]
    [InlineData("using TUnit.Core;", "[Test, Timeout(10_000)]")]
    [InlineData("using NUnit.Framework;", "[Test, CancelAfter(10_000)]")]
    public void TG0303_writes_its_outline_in_the_framework_the_Test_attribute_belongs_to(string usingDirective, string attribute)
    {
        var tests = $$"""
            {{usingDirective}}
            namespace Shop.UnitTests;
            public class ClockTests
            {
                [Test]
                public async Task Ticks()
                {
                    await Task.Yield();
                }

                [Test, Timeout(5_000)]
                public async Task Ticks_within_a_bound(CancellationToken cancellationToken)
                {
                    await Task.Delay(1, cancellationToken);
                }
            }
            """;

        var finding = Assert.Single(Review("TG0303", tests));

        Assert.Contains("Async test ClockTests.Ticks has", finding.MissingOrBrokenTest);
        Assert.DoesNotContain("Ticks_within_a_bound", finding.MissingOrBrokenTest);
        Assert.Contains(attribute, finding.ExampleTestOutline);
        Assert.Contains("public async Task Ticks(CancellationToken cancellationToken)", finding.ExampleTestOutline);
    }

    [Theory]
    [InlineData("private readonly CancellationTokenSource _cts = new(TimeSpan.FromSeconds(30));", false)]
    [InlineData("private readonly CancellationTokenSource _cts = new CancellationTokenSource(30_000);", false)]
    [InlineData("private CancellationTokenSource Cts { get; } = new(TimeSpan.FromSeconds(30));", false)]
    [InlineData("private readonly CancellationTokenSource _cts = new();", true)]
    public void TG0303_a_token_source_with_a_delay_in_a_field_created_per_test_instance_bounds_the_tests(string field, bool fires)
    {
        // xUnit creates the class once per test: a field's token source starts its clock for each test.
        var tests = $$"""
            namespace Shop.IntegrationTests;
            public class DeliveryRepositoryTests
            {
                {{field}}

                [Fact]
                public async Task Round_trips()
                {
                    var ct = {{(field.Contains("Cts {", StringComparison.Ordinal) ? "Cts" : "_cts")}}.Token;
                    await Task.Delay(1, ct);
                }
            }
            """;

        Assert.Equal(fires, Review("TG0303", tests, "Shop.IntegrationTests").Count == 1);
    }

    [Theory]
    [InlineData("using var setupTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));\n        await Task.Delay(1, setupTimeout.Token);", true)]
    [InlineData("_timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));", false)]
    public void TG0303_a_token_source_local_to_the_set_up_bounds_the_set_up_and_one_kept_in_a_field_bounds_the_tests(string setUp, bool fires)
    {
        var tests = $$"""
            namespace Shop.UnitTests;
            public class ClockTests
            {
                private CancellationTokenSource _timeout = new();

                [SetUp]
                public async Task Start()
                {
                    {{setUp}}
                }

                [Test]
                public async Task Ticks()
                {
                    await Task.Delay(1, _timeout.Token);
                }
            }
            """;

        Assert.Equal(fires, Review("TG0303", tests).Count == 1);
    }

    [Fact]
    public void TG0303_fires_for_NUnit_with_CancelAfter_in_the_outline()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class ClockTests
            {
                [Test]
                public async Task Ticks()
                {
                    await Task.Yield();
                }
            }
            """;

        var finding = Assert.Single(Review("TG0303", tests));

        Assert.Contains("Async test ClockTests.Ticks has no explicit timeout", finding.MissingOrBrokenTest);
        Assert.Contains("[Test, CancelAfter(10_000)]", finding.ExampleTestOutline);
        Assert.Contains("public async Task Ticks(CancellationToken cancellationToken)", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0303_accepts_class_level_timeouts_token_deadlines_and_WaitAsync()
    {
        const string tests = """
            namespace Shop.UnitTests;
            [Timeout(5000)]
            public class NUnitClassTimeoutTests
            {
                [Test]
                public async Task Ticks() => await Task.Yield();
            }

            public class DeadlineTests
            {
                [Fact]
                public async Task With_a_token_deadline()
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await new Ticker().TickAsync(cts.Token);
                }

                [Fact]
                public async Task With_CancelAfter()
                {
                    using var cts = new CancellationTokenSource();
                    cts.CancelAfter(TimeSpan.FromSeconds(5));
                    await new Ticker().TickAsync(cts.Token);
                }

                [Fact]
                public async Task With_WaitAsync()
                {
                    await new Ticker().TickAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
                }
            }
            """;

        Assert.Empty(Review("TG0303", tests));
    }

    [Fact]
    public void TG0303_ignores_skipped_sync_and_async_void_tests_and_assembly_level_timeouts()
    {
        const string tests = """
            namespace Shop.UnitTests;
            public class MixedTests
            {
                [Fact(Skip = "flaky upstream")]
                public async Task Skipped() => await Task.Yield();

                [Fact]
                public void Synchronous() => Assert.True(true);

                [Fact]
                public async void AsyncVoid() => await Task.Yield();
            }
            """;
        const string assemblyTimeout = """
            [assembly: NUnit.Framework.Timeout(10000)]
            namespace Shop.IntegrationTests;
            public class TimedByAssemblyTests
            {
                [Test]
                public async Task Ticks() => await Task.Yield();
            }
            """;

        var findings = SnippetSuite.Review([new Snippet("Shop.Application", OrderService)],
            [new Snippet("Shop.UnitTests", tests), new Snippet("Shop.IntegrationTests", assemblyTimeout)]).Of("TG0303");

        Assert.Empty(findings);
    }

    [Fact]
    public void TG0303_accepts_a_projects_own_FactAttribute_that_sets_a_default_timeout()
    {
        const string attribute = """
            namespace Shop.IntegrationTests;
            [AttributeUsage(AttributeTargets.Method)]
            public sealed class FactAttribute : Xunit.FactAttribute
            {
                public FactAttribute() => Timeout = 10_000;
            }
            """;
        const string tests = """
            namespace Shop.IntegrationTests;
            public class OrderRepositoryTests
            {
                [Fact]
                public async Task Saves() => await Task.Yield();
            }
            """;

        var findings = SnippetSuite.Review([], [new Snippet("Shop.IntegrationTests", attribute), new Snippet("Shop.IntegrationTests", tests)]).Of("TG0303");

        Assert.Empty(findings);
    }

    // ------------------------------------------------------------------ TG0304 missing-cancellation-test

    [Theory]
    [InlineData("await cancelled.CancelAsync();", false)]
    [InlineData("", true)]
    public void TG0304_credits_a_cancelling_test_that_sends_the_handlers_message_through_a_mediator(string cancel, bool fires)
    {
        const string production = """
            namespace Ledger.UseCases;
            public sealed record RebuildBalances;
            public interface IAccounts { IAsyncEnumerable<string> AllAsync(CancellationToken cancellationToken); Task FixAsync(string account, CancellationToken cancellationToken); }
            public sealed class RebuildBalancesHandler(IAccounts accounts)
            {
                public async Task<int> Handle(RebuildBalances request, CancellationToken cancellationToken)
                {
                    var fixedCount = 0;
                    await foreach (var account in accounts.AllAsync(cancellationToken))
                    {
                        await accounts.FixAsync(account, cancellationToken);
                        fixedCount++;
                    }

                    return fixedCount;
                }
            }
            """;
        var tests = $$"""
            namespace Ledger.UseCases.Tests;
            public class RebuildBalancesTests
            {
                [Fact(Timeout = 10_000)]
                public async Task A_cancelled_rebuild_starts_nothing()
                {
                    using var cancelled = new CancellationTokenSource();
                    {{cancel}}
                    var ledger = await TestLedger.StartAsync();
                    await Record.ExceptionAsync(async () => await ledger.SendAsync(new RebuildBalances(), cancelled.Token));
                }
            }
            """;

        var findings = SnippetSuite.Review([new Snippet("Ledger.UseCases", production)], [new Snippet("Ledger.UseCases.Tests", tests)]).Of("TG0304");

        Assert.Equal(fires, findings.Any(f => f.Location!.Symbol!.StartsWith("Ledger.UseCases.RebuildBalancesHandler", StringComparison.Ordinal)));
    }

    private const string Repository = """
        using Microsoft.Data.Sqlite;
        namespace Shop.Infrastructure;
        public sealed class SqliteOrderRepository : IOrderRepository
        {
            private readonly SqliteConnectionFactory _connections;
            public SqliteOrderRepository(SqliteConnectionFactory connections) => _connections = connections;

            private readonly SemaphoreSlim _writer = new(1, 1);

            public async Task<IReadOnlyList<Order>> FindAsync(Guid id, CancellationToken cancellationToken)
            {
                await using var connection = await _connections.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var orders = new List<Order>();
                while (await reader.ReadAsync(cancellationToken)) { orders.Add(new Order()); }
                return orders;
            }

            public async Task AddAsync(Order order, CancellationToken cancellationToken)
            {
                await _writer.WaitAsync(cancellationToken);
                try
                {
                    await using var connection = await _connections.OpenAsync(cancellationToken);
                    await using var transaction = connection.BeginTransaction();
                    await transaction.CommitAsync(cancellationToken);
                }
                finally
                {
                    _writer.Release();
                }
            }

            public string Describe(CancellationToken cancellationToken) => "orders";

            private async Task TouchAsync(CancellationToken cancellationToken) => await Task.Delay(1, cancellationToken);
        }
        public interface IOrderRepository { Task<IReadOnlyList<Order>> FindAsync(Guid id, CancellationToken cancellationToken); }
        public sealed class Order { }
        """;

    [Fact]
    public void TG0304_fires_per_type_listing_the_methods_no_cancelling_test_calls()
    {
        const string tests = """
            namespace Shop.IntegrationTests;
            public class SqliteOrderRepositoryTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Find_cancelled_stops()
                {
                    using var cancellation = new CancellationTokenSource();
                    await cancellation.CancelAsync();
                    var repository = new SqliteOrderRepository(Db.Connections);

                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => repository.FindAsync(Guid.NewGuid(), cancellation.Token));
                }

                [Fact(Timeout = 10_000)]
                public async Task Add_saves()
                {
                    using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await new SqliteOrderRepository(Db.Connections).AddAsync(new Order(), deadline.Token);
                }
            }
            """;

        var findings = SnippetSuite.Review([new Snippet("Shop.Infrastructure", Repository)], [new Snippet("Shop.IntegrationTests", tests)]).Of("TG0304");

        var finding = Assert.Single(findings);
        Assert.Equal(Severity.P2, finding.Severity);
        Assert.Contains("SqliteOrderRepository takes a CancellationToken in AddAsync (waits),", finding.MissingOrBrokenTest);
        Assert.DoesNotContain("FindAsync", finding.MissingOrBrokenTest);
        Assert.DoesNotContain("Describe", finding.MissingOrBrokenTest);
        Assert.DoesNotContain("TouchAsync", finding.MissingOrBrokenTest);
        Assert.Contains("SqliteOrderRepository", finding.Risk);
        Assert.Contains("AddAsync", finding.Risk);
        Assert.Equal("Integration", finding.RecommendedTestType);
        Assert.Contains("sut.AddAsync(TestData.Order(), cancellation.Token)", finding.ExampleTestOutline);
        Assert.Contains("await Assert.ThrowsAnyAsync<OperationCanceledException>", finding.ExampleTestOutline);
        Assert.Equal("Shop.Infrastructure.SqliteOrderRepository.AddAsync", finding.Location!.Symbol);
        Assert.Equal(SnippetSuite.LineOf(Repository, "public async Task AddAsync"), finding.Location.Line);
    }

    private const string LoopingPublisher = """
        namespace Shop.Application;
        public sealed class OutboxPublisher : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await Task.Delay(1000, stoppingToken);
                }
            }
        }
        """;

    [Fact]
    public void TG0304_fires_on_a_background_service_no_test_stops()
    {
        const string tests = """
            namespace Shop.ApplicationTests;
            public class OutboxPublisherTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Starts()
                {
                    var publisher = new OutboxPublisher();
                    await publisher.StartAsync(CancellationToken.None);
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Application", LoopingPublisher)], [new Snippet("Shop.ApplicationTests", tests)]).Of("TG0304"));

        Assert.Contains("OutboxPublisher.ExecuteAsync runs until its stopping token is cancelled", finding.MissingOrBrokenTest);
        Assert.Contains("host shutdown", finding.Risk);
        Assert.Contains("await sut.StopAsync(CancellationToken.None);", finding.ExampleTestOutline);
        Assert.Equal("Application", finding.RecommendedTestType);
    }

    [Theory]
    [InlineData("OutboxPublisherTests", false)]
    [InlineData("PublisherLifecycleTests", true)]
    public void TG0304_a_test_class_named_after_the_service_stops_the_service_a_harness_creates(string className, bool fires)
    {
        var tests = $$"""
            namespace Shop.ApplicationTests;
            public class {{className}}
            {
                private readonly Harness _harness = new();

                [Fact(Timeout = 10_000)]
                public async Task StopAsync_ends_the_loop()
                {
                    using var service = _harness.CreateService();
                    await service.StartAsync(CancellationToken.None);
                    await service.StopAsync(CancellationToken.None);
                    Assert.True(service.ExecuteTask!.IsCompletedSuccessfully);
                }
            }
            """;

        Assert.Equal(fires, SnippetSuite.Review([new Snippet("Shop.Application", LoopingPublisher)], [new Snippet("Shop.ApplicationTests", tests)]).Of("TG0304").Count == 1);
    }

    [Theory]
    [InlineData("await scheduler.StopAsync(timeout.Token);", false)]
    [InlineData("", true)]
    public void TG0304_a_stopped_scheduler_covers_the_batch_loop_it_runs_on_each_tick(string stop, bool fires)
    {
        const string production = """
            namespace Shop.Application;
            public sealed class OverdueService(IOrderStore orders)
            {
                public async Task<int> MarkOverdueAsync(DateOnly asOf, CancellationToken cancellationToken)
                {
                    var total = 0;
                    while (true)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var batch = await orders.ListDueAsync(asOf, 100, cancellationToken);
                        total += batch.Count;
                        if (batch.Count < 100) { return total; }
                    }
                }
            }
            public sealed class OverdueScheduler(IServiceScopeFactory scopes) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        await scope.ServiceProvider.GetRequiredService<OverdueService>().MarkOverdueAsync(DateOnly.MinValue, stoppingToken);
                        await Task.Delay(1000, stoppingToken);
                    }
                }
            }
            """;
        var tests = $$"""
            namespace Shop.ApplicationTests;
            public class OverdueSchedulerTests
            {
                [Fact]
                public async Task Scheduler_stops_promptly_when_the_host_shuts_down()
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    var scheduler = new OverdueScheduler(Services.ScopeFactory());
                    await scheduler.StartAsync(timeout.Token);
                    {{stop}}
                    Assert.False(timeout.IsCancellationRequested);
                }
            }
            """;

        var findings = SnippetSuite.Review([new Snippet("Shop.Application", production)], [new Snippet("Shop.ApplicationTests", tests)]).Of("TG0304");

        Assert.Equal(fires, findings.Any(f => f.MissingOrBrokenTest.Contains("OverdueService", StringComparison.Ordinal)));
    }

    [Fact]
    public void TG0304_does_not_ask_for_a_cancellation_test_of_a_method_that_ignores_its_token()
    {
        // A MediatR-style behaviour and a handler that take a token and never read it: cancelling cannot change them.
        const string production = """
            namespace Shop.Application;
            public sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
            {
                public async Task<TResponse> Handle(TRequest request, Func<Task<TResponse>> next, CancellationToken cancellationToken)
                {
                    foreach (var property in typeof(TRequest).GetProperties()) { logger.LogInformation("{Name}", property.Name); }
                    return await next();
                }
            }
            public sealed class ListOrdersHandler(IOrderQuery query)
            {
                public async Task<IReadOnlyList<Order>> Handle(ListOrders request, CancellationToken cancellationToken) => await query.ListAsync();
            }
            public sealed class CancelOrderHandler(IOrderStore store)
            {
                public async Task Handle(CancelOrders request, CancellationToken ct)
                {
                    foreach (var id in request.Ids) { await store.MarkCancelledAsync(id, ct); }
                }
            }
            """;
        const string tests = """
            namespace Shop.UnitTests;
            public class HandlerTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Lists() => await new ListOrdersHandler(new FakeOrderQuery()).Handle(new ListOrders(), CancellationToken.None);
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Application", production)], [new Snippet("Shop.UnitTests", tests)]).Of("TG0304"));

        Assert.Contains("CancelOrderHandler takes a CancellationToken in Handle", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void TG0304_does_not_credit_a_method_the_cancelling_test_only_verifies_on_a_double()
    {
        const string production = """
            namespace Shop.Application;
            public sealed class TransferService(ITransferRepository transfers)
            {
                public async Task TransferAsync(Transfer transfer, CancellationToken ct)
                {
                    ct.ThrowIfCancellationRequested();
                    await transfers.RecordAsync(transfer, ct);
                }
            }
            public sealed class TransferRepository(NpgsqlDataSource db) : ITransferRepository
            {
                public async Task RecordAsync(Transfer transfer, CancellationToken ct)
                {
                    await using var connection = await db.OpenConnectionAsync(ct);
                    foreach (var leg in transfer.Legs)
                    {
                        await connection.ExecuteAsync("INSERT INTO transfer_legs (id) VALUES (@Id)", leg);
                    }
                }
            }
            """;
        const string tests = """
            namespace Shop.UnitTests;
            public class TransferServiceTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Cancelled_transfer_records_nothing()
                {
                    var transfers = Substitute.For<ITransferRepository>();
                    var service = new TransferService(transfers);
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.TransferAsync(new Transfer(), new CancellationToken(true)));
                    await transfers.DidNotReceiveWithAnyArgs().RecordAsync(default!, default);
                }

                [Fact(Timeout = 10_000)]
                public async Task Cancelled_transfer_with_moq()
                {
                    var transfers = new Mock<ITransferRepository>();
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new TransferService(transfers.Object).TransferAsync(new Transfer(), new CancellationToken(true)));
                    transfers.Verify(t => t.RecordAsync(It.IsAny<Transfer>(), It.IsAny<CancellationToken>()), Times.Never);
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Application", production)], [new Snippet("Shop.UnitTests", tests)]).Of("TG0304"));

        Assert.Contains("TransferRepository takes a CancellationToken in RecordAsync", finding.MissingOrBrokenTest);

        // A Given/When step helper of the test itself runs what it is given.
        const string steps = """
            namespace Shop.UnitTests;
            public class TransferRepositorySteps
            {
                [Fact(Timeout = 10_000)]
                public async Task Cancelled_record_stops()
                {
                    var repository = new TransferRepository(Db.DataSource);
                    await When(() => repository.RecordAsync(new Transfer(), new CancellationToken(true)));
                    ThenItWasCancelled<OperationCanceledException>();
                }
            }
            """;
        Assert.Empty(SnippetSuite.Review([new Snippet("Shop.Application", production)], [new Snippet("Shop.UnitTests", tests), new Snippet("Shop.UnitTests", steps)]).Of("TG0304"));
    }

    [Fact]
    public void TG0304_still_asks_to_stop_a_background_loop_that_ignores_its_stopping_token()
    {
        const string production = """
            namespace Shop.Application;
            public sealed class Poller(IQueue queue) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (true) { await queue.DrainAsync(); }
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Application", production)], []).Of("TG0304"));

        Assert.Contains("Poller.ExecuteAsync runs until its stopping token is cancelled", finding.MissingOrBrokenTest);
        Assert.Contains("never reads its stopping token", finding.Risk);
    }

    [Fact]
    public void TG0304_does_not_credit_a_background_loop_to_a_test_that_cancels_another_of_its_methods()
    {
        const string production = """
            namespace Shop.Application;
            public sealed class Dispatcher(IQueue queue) : BackgroundService
            {
                public async Task DispatchBatchAsync(CancellationToken cancellationToken)
                {
                    foreach (var item in await queue.PendingAsync(cancellationToken)) { await SendAsync(item, cancellationToken); }
                }

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested) { await DispatchBatchAsync(stoppingToken); }
                }
            }
            """;
        const string tests = """
            namespace Shop.ApplicationTests;
            public class DispatcherTests
            {
                [Fact(Timeout = 10_000)]
                public async Task DispatchBatch_with_a_cancelled_token_is_cancelled()
                {
                    using var cts = new CancellationTokenSource();
                    cts.Cancel();
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new Dispatcher(new CancelledQueue()).DispatchBatchAsync(cts.Token));
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Application", production)], [new Snippet("Shop.ApplicationTests", tests)]).Of("TG0304"));

        Assert.Contains("Dispatcher.ExecuteAsync runs until its stopping token is cancelled", finding.MissingOrBrokenTest);
        Assert.DoesNotContain("DispatchBatchAsync", finding.MissingOrBrokenTest);
    }

    [Theory]
    [InlineData("using var host = Host.CreateDefaultBuilder().ConfigureServices(s => s.AddHostedService<Dispatcher>()).Build();\n        await host.StartAsync(cts.Token);")]
    [InlineData("await using var factory = new WebApplicationFactory<Program>();\n        _ = factory.CreateClient();")]
    [InlineData("var dispatcher = new Dispatcher(new EmptyQueue());\n        dispatcher.StartAsync(cts.Token).Wait(0);")]
    public void TG0304_credits_a_background_loop_to_a_test_that_starts_it_and_cancels(string start)
    {
        const string production = """
            namespace Shop.Application;
            public sealed class Dispatcher(IQueue queue) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested) { await queue.PendingAsync(stoppingToken); }
                }
            }
            """;
        var tests = $$"""
            namespace Shop.ApplicationTests;
            public class DispatcherTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Dispatcher_stops_when_cancelled()
                {
                    using var cts = new CancellationTokenSource();
                    {{start}}
                    cts.Cancel();
                    Assert.True(cts.IsCancellationRequested, nameof(Dispatcher));
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([new Snippet("Shop.Application", production)], [new Snippet("Shop.ApplicationTests", tests)]).Of("TG0304"));
    }

    [Fact]
    public void TG0304_accepts_a_cancelled_token_a_cancelling_source_or_an_expected_cancellation()
    {
        const string tests = """
            namespace Shop.IntegrationTests;
            public class SqliteOrderRepositoryTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Find_with_a_cancelled_token()
                {
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                        new SqliteOrderRepository(Db.Connections).FindAsync(Guid.NewGuid(), new CancellationToken(true)));
                }

                [Fact(Timeout = 10_000)]
                public async Task Add_cancelled_midway_writes_nothing()
                {
                    using var cts = new CancellationTokenSource();
                    var adding = new SqliteOrderRepository(Db.Connections).AddAsync(new Order(), cts.Token);
                    cts.Cancel();
                    try { await adding; } catch (OperationCanceledException) { }
                    Assert.Equal(0, await Db.CountAsync("orders"));
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([new Snippet("Shop.Infrastructure", Repository)], [new Snippet("Shop.IntegrationTests", tests)]).Of("TG0304"));
    }

    [Fact]
    public void TG0304_ignores_methods_without_io_interfaces_controllers_and_stopped_background_services()
    {
        const string production = """
            namespace Shop.Api;
            public sealed class PriceCalculator
            {
                public decimal Total(decimal net, CancellationToken cancellationToken)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return net * 1.2m;
                }
            }
            public interface IOrders { Task SaveAsync(CancellationToken cancellationToken); }
            public sealed class OrdersController : ControllerBase
            {
                public async Task<IActionResult> Get(Guid id, CancellationToken cancellationToken) => Ok(await _service.GetAsync(id, cancellationToken));
            }
            public sealed class Sweeper : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested) { await Task.Delay(100, stoppingToken); }
                }
            }
            """;
        const string tests = """
            namespace Shop.UnitTests;
            public class SweeperTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Stops_with_the_host()
                {
                    var sweeper = new Sweeper();
                    await sweeper.StartAsync(CancellationToken.None);
                    await sweeper.StopAsync(CancellationToken.None);
                    Assert.True(sweeper.ExecuteTask!.IsCompleted);
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([new Snippet("Shop.Api", production)], [new Snippet("Shop.UnitTests", tests)]).Of("TG0304"));
    }

    [Fact]
    public void TG0304_counts_a_test_that_stops_a_background_service_for_the_methods_its_loop_runs()
    {
        const string production = """
            namespace Shop.Infrastructure;
            public sealed class InboxReprocessor(IInbox inbox) : BackgroundService
            {
                public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
                {
                    var done = 0;
                    foreach (var message in await inbox.ListRetryableAsync(cancellationToken))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        await inbox.ProcessAsync(message, cancellationToken);
                        done++;
                    }

                    return done;
                }

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await RunOnceAsync(stoppingToken);
                        await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken);
                    }
                }
            }
            """;
        const string runsOnce = """
            namespace Shop.IntegrationTests;
            public class InboxReprocessorTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Run_once_processes_the_retryable_messages()
                {
                    var reprocessor = new InboxReprocessor(new SqliteInbox(Db.Connection));
                    Assert.Equal(2, await reprocessor.RunOnceAsync(CancellationToken.None));
                }
            }
            """;
        const string stops = """
            namespace Shop.IntegrationTests;
            public class InboxReprocessorShutdownTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Stopping_ends_the_loop_promptly()
                {
                    var reprocessor = new InboxReprocessor(new SqliteInbox(Db.Connection));
                    await reprocessor.StartAsync(CancellationToken.None);
                    await reprocessor.StopAsync(CancellationToken.None);
                    Assert.True(reprocessor.ExecuteTask!.IsCompleted);
                }
            }
            """;
        Snippet[] productionCode = [new Snippet("Shop.Infrastructure", production)];

        var unstopped = Assert.Single(SnippetSuite.Review(productionCode, [new Snippet("Shop.IntegrationTests", runsOnce)]).Of("TG0304"));

        Assert.Contains("InboxReprocessor.ExecuteAsync runs until its stopping token is cancelled", unstopped.MissingOrBrokenTest);
        Assert.Empty(SnippetSuite.Review(productionCode, [new Snippet("Shop.IntegrationTests", runsOnce), new Snippet("Shop.IntegrationTests", stops)]).Of("TG0304"));
    }

    [Fact]
    public void TG0304_credits_a_shared_method_name_only_to_the_type_the_cancelling_test_names()
    {
        const string production = """
            namespace Shop.Infrastructure;
            public sealed class OrderStore
            {
                public async Task<int> CountAsync(CancellationToken cancellationToken)
                {
                    await _gate.WaitAsync(cancellationToken);
                    return await _db.ExecuteScalarAsync(cancellationToken);
                }
            }
            public sealed class InvoiceStore
            {
                public async Task<int> CountAsync(CancellationToken cancellationToken)
                {
                    await _gate.WaitAsync(cancellationToken);
                    return await _db.ExecuteScalarAsync(cancellationToken);
                }
            }
            """;
        const string tests = """
            namespace Shop.IntegrationTests;
            public class OrderStoreTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Count_cancelled()
                {
                    var store = new OrderStore();
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CountAsync(new CancellationToken(true)));
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Infrastructure", production)], [new Snippet("Shop.IntegrationTests", tests)]).Of("TG0304"));

        Assert.Equal("Shop.Infrastructure.InvoiceStore.CountAsync", finding.Location!.Symbol);
        Assert.Contains("InvoiceStore takes a CancellationToken in CountAsync", finding.MissingOrBrokenTest);
    }

    private const string ShortOperations = """
        namespace Shop.Infrastructure;
        public sealed class PaymentRepository
        {
            public async Task<Payment?> GetAsync(Guid id, CancellationToken cancellationToken)
            {
                await using var connection = await _connections.OpenAsync(cancellationToken);
                return await connection.QuerySingleOrDefaultAsync<Payment>(new CommandDefinition("select * from payments where id = @id", new { id }, cancellationToken: cancellationToken));
            }
        }
        public sealed class RefundClient
        {
            public async Task SendAsync(Refund refund, CancellationToken cancellationToken) =>
                (await _http.PostAsJsonAsync("/refunds", refund, cancellationToken)).EnsureSuccessStatusCode();
        }
        public sealed class SmsSender
        {
            public async Task SendAsync(string to, CancellationToken cancellationToken) =>
                await _client.CreateMessageAsync(to).WaitAsync(cancellationToken);
        }
        public sealed class SettlementPoller
        {
            public async Task RunAsync(CancellationToken cancellationToken)
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    await _settlements.SettleDueAsync(cancellationToken);
                    await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                }
            }
        }
        """;

    [Fact]
    public void TG0304_only_notes_untested_single_queries_and_calls_when_the_suite_tests_cancellation()
    {
        var findings = SnippetSuite.Review(
            [new Snippet("Shop.Infrastructure", ShortOperations)],
            [new Snippet("Shop.IntegrationTests", CancelsThePoller), new Snippet("Shop.IntegrationTests", ReadsAPayment)]).Of("TG0304");

        Assert.Equal(
            ["Shop.Infrastructure.PaymentRepository.GetAsync", "Shop.Infrastructure.RefundClient.SendAsync", "Shop.Infrastructure.SmsSender.SendAsync"],
            findings.Select(f => f.Location!.Symbol).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal(Severity.P3, f.Severity));
        Assert.All(findings, f => Assert.EndsWith("(none of them loops or waits, and the suite tests cancellation elsewhere: a note, not a warning).", f.MissingOrBrokenTest));
    }

    [Theory]
    [InlineData("new SettlementPoller(Settlements.Empty()).RunAsync(token)", false)]
    [InlineData("Task.Delay(Timeout.Infinite, token)", true)]
    public void TG0304_credits_a_cancelling_test_that_runs_the_method_through_a_harness(string harnessCall, bool fires)
    {
        var tests = $$"""
            namespace Shop.IntegrationTests;
            public class SettlementTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Settling_stops_when_the_caller_cancels()
                {
                    var harness = new SettlementHarness();
                    using var cancellation = new CancellationTokenSource();
                    await cancellation.CancelAsync();
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.SettleAsync(cancellation.Token));
                }

                private sealed class SettlementHarness
                {
                    public Task SettleAsync(CancellationToken token) => {{harnessCall}};
                }
            }
            """;

        var poller = SnippetSuite.Review([new Snippet("Shop.Infrastructure", ShortOperations)], [new Snippet("Shop.IntegrationTests", tests)])
            .Of("TG0304").Where(f => f.Location!.Symbol == "Shop.Infrastructure.SettlementPoller.RunAsync");

        Assert.Equal(fires, poller.Any());
    }

    [Theory]
    [InlineData("foreach (var invoice in await _invoices.ListOpenAsync(cancellationToken)) { await _invoices.VoidAsync(invoice, cancellationToken); }", "P3")]
    [InlineData("foreach (var invoice in await _invoices.ListOpenAsync(cancellationToken)) { await _invoices.VoidAsync(invoice, cancellationToken); await Task.Delay(100, cancellationToken); }", "P2")]
    [InlineData("while (await _invoices.NextAsync(cancellationToken) is { } invoice) { await _invoices.VoidAsync(invoice, cancellationToken); }", "P2")]
    public void TG0304_treats_one_awaited_call_per_item_of_a_batch_as_short_work(string loop, string severity)
    {
        var production = $$"""
            namespace Shop.Application;
            public sealed class CancelSubscriptionHandler(IInvoiceRepository _invoices)
            {
                public async Task HandleAsync(CancellationToken cancellationToken)
                {
                    {{loop}}
                }
            }
            """;

        var findings = SnippetSuite.Review(
            [new Snippet("Shop.Infrastructure", ShortOperations), new Snippet("Shop.Application", production)],
            [new Snippet("Shop.IntegrationTests", CancelsThePoller)]).Of("TG0304");

        Assert.Equal(severity, Assert.Single(findings, f => f.Location!.Symbol == "Shop.Application.CancelSubscriptionHandler.HandleAsync").Severity.ToString());
    }

    private const string ReadsAPayment = """
        namespace Shop.IntegrationTests;
        public class PaymentRepositoryTests
        {
            [Fact(Timeout = 10_000)]
            public async Task Get_returns_the_stored_payment()
            {
                var payment = await new PaymentRepository(Db.Connections).GetAsync(Payments.StoredId, CancellationToken.None);
                Assert.NotNull(payment);
            }
        }
        """;

    private const string CancelsThePoller = """
        namespace Shop.IntegrationTests;
        public class SettlementPollerTests
        {
            [Fact(Timeout = 10_000)]
            public async Task Stops_when_cancelled_while_waiting_for_the_next_poll()
            {
                using var cancellation = new CancellationTokenSource();
                var running = new SettlementPoller(Settlements.Empty()).RunAsync(cancellation.Token);
                await cancellation.CancelAsync();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
            }
        }
        """;

    [Fact]
    public void TG0304_warns_on_every_untested_operation_when_no_test_cancels_anything()
    {
        var findings = SnippetSuite.Review([new Snippet("Shop.Infrastructure", ShortOperations)], [new Snippet("Shop.IntegrationTests", ReadsAPayment)]).Of("TG0304");

        Assert.Equal(
            ["Shop.Infrastructure.PaymentRepository.GetAsync", "Shop.Infrastructure.RefundClient.SendAsync", "Shop.Infrastructure.SettlementPoller.RunAsync", "Shop.Infrastructure.SmsSender.SendAsync"],
            findings.Select(f => f.Location!.Symbol).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal(Severity.P2, f.Severity));
        Assert.Contains(findings, f => f.MissingOrBrokenTest.StartsWith("SettlementPoller takes a CancellationToken in RunAsync (loops)", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.MissingOrBrokenTest == "PaymentRepository takes a CancellationToken in GetAsync, and no test calls it with a cancelled or cancelling token.");
    }

    // ------------------------------------------------------------------ TG0305 blocking-sync-fixture

    [Fact]
    public void TG0305_fires_on_an_xunit_class_fixture_blocking_in_its_constructor_and_Dispose()
    {
        const string tests = """
            namespace Shop.IntegrationTests;
            public sealed class DatabaseFixture : IDisposable
            {
                private readonly PostgreSqlContainer _container = new PostgreSqlBuilder().Build();

                public DatabaseFixture()
                {
                    _container.StartAsync().GetAwaiter().GetResult();
                }

                public void Dispose() => _container.DisposeAsync().AsTask().Wait();
            }

            public class OrderRepositoryTests : IClassFixture<DatabaseFixture>
            {
                public OrderRepositoryTests(DatabaseFixture database) { }

                [Fact(Timeout = 10_000)]
                public async Task Saves() => await Task.Yield();
            }
            """;

        var finding = Assert.Single(Review("TG0305", tests, "Shop.IntegrationTests"));

        Assert.Equal(Severity.P2, finding.Severity);
        Assert.Contains("Class fixture DatabaseFixture", finding.MissingOrBrokenTest);
        Assert.Contains("constructor: `_container.StartAsync().GetAwaiter().GetResult()`", finding.MissingOrBrokenTest);
        Assert.Contains("Dispose: `_container.DisposeAsync().AsTask().Wait()`", finding.MissingOrBrokenTest);
        Assert.Contains("OrderRepositoryTests", finding.Risk);
        Assert.Equal("Integration", finding.RecommendedTestType);
        Assert.Contains("public sealed class DatabaseFixture : IAsyncLifetime", finding.ExampleTestOutline);
        Assert.Contains("await _container.StartAsync();", finding.ExampleTestOutline);
        Assert.Contains("public async Task DisposeAsync()", finding.ExampleTestOutline);
        Assert.Contains("await _container.DisposeAsync().AsTask();", finding.ExampleTestOutline);
        Assert.Equal(SnippetSuite.LineOf(tests, "GetAwaiter().GetResult()"), finding.Location!.Line);
        Assert.Equal("Shop.IntegrationTests.DatabaseFixture", finding.Location.Symbol);
    }

    [Theory]
    [InlineData("private readonly ApiFactory _api = new();", true)]
    [InlineData("private readonly ApiFactory _api;\n    public LoanFlowTests() { _api = new ApiFactory(); }", true)]
    [InlineData("private static readonly ApiFactory Api = new();", false)]
    public void TG0305_fires_on_a_helper_the_test_class_creates_for_each_test_that_blocks_in_its_constructor(string creation, bool fires)
    {
        var tests = $$"""
            namespace Shop.E2ETests;
            public sealed class ApiFactory : WebApplicationFactory<Program>
            {
                public ApiFactory()
                {
                    using var scope = Services.CreateScope();
                    scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database.MigrateAsync().GetAwaiter().GetResult();
                }
            }

            public class LoanFlowTests
            {
                {{creation}}

                [Fact(Timeout = 30_000)]
                public async Task Loan_is_disbursed() => await Task.Yield();
            }
            """;

        var findings = Review("TG0305", tests, "Shop.E2ETests");

        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            Assert.Contains("Helper created for each test ApiFactory", findings[0].MissingOrBrokenTest);
        }
    }

    [Fact]
    public void TG0305_fires_on_a_web_application_factory_that_blocks_while_it_builds_the_host()
    {
        const string tests = """
            namespace Shop.FunctionalTests;
            public class CustomWebApplicationFactory<TProgram> : WebApplicationFactory<TProgram> where TProgram : class
            {
                protected override IHost CreateHost(IHostBuilder builder)
                {
                    var host = builder.Build();
                    using var scope = host.Services.CreateScope();
                    SeedData.InitializeAsync(scope.ServiceProvider).GetAwaiter().GetResult();
                    host.Start();
                    return host;
                }

                protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseEnvironment("Testing");
            }

            public class ContributorListTests(CustomWebApplicationFactory<Program> factory) : IClassFixture<CustomWebApplicationFactory<Program>>
            {
                [Fact(Timeout = 30_000)]
                public async Task Lists() => await factory.CreateClient().GetAsync("/contributors");
            }
            """;

        var finding = Assert.Single(Review("TG0305", tests, "Shop.FunctionalTests"));

        Assert.Contains("CustomWebApplicationFactory", finding.MissingOrBrokenTest);
        Assert.Contains("CreateHost: `SeedData.InitializeAsync(scope.ServiceProvider).GetAwaiter().GetResult()`", finding.MissingOrBrokenTest);
        Assert.Equal(SnippetSuite.LineOf(tests, "GetAwaiter().GetResult()"), finding.Location!.Line);
    }

    [Fact]
    public void TG0305_knows_the_solutions_own_task_returning_methods_without_an_Async_suffix()
    {
        const string tests = """
            namespace Shop.IntegrationTests;
            public static class SeedData
            {
                public static Task Initialize(string connectionString) => Task.CompletedTask;
            }

            public sealed class SeededDatabase
            {
                public SeededDatabase() => SeedData.Initialize("Data Source=seed.db").Wait();
            }

            public class CatalogTests : IClassFixture<SeededDatabase>
            {
                [Fact(Timeout = 10_000)]
                public async Task Lists() => await Task.Yield();
            }
            """;

        var finding = Assert.Single(Review("TG0305", tests, "Shop.IntegrationTests"));

        Assert.Contains("constructor: `SeedData.Initialize(\"Data Source=seed.db\").Wait()`", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void TG0305_ignores_a_host_factory_override_outside_a_web_application_factory()
    {
        const string tests = """
            namespace Shop.FunctionalTests;
            public class HostBuilderFixture
            {
                public IHost CreateHost(IHostBuilder builder) => builder.StartAsync().GetAwaiter().GetResult();
            }

            public class HostTests : IClassFixture<HostBuilderFixture>
            {
                [Fact(Timeout = 30_000)]
                public async Task Starts() => await Task.Yield();
            }
            """;

        Assert.Empty(Review("TG0305", tests, "Shop.FunctionalTests"));
    }

    [Fact]
    public void TG0305_fires_on_an_NUnit_SetUp_and_on_a_test_class_constructor_helper()
    {
        const string tests = """
            namespace Shop.IntegrationTests;
            public class NUnitRepositoryTests
            {
                private Database _db;

                [SetUp]
                public void CreateDatabase()
                {
                    _db = Database.CreateAsync().Result;
                }

                [Test, CancelAfter(10_000)]
                public async Task Saves() => await _db.SaveAsync();
            }

            public class SeededTests
            {
                public SeededTests() => Seed();

                private void Seed()
                {
                    var seeding = SeedData.InsertAsync();
                    seeding.Wait();
                }

                [Fact(Timeout = 10_000)]
                public async Task Reads() => await Task.Yield();
            }
            """;

        var findings = Review("TG0305", tests, "Shop.IntegrationTests");

        Assert.Equal(2, findings.Count);
        var nunit = Assert.Single(findings, f => f.MissingOrBrokenTest.Contains("NUnitRepositoryTests", StringComparison.Ordinal));
        Assert.Contains("CreateDatabase ([SetUp]): `Database.CreateAsync().Result`", nunit.MissingOrBrokenTest);
        Assert.Contains("[SetUp]", nunit.ExampleTestOutline);
        Assert.Contains("public async Task SetUpAsync()", nunit.ExampleTestOutline);
        Assert.Contains("_db = await Database.CreateAsync();", nunit.ExampleTestOutline);
        var seeded = Assert.Single(findings, f => f.MissingOrBrokenTest.Contains("SeededTests", StringComparison.Ordinal));
        Assert.Contains("constructor: `seeding.Wait()`", seeded.MissingOrBrokenTest);
        Assert.Equal(SnippetSuite.LineOf(tests, "seeding.Wait()"), seeded.Location!.Line);
    }

    [Fact]
    public void TG0305_keeps_an_MSTest_ClassInitialize_of_any_name_once_per_class()
    {
        const string tests = """
            namespace Shop.IntegrationTests;
            [TestClass]
            public class AppointmentRepositoryTests
            {
                private static Database _db = null!;

                [ClassInitialize]
                public static void Setup(TestContext context)
                {
                    _db = Database.CreateAsync().GetAwaiter().GetResult();
                }

                [TestMethod, Timeout(10_000)]
                public async Task Saves() => await _db.SaveAsync();
            }
            """;

        var finding = Assert.Single(Review("TG0305", tests, "Shop.IntegrationTests"));

        Assert.Contains("Setup ([ClassInitialize]): `Database.CreateAsync().GetAwaiter().GetResult()`", finding.MissingOrBrokenTest);
        Assert.Contains("[ClassInitialize]", finding.ExampleTestOutline);
        Assert.Contains("public static async Task InitializeAsync(TestContext context)", finding.ExampleTestOutline);
        Assert.DoesNotContain("[TestInitialize]", finding.ExampleTestOutline);
    }

    [Fact]
    public void TG0305_ignores_IAsyncLifetime_fixtures_and_constructors_that_do_not_block()
    {
        const string tests = """
            namespace Shop.IntegrationTests;
            public sealed class DatabaseFixture : IAsyncLifetime
            {
                private readonly PostgreSqlContainer _container = new PostgreSqlBuilder().Build();
                public async Task InitializeAsync() => await _container.StartAsync();
                public async Task DisposeAsync() => await _container.DisposeAsync();
            }

            public class OrderRepositoryTests : IClassFixture<DatabaseFixture>
            {
                private readonly Options _options;
                public OrderRepositoryTests(DatabaseFixture database) => _options = new Options { Result = "ok" };

                [Fact(Timeout = 10_000)]
                public async Task Saves() => Assert.Equal("ok", _options.Result);
            }
            """;

        Assert.Empty(Review("TG0305", tests, "Shop.IntegrationTests"));
    }

    [Fact]
    public void TG0305_ignores_blocking_helpers_of_classes_that_are_not_fixtures()
    {
        const string tests = """
            namespace Shop.IntegrationTests;
            internal static class TestFiles
            {
                public static string Read(string path) => File.ReadAllTextAsync(path).Result;
            }

            public class ReportTests
            {
                public ReportTests() { }

                [Fact(Timeout = 10_000)]
                public async Task Renders() => await Task.Yield();
            }
            """;

        Assert.Empty(Review("TG0305", tests, "Shop.IntegrationTests"));
    }
}
