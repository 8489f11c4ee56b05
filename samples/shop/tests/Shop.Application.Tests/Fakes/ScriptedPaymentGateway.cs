namespace Shop.Application.Tests.Fakes;

/// <summary>
/// The external payment provider, scripted per call: each call takes the next step of the script, the last step
/// repeats. Every request is recorded, so tests can check attempts, idempotency keys and correlation ids.
/// </summary>
internal sealed class ScriptedPaymentGateway : IPaymentGateway
{
    public const string ApprovedReference = "PAY-APPROVED-1";

    private readonly List<Func<PaymentRequest, CancellationToken, Task<PaymentResult>>> _steps = [];
    private readonly List<PaymentRequest> _requests = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _firstCall = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<PaymentRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Completes when the first charge reaches the gateway.</summary>
    public Task FirstCallStarted => _firstCall.Task;

    public ScriptedPaymentGateway Approves(Action? whileCharging = null) => Then((_, _) =>
    {
        whileCharging?.Invoke();
        return Task.FromResult(PaymentResult.Approve(ApprovedReference));
    });

    public ScriptedPaymentGateway Declines(string reason) => Then((_, _) => Task.FromResult(PaymentResult.Decline(reason)));

    public ScriptedPaymentGateway FailsTransiently() =>
        Then((_, _) => Task.FromException<PaymentResult>(new PaymentGatewayException("503 Service Unavailable")));

    /// <summary>Never answers: only the attempt's timeout or the caller's cancellation ends the call.</summary>
    public ScriptedPaymentGateway Hangs() => Then(async (_, token) =>
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, token);
        throw new InvalidOperationException("unreachable");
    });

    public Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        Func<PaymentRequest, CancellationToken, Task<PaymentResult>> step;
        lock (_gate)
        {
            step = _steps[Math.Min(_requests.Count, _steps.Count - 1)];
            _requests.Add(request);
        }

        _firstCall.TrySetResult();
        return step(request, cancellationToken);
    }

    private ScriptedPaymentGateway Then(Func<PaymentRequest, CancellationToken, Task<PaymentResult>> step)
    {
        lock (_gate)
        {
            _steps.Add(step);
        }

        return this;
    }
}
