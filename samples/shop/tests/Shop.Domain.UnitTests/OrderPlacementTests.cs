namespace Shop.Domain.UnitTests;

public class OrderPlacementTests
{
    [Fact]
    public void Place_ValidOrder_IsPendingWithItsLinesAndTotal()
    {
        var order = Orders.Pending(Lines.Widget(quantity: 2), Lines.Gadget(quantity: 1));

        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Equal(Orders.Id, order.Id);
        Assert.Equal(Orders.Number, order.OrderNumber);
        Assert.Equal(Orders.CustomerId, order.CustomerId);
        Assert.Equal(Prices.Currency, order.Currency);
        Assert.Equal(Moments.PlacedAt, order.PlacedAt);
        Assert.Equal(2, order.Lines.Count);
        Assert.Equal(Prices.Eur(65.00m), order.Total);
        Assert.Equal(0, order.Version);
        Assert.Null(order.PaidAt);
        Assert.Null(order.PaymentReference);
    }

    [Fact]
    public void Place_WithoutId_IsRejected()
    {
        var error = Assert.Throws<DomainException>(() =>
            Order.Place(Guid.Empty, Orders.Number, Orders.CustomerId, [Lines.Widget()], Moments.PlacedAt));

        Assert.Contains("needs an id", error.Message);
    }

    [Fact]
    public void Place_WithoutCustomer_IsRejected()
    {
        var error = Assert.Throws<DomainException>(() =>
            Order.Place(Orders.Id, Orders.Number, Guid.Empty, [Lines.Widget()], Moments.PlacedAt));

        Assert.Contains("needs a customer", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("XX-000123")]
    [InlineData("SO-12345")]
    [InlineData("SO-1234567")]
    [InlineData("SO-12A456")]
    public void Place_MalformedOrderNumber_IsRejected(string? orderNumber)
    {
        var error = Assert.Throws<DomainException>(() =>
            Order.Place(Orders.Id, orderNumber!, Orders.CustomerId, [Lines.Widget()], Moments.PlacedAt));

        Assert.Contains("is not an order number", error.Message);
    }

    [Fact]
    public void Place_WithoutLines_IsRejected()
    {
        var error = Assert.Throws<DomainException>(() =>
            Order.Place(Orders.Id, Orders.Number, Orders.CustomerId, [], Moments.PlacedAt));

        Assert.Contains("at least one line", error.Message);
    }

    [Fact]
    public void Place_LinesInTwoCurrencies_IsRejected()
    {
        var dollarLine = new OrderLine(Lines.GadgetSku, 1, Prices.Usd(Lines.GadgetPrice));

        var error = Assert.Throws<DomainException>(() => Orders.Pending(Lines.Widget(), dollarLine));

        Assert.Contains("is in EUR", error.Message);
    }

    [Fact]
    public void Place_SameSkuTwice_MergesIntoOneLine()
    {
        var order = Orders.Pending(Lines.Widget(quantity: 2), Lines.Widget(quantity: 3));

        var line = Assert.Single(order.Lines);
        Assert.Equal(5, line.Quantity);
        Assert.Equal(Prices.Eur(62.50m), order.Total);
    }

    [Fact]
    public void Place_SameSkuAtAnotherPrice_IsRejected()
    {
        var cheaperWidget = new OrderLine(Lines.WidgetSku, 1, Prices.Eur(9.99m));

        var error = Assert.Throws<DomainException>(() => Orders.Pending(Lines.Widget(), cheaperWidget));

        Assert.Contains("is already on order", error.Message);
    }

    [Fact]
    public void Place_MergedQuantityAboveMaximum_IsRejected()
    {
        Assert.Throws<DomainException>(() =>
            Orders.Pending(Lines.Widget(quantity: OrderLine.MaxQuantity), Lines.Widget(quantity: 1)));
    }

    [Fact]
    public void Place_MaximumNumberOfLines_IsAccepted()
    {
        var lines = Enumerable.Range(1, Order.MaxLines).Select(Lines.Numbered).ToArray();

        Assert.Equal(Order.MaxLines, Orders.Pending(lines).Lines.Count);
    }

    [Fact]
    public void Place_MoreThanMaximumNumberOfLines_IsRejected()
    {
        var lines = Enumerable.Range(1, Order.MaxLines + 1).Select(Lines.Numbered).ToArray();

        var error = Assert.Throws<DomainException>(() => Orders.Pending(lines));

        Assert.Contains("at most 20 lines", error.Message);
    }
}
