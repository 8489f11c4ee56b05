namespace Shop.Application;

/// <summary>Remembers which webhook events were handled, so a redelivered or late event changes nothing twice.</summary>
public interface IProcessedEventStore
{
    Task<bool> IsProcessedAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>The highest sequence number recorded for the order, or null when none was.</summary>
    Task<long?> GetLastSequenceAsync(Guid orderId, CancellationToken cancellationToken);

    /// <summary>Records the event; false when it was already recorded (a concurrent delivery won).</summary>
    Task<bool> TryMarkProcessedAsync(ProcessedEvent processedEvent, CancellationToken cancellationToken);
}

public sealed record ProcessedEvent(string EventId, Guid OrderId, long SequenceNumber, string Outcome, DateTimeOffset ProcessedAt);
