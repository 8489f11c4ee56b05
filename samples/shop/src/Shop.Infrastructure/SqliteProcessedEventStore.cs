using System.Globalization;
using Shop.Application;

namespace Shop.Infrastructure;

/// <summary>processed_events: one row per webhook event id, the primary key makes a second insert a no-op.</summary>
public sealed class SqliteProcessedEventStore : IProcessedEventStore
{
    private readonly SqliteConnectionFactory _connections;

    public SqliteProcessedEventStore(SqliteConnectionFactory connections)
    {
        _connections = connections;
    }

    public async Task<bool> IsProcessedAsync(string eventId, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM processed_events WHERE event_id = $eventId);";
        command.Parameters.AddWithValue("$eventId", eventId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 1;
    }

    public async Task<long?> GetLastSequenceAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(sequence_number) FROM processed_events WHERE order_id = $orderId;";
        command.Parameters.AddWithValue("$orderId", orderId.ToString());
        return await command.ExecuteScalarAsync(cancellationToken) is long last ? last : null;
    }

    public async Task<bool> TryMarkProcessedAsync(ProcessedEvent processedEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processedEvent);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO processed_events (event_id, order_id, sequence_number, outcome, processed_at)
            VALUES ($eventId, $orderId, $sequence, $outcome, $processedAt)
            ON CONFLICT (event_id) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$eventId", processedEvent.EventId);
        command.Parameters.AddWithValue("$orderId", processedEvent.OrderId.ToString());
        command.Parameters.AddWithValue("$sequence", processedEvent.SequenceNumber);
        command.Parameters.AddWithValue("$outcome", processedEvent.Outcome);
        command.Parameters.AddWithValue("$processedAt", processedEvent.ProcessedAt.ToString("O", CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
