using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Shop.Application.Tests.Fakes;
using Shop.Domain;

namespace Shop.Application.Tests;

/// <summary>
/// One OrderService with its collaborators, new for every test: the meter, the logger and the fakes are never
/// shared between tests.
/// </summary>
internal sealed class OrderServiceHarness : IDisposable
{
    private readonly Meter _meter = new(OrderMetrics.MeterName);

    public OrderServiceHarness(PaymentResilienceOptions? resilience = null)
    {
        FailedPayments = new MetricCollector<long>(_meter, OrderMetrics.FailedPaymentsInstrument);
        Service = new OrderService(
            Repository,
            Gateway,
            PaymentResiliencePipeline.Create(resilience ?? Resilience.Fast(), TimeProvider.System),
            new OrderMetrics(_meter),
            Logger,
            new FixedClock(Moments.Now));
    }

    public InMemoryOrderRepository Repository { get; } = new();

    public ScriptedPaymentGateway Gateway { get; } = new();

    public FakeLogger<OrderService> Logger { get; } = new();

    public MetricCollector<long> FailedPayments { get; }

    public OrderService Service { get; }

    public async Task<Order> GivenPendingOrderAsync()
    {
        var order = Orders.Pending();
        await Repository.AddAsync(order, CancellationToken.None);
        return order;
    }

    public async Task<Order> GivenPaidOrderAsync()
    {
        var order = await GivenPendingOrderAsync();
        order.MarkPaid(Orders.PaymentReference, order.Total, Moments.Now);
        await Repository.UpdateAsync(order, CancellationToken.None);
        return order;
    }

    public void Dispose()
    {
        FailedPayments.Dispose();
        _meter.Dispose();
    }
}
