using Shop.Domain;

namespace Shop.Application;

/// <summary>The external payment provider. A call can be slow, fail transiently or decline the payment.</summary>
public interface IPaymentGateway
{
    Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken);
}

/// <param name="IdempotencyKey">The same for every attempt of one payment, so a retried charge is not taken twice.</param>
public sealed record PaymentRequest(Guid OrderId, Money Amount, string IdempotencyKey, string CorrelationId);

public sealed record PaymentResult
{
    private PaymentResult(bool approved, string? reference, string? declineReason)
    {
        Approved = approved;
        Reference = reference;
        DeclineReason = declineReason;
    }

    public bool Approved { get; }

    public string? Reference { get; }

    public string? DeclineReason { get; }

    public static PaymentResult Approve(string reference) => new(true, reference, null);

    public static PaymentResult Decline(string reason) => new(false, null, reason);
}

/// <summary>A transient failure of the payment provider (an outage, a 5xx, a reset connection): worth a retry.</summary>
public sealed class PaymentGatewayException : Exception
{
    public PaymentGatewayException(string message)
        : base(message)
    {
    }
}
