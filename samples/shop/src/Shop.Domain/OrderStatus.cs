namespace Shop.Domain;

/// <summary>The life cycle of an order: Pending → Paid → Shipped, or Cancelled before shipping.</summary>
public enum OrderStatus
{
    Pending = 1,
    Paid = 2,
    Shipped = 3,
    Cancelled = 4,
}
