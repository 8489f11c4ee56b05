namespace Shop.Domain;

/// <summary>One product of an order: a SKU, a quantity between 1 and <see cref="MaxQuantity"/>, and a unit price.</summary>
public sealed class OrderLine
{
    public const int MaxQuantity = 100;

    public OrderLine(string sku, int quantity, Money unitPrice)
    {
        if (string.IsNullOrWhiteSpace(sku))
        {
            throw new DomainException("An order line needs a SKU.");
        }

        if (quantity < 1 || quantity > MaxQuantity)
        {
            throw new DomainException($"The quantity of {sku} must be between 1 and {MaxQuantity}, was {quantity}.");
        }

        ArgumentNullException.ThrowIfNull(unitPrice);
        if (unitPrice.IsZero)
        {
            throw new DomainException($"The unit price of {sku} must be greater than zero.");
        }

        Sku = sku.Trim().ToUpperInvariant();
        Quantity = quantity;
        UnitPrice = unitPrice;
    }

    public string Sku { get; }

    public int Quantity { get; }

    public Money UnitPrice { get; }

    public Money Total => UnitPrice.Multiply(Quantity);

    public OrderLine WithQuantity(int quantity) => new(Sku, quantity, UnitPrice);
}
