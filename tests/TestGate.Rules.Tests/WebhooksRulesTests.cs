using TestGate.Core.Model;

namespace TestGate.Rules.Tests;

/// <summary>TG0501–TG0504: webhook handlers need duplicate, out-of-order, retry and exactly-once tests.</summary>
public class WebhooksRulesTests
{
    private const string Handler = """
        namespace Shop.Api;

        public sealed record StripeWebhook(string EventId, Guid OrderId, long Sequence);

        public interface IPaymentEventStore { Task<bool> TryMarkProcessedAsync(string eventId, CancellationToken cancellationToken); }

        public sealed class StripeWebhookHandler
        {
            private readonly IPaymentEventStore _events;

            public StripeWebhookHandler(IPaymentEventStore events) { _events = events; }

            public async Task<bool> HandleAsync(StripeWebhook webhook, CancellationToken cancellationToken)
            {
                return await _events.TryMarkProcessedAsync(webhook.EventId, cancellationToken);
            }
        }
        """;

    private const int HandleLine = 13;

    private static IReadOnlyList<Finding> Review(string tests, string production = Handler, string project = "Shop.IntegrationTests") =>
        SnippetSuite.Review([new Snippet("Shop.Api", production)], [new Snippet(project, tests)]);

    [Fact]
    public void A_domain_entity_taking_a_value_the_handler_creates_is_what_it_changes_not_another_handler()
    {
        const string production = """
            namespace Shop.Domain
            {
                public sealed record Money(decimal Amount, string Currency);

                public sealed class Invoice
                {
                    public decimal Paid { get; private set; }

                    public bool ApplyPayment(Money amount) { Paid += amount.Amount; return true; }
                }
            }

            namespace Shop.Api
            {
                using Shop.Domain;

                public sealed record PaymentWebhook(string EventId, decimal Amount, string Currency);

                public interface IInvoices { Task<Invoice> GetAsync(CancellationToken ct); }

                public sealed class PaymentWebhookProcessor(IInvoices invoices)
                {
                    public async Task HandleAsync(PaymentWebhook webhook, CancellationToken ct)
                    {
                        var invoice = await invoices.GetAsync(ct);
                        invoice.ApplyPayment(new Money(webhook.Amount, webhook.Currency));
                    }
                }
            }
            """;

        var findings = Review(TestClass("    [Fact] public void Nothing() => Assert.True(true);"), production)
            .Where(f => f.RuleId.StartsWith("TG050", StringComparison.Ordinal)).ToArray();

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal("Shop.Api.PaymentWebhookProcessor", f.Location?.Symbol));
    }

    private static string TestClass(string body) => $$"""
        namespace Shop.IntegrationTests;

        public class StripeWebhookHandlerTests
        {
            private readonly StripeWebhookHandler _handler = new(new SqlitePaymentEventStore());

        {{body}}
        }
        """;

    private const string DeliveredOnce = """
            [Fact(Timeout = 10_000)]
            public async Task Handle_PaidEvent_MarksTheEventProcessed()
            {
                var webhook = Webhooks.Paid();
                Assert.True(await _handler.HandleAsync(webhook, CancellationToken.None));
            }
        """;

    [Fact]
    public void A_handler_whose_tests_deliver_once_gets_all_four_findings_with_specific_fields()
    {
        var findings = Review(TestClass(DeliveredOnce));

        foreach (var id in new[] { "TG0501", "TG0502", "TG0503", "TG0504" })
        {
            var finding = Assert.Single(findings.Of(id));
            Assert.Equal(RuleCatalog.Get(id).DefaultSeverity, finding.Severity);
            Assert.Contains("StripeWebhookHandler.HandleAsync", finding.MissingOrBrokenTest);
            Assert.Contains("StripeWebhook", finding.Risk);
            Assert.Contains("IPaymentEventStore", finding.Risk);
            Assert.Equal("Integration", finding.RecommendedTestType);
            Assert.Contains("[Fact(Timeout = 10_000)]", finding.ExampleTestOutline);
            Assert.Contains("handler.HandleAsync(", finding.ExampleTestOutline);
            Assert.Contains("Webhook, CancellationToken.None)", finding.ExampleTestOutline);
            Assert.Contains("var handler = CreateStripeWebhookHandler();", finding.ExampleTestOutline);
            Assert.Contains("TestData.StripeWebhook(eventId: ", finding.ExampleTestOutline);
            Assert.DoesNotContain("\r", finding.ExampleTestOutline);
            Assert.Equal("Shop.Api.StripeWebhookHandler", finding.Location?.Symbol);
            Assert.Equal(HandleLine, finding.Location?.Line);
            Assert.EndsWith(".cs", finding.Location?.Path);
        }

        Assert.Contains("Handle_PaidEvent_MarksTheEventProcessed", Assert.Single(findings.Of("TG0501")).MissingOrBrokenTest);
        Assert.Equal(Severity.P0, RuleCatalog.Get("TG0501").DefaultSeverity);
    }

    [Fact]
    public void A_controller_that_sends_a_command_is_judged_at_the_command_handler_and_its_tests_count()
    {
        const string production = """
            namespace Shop.Api;

            [ApiController]
            [Route("webhooks/lab-results")]
            public sealed class LabResultsWebhookController(ISender sender) : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Receive(CancellationToken cancellationToken)
                {
                    var outcome = await sender.Send(new IngestLabResultCommand(Request.Headers["X-Message-Id"]), cancellationToken);
                    return Ok(outcome);
                }
            }

            public sealed record IngestLabResultCommand(string MessageId) : IRequest<string>;

            public sealed class IngestLabResultHandler(IInbox inbox, IResults results) : IRequestHandler<IngestLabResultCommand, string>
            {
                public async Task<string> Handle(IngestLabResultCommand command, CancellationToken cancellationToken)
                {
                    if (!await inbox.TryRecordAsync(command.MessageId, cancellationToken)) return "Duplicate";
                    await results.ApplyAsync(command, cancellationToken);
                    return "Applied";
                }
            }
            """;
        const string tests = """
            namespace Shop.IntegrationTests;
            public class IngestLabResultHandlerTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Handle_same_message_delivered_twice_is_applied_once()
                {
                    var handler = new IngestLabResultHandler(new SqliteInbox(), new SqliteResults());
                    var command = new IngestLabResultCommand("msg-1");
                    await handler.Handle(command, CancellationToken.None);
                    await handler.Handle(command, CancellationToken.None);
                    Assert.Single(await Results.AllAsync());
                }
            }
            """;

        var findings = SnippetSuite.Review([new Snippet("Shop.Api", production)], [new Snippet("Shop.IntegrationTests", tests)])
            .Where(f => f.RuleId.StartsWith("TG050", StringComparison.Ordinal)).ToArray();

        // Duplicate delivery is proven at the handler; out-of-order, retry and concurrent exactly-once are asked of it, once.
        Assert.Equal(["TG0502", "TG0503", "TG0504"], findings.Select(f => f.RuleId).Order().ToArray());
        AssertCountedOnceOnlySequentially(findings);
        Assert.All(findings, f => Assert.Contains("IngestLabResultHandler.Handle", f.MissingOrBrokenTest));
    }

    [Fact]
    public void A_handler_without_any_test_gets_all_four_findings()
    {
        var findings = Review("namespace Shop.IntegrationTests; public class Unrelated { [Fact] public void Adds() => Assert.Equal(2, 1 + 1); }");

        Assert.Equal(["TG0501", "TG0502", "TG0503", "TG0504"], findings.Where(f => f.RuleId.StartsWith("TG05", StringComparison.Ordinal)).Select(f => f.RuleId));
        Assert.Contains("No test delivers to it at all", findings.Of("TG0501")[0].MissingOrBrokenTest);
    }

    [Fact]
    public void The_same_event_delivered_twice_and_counted_once_satisfies_duplicate_and_exactly_once()
    {
        var findings = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_DuplicateDelivery_IsProcessedOnce()
                {
                    var webhook = Webhooks.Paid();
                    await _handler.HandleAsync(webhook, CancellationToken.None);
                    await _handler.HandleAsync(webhook, CancellationToken.None);
                    Assert.Equal(1, await CountProcessedAsync(webhook.EventId));
                }
            """));

        Assert.Empty(findings.Of("TG0501"));
        AssertCountedOnceOnlySequentially(findings);
        Assert.Single(findings.Of("TG0502"));
        Assert.Single(findings.Of("TG0503"));
    }

    [Fact]
    public void A_duplicate_name_with_a_single_delivery_does_not_count()
    {
        var findings = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_DuplicateDelivery_IsIgnored()
                {
                    var webhook = Webhooks.Paid();
                    Assert.True(await _handler.HandleAsync(webhook, CancellationToken.None));
                }
            """));

        Assert.Single(findings.Of("TG0501"));
    }

    [Fact]
    public void Two_deliveries_without_a_duplicate_intent_in_the_name_do_not_count()
    {
        var findings = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_TwoOrders_AreBothPaid()
                {
                    await _handler.HandleAsync(Webhooks.Paid("evt-1"), CancellationToken.None);
                    await _handler.HandleAsync(Webhooks.Paid("evt-2"), CancellationToken.None);
                    Assert.Equal(2, await CountProcessedAsync());
                }
            """));

        var finding = Assert.Single(findings.Of("TG0501"));
        Assert.Contains("Test StripeWebhookHandlerTests.Handle_TwoOrders_AreBothPaid delivers more than once", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void Redelivery_in_a_loop_counts_as_duplicate_delivery()
    {
        var findings = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Redelivered_event_is_applied_once()
                {
                    var webhook = Webhooks.Paid();
                    for (var i = 0; i < 3; i++)
                    {
                        await _handler.HandleAsync(webhook, CancellationToken.None);
                    }

                    Assert.Single(await ProcessedAsync());
                }
            """));

        Assert.Empty(findings.Of("TG0501"));
        AssertCountedOnceOnlySequentially(findings);
    }

    [Fact]
    public void Deliveries_through_a_harness_of_another_class_count_when_the_harness_builds_the_handler()
    {
        const string harness = """
            namespace Shop.IntegrationTests;

            internal sealed class WebhookHarness
            {
                private readonly StripeWebhookHandler _handler = new(new SqlitePaymentEventStore());

                public Task<bool> DeliverAsync(StripeWebhook webhook) => _handler.HandleAsync(webhook, CancellationToken.None);
            }
            """;
        const string tests = """
            namespace Shop.IntegrationTests;

            public class PaymentNotificationTests
            {
                private readonly WebhookHarness _harness = new();

                [Fact(Timeout = 10_000)]
                public async Task Same_event_twice_is_applied_once()
                {
                    var webhook = Webhooks.Paid();
                    await _harness.DeliverAsync(webhook);
                    await _harness.DeliverAsync(webhook);
                    Assert.Equal(1, await _harness.CountAsync());
                }
            }
            """;

        var findings = SnippetSuite.Review([new Snippet("Shop.Api", Handler)], [new Snippet("Shop.IntegrationTests", harness), new Snippet("Shop.IntegrationTests", tests)]);

        Assert.Empty(findings.Of("TG0501"));
        AssertCountedOnceOnlySequentially(findings);
    }

    [Theory]
    [InlineData("Failure_midway_rolls_back_and_the_redelivery_is_applied",
        "await Assert.ThrowsAsync<InvalidOperationException>(() => _handler.HandleAsync(webhook, CancellationToken.None));\n            await _handler.HandleAsync(webhook, CancellationToken.None);")]
    [InlineData("Concurrent_duplicate_deliveries_apply_exactly_once",
        "await Task.WhenAll(_handler.HandleAsync(webhook, CancellationToken.None), _handler.HandleAsync(webhook, CancellationToken.None));")]
    public void A_retry_after_a_failure_and_deliveries_racing_each_other_are_not_the_duplicate_delivery_test(string name, string deliver)
    {
        var findings = ReviewDeliveriesCountingOneEffect(name, deliver);

        Assert.Contains($"StripeWebhookHandlerTests.{name} delivers more than once", Assert.Single(findings.Of("TG0501")).MissingOrBrokenTest);
    }

    /// <summary>One test that delivers the paid webhook as <paramref name="deliver"/> says, then counts one applied effect.</summary>
    private static IReadOnlyList<Finding> ReviewDeliveriesCountingOneEffect(string name, string deliver) => Review(TestClass($$"""
            [Fact(Timeout = 10_000)]
            public async Task {{name}}()
            {
                var webhook = Webhooks.Paid();
                {{deliver}}
                Assert.Equal(1, await CountAppliedAsync());
            }
        """));

    /// <summary>TG0504 graded to a warning: a sequential redelivery counts one effect, no deliveries race.</summary>
    private static void AssertCountedOnceOnlySequentially(IReadOnlyList<Finding> findings)
    {
        var finding = Assert.Single(findings.Of("TG0504"));
        Assert.Equal(Severity.P2, finding.Severity);
        Assert.Contains("one effect after a sequential redelivery: a warning until deliveries race", finding.MissingOrBrokenTest);
    }

    [Theory]
    [InlineData("Redelivered_event_is_acknowledged_as_a_duplicate_and_changes_nothing", false, true)]
    [InlineData("Redelivered_event_is_applied_exactly_once", false, true)]
    [InlineData("Deliveries_of_one_event_change_the_balance_by_its_amount", true, false)]
    public void Only_concurrent_deliveries_counting_one_effect_prove_exactly_once_and_a_sequential_count_makes_it_a_warning(string name, bool concurrent, bool exactlyOnceWarns)
    {
        var deliver = concurrent
            ? "await Task.WhenAll(_handler.HandleAsync(webhook, CancellationToken.None), _handler.HandleAsync(webhook, CancellationToken.None));"
            : "await _handler.HandleAsync(webhook, CancellationToken.None);\n            await _handler.HandleAsync(webhook, CancellationToken.None);";
        var findings = ReviewDeliveriesCountingOneEffect(name, deliver);

        if (exactlyOnceWarns)
        {
            AssertCountedOnceOnlySequentially(findings);
        }
        else
        {
            Assert.Empty(findings.Of("TG0504"));
        }
    }

    [Fact]
    public void A_webhook_controller_is_judged_at_the_event_handler_it_gets_injected_and_calls()
    {
        const string production = """
            namespace Shop.Api;

            public sealed record PaymentEvent(string EventId, Guid OrderId, long Sequence);

            public sealed class PaymentEventHandler(IPaymentEventStore events)
            {
                public Task<bool> HandleAsync(PaymentEvent paymentEvent, CancellationToken cancellationToken) =>
                    events.TryMarkProcessedAsync(paymentEvent.EventId, cancellationToken);
            }

            [ApiController]
            [Route("webhooks/payments")]
            public sealed class PaymentProcessorWebhookController(PaymentEventHandler handler) : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Receive(CancellationToken cancellationToken)
                {
                    var paymentEvent = await JsonSerializer.DeserializeAsync<PaymentEvent>(Request.Body, cancellationToken: cancellationToken);
                    return Ok(await handler.HandleAsync(paymentEvent!, cancellationToken));
                }
            }
            """;
        const string tests = """
            namespace Shop.IntegrationTests;

            public class PaymentEventHandlerTests
            {
                private readonly PaymentEventHandler _handler = new(new SqlitePaymentEventStore());

                [Fact(Timeout = 10_000)]
                public async Task Redelivered_event_is_a_duplicate_and_is_applied_once()
                {
                    var paymentEvent = Events.Settled("evt-1");
                    await _handler.HandleAsync(paymentEvent, CancellationToken.None);
                    await _handler.HandleAsync(paymentEvent, CancellationToken.None);
                    Assert.Equal(1, await CountAppliedAsync());
                }
            }
            """;

        var untested = Review("namespace Shop.IntegrationTests;", production);
        var duplicate = Assert.Single(untested.Of("TG0501"));
        Assert.Equal("Shop.Api.PaymentEventHandler", duplicate.Location?.Symbol);

        var tested = Review(tests, production);
        Assert.Empty(tested.Of("TG0501"));
        AssertCountedOnceOnlySequentially(tested);
    }

    [Fact]
    public void Posting_the_same_payload_twice_to_the_webhook_route_counts_for_the_handler()
    {
        var findings = Review("""
            namespace Shop.E2ETests;

            public class StripeWebhookFlow
            {
                [Fact(Timeout = 30_000)]
                public async Task Duplicate_webhook_post_is_applied_once()
                {
                    using var client = new WebApplicationFactory<Program>().CreateClient();
                    var payload = Payloads.Paid();
                    await client.PostAsJsonAsync("/webhooks/stripe", payload);
                    await client.PostAsJsonAsync("/webhooks/stripe", payload);
                    Assert.Equal(1, await CountAsync());
                }
            }
            """, project: "Shop.E2ETests");

        Assert.Empty(findings.Of("TG0501"));
        AssertCountedOnceOnlySequentially(findings);
    }

    [Fact]
    public void An_older_event_after_a_newer_one_satisfies_out_of_order_by_name_or_by_reversed_sequence()
    {
        var byName = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_OlderEventAfterNewerOne_IsIgnored()
                {
                    await _handler.HandleAsync(Webhooks.Paid("evt-2"), CancellationToken.None);
                    await _handler.HandleAsync(Webhooks.Failed("evt-1"), CancellationToken.None);
                    Assert.Equal("evt-2", await LastAppliedAsync());
                }
            """));
        var byBody = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_KeepsTheLatestStatus()
                {
                    await _handler.HandleAsync(Webhooks.Paid("evt-2", sequence: 2), CancellationToken.None);
                    await _handler.HandleAsync(Webhooks.Failed("evt-1", sequence: 1), CancellationToken.None);
                    Assert.Equal("evt-2", await LastAppliedAsync());
                }
            """));

        Assert.Empty(byName.Of("TG0502"));
        Assert.Empty(byBody.Of("TG0502"));
    }

    [Fact]
    public void An_out_of_order_name_with_one_delivery_or_increasing_sequences_does_not_count()
    {
        var single = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_OutOfOrderEvent_IsIgnored()
                {
                    await _handler.HandleAsync(Webhooks.Failed("evt-1", sequence: 1), CancellationToken.None);
                }
            """));
        var increasing = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_TwoEvents_AppliesBoth()
                {
                    await _handler.HandleAsync(Webhooks.Paid("evt-1", sequence: 1), CancellationToken.None);
                    await _handler.HandleAsync(Webhooks.Refunded("evt-2", sequence: 2), CancellationToken.None);
                    Assert.Equal("evt-2", await LastAppliedAsync());
                }
            """));

        Assert.Single(single.Of("TG0502"));
        Assert.Single(increasing.Of("TG0502"));
    }

    [Fact]
    public void An_out_of_order_name_whose_deliveries_rise_one_step_at_a_time_does_not_count()
    {
        var inline = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_OutOfOrderEvents_KeepsTheLatestStatus()
                {
                    await _handler.HandleAsync(Webhooks.Paid("evt-1", sequence: 1), CancellationToken.None);
                    await _handler.HandleAsync(Webhooks.Refunded("evt-2", sequence: 2), CancellationToken.None);
                    Assert.Equal("evt-2", await LastAppliedAsync());
                }
            """));
        var throughLocals = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_StaleEvent_IsIgnored()
                {
                    var first = Webhooks.Paid("evt-1") with { SequenceNumber = 1 };
                    var second = Webhooks.Refunded("evt-2") with { SequenceNumber = 2 };
                    await _handler.HandleAsync(first, CancellationToken.None);
                    await _handler.HandleAsync(second, CancellationToken.None);
                    Assert.Equal("evt-2", await LastAppliedAsync());
                }
            """));

        Assert.Single(inline.Of("TG0502"));
        Assert.Single(throughLocals.Of("TG0502"));
    }

    [Fact]
    public void An_out_of_order_name_counts_when_the_body_leaves_the_order_open_and_an_older_local_delivered_later_is_reversed()
    {
        var unnumberedLateEvent = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_StaleEvent_IsIgnored()
                {
                    await _handler.HandleAsync(Webhooks.Paid("evt-1", sequence: 1), CancellationToken.None);
                    await _handler.HandleAsync(Webhooks.Refunded("evt-2", sequence: 2), CancellationToken.None);
                    await _handler.HandleAsync(Webhooks.Stale("evt-0"), CancellationToken.None);
                    Assert.Equal("evt-2", await LastAppliedAsync());
                }
            """));
        var gap = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_EventAheadOfItsPredecessor_IsParkedOutOfOrder()
                {
                    await _handler.HandleAsync(Webhooks.Paid("evt-1", sequence: 1), CancellationToken.None);
                    await _handler.HandleAsync(Webhooks.Refunded("evt-3", sequence: 3), CancellationToken.None);
                    Assert.Equal("evt-1", await LastAppliedAsync());
                }
            """));
        var concurrent = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_EventsArrivingOutOfOrder_KeepTheLatestStatus()
                {
                    await Task.WhenAll(
                        _handler.HandleAsync(Webhooks.Paid("evt-1", sequence: 1), CancellationToken.None),
                        _handler.HandleAsync(Webhooks.Refunded("evt-2", sequence: 2), CancellationToken.None));
                    Assert.Equal("evt-2", await LastAppliedAsync());
                }
            """));
        var olderLocalDeliveredSecond = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_KeepsTheLatestStatus()
                {
                    var older = Webhooks.Paid("evt-1", sequence: 1);
                    var newer = Webhooks.Refunded("evt-2", sequence: 2);
                    await _handler.HandleAsync(newer, CancellationToken.None);
                    await _handler.HandleAsync(older, CancellationToken.None);
                    Assert.Equal("evt-2", await LastAppliedAsync());
                }
            """));

        Assert.Empty(unnumberedLateEvent.Of("TG0502"));
        Assert.Empty(gap.Of("TG0502"));
        Assert.Empty(concurrent.Of("TG0502"));
        Assert.Empty(olderLocalDeliveredSecond.Of("TG0502"));
    }

    [Theory]
    [InlineData("laterSuccess", "earlierFailure", false)]
    [InlineData("earlierFailure", "laterSuccess", true)]
    public void Sequence_values_set_by_a_builder_are_read_in_the_order_the_events_are_delivered(string first, string second, bool fires)
    {
        var findings = Review(TestClass($$"""
                [Fact(Timeout = 10_000)]
                public async Task Failure_event_arriving_after_the_success_is_ignored()
                {
                    var earlierFailure = new WebhookBuilder().Failed("pay_1").WithSequence(1).Build();
                    var laterSuccess = new WebhookBuilder().Paid("pay_1").WithSequence(2).Build();
                    await _handler.HandleAsync({{first}}, CancellationToken.None);
                    await _handler.HandleAsync({{second}}, CancellationToken.None);
                    Assert.Equal("evt-2", await LastAppliedAsync());
                }
            """));

        Assert.Equal(fires, findings.Of("TG0502").Count == 1);
    }

    [Fact]
    public void A_retry_named_again_is_not_a_duplicate_delivery_test()
    {
        var findings = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_FailsThenSucceedsAgain()
                {
                    var webhook = Webhooks.Paid();
                    await _database.FailWritesAsync();
                    await Assert.ThrowsAsync<SqliteException>(() => _handler.HandleAsync(webhook, CancellationToken.None));
                    await _database.HealAsync();
                    Assert.True(await _handler.HandleAsync(webhook, CancellationToken.None));
                }
            """));

        Assert.Single(findings.Of("TG0501"));
        Assert.Empty(findings.Of("TG0503"));
    }

    [Fact]
    public void A_failing_first_attempt_followed_by_a_redelivery_satisfies_retry()
    {
        var findings = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_StorageFailsThenProviderRetries_TheRetryIsApplied()
                {
                    var webhook = Webhooks.Paid();
                    await _database.FailWritesAsync();
                    await Assert.ThrowsAsync<SqliteException>(() => _handler.HandleAsync(webhook, CancellationToken.None));
                    await _database.HealAsync();

                    Assert.True(await _handler.HandleAsync(webhook, CancellationToken.None));
                    Assert.Equal(1, await CountProcessedAsync());
                }
            """));

        Assert.Empty(findings.Of("TG0503"));
    }

    [Fact]
    public void A_retry_name_without_a_failing_attempt_or_a_failure_without_a_second_delivery_does_not_count()
    {
        var noFailure = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_ProviderRetries_SecondDeliveryIsAnsweredDuplicate()
                {
                    var webhook = Webhooks.Paid();
                    await _handler.HandleAsync(webhook, CancellationToken.None);
                    Assert.False(await _handler.HandleAsync(webhook, CancellationToken.None));
                }
            """));
        var noRetry = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_StorageFails_PropagatesSoTheProviderRetries()
                {
                    await _database.FailWritesAsync();
                    await Assert.ThrowsAsync<SqliteException>(() => _handler.HandleAsync(Webhooks.Paid(), CancellationToken.None));
                    Assert.Equal(0, await CountProcessedAsync());
                }
            """));

        Assert.Single(noFailure.Of("TG0503"));
        Assert.Single(noRetry.Of("TG0503"));
    }

    [Fact]
    public void Concurrent_deliveries_asserting_a_single_effect_satisfy_exactly_once()
    {
        var findings = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_ConcurrentDeliveries_ApplyThePaymentExactlyOnce()
                {
                    var webhook = Webhooks.Paid();
                    var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => _handler.HandleAsync(webhook, CancellationToken.None))));
                    Assert.Single(results, r => r);
                }
            """));

        Assert.Empty(findings.Of("TG0504"));
        Assert.Single(findings.Of("TG0501"));
    }

    [Theory]
    [InlineData("await Assert.That(results.Count(r => r)).IsEqualTo(1);", false)]
    [InlineData("await Assert.That(results.Where(r => r)).HasSingleItem();", false)]
    [InlineData("await Assert.That(results.Length).IsEqualTo(3);", true)]
    public void Concurrent_deliveries_asserting_a_single_effect_with_TUnit_satisfy_exactly_once(string assertion, bool fires)
    {
        var findings = Review(TestClass($$"""
                [Test, Timeout(10_000)]
                public async Task Handle_ConcurrentDeliveries_ApplyThePaymentExactlyOnce(CancellationToken cancellationToken)
                {
                    var webhook = Webhooks.Paid();
                    var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => _handler.HandleAsync(webhook, cancellationToken))));
                    {{assertion}}
                }
            """));

        Assert.Equal(fires, findings.Of("TG0504").Count == 1);
    }

    [Fact]
    public void A_duplicate_test_that_asserts_only_the_outcome_does_not_prove_exactly_once()
    {
        var findings = Review(TestClass("""
                [Fact(Timeout = 10_000)]
                public async Task Handle_DuplicateDelivery_IsAnsweredDuplicate()
                {
                    var webhook = Webhooks.Paid();
                    await _handler.HandleAsync(webhook, CancellationToken.None);
                    Assert.False(await _handler.HandleAsync(webhook, CancellationToken.None));
                }
            """));

        Assert.Empty(findings.Of("TG0501"));
        var finding = Assert.Single(findings.Of("TG0504"));
        Assert.Equal(Severity.P0, finding.Severity);
        Assert.Contains("Test StripeWebhookHandlerTests.Handle_DuplicateDelivery_IsAnsweredDuplicate redelivers the same event one delivery after another, never concurrently.", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void Moq_verification_of_a_single_effect_after_a_redelivery_counts()
    {
        var findings = Review("""
            namespace Shop.ApplicationTests;

            public class StripeWebhookHandlerTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Redelivery_is_applied_once()
                {
                    var store = new Mock<IPaymentEventStore>();
                    var handler = new StripeWebhookHandler(store.Object);
                    var webhook = Webhooks.Paid();
                    await handler.HandleAsync(webhook, CancellationToken.None);
                    await handler.HandleAsync(webhook, CancellationToken.None);
                    store.Verify(s => s.TryMarkProcessedAsync(webhook.EventId, It.IsAny<CancellationToken>()), Times.Once);
                }
            }
            """, project: "Shop.ApplicationTests");

        Assert.Empty(findings.Of("TG0501"));
        AssertCountedOnceOnlySequentially(findings);
    }

    [Fact]
    public void Handlers_are_found_by_payload_and_by_provider_signature_too()
    {
        const string production = """
            namespace Shop.Api;

            public sealed record PaymentWebhook(string EventId);

            public sealed class PaymentNotifications
            {
                public Task HandleAsync(PaymentWebhook webhook, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            public sealed class BillingController : ControllerBase
            {
                [HttpPost("billing/events")]
                public async Task<IActionResult> Receive(CancellationToken cancellationToken)
                {
                    var signature = Request.Headers["Stripe-Signature"];
                    var stripeEvent = EventUtility.ConstructEvent(await ReadBodyAsync(), signature, _secret);
                    return Ok();
                }
            }
            """;

        var findings = Review("namespace Shop.IntegrationTests; public class None { [Fact] public void Nothing() => Assert.True(true); }", production);

        Assert.Equal(
            ["Shop.Api.BillingController", "Shop.Api.PaymentNotifications"],
            findings.Of("TG0501").Select(f => f.Location!.Symbol).Order(StringComparer.Ordinal));
        Assert.Contains("PaymentNotifications.HandleAsync", findings.Of("TG0501").Single(f => f.Location!.Symbol == "Shop.Api.PaymentNotifications").MissingOrBrokenTest);
    }

    [Fact]
    public void A_service_verifying_the_signature_of_a_raw_body_is_a_handler_with_a_raw_payload_outline()
    {
        const string production = """
            namespace Shop.Infrastructure;

            public sealed class StripeWebhookService
            {
                private readonly IWebhookEventRepository _events;

                public StripeWebhookService(IWebhookEventRepository events) { _events = events; }

                public async Task<bool> ProcessWebhookAsync(string payload, string signatureHeader, CancellationToken cancellationToken)
                {
                    var stripeEvent = EventUtility.ConstructEvent(payload, signatureHeader, _secret);
                    await _events.AddAsync(stripeEvent.Id, cancellationToken);
                    return true;
                }

                public Task<int> RetryFailedEventsAsync(int maxRetries, CancellationToken cancellationToken) => Task.FromResult(0);

                public Task<string?> GetWebhookEventByIdAsync(string id, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
            }
            """;

        var findings = Review("namespace Shop.IntegrationTests; public class None { [Fact] public void Nothing() => Assert.True(true); }", production);

        var finding = Assert.Single(findings.Of("TG0501"));
        Assert.Contains("StripeWebhookService.ProcessWebhookAsync", finding.MissingOrBrokenTest);
        Assert.Contains("var payload = TestData.SignedEventBody(eventId: \"evt-1\");", finding.ExampleTestOutline);
        Assert.Contains("await handler.ProcessWebhookAsync(payload, \"value\", CancellationToken.None);", finding.ExampleTestOutline);
        Assert.Contains("IWebhookEventRepository", finding.Risk);
    }

    [Fact]
    public void Outgoing_webhook_senders_abstract_bases_interfaces_and_domain_event_handlers_are_not_webhook_handlers()
    {
        const string production = """
            namespace Shop.Application;

            public sealed record WebhookMessage(string Url, string Body);
            public sealed record OrderPlacedEvent(Guid OrderId);

            public sealed class WebhookSender
            {
                public Task SendAsync(WebhookMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            public interface IWebhookHandler { Task HandleAsync(WebhookMessage message, CancellationToken cancellationToken); }

            public abstract class WebhookHandlerBase
            {
                public abstract Task HandleAsync(WebhookMessage message, CancellationToken cancellationToken);
            }

            public sealed class OrderPlacedEventHandler
            {
                public Task HandleAsync(OrderPlacedEvent notification, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """;

        var findings = Review("namespace Shop.IntegrationTests; public class None { [Fact] public void Nothing() => Assert.True(true); }", production);

        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("TG05", StringComparison.Ordinal));
    }

    [Fact]
    public void A_subscription_management_controller_is_not_a_handler_but_a_receiving_controller_is()
    {
        const string production = """
            namespace Webhooks.Api;

            public sealed record WebhookSubscriptionRequest(string Url, string Event);
            public sealed record WebhookData(DateTime When, string Payload);

            public class WebhooksController : ControllerBase
            {
                [HttpGet] public Task<IActionResult> ListByUser() => Task.FromResult<IActionResult>(Ok());
                [HttpPost] public Task<IActionResult> SubscribeWebhook(WebhookSubscriptionRequest request) => Task.FromResult<IActionResult>(Ok());
                [HttpDelete("{id:int}")] public Task<IActionResult> UnsubscribeWebhook(int id) => Task.FromResult<IActionResult>(Ok());
            }

            public class WebhooksReceivedController : Controller
            {
                private readonly IHooksRepository _hooks;
                public WebhooksReceivedController(IHooksRepository hooks) { _hooks = hooks; }

                [HttpPost]
                public async Task<IActionResult> NewWebhook(WebhookData hook)
                {
                    await _hooks.AddNew(hook);
                    return Ok();
                }
            }

            public sealed class WebhookRetryHandler : DelegatingHandler { }
            public sealed class WebhookAuthenticationHandler : AuthenticationHandler<WebhookAuthenticationOptions> { }
            """;

        var findings = Review("namespace Shop.IntegrationTests; public class None { [Fact] public void Nothing() => Assert.True(true); }", production);

        var duplicate = Assert.Single(findings.Of("TG0501"));
        Assert.Equal("Webhooks.Api.WebhooksReceivedController", duplicate.Location?.Symbol);
        Assert.Contains("WebhooksReceivedController.NewWebhook", duplicate.MissingOrBrokenTest);
        Assert.Contains("WebhookData", duplicate.MissingOrBrokenTest);
        Assert.Contains("IHooksRepository", duplicate.Risk);
    }

    [Fact]
    public void A_test_of_another_type_with_the_same_method_name_does_not_count_for_the_handler()
    {
        const string production = Handler + """

            public sealed class CreateOrderHandler
            {
                public Task<bool> HandleAsync(CreateOrder command, CancellationToken cancellationToken) => Task.FromResult(true);
            }
            """;

        var findings = Review("""
            namespace Shop.UnitTests;

            public class OrderCommandTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Handle_DuplicateCommand_IsIdempotent()
                {
                    var handler = new CreateOrderHandler();
                    var command = new CreateOrder("SO-1");
                    await handler.HandleAsync(command, CancellationToken.None);
                    await handler.HandleAsync(command, CancellationToken.None);
                    Assert.Equal(1, Count());
                }
            }
            """, production, "Shop.UnitTests");

        Assert.Equal("Shop.Api.StripeWebhookHandler", Assert.Single(findings.Of("TG0501")).Location?.Symbol);
        Assert.Single(findings.Of("TG0504"));
    }

    [Fact]
    public void A_test_that_only_calls_the_handling_method_by_name_counts_when_nothing_else_declares_it()
    {
        var findings = Review("""
            namespace Shop.IntegrationTests;

            public class PaymentsFlow
            {
                [Fact(Timeout = 10_000)]
                public async Task Same_event_twice_is_applied_once()
                {
                    var sut = await Host.ResolveAsync();
                    var webhook = Webhooks.Paid();
                    await sut.HandleAsync(webhook, CancellationToken.None);
                    await sut.HandleAsync(webhook, CancellationToken.None);
                    Assert.Equal(1, await CountProcessedAsync());
                }
            }
            """);

        Assert.Empty(findings.Of("TG0501"));
        AssertCountedOnceOnlySequentially(findings);
    }

    private const string StripeReceiver = """
        namespace Shop.Api;

        public interface IInbox { Task<bool> TryAddAsync(string eventId, CancellationToken ct); }

        public sealed class StripeWebhookReceiver(IInbox inbox)
        {
            public async Task<bool> ReceiveAsync(string eventId, CancellationToken ct) => await inbox.TryAddAsync(eventId, ct);
        }

        """;

    private const string ReceiverRetryTest = """
        namespace Shop.IntegrationTests;

        public class StripeWebhookReceiverTests
        {
            [Fact(Timeout = 5_000)]
            public async Task Storage_outage_fails_then_the_retry_succeeds()
            {
                var receiver = new StripeWebhookReceiver(new FlakyInbox(failures: 1));
                await Assert.ThrowsAsync<IOException>(() => receiver.ReceiveAsync("evt_1", CancellationToken.None));
                Assert.True(await receiver.ReceiveAsync("evt_1", CancellationToken.None));
            }
        }
        """;

    [Fact]
    public void A_test_class_named_after_one_handler_does_not_count_for_another_handler_of_the_same_stem()
    {
        const string production = StripeReceiver + """

            [ApiController]
            public sealed class StripeWebhookController(IInbox inbox) : ControllerBase
            {
                [HttpPost("/webhooks/stripe")]
                public async Task<IActionResult> Receive(string eventId, CancellationToken ct)
                {
                    await inbox.TryAddAsync(eventId, ct);
                    return Ok();
                }
            }
            """;

        var findings = Review(ReceiverRetryTest, production);

        var retry = Assert.Single(findings.Of("TG0503"));
        Assert.Equal("Shop.Api.StripeWebhookController", retry.Location?.Symbol);
        Assert.All(findings.Where(f => f.RuleId.StartsWith("TG050", StringComparison.Ordinal) && f.Location?.Symbol?.Contains("Controller", StringComparison.Ordinal) == true),
            f => Assert.DoesNotContain("StripeWebhookReceiverTests", f.MissingOrBrokenTest));
    }

    [Fact]
    public void A_minimal_API_webhook_route_in_a_static_class_is_judged_at_the_handler_of_the_command_it_sends()
    {
        const string production = """
            namespace Shop.Api;

            public sealed record ApplyCarrierStatusCommand(string EventId, long Sequence) : IRequest<bool>;

            public static class CarrierWebhookEndpoints
            {
                public static IEndpointRouteBuilder MapCarrierWebhook(this IEndpointRouteBuilder app)
                {
                    app.MapPost("/webhooks/carrier", HandleAsync);
                    return app;
                }

                private static async Task<IResult> HandleAsync(CarrierWebhookPayload payload, ISender sender, CancellationToken ct) =>
                    Results.Ok(await sender.Send(new ApplyCarrierStatusCommand(payload.EventId, payload.Sequence), ct));
            }

            public sealed class ApplyCarrierStatusHandler(IWebhookInbox inbox, IShipmentRepository shipments) : IRequestHandler<ApplyCarrierStatusCommand, bool>
            {
                public async Task<bool> Handle(ApplyCarrierStatusCommand request, CancellationToken ct) =>
                    await inbox.TryRecordAsync(request.EventId, ct) && await shipments.ApplyAsync(request.Sequence, ct);
            }
            """;

        var findings = SnippetSuite.Review([new Snippet("Shop.Api", production)], [new Snippet("Shop.IntegrationTests", "namespace Shop.IntegrationTests; public class None { [Fact] public void Nothing() => Assert.True(true); }")])
            .Where(f => f.RuleId.StartsWith("TG050", StringComparison.Ordinal)).ToArray();

        Assert.Equal(["TG0501", "TG0502", "TG0503", "TG0504"], findings.Select(f => f.RuleId).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal("Shop.Api.ApplyCarrierStatusHandler", f.Location?.Symbol));
    }

    private const string InboundEmail = """
        namespace Shop.Api;

        public sealed record InboundEmailEvent(string EventId, string ThreadId);

        public interface IInbox { Task<bool> TryClaimAsync(string eventId, CancellationToken ct); }

        public static class InboundEmailEndpoint
        {
            public static IEndpointRouteBuilder MapInboundEmail(this IEndpointRouteBuilder app)
            {
                app.MapPost("/webhooks/inbound-email", HandleAsync);
                return app;
            }

            internal static async Task<IResult> HandleAsync(HttpRequest request, InboundEmailProcessor processor, CancellationToken ct)
            {
                var evt = await request.ReadFromJsonAsync<InboundEmailEvent>(ct);
                return Results.Ok(await processor.ProcessAsync(evt!, ct));
            }
        }

        public sealed class InboundEmailProcessor(IInbox inbox)
        {
            public async Task<bool> ProcessAsync(InboundEmailEvent evt, CancellationToken ct) => await inbox.TryClaimAsync(evt.EventId, ct);
        }
        """;

    [Fact]
    public void A_minimal_API_class_mapping_a_webhook_route_is_a_handler_and_so_is_the_processor_its_route_handler_is_given()
    {
        var findings = SnippetSuite.Review([new Snippet("Shop.Api", InboundEmail)], [new Snippet("Shop.IntegrationTests", "namespace Shop.IntegrationTests; public class None { [Fact] public void Nothing() => Assert.True(true); }")])
            .Where(f => f.RuleId.StartsWith("TG050", StringComparison.Ordinal)).ToArray();

        Assert.Equal(["TG0501", "TG0502", "TG0503", "TG0504"], findings.Select(f => f.RuleId).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal("Shop.Api.InboundEmailProcessor", f.Location?.Symbol));
    }

    [Fact]
    public void The_retry_outline_of_a_synchronous_handler_expects_the_failure_without_awaiting_it()
    {
        const string production = """
            namespace Shop.Api;

            public sealed record StripeWebhook(string EventId, Guid OrderId, long Sequence);

            public interface IPaymentEventStore { bool TryMarkProcessed(string eventId); }

            public sealed class StripeWebhookHandler(IPaymentEventStore events)
            {
                public bool Handle(StripeWebhook webhook) => events.TryMarkProcessed(webhook.EventId);
            }
            """;

        var retry = Assert.Single(Review("namespace Shop.IntegrationTests; public class None { [Fact] public void Nothing() => Assert.True(true); }", production).Of("TG0503"));

        Assert.Contains("Assert.ThrowsAny<Exception>(() => handler.Handle(", retry.ExampleTestOutline);
        Assert.DoesNotContain("ThrowsAnyAsync", retry.ExampleTestOutline);
    }

    [Fact]
    public void A_minimal_API_class_that_maps_other_routes_too_does_not_make_its_handlers_webhook_handlers()
    {
        const string production = """
            namespace Shop.Api;

            public sealed record CreateOrder(string Sku);

            public static class ShopEndpoints
            {
                public static IEndpointRouteBuilder MapShop(this IEndpointRouteBuilder app)
                {
                    app.MapPost("/orders", HandleCreateAsync);
                    app.MapPost("/webhooks/stripe", HandleStripeAsync);
                    return app;
                }

                internal static Task<IResult> HandleCreateAsync(CreateOrder request, CancellationToken ct) => Task.FromResult(Results.Ok());

                internal static Task<IResult> HandleStripeAsync(HttpRequest request, CancellationToken ct) => Task.FromResult(Results.Ok());
            }
            """;

        var findings = SnippetSuite.Review([new Snippet("Shop.Api", production)], [new Snippet("Shop.IntegrationTests", "namespace Shop.IntegrationTests; public class None { [Fact] public void Nothing() => Assert.True(true); }")]);

        Assert.Empty(findings.Where(f => f.RuleId.StartsWith("TG050", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void A_test_helper_named_like_the_call_it_wraps_is_one_delivery_per_call(int deliveries, bool retryFires)
    {
        var tests = $$"""
            namespace Shop.IntegrationTests;

            public class InboundEmailProcessorTests
            {
                private static Task<bool> ProcessAsync(TestHost host, InboundEmailEvent evt) =>
                    host.InScopeAsync<InboundEmailProcessor, bool>(p => p.ProcessAsync(evt, CancellationToken.None));

                [Fact(Timeout = 10_000)]
                public async Task A_failing_claim_then_the_providers_retry_is_processed()
                {
                    var host = new TestHost(failClaims: 1);
                    var evt = new InboundEmailEvent("evt_1", "thr_1");
                    await Assert.ThrowsAnyAsync<Exception>(() => ProcessAsync(host, evt));
                    {{(deliveries == 2 ? "Assert.True(await ProcessAsync(host, evt));" : string.Empty)}}

                    Assert.Equal(1, host.Claims);
                }
            }
            """;

        var findings = Review(tests, InboundEmail);

        Assert.Equal(retryFires, findings.Of("TG0503").Count == 1);
    }

    [Fact]
    public void A_controller_that_hands_the_webhook_to_a_receiver_is_judged_at_the_receiver_with_the_tests_of_both()
    {
        const string production = StripeReceiver + """

            [ApiController]
            public sealed class StripeWebhookController(StripeWebhookReceiver receiver) : ControllerBase
            {
                [HttpPost("/webhooks/stripe")]
                public async Task<IActionResult> Receive(string eventId, CancellationToken ct)
                {
                    await receiver.ReceiveAsync(eventId, ct);
                    return Ok();
                }
            }
            """;

        var findings = Review(ReceiverRetryTest, production).Where(f => f.RuleId.StartsWith("TG050", StringComparison.Ordinal)).ToArray();

        Assert.Empty(findings.Of("TG0503"));
        Assert.All(findings, f => Assert.Equal("Shop.Api.StripeWebhookReceiver", f.Location?.Symbol));
        Assert.NotEmpty(findings.Of("TG0501"));
    }

    [Fact]
    public void A_test_named_after_one_handler_does_not_count_for_another_with_the_same_method()
    {
        const string production = """
            namespace Shop.Api;

            public sealed record StripeWebhook(string EventId);
            public sealed record PaypalWebhook(string EventId);

            public sealed class StripeWebhookHandler
            {
                public Task HandleAsync(StripeWebhook webhook, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            public sealed class PaypalWebhookHandler
            {
                public Task HandleAsync(PaypalWebhook webhook, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """;

        var findings = Review("""
            namespace Shop.IntegrationTests;

            public class StripeWebhookHandlerTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Duplicate_delivery_is_applied_once()
                {
                    var handler = new StripeWebhookHandler();
                    var webhook = new StripeWebhook("evt-1");
                    await handler.HandleAsync(webhook, CancellationToken.None);
                    await handler.HandleAsync(webhook, CancellationToken.None);
                    Assert.Equal(1, Count());
                }
            }
            """, production);

        var duplicate = Assert.Single(findings.Of("TG0501"));
        Assert.Equal("Shop.Api.PaypalWebhookHandler", duplicate.Location?.Symbol);
        Assert.Contains("PaypalWebhook", duplicate.MissingOrBrokenTest);
    }

    [Fact]
    public void Skipped_tests_do_not_count()
    {
        var findings = Review(TestClass("""
                [Fact(Skip = "flaky")]
                public async Task Handle_DuplicateDelivery_IsProcessedOnce()
                {
                    var webhook = Webhooks.Paid();
                    await _handler.HandleAsync(webhook, CancellationToken.None);
                    await _handler.HandleAsync(webhook, CancellationToken.None);
                    Assert.Equal(1, await CountProcessedAsync(webhook.EventId));
                }
            """));

        Assert.Single(findings.Of("TG0501"));
    }

    [Fact]
    public void Outlines_follow_the_suite_framework()
    {
        var findings = Review("""
            namespace Shop.IntegrationTests;

            public class StripeWebhookHandlerTests
            {
                [Test, CancelAfter(10_000)]
                public async Task Handle_PaidEvent_MarksTheEventProcessed(CancellationToken cancellationToken)
                {
                    var handler = new StripeWebhookHandler(new SqlitePaymentEventStore());
                    Assert.That(await handler.HandleAsync(Webhooks.Paid(), cancellationToken), Is.True);
                }
            }
            """);

        var outline = Assert.Single(findings.Of("TG0504")).ExampleTestOutline;
        Assert.StartsWith("[Test, CancelAfter(10_000)]", outline);
        Assert.Contains("Assert.That(await CountEffectsAsync(\"evt-1\"), Is.EqualTo(1));", outline);
        Assert.Contains("handler.HandleAsync(stripeWebhook, cancellationToken)", outline);
    }
}
