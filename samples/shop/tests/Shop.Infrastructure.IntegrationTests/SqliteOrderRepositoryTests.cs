using Microsoft.Data.Sqlite;
using Shop.Application;
using Shop.Domain;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests;

public class SqliteOrderRepositoryTests : IAsyncLifetime
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintForeignKey = 787;
    private const int SqliteConstraintPrimaryKey = 1555;

    private SqliteTestDatabase _database = null!;
    private SqliteOrderRepository _repository = null!;

    public async Task InitializeAsync()
    {
        _database = await SqliteTestDatabase.CreateMigratedAsync();
        _repository = new SqliteOrderRepository(_database.Connections);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact(Timeout = 10_000)]
    public async Task Add_ThenFind_ReadsBackTheOrderAndItsLines()
    {
        var order = Orders.Pending();

        await _repository.AddAsync(order, CancellationToken.None);
        var stored = await _repository.FindAsync(order.Id, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(1, order.Version);
        var expected = order.ToSnapshot();
        Assert.Equal(expected, stored.ToSnapshot() with { Lines = expected.Lines });
        Assert.Equal(order.Lines.Select(l => (l.Sku, l.Quantity, l.UnitPrice)), stored.Lines.Select(l => (l.Sku, l.Quantity, l.UnitPrice)));
        Assert.Equal(Orders.Total, stored.Total);
    }

    [Fact(Timeout = 10_000)]
    public async Task Find_UnknownOrder_ReturnsNull()
    {
        Assert.Null(await _repository.FindAsync(Orders.Id, CancellationToken.None));
    }

    [Fact(Timeout = 10_000)]
    public async Task Add_TakenOrderNumber_ViolatesUniqueConstraintAndKeepsOnlyTheFirst()
    {
        await _repository.AddAsync(Orders.Pending(Orders.Id, Orders.Number), CancellationToken.None);

        var error = await Assert.ThrowsAsync<DuplicateOrderNumberException>(() =>
            _repository.AddAsync(Orders.Pending(Orders.OtherId, Orders.Number), CancellationToken.None));

        Assert.Equal(Orders.Number, error.OrderNumber);
        Assert.IsType<SqliteException>(error.InnerException);
        Assert.Equal(1, await _database.CountAsync("SELECT COUNT(*) FROM orders;"));
        Assert.Equal(0, await _database.CountAsync("SELECT COUNT(*) FROM order_lines WHERE order_id = $id;", ("$id", Orders.OtherId.ToString())));
    }

    [Fact(Timeout = 10_000)]
    public async Task Add_SameIdTwice_ViolatesPrimaryKeyAndIsNotReportedAsTakenNumber()
    {
        await _repository.AddAsync(Orders.Pending(Orders.Id, Orders.Number), CancellationToken.None);

        var error = await Assert.ThrowsAsync<SqliteException>(() =>
            _repository.AddAsync(Orders.Pending(Orders.Id, Orders.OtherNumber), CancellationToken.None));

        Assert.Equal(SqliteConstraintPrimaryKey, error.SqliteExtendedErrorCode);
    }

    [Fact(Timeout = 10_000)]
    public async Task InsertLine_ForMissingOrder_ViolatesForeignKey()
    {
        var error = await Assert.ThrowsAsync<SqliteException>(() => _database.ExecuteAsync(
            "INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_minor) VALUES ($id, 1, 'WIDGET-1', 1, 1250);",
            ("$id", Orders.OtherId.ToString())));

        Assert.Equal(SqliteConstraint, error.SqliteErrorCode);
        Assert.Equal(SqliteConstraintForeignKey, error.SqliteExtendedErrorCode);
    }

    [Fact(Timeout = 10_000)]
    public async Task DeleteOrder_CascadesToItsLines()
    {
        await _repository.AddAsync(Orders.Pending(), CancellationToken.None);

        await _database.ExecuteAsync("DELETE FROM orders WHERE id = $id;", ("$id", Orders.Id.ToString()));

        Assert.Equal(0, await _database.CountAsync("SELECT COUNT(*) FROM order_lines;"));
    }

    [Fact(Timeout = 10_000)]
    public async Task Add_LineInsertFails_RollsBackTheOrderRow()
    {
        await _database.FailStatementsAsync("fail_line_inserts", "BEFORE INSERT ON order_lines");

        await Assert.ThrowsAsync<SqliteException>(() => _repository.AddAsync(Orders.Pending(), CancellationToken.None));

        Assert.Equal(0, await _database.CountAsync("SELECT COUNT(*) FROM orders;"));
        Assert.Equal(0, await _database.CountAsync("SELECT COUNT(*) FROM order_lines;"));
    }

    [Fact(Timeout = 10_000)]
    public async Task Update_PaidThenShipped_PersistsEveryTransitionAndAdvancesTheVersion()
    {
        var order = Orders.Pending();
        await _repository.AddAsync(order, CancellationToken.None);

        order.MarkPaid(Orders.PaymentReference, order.Total, Moments.PaidAt);
        await _repository.UpdateAsync(order, CancellationToken.None);
        order.Ship(Orders.TrackingNumber, Moments.ShippedAt);
        await _repository.UpdateAsync(order, CancellationToken.None);
        var stored = await _repository.FindAsync(order.Id, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(3, stored.Version);
        Assert.Equal(OrderStatus.Shipped, stored.Status);
        Assert.Equal(Moments.PaidAt, stored.PaidAt);
        Assert.Equal(Orders.PaymentReference, stored.PaymentReference);
        Assert.Equal(Moments.ShippedAt, stored.ShippedAt);
        Assert.Equal(Orders.TrackingNumber, stored.TrackingNumber);
        Assert.Equal(2, stored.Lines.Count);
    }

    [Fact(Timeout = 10_000)]
    public async Task Update_StaleVersion_ThrowsConcurrencyExceptionAndKeepsTheStoredState()
    {
        await _repository.AddAsync(Orders.Pending(), CancellationToken.None);
        var first = (await _repository.FindAsync(Orders.Id, CancellationToken.None))!;
        var second = (await _repository.FindAsync(Orders.Id, CancellationToken.None))!;
        first.MarkPaid(Orders.PaymentReference, first.Total, Moments.PaidAt);
        await _repository.UpdateAsync(first, CancellationToken.None);

        second.Cancel(Orders.CancellationReason, Moments.PaidAt);
        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => _repository.UpdateAsync(second, CancellationToken.None));

        Assert.Equal(1, error.ExpectedVersion);
        var stored = (await _repository.FindAsync(Orders.Id, CancellationToken.None))!;
        Assert.Equal(OrderStatus.Paid, stored.Status);
        Assert.Equal(2, stored.Version);
    }

    [Fact(Timeout = 10_000)]
    public async Task Update_ConcurrentWritersFromTheSameVersion_ExactlyOneWins()
    {
        await _repository.AddAsync(Orders.Pending(), CancellationToken.None);
        var writers = new List<Order>();
        for (var i = 0; i < 4; i++)
        {
            var copy = (await _repository.FindAsync(Orders.Id, CancellationToken.None))!;
            copy.Cancel($"{Orders.CancellationReason} (writer {i})", Moments.PaidAt);
            writers.Add(copy);
        }

        // Task.Run: SQLite's async API completes synchronously, so without it the writers would take turns.
        var outcomes = await Task.WhenAll(writers.Select(writer => Task.Run(async () =>
        {
            try
            {
                await _repository.UpdateAsync(writer, CancellationToken.None);
                return true;
            }
            catch (ConcurrencyException)
            {
                return false;
            }
        })));

        Assert.Single(outcomes, won => won);
        var stored = (await _repository.FindAsync(Orders.Id, CancellationToken.None))!;
        Assert.Equal(2, stored.Version);
        Assert.Equal(writers[Array.IndexOf(outcomes, true)].CancellationReason, stored.CancellationReason);
    }

    [Fact(Timeout = 10_000)]
    public async Task Update_LineRewriteFails_RollsBackStatusAndVersion()
    {
        var order = Orders.Pending();
        await _repository.AddAsync(order, CancellationToken.None);
        await _database.FailStatementsAsync("fail_line_inserts", "BEFORE INSERT ON order_lines");
        order.MarkPaid(Orders.PaymentReference, order.Total, Moments.PaidAt);

        await Assert.ThrowsAsync<SqliteException>(() => _repository.UpdateAsync(order, CancellationToken.None));

        var stored = (await _repository.FindAsync(Orders.Id, CancellationToken.None))!;
        Assert.Equal(OrderStatus.Pending, stored.Status);
        Assert.Equal(1, stored.Version);
        Assert.Equal(2, stored.Lines.Count);
    }

    [Theory(Timeout = 10_000)]
    [InlineData("find")]
    [InlineData("add")]
    [InlineData("update")]
    public async Task CancelledToken_StopsBeforeQueryingAndWritesNothing(string operation)
    {
        await _repository.AddAsync(Orders.Pending(), CancellationToken.None);
        var paid = (await _repository.FindAsync(Orders.Id, CancellationToken.None))!;
        paid.MarkPaid(Orders.PaymentReference, paid.Total, Moments.PaidAt);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        Func<Task> call = operation switch
        {
            "find" => () => _repository.FindAsync(Orders.Id, cancellation.Token),
            "add" => () => _repository.AddAsync(Orders.Pending(Orders.OtherId, Orders.OtherNumber), cancellation.Token),
            _ => () => _repository.UpdateAsync(paid, cancellation.Token),
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(call);

        Assert.Equal(1, await _database.CountAsync("SELECT COUNT(*) FROM orders;"));
        Assert.Equal(2, await _database.CountAsync("SELECT COUNT(*) FROM order_lines;"));
        var stored = (await _repository.FindAsync(Orders.Id, CancellationToken.None))!;
        Assert.Equal(OrderStatus.Pending, stored.Status);
        Assert.Equal(1, stored.Version);
    }
}
