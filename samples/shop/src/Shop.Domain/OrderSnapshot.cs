namespace Shop.Domain;

/// <summary>The stored state of an order: what a repository writes and reads back to rebuild the aggregate.</summary>
public sealed record OrderSnapshot(
    Guid Id,
    string OrderNumber,
    Guid CustomerId,
    string Currency,
    IReadOnlyList<OrderLine> Lines,
    OrderStatus Status,
    DateTimeOffset PlacedAt,
    DateTimeOffset? PaidAt,
    string? PaymentReference,
    DateTimeOffset? ShippedAt,
    string? TrackingNumber,
    DateTimeOffset? CancelledAt,
    string? CancellationReason,
    bool RefundRequired,
    int Version);
