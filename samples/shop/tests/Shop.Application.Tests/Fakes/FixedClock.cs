namespace Shop.Application.Tests.Fakes;

/// <summary>Wall-clock time frozen at one instant, so timestamps in assertions are exact.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
