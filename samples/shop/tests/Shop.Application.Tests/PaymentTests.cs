using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Shop.Application.Tests.Fakes;
using Shop.Domain;

namespace Shop.Application.Tests;

public class PaymentTests
{
    [Fact(Timeout = 10_000)]
    public async Task Pay_Approved_MarksOrderPaidAndSavesOnce()
    {
        using var harness = new OrderServiceHarness();
        harness.Gateway.Approves();
        var order = await harness.GivenPendingOrderAsync();

        var response = await harness.Service.PayAsync(order.Id, Correlation.Id, CancellationToken.None);

        Assert.Equal(nameof(OrderStatus.Paid), response.Status);
        Assert.Equal(ScriptedPaymentGateway.ApprovedReference, response.PaymentReference);
        Assert.Equal(1, harness.Repository.Updates);
        var request = Assert.Single(harness.Gateway.Requests);
        Assert.Equal(Orders.Total, request.Amount);
        Assert.Equal(Correlation.Id, request.CorrelationId);
        Assert.Empty(harness.FailedPayments.GetMeasurementSnapshot());
    }

    [Fact(Timeout = 10_000)]
    public async Task Pay_TransientFailureThenApproval_RetriesWithTheSameIdempotencyKey()
    {
        using var harness = new OrderServiceHarness();
        harness.Gateway.FailsTransiently().Approves();
        var order = await harness.GivenPendingOrderAsync();

        var response = await harness.Service.PayAsync(order.Id, Correlation.Id, CancellationToken.None);

        Assert.Equal(nameof(OrderStatus.Paid), response.Status);
        Assert.Equal(2, harness.Gateway.Requests.Count);
        Assert.Single(harness.Gateway.Requests.Select(r => r.IdempotencyKey).Distinct());
        Assert.Empty(harness.FailedPayments.GetMeasurementSnapshot());
    }

    [Fact(Timeout = 10_000)]
    public async Task Pay_RetriesExhausted_FailsAndLogsErrorWithOrderIdAndCorrelationId()
    {
        using var harness = new OrderServiceHarness();
        harness.Gateway.FailsTransiently();
        var order = await harness.GivenPendingOrderAsync();

        var error = await Assert.ThrowsAsync<PaymentFailedException>(() =>
            harness.Service.PayAsync(order.Id, Correlation.Id, CancellationToken.None));

        Assert.Equal("gateway_error", error.Reason);
        Assert.IsType<PaymentGatewayException>(error.InnerException);
        Assert.Equal(Resilience.Fast().MaxRetryAttempts + 1, harness.Gateway.Requests.Count);
        var logged = Assert.Single(harness.Logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Equal(order.Id.ToString(), logged.GetStructuredStateValue("OrderId"));
        Assert.Equal(Correlation.Id, logged.GetStructuredStateValue("CorrelationId"));
        Assert.IsType<PaymentGatewayException>(logged.Exception);
    }

    [Fact(Timeout = 10_000)]
    public async Task Pay_RetriesExhausted_CountsOneFailedPaymentAndLeavesOrderPending()
    {
        using var harness = new OrderServiceHarness();
        harness.Gateway.FailsTransiently();
        var order = await harness.GivenPendingOrderAsync();

        await Assert.ThrowsAsync<PaymentFailedException>(() => harness.Service.PayAsync(order.Id, Correlation.Id, CancellationToken.None));

        var measurement = Assert.Single(harness.FailedPayments.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal("gateway_error", measurement.Tags[OrderMetrics.ReasonTag]);
        Assert.Equal(0, harness.Repository.Updates);
        Assert.Equal(OrderStatus.Pending, harness.Repository.Stored(order.Id).Status);
    }

    [Fact(Timeout = 10_000)]
    public async Task Pay_GatewayTimesOut_EveryAttemptIsAbandonedAndTheFailureIsCounted()
    {
        using var harness = new OrderServiceHarness();
        harness.Gateway.Hangs();
        var order = await harness.GivenPendingOrderAsync();

        var error = await Assert.ThrowsAsync<PaymentFailedException>(() =>
            harness.Service.PayAsync(order.Id, Correlation.Id, CancellationToken.None));

        Assert.Equal("timeout", error.Reason);
        Assert.IsType<TimeoutRejectedException>(error.InnerException);
        Assert.Equal(Resilience.Fast().MaxRetryAttempts + 1, harness.Gateway.Requests.Count);
        Assert.Equal("timeout", Assert.Single(harness.FailedPayments.GetMeasurementSnapshot()).Tags[OrderMetrics.ReasonTag]);
        Assert.Equal(OrderStatus.Pending, harness.Repository.Stored(order.Id).Status);
    }

    [Fact(Timeout = 10_000)]
    public async Task Pay_CircuitOpen_FailsFastWithoutCallingTheGateway()
    {
        using var harness = new OrderServiceHarness(Resilience.Fast() with { BreakerMinimumThroughput = 3, BreakerFailureRatio = 0.5 });
        harness.Gateway.FailsTransiently();
        var order = await harness.GivenPendingOrderAsync();
        await Assert.ThrowsAsync<PaymentFailedException>(() => harness.Service.PayAsync(order.Id, Correlation.Id, CancellationToken.None));
        var callsBeforeOpen = harness.Gateway.Requests.Count;

        var error = await Assert.ThrowsAsync<PaymentFailedException>(() =>
            harness.Service.PayAsync(order.Id, Correlation.Id, CancellationToken.None));

        Assert.Equal("circuit_open", error.Reason);
        Assert.IsType<BrokenCircuitException>(error.InnerException);
        Assert.Equal(callsBeforeOpen, harness.Gateway.Requests.Count);
        Assert.Equal(
            ["gateway_error", "circuit_open"],
            harness.FailedPayments.GetMeasurementSnapshot().Select(m => m.Tags[OrderMetrics.ReasonTag]));
    }

    [Fact(Timeout = 10_000)]
    public async Task Pay_Declined_CountsFailureLogsWarningAndLeavesOrderPending()
    {
        using var harness = new OrderServiceHarness();
        harness.Gateway.Declines(Payments.DeclineReason);
        var order = await harness.GivenPendingOrderAsync();

        var error = await Assert.ThrowsAsync<PaymentFailedException>(() =>
            harness.Service.PayAsync(order.Id, Correlation.Id, CancellationToken.None));

        Assert.Equal("declined", error.Reason);
        Assert.Single(harness.Gateway.Requests);
        Assert.Equal("declined", Assert.Single(harness.FailedPayments.GetMeasurementSnapshot()).Tags[OrderMetrics.ReasonTag]);
        var warning = Assert.Single(harness.Logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Equal(Payments.DeclineReason, warning.GetStructuredStateValue("DeclineReason"));
        Assert.Equal(Correlation.Id, warning.GetStructuredStateValue("CorrelationId"));
        Assert.Equal(0, harness.Repository.Updates);
    }

    [Fact(Timeout = 10_000)]
    public async Task Pay_CancelledWhileCharging_StopsWithoutRetryFailureMetricOrSave()
    {
        using var harness = new OrderServiceHarness(Resilience.Fast() with { AttemptTimeout = TimeSpan.FromSeconds(30) });
        harness.Gateway.Hangs();
        var order = await harness.GivenPendingOrderAsync();
        using var cancellation = new CancellationTokenSource();

        var payment = harness.Service.PayAsync(order.Id, Correlation.Id, cancellation.Token);
        await harness.Gateway.FirstCallStarted;
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => payment);
        Assert.Single(harness.Gateway.Requests);
        Assert.Empty(harness.FailedPayments.GetMeasurementSnapshot());
        Assert.DoesNotContain(harness.Logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Equal(0, harness.Repository.Updates);
    }

    [Fact(Timeout = 10_000)]
    public async Task Pay_OrderChangedWhileCharging_LogsConcurrencyConflictAndSavesNothing()
    {
        using var harness = new OrderServiceHarness();
        var order = await harness.GivenPendingOrderAsync();
        harness.Gateway.Approves(whileCharging: () => harness.Repository.SimulateConcurrentWrite(order.Id));

        await Assert.ThrowsAsync<ConcurrencyException>(() => harness.Service.PayAsync(order.Id, Correlation.Id, CancellationToken.None));

        Assert.Equal(OrderStatus.Pending, harness.Repository.Stored(order.Id).Status);
        var warning = Assert.Single(harness.Logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Equal(order.Id.ToString(), warning.GetStructuredStateValue("OrderId"));
        Assert.Equal(Correlation.Id, warning.GetStructuredStateValue("CorrelationId"));
    }
}
