using Microsoft.Extensions.Logging;
using Shop.Domain;

namespace Shop.Application.Tests;

public class FulfilmentTests
{
    [Fact(Timeout = 10_000)]
    public async Task Ship_PaidOrder_SavesItShipped()
    {
        using var harness = new OrderServiceHarness();
        var order = await harness.GivenPaidOrderAsync();

        var response = await harness.Service.ShipAsync(order.Id, Orders.TrackingNumber, Correlation.Id, CancellationToken.None);

        Assert.Equal(nameof(OrderStatus.Shipped), response.Status);
        Assert.Equal(Orders.TrackingNumber, response.TrackingNumber);
        Assert.Equal(3, response.Version);
        Assert.Equal(OrderStatus.Shipped, harness.Repository.Stored(order.Id).Status);
    }

    [Fact(Timeout = 10_000)]
    public async Task Ship_PendingOrder_IsRejectedAndSavesNothing()
    {
        using var harness = new OrderServiceHarness();
        var order = await harness.GivenPendingOrderAsync();

        await Assert.ThrowsAsync<DomainException>(() =>
            harness.Service.ShipAsync(order.Id, Orders.TrackingNumber, Correlation.Id, CancellationToken.None));

        Assert.Equal(0, harness.Repository.Updates);
    }

    [Fact(Timeout = 10_000)]
    public async Task Cancel_PaidOrder_SavesItCancelledWithRefund()
    {
        using var harness = new OrderServiceHarness();
        var order = await harness.GivenPaidOrderAsync();

        var response = await harness.Service.CancelAsync(order.Id, Orders.CancellationReason, Correlation.Id, CancellationToken.None);

        Assert.Equal(nameof(OrderStatus.Cancelled), response.Status);
        Assert.True(response.RefundRequired);
        Assert.True(harness.Repository.Stored(order.Id).RefundRequired);
    }

    [Fact(Timeout = 10_000)]
    public async Task Cancel_UnknownOrder_LogsWarningWithOrderId()
    {
        using var harness = new OrderServiceHarness();

        await Assert.ThrowsAsync<OrderNotFoundException>(() =>
            harness.Service.CancelAsync(Orders.Id, Orders.CancellationReason, Correlation.Id, CancellationToken.None));

        var warning = Assert.Single(harness.Logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Equal(Orders.Id.ToString(), warning.GetStructuredStateValue("OrderId"));
    }
}
