using Microsoft.Extensions.Logging;
using Shop.Domain;

namespace Shop.Application.Tests;

public class PaymentConfirmationTests
{
    [Fact(Timeout = 10_000)]
    public async Task ConfirmPayment_PendingOrder_MarksPaidAndSaves()
    {
        using var harness = new OrderServiceHarness();
        var order = await harness.GivenPendingOrderAsync();

        var applied = await harness.Service.ConfirmPaymentAsync(order.Id, Orders.PaymentReference, Orders.Total, Correlation.Id, CancellationToken.None);

        Assert.True(applied);
        var stored = harness.Repository.Stored(order.Id);
        Assert.Equal(OrderStatus.Paid, stored.Status);
        Assert.Equal(Orders.PaymentReference, stored.PaymentReference);
        Assert.Equal(Moments.Now, stored.PaidAt);
        Assert.Empty(harness.Gateway.Requests);
    }

    [Fact(Timeout = 10_000)]
    public async Task ConfirmPayment_SamePaymentTwice_SavesOnlyOnce()
    {
        using var harness = new OrderServiceHarness();
        var order = await harness.GivenPendingOrderAsync();
        await harness.Service.ConfirmPaymentAsync(order.Id, Orders.PaymentReference, Orders.Total, Correlation.Id, CancellationToken.None);

        var appliedAgain = await harness.Service.ConfirmPaymentAsync(order.Id, Orders.PaymentReference, Orders.Total, Correlation.Id, CancellationToken.None);

        Assert.False(appliedAgain);
        Assert.Equal(1, harness.Repository.Updates);
        Assert.Equal(2, harness.Repository.Stored(order.Id).Version);
    }

    [Fact(Timeout = 10_000)]
    public async Task ConfirmPayment_WrongAmount_IsRejectedAndSavesNothing()
    {
        using var harness = new OrderServiceHarness();
        var order = await harness.GivenPendingOrderAsync();

        await Assert.ThrowsAsync<DomainException>(() => harness.Service.ConfirmPaymentAsync(
            order.Id, Orders.PaymentReference, Money.Of(1.00m, Requests.Currency), Correlation.Id, CancellationToken.None));

        Assert.Equal(0, harness.Repository.Updates);
    }

    [Fact(Timeout = 10_000)]
    public async Task RecordPaymentFailure_CountsFailureAndLogsItWithCorrelationId()
    {
        using var harness = new OrderServiceHarness();
        var order = await harness.GivenPendingOrderAsync();

        await harness.Service.RecordPaymentFailureAsync(order.Id, Payments.ProviderFailureReason, Correlation.Id, CancellationToken.None);

        Assert.Equal("provider_reported", Assert.Single(harness.FailedPayments.GetMeasurementSnapshot()).Tags[OrderMetrics.ReasonTag]);
        var warning = Assert.Single(harness.Logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Equal(order.Id.ToString(), warning.GetStructuredStateValue("OrderId"));
        Assert.Equal(Correlation.Id, warning.GetStructuredStateValue("CorrelationId"));
        Assert.Equal(OrderStatus.Pending, harness.Repository.Stored(order.Id).Status);
        Assert.Equal(0, harness.Repository.Updates);
    }
}
