namespace TestGate.Analysis.Tests;

/// <summary>Which UPDATE statements cannot lose another writer's update, so TG0404 does not ask for a concurrency test.</summary>
public class SelfContainedUpdateTests
{
    [Theory]
    [InlineData(" sent_at = @SentAt, last_error = NULL WHERE id = @Id AND sent_at IS NULL;")]
    [InlineData(" attempts = attempts + 1, last_error = @Error WHERE id = @Id;")]
    [InlineData(" quantity = quantity - @Count WHERE sku = @Sku AND quantity >= @Count")]
    [InlineData(" \"Status\" = 'Shipped', \"ShippedAt\" = @At WHERE \"Id\" = @Id AND \"Status\" = 'Packed'")]
    [InlineData(" balance = COALESCE(balance, 0) + @Amount, updatedAt = CURRENT_TIMESTAMP WHERE id = @Id")]
    public void A_statement_that_decides_from_the_row_itself_is_self_contained(string afterSet) =>
        Assert.True(DatabaseSql.IsSelfContainedUpdate(afterSet));

    [Theory]
    [InlineData(" quantity = @Quantity WHERE sku = @Sku;")]
    [InlineData(" status = @Status, seat = @Seat WHERE id = @Id")]
    [InlineData(" balance = @Balance, version = version + 1 WHERE id = @Id AND version = @Version")]
    [InlineData(" total = @Total, format = @Format WHERE id = @Id")]
    public void Blind_writes_and_version_checks_are_not(string afterSet) =>
        Assert.False(DatabaseSql.IsSelfContainedUpdate(afterSet));

    [Theory]
    [InlineData(" Version = Version WHERE Id = @id", true)]
    [InlineData(" \"Version\" = \"Version\", name = name WHERE id = $1;", true)]
    [InlineData(" l.version = version WHERE l.id = @id", true)]
    [InlineData(" version = version + 1 WHERE id = @id", false)]
    [InlineData(" version = @version WHERE id = @id", false)]
    public void An_update_that_sets_every_column_to_itself_only_takes_the_write_lock(string afterSet, bool noOp) =>
        Assert.Equal(noOp, DatabaseSql.IsNoOpUpdate(afterSet));

    [Fact]
    public void The_no_op_update_is_read_as_a_lock_and_a_version_column_keeps_it_an_update()
    {
        var signals = DatabaseSql.Analyze("UPDATE Loans SET Version = Version WHERE Id = @id").Signals;

        Assert.Contains(signals, s => s.Kind == "lock" && s.Detail == "UPDATE loans SET Version = Version (takes the write lock)" && s.Table == "loans");
        Assert.Contains(signals, s => s.Kind == "update");
        Assert.DoesNotContain(DatabaseSql.Analyze("UPDATE seats SET id = id WHERE id = @id").Signals, s => s.Kind == "update");
    }
}
