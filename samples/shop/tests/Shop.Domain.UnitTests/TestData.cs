namespace Shop.Domain.UnitTests;

/// <summary>Named test data: each test says which order it starts from, not which magic values make it up.</summary>
internal static class Prices
{
    public const string Currency = "EUR";
    public const string OtherCurrency = "USD";

    public static Money Eur(decimal amount) => Money.Of(amount, Currency);

    public static Money Usd(decimal amount) => Money.Of(amount, OtherCurrency);
}

internal static class Lines
{
    public const string WidgetSku = "WIDGET-1";
    public const string GadgetSku = "GADGET-7";
    public const decimal WidgetPrice = 12.50m;
    public const decimal GadgetPrice = 40.00m;

    public static OrderLine Widget(int quantity = 2) => new(WidgetSku, quantity, Prices.Eur(WidgetPrice));

    public static OrderLine Gadget(int quantity = 1) => new(GadgetSku, quantity, Prices.Eur(GadgetPrice));

    public static OrderLine Numbered(int number) => new($"PART-{number:000}", 1, Prices.Eur(1.00m));
}

internal static class Moments
{
    public static DateTimeOffset PlacedAt => new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset PaidAt => PlacedAt.AddMinutes(5);

    public static DateTimeOffset ShippedAt => PlacedAt.AddDays(1);

    public static DateTimeOffset CancelledAt => PlacedAt.AddHours(2);
}

internal static class Orders
{
    public const string Number = "SO-000123";
    public const string PaymentReference = "PAY-0042";
    public const string OtherPaymentReference = "PAY-0043";
    public const string TrackingNumber = "1Z-TRACK-999";
    public const string CancellationReason = "customer changed their mind";

    public static Guid Id => new("6f1c2a4e-8d1b-4c55-9a57-0a4d3c2b1e01");

    public static Guid CustomerId => new("0b9e4d8c-2f6a-4e3b-8c1d-5a7f9e2d4c02");

    /// <summary>A pending order: two widgets (25.00 EUR) unless other lines are given.</summary>
    public static Order Pending(params OrderLine[] lines) =>
        Order.Place(Id, Number, CustomerId, lines.Length == 0 ? [Lines.Widget()] : lines, Moments.PlacedAt);

    public static Order Paid()
    {
        var order = Pending();
        order.MarkPaid(PaymentReference, order.Total, Moments.PaidAt);
        return order;
    }

    public static Order Shipped()
    {
        var order = Paid();
        order.Ship(TrackingNumber, Moments.ShippedAt);
        return order;
    }

    public static Order Cancelled()
    {
        var order = Pending();
        order.Cancel(CancellationReason, Moments.CancelledAt);
        return order;
    }
}
