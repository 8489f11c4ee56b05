namespace Shop.Domain.DeficientTests;

internal static class Orders
{
    public const string Number = "SO-000777";
    public const string PaymentReference = "PAY-0777";

    public static Guid Id => new("2d7f5b1a-3c4e-4f60-8a9b-1c2d3e4f5a01");

    public static Guid CustomerId => new("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c02");

    public static DateTimeOffset PlacedAt => new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static OrderLine Widget() => new("WIDGET-1", 2, Money.Of(12.50m, "EUR"));

    public static Order Pending() => Order.Place(Id, Number, CustomerId, [Widget()], PlacedAt);
}
