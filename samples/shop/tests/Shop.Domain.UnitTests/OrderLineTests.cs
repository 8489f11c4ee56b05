namespace Shop.Domain.UnitTests;

public class OrderLineTests
{
    [Fact]
    public void Constructor_NormalizesSku()
    {
        var line = new OrderLine("  widget-1 ", 1, Prices.Eur(Lines.WidgetPrice));

        Assert.Equal(Lines.WidgetSku, line.Sku);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_BlankSku_IsRejected(string sku)
    {
        var error = Assert.Throws<DomainException>(() => new OrderLine(sku, 1, Prices.Eur(Lines.WidgetPrice)));

        Assert.Contains("SKU", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(OrderLine.MaxQuantity + 1)]
    public void Constructor_QuantityOutOfRange_IsRejected(int quantity)
    {
        var error = Assert.Throws<DomainException>(() => Lines.Widget(quantity));

        Assert.Contains("between 1 and 100", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(OrderLine.MaxQuantity)]
    public void Constructor_QuantityAtBoundary_IsAccepted(int quantity)
    {
        Assert.Equal(quantity, Lines.Widget(quantity).Quantity);
    }

    [Fact]
    public void Constructor_ZeroUnitPrice_IsRejected()
    {
        var error = Assert.Throws<DomainException>(() => new OrderLine(Lines.WidgetSku, 1, Money.Zero(Prices.Currency)));

        Assert.Contains("greater than zero", error.Message);
    }

    [Fact]
    public void Total_IsUnitPriceTimesQuantity()
    {
        Assert.Equal(Prices.Eur(37.50m), Lines.Widget(quantity: 3).Total);
    }

    [Fact]
    public void WithQuantity_KeepsSkuAndPrice()
    {
        var line = Lines.Widget(quantity: 2).WithQuantity(5);

        Assert.Equal(Lines.WidgetSku, line.Sku);
        Assert.Equal(5, line.Quantity);
        Assert.Equal(Prices.Eur(Lines.WidgetPrice), line.UnitPrice);
    }
}
