using System.Globalization;
using Microsoft.Data.Sqlite;
using Shop.Application;
using Shop.Domain;

namespace Shop.Infrastructure;

/// <summary>
/// Orders in SQLite. An order and its lines are written in one transaction; an update succeeds only while the
/// stored version is the one the order was read with (optimistic concurrency), and advances it by one.
/// </summary>
public sealed class SqliteOrderRepository : IOrderRepository
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;

    private const string OrderColumns =
        "id, order_number, customer_id, currency, status, placed_at, paid_at, payment_reference, shipped_at, " +
        "tracking_number, cancelled_at, cancellation_reason, refund_required, version";

    private readonly SqliteConnectionFactory _connections;

    public SqliteOrderRepository(SqliteConnectionFactory connections)
    {
        _connections = connections;
    }

    public async Task<Order?> FindAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {OrderColumns} FROM orders WHERE id = $id;";
        command.Parameters.AddWithValue("$id", orderId.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var currency = reader.GetString(3);
        var lines = await ReadLinesAsync(connection, orderId, currency, cancellationToken);
        return Order.Rehydrate(new OrderSnapshot(
            Id: Guid.Parse(reader.GetString(0)),
            OrderNumber: reader.GetString(1),
            CustomerId: Guid.Parse(reader.GetString(2)),
            Currency: currency,
            Lines: lines,
            Status: Enum.Parse<OrderStatus>(reader.GetString(4)),
            PlacedAt: ParseTime(reader.GetString(5)),
            PaidAt: ReadTime(reader, 6),
            PaymentReference: ReadText(reader, 7),
            ShippedAt: ReadTime(reader, 8),
            TrackingNumber: ReadText(reader, 9),
            CancelledAt: ReadTime(reader, 10),
            CancellationReason: ReadText(reader, 11),
            RefundRequired: reader.GetBoolean(12),
            Version: reader.GetInt32(13)));
    }

    public async Task AddAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        const int firstVersion = 1;
        try
        {
            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText =
                    $"INSERT INTO orders ({OrderColumns}) VALUES ($id, $orderNumber, $customerId, $currency, $status, $placedAt, " +
                    "$paidAt, $paymentReference, $shippedAt, $trackingNumber, $cancelledAt, $cancellationReason, $refundRequired, $version);";
                AddStateParameters(insert, order);
                insert.Parameters.AddWithValue("$orderNumber", order.OrderNumber);
                insert.Parameters.AddWithValue("$customerId", order.CustomerId.ToString());
                insert.Parameters.AddWithValue("$currency", order.Currency);
                insert.Parameters.AddWithValue("$placedAt", FormatTime(order.PlacedAt));
                insert.Parameters.AddWithValue("$version", firstVersion);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await InsertLinesAsync(connection, transaction, order, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint && ex.SqliteExtendedErrorCode == SqliteConstraintUnique)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            throw new DuplicateOrderNumberException(order.OrderNumber, ex);
        }

        order.MarkPersisted(firstVersion);
    }

    public async Task UpdateAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE orders
                   SET status = $status, paid_at = $paidAt, payment_reference = $paymentReference,
                       shipped_at = $shippedAt, tracking_number = $trackingNumber, cancelled_at = $cancelledAt,
                       cancellation_reason = $cancellationReason, refund_required = $refundRequired,
                       version = version + 1
                 WHERE id = $id AND version = $expectedVersion;
                """;
            AddStateParameters(update, order);
            update.Parameters.AddWithValue("$expectedVersion", order.Version);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                // Disposing the transaction rolls it back; nothing was written.
                throw new ConcurrencyException(order.Id, order.Version);
            }
        }

        await using (var deleteLines = connection.CreateCommand())
        {
            deleteLines.Transaction = transaction;
            deleteLines.CommandText = "DELETE FROM order_lines WHERE order_id = $id;";
            deleteLines.Parameters.AddWithValue("$id", order.Id.ToString());
            await deleteLines.ExecuteNonQueryAsync(cancellationToken);
        }

        await InsertLinesAsync(connection, transaction, order, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        order.MarkPersisted(order.Version + 1);
    }

    private static async Task InsertLinesAsync(SqliteConnection connection, SqliteTransaction transaction, Order order, CancellationToken cancellationToken)
    {
        for (var index = 0; index < order.Lines.Count; index++)
        {
            var line = order.Lines[index];
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText =
                "INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_minor) VALUES ($orderId, $lineNo, $sku, $quantity, $unitPrice);";
            insert.Parameters.AddWithValue("$orderId", order.Id.ToString());
            insert.Parameters.AddWithValue("$lineNo", index + 1);
            insert.Parameters.AddWithValue("$sku", line.Sku);
            insert.Parameters.AddWithValue("$quantity", line.Quantity);
            insert.Parameters.AddWithValue("$unitPrice", decimal.ToInt64(line.UnitPrice.Amount * 100m));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<OrderLine>> ReadLinesAsync(
        SqliteConnection connection, Guid orderId, string currency, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sku, quantity, unit_price_minor FROM order_lines WHERE order_id = $id ORDER BY line_no;";
        command.Parameters.AddWithValue("$id", orderId.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<OrderLine>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(new OrderLine(reader.GetString(0), reader.GetInt32(1), Money.Of(reader.GetInt64(2) / 100m, currency)));
        }

        return lines;
    }

    private static void AddStateParameters(SqliteCommand command, Order order)
    {
        command.Parameters.AddWithValue("$id", order.Id.ToString());
        command.Parameters.AddWithValue("$status", order.Status.ToString());
        command.Parameters.AddWithValue("$paidAt", DbValue(order.PaidAt));
        command.Parameters.AddWithValue("$paymentReference", DbValue(order.PaymentReference));
        command.Parameters.AddWithValue("$shippedAt", DbValue(order.ShippedAt));
        command.Parameters.AddWithValue("$trackingNumber", DbValue(order.TrackingNumber));
        command.Parameters.AddWithValue("$cancelledAt", DbValue(order.CancelledAt));
        command.Parameters.AddWithValue("$cancellationReason", DbValue(order.CancellationReason));
        command.Parameters.AddWithValue("$refundRequired", order.RefundRequired);
    }

    private static object DbValue(string? text) => text is null ? DBNull.Value : text;

    private static object DbValue(DateTimeOffset? time) => time is { } value ? FormatTime(value) : DBNull.Value;

    private static string FormatTime(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string? ReadText(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? ReadTime(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ParseTime(reader.GetString(ordinal));
}
