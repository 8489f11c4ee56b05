using Shop.Application;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests;

public class SqliteProcessedEventStoreTests : IAsyncLifetime
{
    private SqliteTestDatabase _database = null!;
    private SqliteProcessedEventStore _events = null!;

    public async Task InitializeAsync()
    {
        _database = await SqliteTestDatabase.CreateMigratedAsync();
        _events = new SqliteProcessedEventStore(_database.Connections);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact(Timeout = 10_000)]
    public async Task TryMarkProcessed_SameEventTwice_RecordsItOnce()
    {
        var processed = Event(Webhooks.FirstEventId, Orders.Id, sequence: 1);

        var first = await _events.TryMarkProcessedAsync(processed, CancellationToken.None);
        var second = await _events.TryMarkProcessedAsync(processed with { Outcome = "other" }, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.True(await _events.IsProcessedAsync(Webhooks.FirstEventId, CancellationToken.None));
        Assert.Equal("applied", await _database.TextAsync("SELECT outcome FROM processed_events WHERE event_id = $id;", ("$id", Webhooks.FirstEventId)));
    }

    [Fact(Timeout = 10_000)]
    public async Task GetLastSequence_IsTheHighestRecordedForThatOrderOnly()
    {
        Assert.Null(await _events.GetLastSequenceAsync(Orders.Id, CancellationToken.None));
        await _events.TryMarkProcessedAsync(Event("evt_a", Orders.Id, sequence: 3), CancellationToken.None);
        await _events.TryMarkProcessedAsync(Event("evt_b", Orders.Id, sequence: 2), CancellationToken.None);
        await _events.TryMarkProcessedAsync(Event("evt_c", Orders.OtherId, sequence: 9), CancellationToken.None);

        Assert.Equal(3, await _events.GetLastSequenceAsync(Orders.Id, CancellationToken.None));
        Assert.False(await _events.IsProcessedAsync("evt_unknown", CancellationToken.None));
    }

    [Theory(Timeout = 10_000)]
    [InlineData("is processed")]
    [InlineData("last sequence")]
    [InlineData("mark processed")]
    public async Task CancelledToken_StopsBeforeQueryingAndRecordsNothing(string operation)
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        Func<Task> call = operation switch
        {
            "is processed" => () => _events.IsProcessedAsync(Webhooks.FirstEventId, cancellation.Token),
            "last sequence" => () => _events.GetLastSequenceAsync(Orders.Id, cancellation.Token),
            _ => () => _events.TryMarkProcessedAsync(Event(Webhooks.FirstEventId, Orders.Id, sequence: 1), cancellation.Token),
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(call);

        Assert.Equal(0, await _database.CountAsync("SELECT COUNT(*) FROM processed_events;"));
    }

    private static ProcessedEvent Event(string eventId, Guid orderId, long sequence) =>
        new(eventId, orderId, sequence, "applied", Moments.PaidAt);
}
