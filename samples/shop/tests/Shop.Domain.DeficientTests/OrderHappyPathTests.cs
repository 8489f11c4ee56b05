namespace Shop.Domain.DeficientTests;

/// <summary>Only the happy path: no rejected transition, no validation rule, no cancellation is tested.</summary>
public class OrderHappyPathTests
{
    [Fact]
    public void Place_ValidOrder_IsPending()
    {
        var order = Orders.Pending();

        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Equal(Money.Of(25.00m, "EUR"), order.Total);
    }

    [Fact]
    public void MarkPaid_PendingOrder_BecomesPaid()
    {
        var order = Orders.Pending();

        order.MarkPaid(Orders.PaymentReference, order.Total, Orders.PlacedAt.AddMinutes(5));

        Assert.Equal(OrderStatus.Paid, order.Status);
    }
}
