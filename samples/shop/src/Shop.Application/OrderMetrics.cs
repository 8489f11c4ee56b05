using System.Diagnostics.Metrics;

namespace Shop.Application;

/// <summary>The service's instruments. Failed payments are critical: each one is counted with its reason.</summary>
public sealed class OrderMetrics
{
    public const string MeterName = "Shop.Orders";
    public const string FailedPaymentsInstrument = "shop.payments.failed";
    public const string ReasonTag = "reason";

    private readonly Counter<long> _failedPayments;

    public OrderMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _failedPayments = meter.CreateCounter<long>(FailedPaymentsInstrument, unit: "{payment}", description: "Payments that failed or were declined.");
    }

    public void PaymentFailed(string reason) => _failedPayments.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));
}
