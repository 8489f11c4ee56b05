using Microsoft.Extensions.Logging;
using Shop.Application;
using Shop.Contracts;
using Shop.Domain;

namespace Shop.Api;

/// <summary>
/// Handles the payment provider's webhook. Exactly once per event id: a redelivery is answered Duplicate; an event
/// older than one already applied for the order is recorded and ignored. A failure propagates (the host answers
/// 5xx), the event is not recorded, and the provider's retry applies it later. An invalid payload is Rejected.
/// </summary>
public sealed class PaymentWebhookHandler
{
    public const string AppliedOutcome = "applied";
    public const string IgnoredOutcome = "ignored_out_of_order";

    private readonly OrderService _orders;
    private readonly IProcessedEventStore _processedEvents;
    private readonly TimeProvider _clock;
    private readonly ILogger<PaymentWebhookHandler> _logger;

    public PaymentWebhookHandler(
        OrderService orders, IProcessedEventStore processedEvents, TimeProvider clock, ILogger<PaymentWebhookHandler> logger)
    {
        _orders = orders;
        _processedEvents = processedEvents;
        _clock = clock;
        _logger = logger;
    }

    public async Task<WebhookResult> HandleAsync(PaymentWebhook webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (Validate(webhook) is { } problem)
        {
            _logger.LogWarning("Rejected payment webhook {EventId} for order {OrderId}: {Problem}", webhook.EventId, webhook.OrderId, problem);
            return new WebhookResult(webhook.EventId, WebhookOutcome.Rejected, problem);
        }

        var correlationId = string.IsNullOrWhiteSpace(webhook.CorrelationId) ? webhook.EventId : webhook.CorrelationId;
        if (await _processedEvents.IsProcessedAsync(webhook.EventId, cancellationToken))
        {
            _logger.LogInformation("Payment webhook {EventId} was already processed (correlation {CorrelationId})", webhook.EventId, correlationId);
            return new WebhookResult(webhook.EventId, WebhookOutcome.Duplicate);
        }

        var last = await _processedEvents.GetLastSequenceAsync(webhook.OrderId, cancellationToken);
        if (webhook.SequenceNumber <= last)
        {
            _logger.LogInformation(
                "Ignored payment webhook {EventId} for order {OrderId}: sequence {SequenceNumber} is not after {LastSequence} (correlation {CorrelationId})",
                webhook.EventId, webhook.OrderId, webhook.SequenceNumber, last, correlationId);
            // A concurrent delivery of this same event may have recorded it since the check above: then it is a duplicate.
            return await _processedEvents.TryMarkProcessedAsync(Record(webhook, IgnoredOutcome), cancellationToken)
                ? new WebhookResult(webhook.EventId, WebhookOutcome.IgnoredOutOfOrder, $"sequence {webhook.SequenceNumber} is not after {last}")
                : new WebhookResult(webhook.EventId, WebhookOutcome.Duplicate);
        }

        try
        {
            await ApplyAsync(webhook, correlationId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(
                ex, "Payment webhook {EventId} for order {OrderId} failed and was not recorded; the provider will retry (correlation {CorrelationId})",
                webhook.EventId, webhook.OrderId, correlationId);
            throw;
        }

        var recorded = await _processedEvents.TryMarkProcessedAsync(Record(webhook, AppliedOutcome), cancellationToken);
        return new WebhookResult(webhook.EventId, recorded ? WebhookOutcome.Processed : WebhookOutcome.Duplicate);
    }

    private Task ApplyAsync(PaymentWebhook webhook, string correlationId, CancellationToken cancellationToken) =>
        webhook.Status == PaymentWebhookStatus.Succeeded
            ? _orders.ConfirmPaymentAsync(webhook.OrderId, webhook.PaymentReference!, Money.Of(webhook.Amount, webhook.Currency), correlationId, cancellationToken)
            : _orders.RecordPaymentFailureAsync(webhook.OrderId, webhook.FailureReason ?? "unspecified", correlationId, cancellationToken);

    private ProcessedEvent Record(PaymentWebhook webhook, string outcome) =>
        new(webhook.EventId, webhook.OrderId, webhook.SequenceNumber, outcome, _clock.GetUtcNow());

    private static string? Validate(PaymentWebhook webhook)
    {
        if (string.IsNullOrWhiteSpace(webhook.EventId))
        {
            return "the event id is missing";
        }

        if (webhook.OrderId == Guid.Empty)
        {
            return "the order id is missing";
        }

        if (webhook.SequenceNumber < 1)
        {
            return "the sequence number must be positive";
        }

        if (!Enum.IsDefined(webhook.Status))
        {
            return $"the status {(int)webhook.Status} is unknown";
        }

        if (webhook.Status == PaymentWebhookStatus.Succeeded && string.IsNullOrWhiteSpace(webhook.PaymentReference))
        {
            return "a successful payment needs a payment reference";
        }

        return null;
    }
}
