namespace Shop.Domain.UnitTests;

public class OrderShippingTests
{
    [Fact]
    public void Ship_PaidOrder_BecomesShipped()
    {
        var order = Orders.Paid();

        order.Ship(Orders.TrackingNumber, Moments.ShippedAt);

        Assert.Equal(OrderStatus.Shipped, order.Status);
        Assert.Equal(Moments.ShippedAt, order.ShippedAt);
        Assert.Equal(Orders.TrackingNumber, order.TrackingNumber);
    }

    [Fact]
    public void Ship_PendingOrder_IsRejected()
    {
        var order = Orders.Pending();

        var error = Assert.Throws<DomainException>(() => order.Ship(Orders.TrackingNumber, Moments.ShippedAt));

        Assert.Contains("Cannot ship order SO-000123: it is Pending, not Paid", error.Message);
    }

    [Fact]
    public void Ship_ShippedOrder_IsRejected()
    {
        var order = Orders.Shipped();

        Assert.Throws<DomainException>(() => order.Ship(Orders.TrackingNumber, Moments.ShippedAt));
    }

    [Fact]
    public void Ship_CancelledOrder_IsRejected()
    {
        var order = Orders.Cancelled();

        Assert.Throws<DomainException>(() => order.Ship(Orders.TrackingNumber, Moments.ShippedAt));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Ship_WithoutTrackingNumber_IsRejected(string trackingNumber)
    {
        var order = Orders.Paid();

        var error = Assert.Throws<DomainException>(() => order.Ship(trackingNumber, Moments.ShippedAt));

        Assert.Contains("tracking number", error.Message);
        Assert.Equal(OrderStatus.Paid, order.Status);
    }

    [Fact]
    public void Ship_BeforePayment_IsRejected()
    {
        var order = Orders.Paid();

        var error = Assert.Throws<DomainException>(() => order.Ship(Orders.TrackingNumber, Moments.PlacedAt));

        Assert.Contains("cannot ship before it was paid", error.Message);
    }
}
