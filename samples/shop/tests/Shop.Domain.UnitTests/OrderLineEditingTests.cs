namespace Shop.Domain.UnitTests;

public class OrderLineEditingTests
{
    [Fact]
    public void AddLine_PendingOrder_AddsLineAndRaisesTotal()
    {
        var order = Orders.Pending();

        order.AddLine(Lines.Gadget());

        Assert.Equal(2, order.Lines.Count);
        Assert.Equal(Prices.Eur(65.00m), order.Total);
    }

    [Fact]
    public void AddLine_PaidOrder_IsRejected()
    {
        var order = Orders.Paid();

        var error = Assert.Throws<DomainException>(() => order.AddLine(Lines.Gadget()));

        Assert.Contains("it is Paid, not Pending", error.Message);
    }

    [Fact]
    public void RemoveLine_PendingOrder_RemovesMatchingSkuIgnoringCase()
    {
        var order = Orders.Pending(Lines.Widget(), Lines.Gadget());

        order.RemoveLine(" gadget-7 ");

        var remaining = Assert.Single(order.Lines);
        Assert.Equal(Lines.WidgetSku, remaining.Sku);
    }

    [Fact]
    public void RemoveLine_UnknownSku_IsRejected()
    {
        var order = Orders.Pending(Lines.Widget(), Lines.Gadget());

        var error = Assert.Throws<DomainException>(() => order.RemoveLine("NOT-ON-ORDER"));

        Assert.Contains("has no line for", error.Message);
    }

    [Fact]
    public void RemoveLine_LastLine_IsRejected()
    {
        var order = Orders.Pending();

        var error = Assert.Throws<DomainException>(() => order.RemoveLine(Lines.WidgetSku));

        Assert.Contains("cancel the order instead", error.Message);
    }

    [Fact]
    public void RemoveLine_ShippedOrder_IsRejected()
    {
        var order = Orders.Shipped();

        Assert.Throws<DomainException>(() => order.RemoveLine(Lines.WidgetSku));
    }
}
