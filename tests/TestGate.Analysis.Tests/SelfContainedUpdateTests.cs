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
}
