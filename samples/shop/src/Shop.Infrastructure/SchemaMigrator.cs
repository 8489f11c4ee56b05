using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Shop.Infrastructure;

/// <summary>
/// Brings the schema to the latest version. Each migration runs in its own transaction together with its row in
/// schema_migrations, so a migration is applied completely or not at all, and running the migrator again applies
/// nothing.
/// </summary>
public sealed class SchemaMigrator
{
    private static readonly Migration[] Migrations =
    [
        new(1, "orders and order lines", """
            CREATE TABLE orders (
                id                  TEXT    NOT NULL PRIMARY KEY,
                order_number        TEXT    NOT NULL CONSTRAINT ux_orders_order_number UNIQUE,
                customer_id         TEXT    NOT NULL,
                currency            TEXT    NOT NULL,
                status              TEXT    NOT NULL,
                placed_at           TEXT    NOT NULL,
                paid_at             TEXT    NULL,
                payment_reference   TEXT    NULL,
                shipped_at          TEXT    NULL,
                tracking_number     TEXT    NULL,
                cancelled_at        TEXT    NULL,
                cancellation_reason TEXT    NULL,
                refund_required     INTEGER NOT NULL DEFAULT 0,
                version             INTEGER NOT NULL
            );
            CREATE TABLE order_lines (
                order_id         TEXT    NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
                line_no          INTEGER NOT NULL,
                sku              TEXT    NOT NULL,
                quantity         INTEGER NOT NULL CHECK (quantity > 0),
                unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor > 0),
                PRIMARY KEY (order_id, line_no)
            );
            """),
        new(2, "processed webhook events", """
            CREATE TABLE processed_events (
                event_id        TEXT    NOT NULL PRIMARY KEY,
                order_id        TEXT    NOT NULL,
                sequence_number INTEGER NOT NULL,
                outcome         TEXT    NOT NULL,
                processed_at    TEXT    NOT NULL
            );
            CREATE INDEX ix_processed_events_order ON processed_events (order_id, sequence_number);
            """),
    ];

    private readonly SqliteConnectionFactory _connections;
    private readonly TimeProvider _clock;

    public SchemaMigrator(SqliteConnectionFactory connections, TimeProvider clock)
    {
        _connections = connections;
        _clock = clock;
    }

    public static int LatestVersion => Migrations[^1].Version;

    /// <summary>Applies the migrations the database lacks and returns how many that were.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     INTEGER NOT NULL PRIMARY KEY,
                description TEXT    NOT NULL,
                applied_at  TEXT    NOT NULL
            );
            """, cancellationToken);

        var applied = await AppliedVersionsAsync(connection, cancellationToken);
        var count = 0;
        foreach (var migration in Migrations.Where(m => !applied.Contains(m.Version)))
        {
            await using var transaction = connection.BeginTransaction();
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, description, applied_at) VALUES ($version, $description, $appliedAt);";
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$description", migration.Description);
                record.Parameters.AddWithValue("$appliedAt", _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            count++;
        }

        return count;
    }

    private static async Task<HashSet<long>> AppliedVersionsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt64(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Migration(int Version, string Description, string Sql);
}
