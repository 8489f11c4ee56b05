using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Shop.Infrastructure.IntegrationTests.Support;

/// <summary>
/// A real SQLite database in its own temporary file, one per test, deleted afterwards. Pooling is off so every
/// repository call opens a real connection and the file can be removed at the end.
/// </summary>
internal sealed class SqliteTestDatabase : IAsyncDisposable
{
    private SqliteTestDatabase(string path)
    {
        FilePath = path;
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        Connections = new SqliteConnectionFactory(ConnectionString);
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public SqliteConnectionFactory Connections { get; }

    public static SqliteTestDatabase CreateEmpty() =>
        new(Path.Combine(Path.GetTempPath(), $"shop-integration-{Guid.NewGuid():N}.db"));

    public static async Task<SqliteTestDatabase> CreateMigratedAsync()
    {
        var database = CreateEmpty();
        await new SchemaMigrator(database.Connections, TimeProvider.System).MigrateAsync(CancellationToken.None);
        return database;
    }

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        await using var command = Command(connection, sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<string?> TextAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>Makes the next matching statement fail inside SQLite, the way a full disk or I/O error would.</summary>
    public Task FailStatementsAsync(string triggerName, string timingAndEvent) =>
        ExecuteAsync($"CREATE TRIGGER {triggerName} {timingAndEvent} BEGIN SELECT RAISE(ABORT, 'simulated storage failure'); END;");

    public Task HealAsync(string triggerName) => ExecuteAsync($"DROP TRIGGER {triggerName};");

    public ValueTask DisposeAsync()
    {
        foreach (var file in new[] { FilePath, FilePath + "-journal", FilePath + "-wal", FilePath + "-shm" })
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
