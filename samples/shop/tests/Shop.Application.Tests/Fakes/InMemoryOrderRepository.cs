using Shop.Domain;

namespace Shop.Application.Tests.Fakes;

/// <summary>
/// A hand-written repository with the contract's semantics: orders are stored as snapshots (a loaded order is a
/// fresh instance), order numbers are unique, and an update succeeds only at the stored version.
/// </summary>
internal sealed class InMemoryOrderRepository : IOrderRepository
{
    private readonly Dictionary<Guid, OrderSnapshot> _rows = [];
    private readonly Lock _gate = new();

    public int Adds { get; private set; }

    public int Updates { get; private set; }

    public Task<Order?> FindAsync(Guid orderId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_rows.TryGetValue(orderId, out var row) ? Order.Rehydrate(row) : null);
        }
    }

    public Task AddAsync(Order order, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_rows.Values.Any(r => r.OrderNumber == order.OrderNumber))
            {
                throw new DuplicateOrderNumberException(order.OrderNumber, new InvalidOperationException("UNIQUE constraint failed: orders.order_number"));
            }

            order.MarkPersisted(1);
            _rows[order.Id] = order.ToSnapshot();
            Adds++;
        }

        return Task.CompletedTask;
    }

    public Task UpdateAsync(Order order, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_rows.TryGetValue(order.Id, out var stored) || stored.Version != order.Version)
            {
                throw new ConcurrencyException(order.Id, order.Version);
            }

            order.MarkPersisted(order.Version + 1);
            _rows[order.Id] = order.ToSnapshot();
            Updates++;
        }

        return Task.CompletedTask;
    }

    /// <summary>Another writer saves the order in between: the stored version moves on.</summary>
    public void SimulateConcurrentWrite(Guid orderId)
    {
        lock (_gate)
        {
            var row = _rows[orderId];
            _rows[orderId] = row with { Version = row.Version + 1 };
        }
    }

    public OrderSnapshot Stored(Guid orderId)
    {
        lock (_gate)
        {
            return _rows[orderId];
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rows.Count;
            }
        }
    }
}
