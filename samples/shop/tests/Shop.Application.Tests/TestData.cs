using Shop.Contracts;
using Shop.Domain;

namespace Shop.Application.Tests;

internal static class Moments
{
    public static DateTimeOffset Now => new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
}

internal static class Correlation
{
    public const string Id = "corr-7f3a-checkout";
}

internal static class Payments
{
    public const string DeclineReason = "insufficient funds";
    public const string ProviderFailureReason = "card expired";
}

internal static class Requests
{
    public const string OrderNumber = "SO-000123";
    public const string Currency = "EUR";
    public const string WidgetSku = "WIDGET-1";
    public const decimal WidgetPrice = 12.50m;

    public static Guid CustomerId => new("0b9e4d8c-2f6a-4e3b-8c1d-5a7f9e2d4c02");

    /// <summary>Two widgets at 12.50 EUR: 25.00 EUR.</summary>
    public static PlaceOrderRequest PlaceOrder(string orderNumber = OrderNumber, int quantity = 2) =>
        new(orderNumber, CustomerId, Currency, [new OrderLineRequest(WidgetSku, quantity, WidgetPrice)]);
}

internal static class Orders
{
    public const string Number = "SO-000456";
    public const string PaymentReference = "PAY-WEBHOOK-9";
    public const string TrackingNumber = "1Z-TRACK-999";
    public const string CancellationReason = "customer changed their mind";

    public static Guid Id => new("6f1c2a4e-8d1b-4c55-9a57-0a4d3c2b1e01");

    /// <summary>A pending order of two widgets: 25.00 EUR.</summary>
    public static Order Pending() => Order.Place(
        Id, Number, Requests.CustomerId, [new OrderLine(Requests.WidgetSku, 2, Money.Of(Requests.WidgetPrice, Requests.Currency))], Moments.Now);

    public static Money Total => Money.Of(25.00m, Requests.Currency);
}

internal static class Resilience
{
    /// <summary>Fast enough for tests: 3 attempts, short timeouts, a breaker that only trips when a test asks for it.</summary>
    public static PaymentResilienceOptions Fast() => new()
    {
        AttemptTimeout = TimeSpan.FromMilliseconds(100),
        MaxRetryAttempts = 2,
        RetryDelay = TimeSpan.FromMilliseconds(1),
        BreakerMinimumThroughput = 100,
    };
}
