namespace Shop.Domain.UnitTests;

public class OrderCancellationTests
{
    [Fact]
    public void Cancel_PendingOrder_IsCancelledWithoutRefund()
    {
        var order = Orders.Pending();

        order.Cancel(Orders.CancellationReason, Moments.CancelledAt);

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(Moments.CancelledAt, order.CancelledAt);
        Assert.Equal(Orders.CancellationReason, order.CancellationReason);
        Assert.False(order.RefundRequired);
    }

    [Fact]
    public void Cancel_PaidOrder_IsCancelledAndNeedsRefund()
    {
        var order = Orders.Paid();

        order.Cancel(Orders.CancellationReason, Moments.CancelledAt);

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.True(order.RefundRequired);
    }

    [Fact]
    public void Cancel_ShippedOrder_IsRejected()
    {
        var order = Orders.Shipped();

        var error = Assert.Throws<DomainException>(() => order.Cancel(Orders.CancellationReason, Moments.CancelledAt));

        Assert.Contains("return it instead", error.Message);
        Assert.Equal(OrderStatus.Shipped, order.Status);
    }

    [Fact]
    public void Cancel_CancelledOrder_IsRejected()
    {
        var order = Orders.Cancelled();

        var error = Assert.Throws<DomainException>(() => order.Cancel(Orders.CancellationReason, Moments.CancelledAt));

        Assert.Contains("already cancelled", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Cancel_WithoutReason_IsRejected(string reason)
    {
        var order = Orders.Pending();

        var error = Assert.Throws<DomainException>(() => order.Cancel(reason, Moments.CancelledAt));

        Assert.Contains("needs a reason", error.Message);
        Assert.Equal(OrderStatus.Pending, order.Status);
    }
}
