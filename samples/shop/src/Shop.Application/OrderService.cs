using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Shop.Contracts;
using Shop.Domain;

namespace Shop.Application;

/// <summary>
/// The order use cases. Each loads the aggregate, lets the domain decide, and saves once: nothing is stored when
/// the domain, the payment gateway or the repository refuses. Failures are logged with the order id and the
/// caller's correlation id; failed payments are also counted.
/// </summary>
public sealed class OrderService
{
    private readonly IOrderRepository _orders;
    private readonly IPaymentGateway _payments;
    private readonly ResiliencePipeline _paymentPipeline;
    private readonly OrderMetrics _metrics;
    private readonly ILogger<OrderService> _logger;
    private readonly TimeProvider _clock;

    public OrderService(
        IOrderRepository orders,
        IPaymentGateway payments,
        ResiliencePipeline paymentPipeline,
        OrderMetrics metrics,
        ILogger<OrderService> logger,
        TimeProvider clock)
    {
        _orders = orders;
        _payments = payments;
        _paymentPipeline = paymentPipeline;
        _metrics = metrics;
        _logger = logger;
        _clock = clock;
    }

    public async Task<OrderResponse> PlaceOrderAsync(PlaceOrderRequest request, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var lines = request.Lines.Select(l => new OrderLine(l.Sku, l.Quantity, Money.Of(l.UnitPrice, request.Currency)));
        var order = Order.Place(Guid.NewGuid(), request.OrderNumber, request.CustomerId, lines, _clock.GetUtcNow());
        try
        {
            await _orders.AddAsync(order, cancellationToken);
        }
        catch (DuplicateOrderNumberException ex)
        {
            _logger.LogWarning(ex, "Order number {OrderNumber} is already taken (correlation {CorrelationId})", request.OrderNumber, correlationId);
            throw;
        }

        _logger.LogInformation("Placed order {OrderId} as {OrderNumber} (correlation {CorrelationId})", order.Id, order.OrderNumber, correlationId);
        return OrderMapper.ToResponse(order);
    }

    public async Task<OrderResponse> GetAsync(Guid orderId, string correlationId, CancellationToken cancellationToken) =>
        OrderMapper.ToResponse(await LoadAsync(orderId, correlationId, cancellationToken));

    /// <summary>Charges the order's total through the payment gateway and marks the order paid.</summary>
    public async Task<OrderResponse> PayAsync(Guid orderId, string correlationId, CancellationToken cancellationToken)
    {
        var order = await LoadAsync(orderId, correlationId, cancellationToken);
        var request = new PaymentRequest(order.Id, order.Total, $"order-{order.Id:N}-payment", correlationId);
        PaymentResult result;
        try
        {
            result = await _paymentPipeline.ExecuteAsync(
                static async (state, token) => await state.Payments.ChargeAsync(state.Request, token),
                (Payments: _payments, Request: request),
                cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw PaymentFailed(order, correlationId, "timeout", ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw PaymentFailed(order, correlationId, "circuit_open", ex);
        }
        catch (PaymentGatewayException ex)
        {
            throw PaymentFailed(order, correlationId, "gateway_error", ex);
        }

        if (!result.Approved)
        {
            _metrics.PaymentFailed("declined");
            _logger.LogWarning(
                "Payment for order {OrderId} was declined: {DeclineReason} (correlation {CorrelationId})",
                order.Id, result.DeclineReason, correlationId);
            throw new PaymentFailedException(order.Id, "declined", null);
        }

        order.MarkPaid(result.Reference!, order.Total, _clock.GetUtcNow());
        await SaveAsync(order, correlationId, cancellationToken);
        return OrderMapper.ToResponse(order);
    }

    /// <summary>
    /// Applies a payment the provider confirmed. Idempotent: a confirmation of the payment already recorded
    /// changes and saves nothing and returns false.
    /// </summary>
    public async Task<bool> ConfirmPaymentAsync(
        Guid orderId, string paymentReference, Money amount, string correlationId, CancellationToken cancellationToken)
    {
        var order = await LoadAsync(orderId, correlationId, cancellationToken);
        if (!order.MarkPaid(paymentReference, amount, _clock.GetUtcNow()))
        {
            _logger.LogInformation("Payment {PaymentReference} of order {OrderId} was already recorded (correlation {CorrelationId})", paymentReference, orderId, correlationId);
            return false;
        }

        await SaveAsync(order, correlationId, cancellationToken);
        return true;
    }

    /// <summary>Records a payment the provider reported as failed: the order stays pending, the failure is counted.</summary>
    public async Task RecordPaymentFailureAsync(Guid orderId, string reason, string correlationId, CancellationToken cancellationToken)
    {
        var order = await LoadAsync(orderId, correlationId, cancellationToken);
        _metrics.PaymentFailed("provider_reported");
        _logger.LogWarning(
            "The payment provider reported a failed payment for order {OrderId} ({Status}): {FailureReason} (correlation {CorrelationId})",
            order.Id, order.Status, reason, correlationId);
    }

    public async Task<OrderResponse> ShipAsync(Guid orderId, string trackingNumber, string correlationId, CancellationToken cancellationToken)
    {
        var order = await LoadAsync(orderId, correlationId, cancellationToken);
        order.Ship(trackingNumber, _clock.GetUtcNow());
        await SaveAsync(order, correlationId, cancellationToken);
        return OrderMapper.ToResponse(order);
    }

    public async Task<OrderResponse> CancelAsync(Guid orderId, string reason, string correlationId, CancellationToken cancellationToken)
    {
        var order = await LoadAsync(orderId, correlationId, cancellationToken);
        order.Cancel(reason, _clock.GetUtcNow());
        await SaveAsync(order, correlationId, cancellationToken);
        return OrderMapper.ToResponse(order);
    }

    private async Task<Order> LoadAsync(Guid orderId, string correlationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var order = await _orders.FindAsync(orderId, cancellationToken);
        if (order is null)
        {
            _logger.LogWarning("Order {OrderId} was not found (correlation {CorrelationId})", orderId, correlationId);
            throw new OrderNotFoundException(orderId);
        }

        return order;
    }

    private async Task SaveAsync(Order order, string correlationId, CancellationToken cancellationToken)
    {
        try
        {
            await _orders.UpdateAsync(order, cancellationToken);
        }
        catch (ConcurrencyException ex)
        {
            _logger.LogWarning(
                ex, "Order {OrderId} changed concurrently at version {Version}; nothing was saved (correlation {CorrelationId})",
                order.Id, order.Version, correlationId);
            throw;
        }
    }

    private PaymentFailedException PaymentFailed(Order order, string correlationId, string reason, Exception cause)
    {
        _metrics.PaymentFailed(reason);
        _logger.LogError(
            cause, "Payment for order {OrderId} ({OrderNumber}) failed: {Reason} (correlation {CorrelationId})",
            order.Id, order.OrderNumber, reason, correlationId);
        return new PaymentFailedException(order.Id, reason, cause);
    }
}
