using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Shop.Api;
using Shop.Application;
using Shop.Contracts;
using Shop.Domain;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests;

/// <summary>The payment webhook end to end over the real SQLite repository and processed-events table.</summary>
public class PaymentWebhookHandlerTests : IAsyncLifetime
{
    private WebhookHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await WebhookHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact(Timeout = 10_000)]
    public async Task Handle_PaymentSucceeded_MarksTheOrderPaidAndRecordsTheEvent()
    {
        var order = await _harness.GivenPendingOrderAsync();

        var result = await _harness.Handler.HandleAsync(Webhooks.PaymentSucceeded(order.Id), CancellationToken.None);

        Assert.Equal(WebhookOutcome.Processed, result.Outcome);
        var stored = await _harness.StoredAsync(order.Id);
        Assert.Equal(OrderStatus.Paid, stored.Status);
        Assert.Equal(Orders.PaymentReference, stored.PaymentReference);
        Assert.Equal(1, await _harness.ProcessedEventsAsync(Webhooks.FirstEventId));
    }

    [Fact(Timeout = 10_000)]
    public async Task Handle_DuplicateDelivery_IsProcessedOnce()
    {
        var order = await _harness.GivenPendingOrderAsync();
        var webhook = Webhooks.PaymentSucceeded(order.Id);

        var first = await _harness.Handler.HandleAsync(webhook, CancellationToken.None);
        var redelivery = await _harness.Handler.HandleAsync(webhook, CancellationToken.None);

        Assert.Equal(WebhookOutcome.Processed, first.Outcome);
        Assert.Equal(WebhookOutcome.Duplicate, redelivery.Outcome);
        Assert.Equal(2, (await _harness.StoredAsync(order.Id)).Version);
        Assert.Equal(1, await _harness.ProcessedEventsAsync(Webhooks.FirstEventId));
    }

    [Fact(Timeout = 10_000)]
    public async Task Handle_ConcurrentDuplicateDeliveries_ApplyThePaymentExactlyOnce()
    {
        var order = await _harness.GivenPendingOrderAsync();
        var webhook = Webhooks.PaymentSucceeded(order.Id);

        // The provider sends the same event three times at once (on parallel threads: SQLite's async API completes
        // synchronously) and delivers again any delivery that failed.
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => DeliverWithRetriesAsync(webhook))));

        Assert.Single(results, r => r.Outcome == WebhookOutcome.Processed);
        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { WebhookOutcome.Processed, WebhookOutcome.Duplicate }));
        var stored = await _harness.StoredAsync(order.Id);
        Assert.Equal(OrderStatus.Paid, stored.Status);
        Assert.Equal(2, stored.Version);
        Assert.Equal(1, await _harness.ProcessedEventsAsync(Webhooks.FirstEventId));
    }

    [Fact(Timeout = 10_000)]
    public async Task Handle_OlderEventAfterNewerOne_IsIgnoredOutOfOrder()
    {
        var order = await _harness.GivenPendingOrderAsync();
        await _harness.Handler.HandleAsync(Webhooks.PaymentSucceeded(order.Id, Webhooks.FirstEventId, sequence: 2), CancellationToken.None);

        var late = await _harness.Handler.HandleAsync(Webhooks.PaymentFailed(order.Id, Webhooks.SecondEventId, sequence: 1), CancellationToken.None);

        Assert.Equal(WebhookOutcome.IgnoredOutOfOrder, late.Outcome);
        var stored = await _harness.StoredAsync(order.Id);
        Assert.Equal(OrderStatus.Paid, stored.Status);
        Assert.Equal(2, stored.Version);
        Assert.Equal(PaymentWebhookHandler.IgnoredOutcome, await _harness.Database.TextAsync(
            "SELECT outcome FROM processed_events WHERE event_id = $id;", ("$id", Webhooks.SecondEventId)));
    }

    [Fact(Timeout = 10_000)]
    public async Task Handle_StorageFailsThenProviderRetries_TheRetryIsApplied()
    {
        var order = await _harness.GivenPendingOrderAsync();
        var webhook = Webhooks.PaymentSucceeded(order.Id);
        await _harness.Database.FailStatementsAsync("fail_order_updates", "BEFORE UPDATE ON orders");

        await Assert.ThrowsAsync<SqliteException>(() => _harness.Handler.HandleAsync(webhook, CancellationToken.None));

        Assert.Equal(0, await _harness.ProcessedEventsAsync(Webhooks.FirstEventId));
        Assert.Equal(OrderStatus.Pending, (await _harness.StoredAsync(order.Id)).Status);
        var error = Assert.Single(_harness.Logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Equal(Webhooks.FirstEventId, error.GetStructuredStateValue("EventId"));
        Assert.Equal(Webhooks.CorrelationId, error.GetStructuredStateValue("CorrelationId"));

        await _harness.Database.HealAsync("fail_order_updates");
        var retry = await _harness.Handler.HandleAsync(webhook, CancellationToken.None);

        Assert.Equal(WebhookOutcome.Processed, retry.Outcome);
        Assert.Equal(OrderStatus.Paid, (await _harness.StoredAsync(order.Id)).Status);
        Assert.Equal(1, await _harness.ProcessedEventsAsync(Webhooks.FirstEventId));
    }

    [Fact(Timeout = 10_000)]
    public async Task Handle_PaymentFailedEvent_LeavesTheOrderPendingAndRecordsTheEvent()
    {
        var order = await _harness.GivenPendingOrderAsync();

        var result = await _harness.Handler.HandleAsync(Webhooks.PaymentFailed(order.Id), CancellationToken.None);

        Assert.Equal(WebhookOutcome.Processed, result.Outcome);
        Assert.Equal(OrderStatus.Pending, (await _harness.StoredAsync(order.Id)).Status);
        Assert.Equal(1, await _harness.ProcessedEventsAsync(Webhooks.SecondEventId));
    }

    [Fact(Timeout = 10_000)]
    public async Task Handle_UnknownOrder_PropagatesSoTheProviderRetries()
    {
        var webhook = Webhooks.PaymentSucceeded(Orders.OtherId) with { CorrelationId = null };

        await Assert.ThrowsAsync<OrderNotFoundException>(() => _harness.Handler.HandleAsync(webhook, CancellationToken.None));

        Assert.Equal(0, await _harness.ProcessedEventsAsync(Webhooks.FirstEventId));
        var error = Assert.Single(_harness.Logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Equal(Webhooks.FirstEventId, error.GetStructuredStateValue("CorrelationId"));
    }

    [Theory(Timeout = 10_000)]
    [InlineData("missing event id")]
    [InlineData("missing order id")]
    [InlineData("zero sequence")]
    [InlineData("unknown status")]
    [InlineData("success without reference")]
    public async Task Handle_InvalidPayload_IsRejectedAndNothingIsRecorded(string defect)
    {
        var order = await _harness.GivenPendingOrderAsync();
        var valid = Webhooks.PaymentSucceeded(order.Id);
        var webhook = defect switch
        {
            "missing event id" => valid with { EventId = " " },
            "missing order id" => valid with { OrderId = Guid.Empty },
            "zero sequence" => valid with { SequenceNumber = 0 },
            "unknown status" => valid with { Status = (PaymentWebhookStatus)42 },
            _ => valid with { PaymentReference = null },
        };

        var result = await _harness.Handler.HandleAsync(webhook, CancellationToken.None);

        Assert.Equal(WebhookOutcome.Rejected, result.Outcome);
        Assert.NotNull(result.Detail);
        Assert.Equal(0, await _harness.Database.CountAsync("SELECT COUNT(*) FROM processed_events;"));
        Assert.Equal(OrderStatus.Pending, (await _harness.StoredAsync(order.Id)).Status);
    }

    [Fact(Timeout = 10_000)]
    public async Task Handle_CancelledToken_AppliesAndRecordsNothing()
    {
        var order = await _harness.GivenPendingOrderAsync();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _harness.Handler.HandleAsync(Webhooks.PaymentSucceeded(order.Id), cancellation.Token));

        Assert.Equal(0, await _harness.ProcessedEventsAsync(Webhooks.FirstEventId));
        var stored = await _harness.StoredAsync(order.Id);
        Assert.Equal(OrderStatus.Pending, stored.Status);
        Assert.Equal(1, stored.Version);
        Assert.DoesNotContain(_harness.Logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
    }

    private async Task<WebhookResult> DeliverWithRetriesAsync(PaymentWebhook webhook)
    {
        const int maxDeliveries = 5;
        for (var delivery = 1; ; delivery++)
        {
            try
            {
                return await _harness.Handler.HandleAsync(webhook, CancellationToken.None);
            }
            catch (ConcurrencyException) when (delivery < maxDeliveries)
            {
                // The handler refused; like the provider, deliver again.
            }
        }
    }
}
