using Shop.Contracts;
using Shop.Domain;

namespace Shop.Application;

public static class OrderMapper
{
    public static OrderResponse ToResponse(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new OrderResponse(
            order.Id,
            order.OrderNumber,
            order.CustomerId,
            order.Status.ToString(),
            order.Total.Amount,
            order.Currency,
            order.Version,
            order.Lines.Select(l => new OrderLineResponse(l.Sku, l.Quantity, l.UnitPrice.Amount, l.Total.Amount)).ToArray(),
            order.PaymentReference,
            order.TrackingNumber,
            order.RefundRequired);
    }
}
