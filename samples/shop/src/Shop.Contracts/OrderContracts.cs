namespace Shop.Contracts;

public sealed record PlaceOrderRequest(string OrderNumber, Guid CustomerId, string Currency, IReadOnlyList<OrderLineRequest> Lines);

public sealed record OrderLineRequest(string Sku, int Quantity, decimal UnitPrice);

public sealed record OrderResponse(
    Guid Id,
    string OrderNumber,
    Guid CustomerId,
    string Status,
    decimal Total,
    string Currency,
    int Version,
    IReadOnlyList<OrderLineResponse> Lines,
    string? PaymentReference,
    string? TrackingNumber,
    bool RefundRequired);

public sealed record OrderLineResponse(string Sku, int Quantity, decimal UnitPrice, decimal LineTotal);
