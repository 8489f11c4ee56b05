using Microsoft.Extensions.Logging;
using Shop.Domain;

namespace Shop.Application.Tests;

public class PlaceOrderTests
{
    [Fact(Timeout = 10_000)]
    public async Task PlaceOrder_ValidRequest_StoresOnePendingOrder()
    {
        using var harness = new OrderServiceHarness();

        var response = await harness.Service.PlaceOrderAsync(Requests.PlaceOrder(), Correlation.Id, CancellationToken.None);

        Assert.Equal(nameof(OrderStatus.Pending), response.Status);
        Assert.Equal(Requests.OrderNumber, response.OrderNumber);
        Assert.Equal(25.00m, response.Total);
        Assert.Equal(1, response.Version);
        var line = Assert.Single(response.Lines);
        Assert.Equal((Requests.WidgetSku, 2, Requests.WidgetPrice, 25.00m), (line.Sku, line.Quantity, line.UnitPrice, line.LineTotal));
        Assert.Equal(1, harness.Repository.Adds);
        Assert.Equal(OrderStatus.Pending, harness.Repository.Stored(response.Id).Status);
    }

    [Fact(Timeout = 10_000)]
    public async Task PlaceOrder_TakenOrderNumber_LogsWarningWithCorrelationIdAndStoresNothingNew()
    {
        using var harness = new OrderServiceHarness();
        await harness.Service.PlaceOrderAsync(Requests.PlaceOrder(), Correlation.Id, CancellationToken.None);

        await Assert.ThrowsAsync<DuplicateOrderNumberException>(() =>
            harness.Service.PlaceOrderAsync(Requests.PlaceOrder(), Correlation.Id, CancellationToken.None));

        Assert.Equal(1, harness.Repository.Count);
        var warning = Assert.Single(harness.Logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Equal(Requests.OrderNumber, warning.GetStructuredStateValue("OrderNumber"));
        Assert.Equal(Correlation.Id, warning.GetStructuredStateValue("CorrelationId"));
    }

    [Fact(Timeout = 10_000)]
    public async Task PlaceOrder_RuleViolation_StoresNothing()
    {
        using var harness = new OrderServiceHarness();

        await Assert.ThrowsAsync<DomainException>(() =>
            harness.Service.PlaceOrderAsync(Requests.PlaceOrder(quantity: OrderLine.MaxQuantity + 1), Correlation.Id, CancellationToken.None));

        Assert.Equal(0, harness.Repository.Count);
    }

    [Fact(Timeout = 10_000)]
    public async Task PlaceOrder_CancelledBeforeStart_StoresNothing()
    {
        using var harness = new OrderServiceHarness();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            harness.Service.PlaceOrderAsync(Requests.PlaceOrder(), Correlation.Id, cancellation.Token));

        Assert.Equal(0, harness.Repository.Count);
    }

    [Fact(Timeout = 10_000)]
    public async Task Get_StoredOrder_ReturnsIt()
    {
        using var harness = new OrderServiceHarness();
        var order = await harness.GivenPendingOrderAsync();

        var response = await harness.Service.GetAsync(order.Id, Correlation.Id, CancellationToken.None);

        Assert.Equal(Orders.Number, response.OrderNumber);
        Assert.Equal(Requests.CustomerId, response.CustomerId);
        Assert.Equal(Requests.Currency, response.Currency);
    }

    [Fact(Timeout = 10_000)]
    public async Task Get_UnknownOrder_LogsWarningWithOrderAndCorrelationId()
    {
        using var harness = new OrderServiceHarness();

        var error = await Assert.ThrowsAsync<OrderNotFoundException>(() =>
            harness.Service.GetAsync(Orders.Id, Correlation.Id, CancellationToken.None));

        Assert.Equal(Orders.Id, error.OrderId);
        var warning = Assert.Single(harness.Logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(Orders.Id.ToString(), warning.GetStructuredStateValue("OrderId"));
        Assert.Equal(Correlation.Id, warning.GetStructuredStateValue("CorrelationId"));
    }
}
