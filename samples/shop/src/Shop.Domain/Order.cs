namespace Shop.Domain;

/// <summary>
/// The order aggregate. An order is placed Pending with at least one line in a single currency, is paid for exactly
/// its total, ships only once paid, and can be cancelled until it ships (a paid order then needs a refund).
/// <see cref="Version"/> is the optimistic concurrency token a repository checks and advances on every save.
/// </summary>
public sealed class Order
{
    public const int MaxLines = 20;
    private const string OrderNumberPrefix = "SO-";
    private const int OrderNumberDigits = 6;

    private readonly List<OrderLine> _lines = [];

    private Order(Guid id, string orderNumber, Guid customerId, string currency, DateTimeOffset placedAt)
    {
        Id = id;
        OrderNumber = orderNumber;
        CustomerId = customerId;
        Currency = currency;
        PlacedAt = placedAt;
        Status = OrderStatus.Pending;
    }

    public Guid Id { get; }

    public string OrderNumber { get; }

    public Guid CustomerId { get; }

    public string Currency { get; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    public OrderStatus Status { get; private set; }

    public DateTimeOffset PlacedAt { get; }

    public DateTimeOffset? PaidAt { get; private set; }

    public string? PaymentReference { get; private set; }

    public DateTimeOffset? ShippedAt { get; private set; }

    public string? TrackingNumber { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public string? CancellationReason { get; private set; }

    public bool RefundRequired { get; private set; }

    /// <summary>0 until first saved; a repository advances it with <see cref="MarkPersisted"/>.</summary>
    public int Version { get; private set; }

    public Money Total => _lines.Aggregate(Money.Zero(Currency), (sum, line) => sum.Add(line.Total));

    public static Order Place(Guid id, string orderNumber, Guid customerId, IEnumerable<OrderLine> lines, DateTimeOffset placedAt)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (id == Guid.Empty)
        {
            throw new DomainException("An order needs an id.");
        }

        if (customerId == Guid.Empty)
        {
            throw new DomainException("An order needs a customer.");
        }

        EnsureValidOrderNumber(orderNumber);
        var initial = lines.ToList();
        if (initial.Count == 0)
        {
            throw new DomainException("An order needs at least one line.");
        }

        var order = new Order(id, orderNumber, customerId, initial[0].UnitPrice.Currency, placedAt);
        foreach (var line in initial)
        {
            order.AddLineCore(line);
        }

        return order;
    }

    public static Order Rehydrate(OrderSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!Enum.IsDefined(snapshot.Status))
        {
            throw new DomainException($"Order {snapshot.OrderNumber} has an unknown status {(int)snapshot.Status}.");
        }

        if (snapshot.Lines.Count == 0)
        {
            throw new DomainException($"Order {snapshot.OrderNumber} was stored without lines.");
        }

        var order = new Order(snapshot.Id, snapshot.OrderNumber, snapshot.CustomerId, snapshot.Currency, snapshot.PlacedAt)
        {
            Status = snapshot.Status,
            PaidAt = snapshot.PaidAt,
            PaymentReference = snapshot.PaymentReference,
            ShippedAt = snapshot.ShippedAt,
            TrackingNumber = snapshot.TrackingNumber,
            CancelledAt = snapshot.CancelledAt,
            CancellationReason = snapshot.CancellationReason,
            RefundRequired = snapshot.RefundRequired,
            Version = snapshot.Version,
        };
        order._lines.AddRange(snapshot.Lines);
        return order;
    }

    public OrderSnapshot ToSnapshot() => new(
        Id, OrderNumber, CustomerId, Currency, _lines.ToArray(), Status, PlacedAt, PaidAt, PaymentReference,
        ShippedAt, TrackingNumber, CancelledAt, CancellationReason, RefundRequired, Version);

    public void AddLine(OrderLine line)
    {
        EnsureStatus(OrderStatus.Pending, "add lines to");
        AddLineCore(line);
    }

    public void RemoveLine(string sku)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sku);
        EnsureStatus(OrderStatus.Pending, "remove lines from");
        var normalized = sku.Trim().ToUpperInvariant();
        var index = _lines.FindIndex(l => l.Sku == normalized);
        if (index < 0)
        {
            throw new DomainException($"Order {OrderNumber} has no line for {sku}.");
        }

        if (_lines.Count == 1)
        {
            throw new DomainException($"Cannot remove the last line of order {OrderNumber}; cancel the order instead.");
        }

        _lines.RemoveAt(index);
    }

    /// <summary>
    /// Records the payment. Returns false, changing nothing, when the same payment was already recorded (a
    /// redelivered confirmation); any other payment of a non-pending order is rejected.
    /// </summary>
    public bool MarkPaid(string paymentReference, Money amount, DateTimeOffset paidAt)
    {
        ArgumentNullException.ThrowIfNull(amount);
        if (string.IsNullOrWhiteSpace(paymentReference))
        {
            throw new DomainException("A payment needs a reference.");
        }

        if (Status == OrderStatus.Paid && PaymentReference == paymentReference)
        {
            return false;
        }

        EnsureStatus(OrderStatus.Pending, "pay for");
        if (amount != Total)
        {
            throw new DomainException($"A payment of {amount} does not match the total {Total} of order {OrderNumber}.");
        }

        Status = OrderStatus.Paid;
        PaidAt = paidAt;
        PaymentReference = paymentReference;
        return true;
    }

    public void Ship(string trackingNumber, DateTimeOffset shippedAt)
    {
        if (string.IsNullOrWhiteSpace(trackingNumber))
        {
            throw new DomainException("A shipment needs a tracking number.");
        }

        EnsureStatus(OrderStatus.Paid, "ship");
        if (shippedAt < PaidAt.GetValueOrDefault())
        {
            throw new DomainException($"Order {OrderNumber} cannot ship before it was paid.");
        }

        Status = OrderStatus.Shipped;
        ShippedAt = shippedAt;
        TrackingNumber = trackingNumber;
    }

    public void Cancel(string reason, DateTimeOffset cancelledAt)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("A cancellation needs a reason.");
        }

        switch (Status)
        {
            case OrderStatus.Pending:
                break;
            case OrderStatus.Paid:
                RefundRequired = true;
                break;
            case OrderStatus.Shipped:
                throw new DomainException($"Order {OrderNumber} has shipped; return it instead of cancelling.");
            default:
                throw new DomainException($"Order {OrderNumber} is already cancelled.");
        }

        Status = OrderStatus.Cancelled;
        CancelledAt = cancelledAt;
        CancellationReason = reason;
    }

    /// <summary>Called by a repository once the order is stored with <paramref name="version"/>.</summary>
    public void MarkPersisted(int version)
    {
        if (version <= Version)
        {
            throw new DomainException($"Order {OrderNumber} cannot go back from version {Version} to {version}.");
        }

        Version = version;
    }

    private void AddLineCore(OrderLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.UnitPrice.Currency != Currency)
        {
            throw new DomainException($"Order {OrderNumber} is in {Currency}; a line in {line.UnitPrice.Currency} cannot be added.");
        }

        var index = _lines.FindIndex(l => l.Sku == line.Sku);
        if (index >= 0)
        {
            var existing = _lines[index];
            if (existing.UnitPrice != line.UnitPrice)
            {
                throw new DomainException($"{line.Sku} is already on order {OrderNumber} at {existing.UnitPrice}, not {line.UnitPrice}.");
            }

            _lines[index] = existing.WithQuantity(existing.Quantity + line.Quantity);
            return;
        }

        if (_lines.Count == MaxLines)
        {
            throw new DomainException($"An order has at most {MaxLines} lines.");
        }

        _lines.Add(line);
    }

    private void EnsureStatus(OrderStatus expected, string action)
    {
        if (Status != expected)
        {
            throw new DomainException($"Cannot {action} order {OrderNumber}: it is {Status}, not {expected}.");
        }
    }

    private static void EnsureValidOrderNumber(string orderNumber)
    {
        if (string.IsNullOrWhiteSpace(orderNumber)
            || !orderNumber.StartsWith(OrderNumberPrefix, StringComparison.Ordinal)
            || orderNumber.Length != OrderNumberPrefix.Length + OrderNumberDigits
            || !orderNumber[OrderNumberPrefix.Length..].All(char.IsAsciiDigit))
        {
            throw new DomainException($"'{orderNumber}' is not an order number like SO-000123.");
        }
    }
}
