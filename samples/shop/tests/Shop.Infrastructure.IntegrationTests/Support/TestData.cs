using Shop.Contracts;
using Shop.Domain;

namespace Shop.Infrastructure.IntegrationTests.Support;

internal static class Moments
{
    public static DateTimeOffset PlacedAt => new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(1));

    public static DateTimeOffset PaidAt => PlacedAt.AddMinutes(5);

    public static DateTimeOffset ShippedAt => PlacedAt.AddDays(1);
}

internal static class Orders
{
    public const string Number = "SO-000123";
    public const string OtherNumber = "SO-000124";
    public const string Currency = "EUR";
    public const string PaymentReference = "PAY-0042";
    public const string TrackingNumber = "1Z-TRACK-999";
    public const string CancellationReason = "customer changed their mind";

    public static Guid Id => new("6f1c2a4e-8d1b-4c55-9a57-0a4d3c2b1e01");

    public static Guid OtherId => new("7a2d3b5f-9e2c-4d66-8b68-1b5e4d3c2f02");

    public static Guid CustomerId => new("0b9e4d8c-2f6a-4e3b-8c1d-5a7f9e2d4c02");

    public static OrderLine Widget() => new("WIDGET-1", 2, Money.Of(12.50m, Currency));

    public static OrderLine Gadget() => new("GADGET-7", 1, Money.Of(40.00m, Currency));

    /// <summary>A pending order of two widgets and a gadget: 65.00 EUR.</summary>
    public static Order Pending(Guid? id = null, string number = Number) =>
        Order.Place(id ?? Id, number, CustomerId, [Widget(), Gadget()], Moments.PlacedAt);

    public static Money Total => Money.Of(65.00m, Currency);
}

internal static class Webhooks
{
    public const string FirstEventId = "evt_0001";
    public const string SecondEventId = "evt_0002";
    public const string CorrelationId = "corr-webhook-42";
    public const string FailureReason = "card expired";

    public static PaymentWebhook PaymentSucceeded(Guid orderId, string eventId = FirstEventId, long sequence = 1) =>
        new(eventId, orderId, sequence, PaymentWebhookStatus.Succeeded, Orders.Total.Amount, Orders.Currency, Orders.PaymentReference, null, CorrelationId);

    public static PaymentWebhook PaymentFailed(Guid orderId, string eventId = SecondEventId, long sequence = 1) =>
        new(eventId, orderId, sequence, PaymentWebhookStatus.Failed, Orders.Total.Amount, Orders.Currency, null, FailureReason, CorrelationId);
}
