namespace Shop.Domain.UnitTests;

public class OrderPersistenceTests
{
    [Fact]
    public void Rehydrate_FromSnapshot_RestoresEveryField()
    {
        var shipped = Orders.Shipped();
        shipped.MarkPersisted(3);

        var original = shipped.ToSnapshot();

        var restored = Order.Rehydrate(original);

        Assert.Equal(original, restored.ToSnapshot() with { Lines = original.Lines });
        Assert.Equal(shipped.Lines.Select(l => (l.Sku, l.Quantity, l.UnitPrice)), restored.Lines.Select(l => (l.Sku, l.Quantity, l.UnitPrice)));
        Assert.Equal(3, restored.Version);
    }

    [Fact]
    public void Rehydrate_CancelledSnapshot_KeepsRefundAndReason()
    {
        var paidThenCancelled = Orders.Paid();
        paidThenCancelled.Cancel(Orders.CancellationReason, Moments.CancelledAt);

        var restored = Order.Rehydrate(paidThenCancelled.ToSnapshot());

        Assert.Equal(OrderStatus.Cancelled, restored.Status);
        Assert.True(restored.RefundRequired);
        Assert.Equal(Orders.CancellationReason, restored.CancellationReason);
        Assert.Equal(Moments.CancelledAt, restored.CancelledAt);
    }

    [Fact]
    public void Rehydrate_UnknownStatus_IsRejected()
    {
        var snapshot = Orders.Pending().ToSnapshot() with { Status = (OrderStatus)99 };

        var error = Assert.Throws<DomainException>(() => Order.Rehydrate(snapshot));

        Assert.Contains("unknown status 99", error.Message);
    }

    [Fact]
    public void Rehydrate_SnapshotWithoutLines_IsRejected()
    {
        var snapshot = Orders.Pending().ToSnapshot() with { Lines = [] };

        var error = Assert.Throws<DomainException>(() => Order.Rehydrate(snapshot));

        Assert.Contains("without lines", error.Message);
    }

    [Fact]
    public void MarkPersisted_NewerVersion_AdvancesVersion()
    {
        var order = Orders.Pending();

        order.MarkPersisted(1);
        order.MarkPersisted(2);

        Assert.Equal(2, order.Version);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void MarkPersisted_SameOrOlderVersion_IsRejected(int version)
    {
        var order = Orders.Pending();
        order.MarkPersisted(1);

        var error = Assert.Throws<DomainException>(() => order.MarkPersisted(version));

        Assert.Contains("cannot go back", error.Message);
    }
}
