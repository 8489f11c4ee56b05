namespace Shop.Domain.UnitTests;

public class OrderPaymentTests
{
    [Fact]
    public void MarkPaid_PendingOrderWithExactTotal_BecomesPaid()
    {
        var order = Orders.Pending();

        var applied = order.MarkPaid(Orders.PaymentReference, order.Total, Moments.PaidAt);

        Assert.True(applied);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(Moments.PaidAt, order.PaidAt);
        Assert.Equal(Orders.PaymentReference, order.PaymentReference);
    }

    [Fact]
    public void MarkPaid_AmountOtherThanTotal_IsRejected()
    {
        var order = Orders.Pending();

        var error = Assert.Throws<DomainException>(() => order.MarkPaid(Orders.PaymentReference, Prices.Eur(24.99m), Moments.PaidAt));

        Assert.Contains("does not match the total 25.00 EUR", error.Message);
        Assert.Equal(OrderStatus.Pending, order.Status);
    }

    [Fact]
    public void MarkPaid_TotalInAnotherCurrency_IsRejected()
    {
        var order = Orders.Pending();

        Assert.Throws<DomainException>(() => order.MarkPaid(Orders.PaymentReference, Prices.Usd(25.00m), Moments.PaidAt));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void MarkPaid_WithoutReference_IsRejected(string reference)
    {
        var order = Orders.Pending();

        var error = Assert.Throws<DomainException>(() => order.MarkPaid(reference, order.Total, Moments.PaidAt));

        Assert.Contains("needs a reference", error.Message);
    }

    [Fact]
    public void MarkPaid_SamePaymentAgain_ChangesNothing()
    {
        var order = Orders.Paid();

        var applied = order.MarkPaid(Orders.PaymentReference, order.Total, Moments.PaidAt.AddHours(1));

        Assert.False(applied);
        Assert.Equal(Moments.PaidAt, order.PaidAt);
    }

    [Fact]
    public void MarkPaid_PaidOrderWithAnotherPayment_IsRejected()
    {
        var order = Orders.Paid();

        var error = Assert.Throws<DomainException>(() => order.MarkPaid(Orders.OtherPaymentReference, order.Total, Moments.PaidAt));

        Assert.Contains("Cannot pay for order", error.Message);
        Assert.Equal(Orders.PaymentReference, order.PaymentReference);
    }

    [Fact]
    public void MarkPaid_CancelledOrder_IsRejected()
    {
        var order = Orders.Cancelled();

        var error = Assert.Throws<DomainException>(() => order.MarkPaid(Orders.PaymentReference, order.Total, Moments.PaidAt));

        Assert.Contains("it is Cancelled", error.Message);
    }
}
