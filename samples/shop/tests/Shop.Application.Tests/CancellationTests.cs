using Shop.Domain;

namespace Shop.Application.Tests;

/// <summary>
/// Every use case that loads an order stops on a cancelled token before it loads, charges, counts or saves anything.
/// Each case starts from an order the call would otherwise change.
/// </summary>
public class CancellationTests
{
    [Theory(Timeout = 10_000)]
    [InlineData("get")]
    [InlineData("confirm payment")]
    [InlineData("record payment failure")]
    [InlineData("ship")]
    [InlineData("cancel")]
    public async Task UseCase_CancelledToken_StopsBeforeLoadingAndSavesNothing(string useCase)
    {
        using var harness = new OrderServiceHarness();
        var order = useCase is "confirm payment" or "record payment failure"
            ? await harness.GivenPendingOrderAsync()
            : await harness.GivenPaidOrderAsync();
        var before = harness.Repository.Stored(order.Id);
        var updatesBefore = harness.Repository.Updates;
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        Func<Task> call = useCase switch
        {
            "get" => () => harness.Service.GetAsync(order.Id, Correlation.Id, cancellation.Token),
            "confirm payment" => () => harness.Service.ConfirmPaymentAsync(order.Id, Orders.PaymentReference, Orders.Total, Correlation.Id, cancellation.Token),
            "record payment failure" => () => harness.Service.RecordPaymentFailureAsync(order.Id, Payments.ProviderFailureReason, Correlation.Id, cancellation.Token),
            "ship" => () => harness.Service.ShipAsync(order.Id, Orders.TrackingNumber, Correlation.Id, cancellation.Token),
            _ => () => harness.Service.CancelAsync(order.Id, Orders.CancellationReason, Correlation.Id, cancellation.Token),
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(call);

        Assert.Equal(updatesBefore, harness.Repository.Updates);
        Assert.Equal(before, harness.Repository.Stored(order.Id));
        Assert.Empty(harness.FailedPayments.GetMeasurementSnapshot());
        Assert.Empty(harness.Gateway.Requests);
    }
}
