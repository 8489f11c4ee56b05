namespace Shop.Contracts;

public enum PaymentWebhookStatus
{
    Succeeded = 1,
    Failed = 2,
}

/// <summary>
/// The payment provider's notification. <see cref="EventId"/> is unique per event (redeliveries repeat it);
/// <see cref="SequenceNumber"/> grows per order, so a late, older event can be recognised and ignored.
/// </summary>
public sealed record PaymentWebhook(
    string EventId,
    Guid OrderId,
    long SequenceNumber,
    PaymentWebhookStatus Status,
    decimal Amount,
    string Currency,
    string? PaymentReference = null,
    string? FailureReason = null,
    string? CorrelationId = null);

public enum WebhookOutcome
{
    /// <summary>Applied to the order and recorded; the sender may stop.</summary>
    Processed,

    /// <summary>Seen before; nothing changed.</summary>
    Duplicate,

    /// <summary>Older than an event already applied for the order; recorded and ignored.</summary>
    IgnoredOutOfOrder,

    /// <summary>The payload is invalid; retrying it cannot help.</summary>
    Rejected,
}

public sealed record WebhookResult(string EventId, WebhookOutcome Outcome, string? Detail = null);
