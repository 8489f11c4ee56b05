using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Testing;
using Shop.Api;
using Shop.Application;
using Shop.Domain;

namespace Shop.Infrastructure.IntegrationTests.Support;

/// <summary>The webhook handler wired to the real repository and processed-events store over one test database.</summary>
internal sealed class WebhookHarness : IAsyncDisposable
{
    private readonly Meter _meter = new(OrderMetrics.MeterName);

    private WebhookHarness(SqliteTestDatabase database)
    {
        Database = database;
        Repository = new SqliteOrderRepository(database.Connections);
        Events = new SqliteProcessedEventStore(database.Connections);
        var service = new OrderService(
            Repository,
            new UnusedPaymentGateway(),
            PaymentResiliencePipeline.Create(new PaymentResilienceOptions(), TimeProvider.System),
            new OrderMetrics(_meter),
            new FakeLogger<OrderService>(),
            TimeProvider.System);
        Handler = new PaymentWebhookHandler(service, Events, TimeProvider.System, Logger);
    }

    public SqliteTestDatabase Database { get; }

    public SqliteOrderRepository Repository { get; }

    public SqliteProcessedEventStore Events { get; }

    public FakeLogger<PaymentWebhookHandler> Logger { get; } = new();

    public PaymentWebhookHandler Handler { get; }

    public static async Task<WebhookHarness> CreateAsync() => new(await SqliteTestDatabase.CreateMigratedAsync());

    public async Task<Order> GivenPendingOrderAsync()
    {
        var order = Orders.Pending();
        await Repository.AddAsync(order, CancellationToken.None);
        return order;
    }

    public async Task<Order> StoredAsync(Guid orderId) =>
        await Repository.FindAsync(orderId, CancellationToken.None) ?? throw new InvalidOperationException($"Order {orderId} is not stored.");

    public Task<long> ProcessedEventsAsync(string eventId) =>
        Database.CountAsync("SELECT COUNT(*) FROM processed_events WHERE event_id = $id;", ("$id", eventId));

    public async ValueTask DisposeAsync()
    {
        _meter.Dispose();
        await Database.DisposeAsync();
    }

    /// <summary>Webhook handling confirms payments the provider took; it must never charge.</summary>
    private sealed class UnusedPaymentGateway : IPaymentGateway
    {
        public Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Handling a payment webhook must not charge the customer.");
    }
}
