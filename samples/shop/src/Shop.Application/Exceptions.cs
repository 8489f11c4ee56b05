namespace Shop.Application;

public sealed class OrderNotFoundException : Exception
{
    public OrderNotFoundException(Guid orderId)
        : base($"Order {orderId} does not exist.")
    {
        OrderId = orderId;
    }

    public Guid OrderId { get; }
}

/// <summary>The order changed (or disappeared) since it was read: reload it and decide again.</summary>
public sealed class ConcurrencyException : Exception
{
    public ConcurrencyException(Guid orderId, int expectedVersion)
        : base($"Order {orderId} is no longer at version {expectedVersion}; it was changed concurrently.")
    {
        OrderId = orderId;
        ExpectedVersion = expectedVersion;
    }

    public Guid OrderId { get; }

    public int ExpectedVersion { get; }
}

public sealed class DuplicateOrderNumberException : Exception
{
    public DuplicateOrderNumberException(string orderNumber, Exception innerException)
        : base($"An order numbered {orderNumber} already exists.", innerException)
    {
        OrderNumber = orderNumber;
    }

    public string OrderNumber { get; }
}

/// <summary>The order could not be paid. <see cref="Reason"/> is the metric tag: declined, timeout, gateway_error, circuit_open.</summary>
public sealed class PaymentFailedException : Exception
{
    public PaymentFailedException(Guid orderId, string reason, Exception? innerException)
        : base($"Payment for order {orderId} failed: {reason}.", innerException)
    {
        OrderId = orderId;
        Reason = reason;
    }

    public Guid OrderId { get; }

    public string Reason { get; }
}
