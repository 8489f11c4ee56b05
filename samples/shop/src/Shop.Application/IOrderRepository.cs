using Shop.Domain;

namespace Shop.Application;

/// <summary>Stores orders. Implementations check <see cref="Order.Version"/> on update and advance it on every save.</summary>
public interface IOrderRepository
{
    Task<Order?> FindAsync(Guid orderId, CancellationToken cancellationToken);

    /// <summary>Stores a new order and its lines atomically. Throws <see cref="DuplicateOrderNumberException"/>.</summary>
    Task AddAsync(Order order, CancellationToken cancellationToken);

    /// <summary>Stores the order's new state atomically. Throws <see cref="ConcurrencyException"/> when it changed since it was read.</summary>
    Task UpdateAsync(Order order, CancellationToken cancellationToken);
}
