using Microsoft.Data.Sqlite;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests;

public class SchemaMigratorTests : IAsyncLifetime
{
    private SqliteTestDatabase _database = null!;

    public Task InitializeAsync()
    {
        _database = SqliteTestDatabase.CreateEmpty();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact(Timeout = 10_000)]
    public async Task Migrate_EmptyDatabase_CreatesTheSchemaAndRecordsEveryVersion()
    {
        var applied = await Migrator().MigrateAsync(CancellationToken.None);

        Assert.Equal(SchemaMigrator.LatestVersion, applied);
        Assert.Equal(3, await _database.CountAsync(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('orders', 'order_lines', 'processed_events');"));
        Assert.Equal(SchemaMigrator.LatestVersion, await _database.CountAsync("SELECT MAX(version) FROM schema_migrations;"));
    }

    [Fact(Timeout = 10_000)]
    public async Task Migrate_SecondRun_AppliesNothingAndKeepsTheData()
    {
        await Migrator().MigrateAsync(CancellationToken.None);
        await new SqliteOrderRepository(_database.Connections).AddAsync(Orders.Pending(), CancellationToken.None);

        var appliedAgain = await Migrator().MigrateAsync(CancellationToken.None);

        Assert.Equal(0, appliedAgain);
        Assert.Equal(SchemaMigrator.LatestVersion, await _database.CountAsync("SELECT COUNT(*) FROM schema_migrations;"));
        Assert.Equal(1, await _database.CountAsync("SELECT COUNT(*) FROM orders;"));
    }

    [Fact(Timeout = 10_000)]
    public async Task Migrate_MigrationFailsMidway_RollsBackThatMigrationAndKeepsTheEarlierOnes()
    {
        // Migration 2 creates processed_events, then its index: an index of that name already exists, so the
        // second statement of the migration fails after the first one succeeded.
        await _database.ExecuteAsync("CREATE TABLE squatter (id INTEGER NOT NULL);");
        await _database.ExecuteAsync("CREATE INDEX ix_processed_events_order ON squatter (id);");

        await Assert.ThrowsAsync<SqliteException>(() => Migrator().MigrateAsync(CancellationToken.None));

        Assert.Equal(1, await _database.CountAsync("SELECT COUNT(*) FROM schema_migrations;"));
        Assert.Equal(1, await _database.CountAsync("SELECT MAX(version) FROM schema_migrations;"));
        Assert.Equal(2, await _database.CountAsync(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('orders', 'order_lines');"));
        Assert.Equal(0, await _database.CountAsync("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'processed_events';"));
    }

    [Fact(Timeout = 10_000)]
    public async Task OpenedConnection_EnforcesForeignKeys()
    {
        Assert.Equal(1, await _database.CountAsync("PRAGMA foreign_keys;"));
    }

    [Fact(Timeout = 10_000)]
    public async Task Open_DatabaseInMissingDirectory_Fails()
    {
        var missing = Path.Combine(Path.GetTempPath(), "shop-no-such-directory", "orders.db");
        var connections = new SqliteConnectionFactory(new SqliteConnectionStringBuilder { DataSource = missing, Pooling = false }.ToString());

        await Assert.ThrowsAsync<SqliteException>(() => connections.OpenAsync(CancellationToken.None));
    }

    [Theory(Timeout = 10_000)]
    [InlineData("migrate")]
    [InlineData("open")]
    public async Task CancelledToken_StopsBeforeTheSchemaChanges(string operation)
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        Func<Task> call = operation == "migrate"
            ? () => Migrator().MigrateAsync(cancellation.Token)
            : () => _database.Connections.OpenAsync(cancellation.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(call);

        Assert.Equal(0, await _database.CountAsync("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table';"));
    }

    private SchemaMigrator Migrator() => new(_database.Connections, TimeProvider.System);
}
