namespace Shop.Domain.UnitTests;

public class MoneyTests
{
    [Fact]
    public void Of_ValidAmount_KeepsAmountAndCurrency()
    {
        var money = Prices.Eur(12.50m);

        Assert.Equal(12.50m, money.Amount);
        Assert.Equal(Prices.Currency, money.Currency);
        Assert.False(money.IsZero);
    }

    [Fact]
    public void Of_NegativeAmount_IsRejected()
    {
        var error = Assert.Throws<DomainException>(() => Prices.Eur(-0.01m));

        Assert.Contains("negative", error.Message);
    }

    [Fact]
    public void Of_MoreThanTwoDecimalPlaces_IsRejected()
    {
        var error = Assert.Throws<DomainException>(() => Prices.Eur(1.005m));

        Assert.Contains("two decimal places", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("EU")]
    [InlineData("EURO")]
    [InlineData("eur")]
    [InlineData("E1R")]
    public void Of_InvalidCurrency_IsRejected(string? currency)
    {
        var error = Assert.Throws<DomainException>(() => Money.Of(1m, currency!));

        Assert.Contains("ISO 4217", error.Message);
    }

    [Fact]
    public void Zero_IsZero()
    {
        Assert.True(Money.Zero(Prices.Currency).IsZero);
    }

    [Fact]
    public void Add_SameCurrency_SumsAmounts()
    {
        var sum = Prices.Eur(12.50m).Add(Prices.Eur(0.75m));

        Assert.Equal(Prices.Eur(13.25m), sum);
    }

    [Fact]
    public void Add_OtherCurrency_IsRejected()
    {
        var error = Assert.Throws<DomainException>(() => Prices.Eur(1m).Add(Prices.Usd(1m)));

        Assert.Contains("Cannot add USD to EUR", error.Message);
    }

    [Fact]
    public void Multiply_ByFactor_ScalesAmount()
    {
        Assert.Equal(Prices.Eur(37.50m), Prices.Eur(12.50m).Multiply(3));
    }

    [Fact]
    public void Multiply_ByNegativeFactor_IsRejected()
    {
        Assert.Throws<DomainException>(() => Prices.Eur(12.50m).Multiply(-1));
    }

    [Fact]
    public void Equality_IgnoresTrailingZeros()
    {
        Assert.Equal(Prices.Eur(10m), Prices.Eur(10.00m));
        Assert.NotEqual(Prices.Eur(10m), Prices.Usd(10m));
    }

    [Fact]
    public void ToString_UsesInvariantTwoDecimalFormat()
    {
        Assert.Equal("1234.50 EUR", Prices.Eur(1234.5m).ToString());
    }
}
