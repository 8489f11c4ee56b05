using TestGate.Core.Model;

namespace TestGate.Rules.Tests;

/// <summary>
/// TG0801–TG0803: one solution-wide finding when production logs errors, carries correlation ids or emits metrics and
/// no test proves it; nothing when a real test does, or when production has no such feature.
/// </summary>
public class ObservabilityRulesTests
{
    private const string OrderService = """
        using Microsoft.Extensions.Logging;

        namespace Shop.Application;

        public interface IPaymentGateway
        {
            Task ChargeAsync(Guid orderId, string correlationId, CancellationToken cancellationToken);
        }

        public sealed class OrderService
        {
            private readonly IPaymentGateway _gateway;
            private readonly ILogger<OrderService> _logger;

            public OrderService(IPaymentGateway gateway, ILogger<OrderService> logger)
            {
                _gateway = gateway;
                _logger = logger;
            }

            public async Task PayAsync(Guid orderId, string correlationId, CancellationToken cancellationToken)
            {
                try
                {
                    await _gateway.ChargeAsync(orderId, correlationId, cancellationToken);
                }
                catch (HttpRequestException ex)
                {
                    throw Failed(orderId, correlationId, ex);
                }
            }

            private InvalidOperationException Failed(Guid orderId, string correlationId, Exception cause)
            {
                _logger.LogError(cause, "Payment for order {OrderId} failed (correlation {CorrelationId})", orderId, correlationId);
                return new InvalidOperationException("payment failed", cause);
            }
        }
        """;

    private static IReadOnlyList<Finding> Review(string production, params string[] tests) =>
        SnippetSuite.Review(
            production: [new Snippet("Shop.Application", production)],
            tests: tests.Select(t => new Snippet("Shop.ApplicationTests", t)).ToArray());

    private static string XunitTest(string body, string usings = "") => $$"""
        using Microsoft.Extensions.Logging;
        using Microsoft.Extensions.Logging.Testing;
        {{usings}}
        namespace Shop.ApplicationTests;

        public class PaymentTests
        {
            private readonly FailingGateway _gateway = new();
            private readonly FakeLogger<OrderService> _logger = new();

        {{body}}
        }
        """;

    // ------------------------------------------------------------------ TG0801

    [Fact]
    public void Error_log_without_any_log_assertion_is_reported_at_the_log_call()
    {
        var test = XunitTest("""
                [Fact(Timeout = 10_000)]
                public async Task Pay_gateway_down_fails()
                {
                    var service = new OrderService(_gateway, _logger);
                    await Assert.ThrowsAsync<InvalidOperationException>(() => service.PayAsync(Guid.NewGuid(), "corr-1", CancellationToken.None));
                }
            """);

        var finding = Assert.Single(Review(OrderService, test).Of("TG0801"));

        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Equal("/repo/src/Shop.Application/File0.cs", finding.Location?.Path);
        Assert.Equal(SnippetSuite.LineOf(OrderService, "_logger.LogError"), finding.Location?.Line);
        Assert.Equal("Shop.Application.OrderService.Failed", finding.Location?.Symbol);
        Assert.Contains("`OrderService.Failed` logs at Error (`LogError`, line " + SnippetSuite.LineOf(OrderService, "_logger.LogError"), finding.MissingOrBrokenTest);
        Assert.Contains("`OrderId`", finding.MissingOrBrokenTest);
        Assert.Contains("`OrderService` fails", finding.Risk);
        Assert.Contains("`{OrderId}`", finding.Risk);
        Assert.Contains("exception argument", finding.Risk);
        Assert.Equal("Application", finding.RecommendedTestType);
        Assert.Contains("[Fact(Timeout = 10_000)]", finding.ExampleTestOutline);
        Assert.Contains("new FakeLogger<OrderService>()", finding.ExampleTestOutline);
        Assert.Contains("sut.PayAsync(", finding.ExampleTestOutline);
        Assert.Contains("IPaymentGateway", finding.ExampleTestOutline);
        Assert.Contains("r => r.Level == LogLevel.Error", finding.ExampleTestOutline);
        Assert.Contains("record.GetStructuredStateValue(\"OrderId\")", finding.ExampleTestOutline);
        Assert.DoesNotContain("\r", finding.ExampleTestOutline);
    }

    [Fact]
    public void A_type_that_only_warns_before_one_that_logs_errors_is_not_the_example()
    {
        const string auditTrail = """
            using Microsoft.Extensions.Logging;

            namespace Shop.Application;

            public sealed class AuditTrail(ILogger<AuditTrail> logger)
            {
                public void Record(Guid orderId, Action write)
                {
                    try
                    {
                        write();
                    }
                    catch (IOException ex)
                    {
                        logger.LogWarning(ex, "Audit entry for order {OrderId} was not written", orderId);
                    }
                }
            }
            """;
        var test = XunitTest("""
                [Fact(Timeout = 10_000)]
                public async Task Pay_gateway_down_fails()
                {
                    var service = new OrderService(_gateway, _logger);
                    await Assert.ThrowsAsync<InvalidOperationException>(() => service.PayAsync(Guid.NewGuid(), "corr-1", CancellationToken.None));
                }
            """);

        var findings = SnippetSuite.Review(
            production: [new Snippet("Shop.Application", auditTrail), new Snippet("Shop.Application", OrderService)],
            tests: [new Snippet("Shop.ApplicationTests", test)]);

        var finding = Assert.Single(findings.Of("TG0801"));
        Assert.Equal("Shop.Application.OrderService.Failed", finding.Location?.Symbol);
        Assert.Contains("AuditTrail", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void Asserting_only_the_level_is_not_a_test_of_the_context()
    {
        var test = XunitTest("""
                [Fact(Timeout = 10_000)]
                public async Task Pay_gateway_down_logs_an_error()
                {
                    var service = new OrderService(_gateway, _logger);
                    var error = await Assert.ThrowsAsync<InvalidOperationException>(() => service.PayAsync(Guid.NewGuid(), "corr-1", CancellationToken.None));

                    Assert.Equal(LogLevel.Error, _logger.LatestRecord.Level);
                    Assert.Contains("42", error.Message); // the exception's message, not the log record's
                }
            """);

        var finding = Assert.Single(Review(OrderService, test).Of("TG0801"));

        Assert.Contains("PaymentTests.Pay_gateway_down_logs_an_error asserts the level but not the record's message or structured state", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void A_test_that_proves_no_error_is_logged_does_not_count()
    {
        var test = XunitTest("""
                [Fact(Timeout = 10_000)]
                public async Task Pay_succeeds_without_error_logs()
                {
                    var service = new OrderService(_gateway, _logger);
                    await service.PayAsync(OrderId, "corr-1", CancellationToken.None);

                    Assert.DoesNotContain(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains(OrderId.ToString()));
                }

                private static readonly Guid OrderId = new("6f1c2a4e-8d1b-4c55-9a57-0a4d3c2b1e01");
            """);

        Assert.Single(Review(OrderService, test).Of("TG0801"));
    }

    [Fact]
    public void A_skipped_test_proves_nothing()
    {
        var test = XunitTest("""
                [Fact(Skip = "flaky", Timeout = 10_000)]
                public async Task Pay_gateway_down_logs_error_with_order_id()
                {
                    var service = new OrderService(_gateway, _logger);
                    await Assert.ThrowsAsync<InvalidOperationException>(() => service.PayAsync(OrderId, "corr-1", CancellationToken.None));

                    var record = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
                    Assert.Equal(OrderId.ToString(), record.GetStructuredStateValue("OrderId"));
                }

                private static readonly Guid OrderId = new("6f1c2a4e-8d1b-4c55-9a57-0a4d3c2b1e01");
            """);

        Assert.Single(Review(OrderService, test).Of("TG0801"));
    }

    [Fact]
    public void Source_generated_error_log_methods_count_as_error_logging()
    {
        const string production = """
            using Microsoft.Extensions.Logging;

            namespace Shop.Infrastructure;

            internal static partial class Log
            {
                [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Import of batch {BatchId} failed")]
                public static partial void ImportFailed(ILogger logger, string batchId, Exception exception);

                [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Imported batch {BatchId}")]
                public static partial void Imported(ILogger logger, string batchId);
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Infrastructure", production)], []).Of("TG0801"));

        Assert.Contains("`Log.ImportFailed` logs at Error (`[LoggerMessage]`, line " + SnippetSuite.LineOf(production, "ImportFailed("), finding.MissingOrBrokenTest);
        Assert.Contains("`BatchId`", finding.MissingOrBrokenTest);
        Assert.Equal(SnippetSuite.LineOf(production, "ImportFailed("), finding.Location?.Line);
    }

    [Fact]
    public void An_error_log_in_another_part_of_a_partial_class_is_located_in_that_part()
    {
        const string service = """
            using Microsoft.Extensions.Logging;
            namespace Shop.Infrastructure;
            public sealed partial class BatchImporter(ILogger<BatchImporter> logger)
            {
                public void Import(string batchId)
                {
                    try { Run(batchId); }
                    catch (IOException ex) { ImportFailed(ex, batchId); }
                }
            }
            """;
        const string logging = """
            using Microsoft.Extensions.Logging;
            namespace Shop.Infrastructure;
            public sealed partial class BatchImporter
            {
                [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Import of batch {BatchId} failed")]
                private partial void ImportFailed(Exception exception, string batchId);
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review(
            [new Snippet("Shop.Infrastructure", service, "/repo/src/Shop.Infrastructure/Batches/BatchImporter.cs"),
             new Snippet("Shop.Infrastructure", logging, "/repo/src/Shop.Infrastructure/Logging/BatchImporter.Logging.cs")],
            []).Of("TG0801"));

        Assert.Equal("/repo/src/Shop.Infrastructure/Logging/BatchImporter.Logging.cs", finding.Location?.Path);
        Assert.Equal(SnippetSuite.LineOf(logging, "ImportFailed("), finding.Location?.Line);
    }

    [Fact]
    public void A_static_LoggerMessage_class_is_driven_through_the_class_that_calls_it()
    {
        const string production = """
            using Microsoft.Extensions.Logging;

            namespace Shop.Infrastructure;

            internal static partial class Log
            {
                [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Import of batch {BatchId} failed")]
                public static partial void ImportFailed(this ILogger logger, Exception exception, string batchId);
            }

            public interface IBatchSource { Task<string[]> ReadAsync(string batchId, CancellationToken ct); }

            public sealed class BatchImporter(IBatchSource source, ILogger<BatchImporter> logger)
            {
                public async Task ImportAsync(string batchId, CancellationToken ct)
                {
                    try
                    {
                        await source.ReadAsync(batchId, ct);
                    }
                    catch (IOException ex)
                    {
                        logger.ImportFailed(ex, batchId);
                    }
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Infrastructure", production)], []).Of("TG0801"));

        Assert.Contains("`Log.ImportFailed` logs at Error (`[LoggerMessage]`, line " + SnippetSuite.LineOf(production, "ImportFailed("), finding.MissingOrBrokenTest);
        Assert.Contains("called from `BatchImporter.ImportAsync`", finding.MissingOrBrokenTest);
        Assert.Contains("When `BatchImporter` fails in production, the Error record from `Log.ImportFailed`", finding.Risk);
        Assert.Contains("new FakeLogger<BatchImporter>()", finding.ExampleTestOutline);
        Assert.Contains("new BatchImporter(", finding.ExampleTestOutline);
        Assert.Contains("sut.ImportAsync(", finding.ExampleTestOutline);
        Assert.DoesNotContain("new Log(", finding.ExampleTestOutline);
    }

    [Fact]
    public void The_outline_follows_the_suites_framework_and_mocking_library()
    {
        const string test = """
            using Microsoft.Extensions.Logging;
            using Moq;
            using NUnit.Framework;

            namespace Shop.ApplicationTests;

            public class PaymentTests
            {
                [Test, CancelAfter(10_000)]
                public async Task Pay_succeeds()
                {
                    var gateway = new Mock<IPaymentGateway>();
                    var service = new OrderService(gateway.Object, Mock.Of<ILogger<OrderService>>());
                    await service.PayAsync(Guid.NewGuid(), "corr-1", CancellationToken.None);
                    gateway.Verify(g => g.ChargeAsync(It.IsAny<Guid>(), "corr-1", It.IsAny<CancellationToken>()), Times.Once);
                }
            }
            """;

        var finding = Assert.Single(Review(OrderService, test).Of("TG0801"));

        Assert.Contains("[Test, CancelAfter(10_000)]", finding.ExampleTestOutline);
        Assert.Contains("new Mock<IPaymentGateway>()", finding.ExampleTestOutline);
        Assert.Contains("paymentGateway.Object, logger", finding.ExampleTestOutline);
        Assert.Contains("Assert.That(record.GetStructuredStateValue(\"OrderId\"), Is.EqualTo(expectedId.ToString()));", finding.ExampleTestOutline);
    }

    [Fact]
    public void FakeLogger_record_with_level_and_structured_state_satisfies_TG0801()
    {
        var test = XunitTest("""
                [Fact(Timeout = 10_000)]
                public async Task Pay_gateway_down_logs_error_with_order_id()
                {
                    var service = new OrderService(_gateway, _logger);
                    await Assert.ThrowsAsync<InvalidOperationException>(() => service.PayAsync(OrderId, "corr-1", CancellationToken.None));

                    var record = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
                    Assert.Equal(OrderId.ToString(), record.GetStructuredStateValue("OrderId"));
                    Assert.IsType<HttpRequestException>(record.Exception);
                }

                private static readonly Guid OrderId = new("6f1c2a4e-8d1b-4c55-9a57-0a4d3c2b1e01");
            """);

        Assert.Empty(Review(OrderService, test).Of("TG0801"));
    }

    [Fact]
    public void LatestRecord_message_checked_against_the_id_satisfies_TG0801()
    {
        var test = XunitTest("""
                [Fact(Timeout = 10_000)]
                public async Task Pay_gateway_down_logs_error()
                {
                    var orderId = Guid.NewGuid();
                    var service = new OrderService(_gateway, _logger);
                    await Assert.ThrowsAsync<InvalidOperationException>(() => service.PayAsync(orderId, "corr-1", CancellationToken.None));

                    Assert.Equal(LogLevel.Error, _logger.LatestRecord.Level);
                    Assert.Contains(orderId.ToString(), _logger.LatestRecord.Message);
                }
            """);

        Assert.Empty(Review(OrderService, test).Of("TG0801"));
    }

    [Fact]
    public void A_verified_ILogger_mock_at_error_level_with_the_id_satisfies_TG0801()
    {
        const string test = """
            using Microsoft.Extensions.Logging;
            using Moq;

            namespace Shop.ApplicationTests;

            public class PaymentTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Pay_gateway_down_logs_error()
                {
                    var orderId = Guid.NewGuid();
                    var logger = new Mock<ILogger<OrderService>>();
                    var service = new OrderService(new FailingGateway(), logger.Object);

                    await Assert.ThrowsAsync<InvalidOperationException>(() => service.PayAsync(orderId, "corr-1", CancellationToken.None));

                    logger.Verify(l => l.Log(
                        LogLevel.Error,
                        It.IsAny<EventId>(),
                        It.Is<It.IsAnyType>((state, _) => state.ToString()!.Contains(orderId.ToString())),
                        It.IsAny<HttpRequestException>(),
                        It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Once);
                }
            }
            """;

        Assert.Empty(Review(OrderService, test).Of("TG0801"));
    }

    [Fact]
    public void Production_without_error_logs_needs_no_error_log_test()
    {
        const string production = """
            using Microsoft.Extensions.Logging;

            namespace Shop.Application;

            public sealed class CatalogService(ILogger<CatalogService> logger)
            {
                public void Refresh(string sku)
                {
                    logger.LogInformation("Refreshed {Sku}", sku);
                    logger.LogWarning("Sku {Sku} has no price", sku); // a warning without an exception is no error log
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([new Snippet("Shop.Application", production)], []).Of("TG0801"));
    }

    [Fact]
    public void Serilog_errors_count_and_MSBuild_task_errors_do_not()
    {
        const string serilog = """
            using Serilog;

            namespace Shop.Worker;

            public sealed class OutboxRelay(ILogger log)
            {
                public void Relay(Guid messageId)
                {
                    try { Send(messageId); }
                    catch (IOException ex) { log.Error(ex, "Relay of {MessageId} failed", messageId); }
                }

                private static void Send(Guid messageId) { }
            }
            """;
        const string msbuild = """
            using Microsoft.Build.Utilities;

            namespace Shop.Build;

            public sealed class CheckSchema : Task
            {
                public override bool Execute()
                {
                    Log.LogError("schema.sql is missing");
                    return false;
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Worker", serilog)], []).Of("TG0801"));
        Assert.Contains("`OutboxRelay.Relay` logs at Error (`log.Error`, line " + SnippetSuite.LineOf(serilog, "log.Error("), finding.MissingOrBrokenTest);
        Assert.Empty(SnippetSuite.Review([new Snippet("Shop.Build", msbuild)], []).Of("TG0801"));
    }

    [Fact]
    public void A_failure_only_logged_as_warning_with_its_exception_is_proven_by_a_warning_test()
    {
        const string production = """
            using Microsoft.Extensions.Logging;

            namespace Shop.Application;

            public sealed class StockSync(IStockClient client, ILogger<StockSync> logger)
            {
                public async Task SyncAsync(string sku)
                {
                    try { await client.PullAsync(sku); }
                    catch (TimeoutException timeout) { logger.LogWarning(timeout, "Stock of {Sku} not synced", sku); }
                }
            }

            public interface IStockClient { Task PullAsync(string sku); }
            """;
        const string test = """
            using Microsoft.Extensions.Logging;
            using Microsoft.Extensions.Logging.Testing;

            namespace Shop.ApplicationTests;

            public class StockSyncTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Timeout_is_logged_with_the_sku()
                {
                    var logger = new FakeLogger<StockSync>();
                    await new StockSync(new TimingOutClient(), logger).SyncAsync("SKU-1");

                    var record = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
                    Assert.Equal("SKU-1", record.GetStructuredStateValue("Sku"));
                }
            }
            """;

        Assert.Empty(Review(production, test).Of("TG0801"));
        Assert.Single(Review(production).Of("TG0801"));
    }

    // ------------------------------------------------------------------ TG0802

    [Fact]
    public void Correlation_id_passed_but_never_asserted_is_reported()
    {
        var test = XunitTest("""
                [Fact(Timeout = 10_000)]
                public async Task Pay_gateway_down_logs_error_with_order_id()
                {
                    var service = new OrderService(_gateway, _logger);
                    await Assert.ThrowsAsync<InvalidOperationException>(() => service.PayAsync(OrderId, "corr-1", CancellationToken.None));

                    var record = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
                    Assert.Equal(OrderId.ToString(), record.GetStructuredStateValue("OrderId"));
                }

                private static readonly Guid OrderId = new("6f1c2a4e-8d1b-4c55-9a57-0a4d3c2b1e01");
            """);

        var finding = Assert.Single(Review(OrderService, test).Of("TG0802"));

        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Equal(SnippetSuite.LineOf(OrderService, "public sealed class OrderService"), finding.Location?.Line);
        Assert.Equal("Shop.Application.OrderService", finding.Location?.Symbol);
        Assert.Contains("`OrderService` carries one (the `{CorrelationId}` log property in `Failed`, line " + SnippetSuite.LineOf(OrderService, "_logger.LogError"), finding.MissingOrBrokenTest);
        Assert.Contains("`correlationId` in `PayAsync`", finding.MissingOrBrokenTest);
        Assert.Contains("as does `IPaymentGateway`", finding.MissingOrBrokenTest);
        Assert.Contains("`OrderService.Failed`", finding.Risk);
        Assert.Equal("Application", finding.RecommendedTestType);
        Assert.Contains("new FakeLogger<OrderService>()", finding.ExampleTestOutline);
        Assert.Contains("sut.PayAsync(", finding.ExampleTestOutline);
        Assert.Contains("record.GetStructuredStateValue(\"CorrelationId\")", finding.ExampleTestOutline);
    }

    [Theory]
    [InlineData("CorrelationContextTests", true)]
    [InlineData("CorrelationIdAccessorTests", true)]
    [InlineData("CorrelationIdMiddlewareTests", false)]
    public void A_test_of_the_correlation_holder_itself_does_not_show_the_id_propagated(string className, bool fires)
    {
        var test = XunitTest("""
                [Fact(Timeout = 10_000)]
                public void Pushed_id_is_current_until_the_scope_ends()
                {
                    var correlation = new CorrelationContext();
                    using (correlation.Push("corr-1"))
                    {
                        Assert.Equal("corr-1", correlation.CorrelationId);
                    }

                    Assert.Null(correlation.CorrelationId);
                }
            """).Replace("public class PaymentTests", $"public class {className}", StringComparison.Ordinal);

        Assert.Equal(fires, Review(OrderService, test).Of("TG0802").Count == 1);
    }

    [Fact]
    public void A_correlation_id_only_inside_the_act_of_a_throws_assertion_is_not_asserted()
    {
        var test = XunitTest("""
                [Fact(Timeout = 10_000)]
                public async Task Pay_gateway_down_fails()
                {
                    const string correlationId = "corr-1";
                    var service = new OrderService(_gateway, _logger);
                    await Assert.ThrowsAsync<InvalidOperationException>(() => service.PayAsync(Guid.NewGuid(), correlationId, CancellationToken.None));
                }
            """);

        Assert.Single(Review(OrderService, test).Of("TG0802"));
    }

    [Fact]
    public void A_correlation_header_without_a_test_is_reported_with_a_header_outline()
    {
        const string production = """
            namespace Shop.Infrastructure;

            public sealed class InventoryClient(HttpClient http)
            {
                public async Task<int> ReserveAsync(string sku, string correlationId, CancellationToken cancellationToken)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"reservations/{sku}");
                    request.Headers.Add("X-Correlation-ID", correlationId);
                    using var response = await http.SendAsync(request, cancellationToken);
                    return (int)response.StatusCode;
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Infrastructure", production)], []).Of("TG0802"));

        Assert.Contains("the `X-Correlation-ID` header in `ReserveAsync`, line " + SnippetSuite.LineOf(production, "X-Correlation-ID"), finding.MissingOrBrokenTest);
        Assert.Contains("new InventoryClient(new HttpClient(handler)", finding.ExampleTestOutline);
        Assert.Contains("sent.Headers.GetValues(\"X-Correlation-ID\")", finding.ExampleTestOutline);
        Assert.Contains("sut.ReserveAsync(", finding.ExampleTestOutline);
    }

    [Fact]
    public void A_logging_request_handler_without_any_correlation_concept_is_reported()
    {
        const string production = """
            using Microsoft.Extensions.Logging;

            namespace Shop.Api;

            public sealed class RefundRequestHandler(ILogger<RefundRequestHandler> logger)
            {
                public Task HandleAsync(Guid orderId, CancellationToken cancellationToken)
                {
                    logger.LogInformation("Refund requested for {OrderId}", orderId);
                    return Task.CompletedTask;
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Shop.Api", production)], []).Of("TG0802"));

        Assert.Equal(SnippetSuite.LineOf(production, "public sealed class RefundRequestHandler"), finding.Location?.Line);
        Assert.Contains("`RefundRequestHandler` handles incoming requests or messages and logs", finding.MissingOrBrokenTest);
        Assert.Contains("no production code carries one", finding.MissingOrBrokenTest);
        Assert.Contains("`RefundRequestHandler`", finding.Risk);
        Assert.Contains("new FakeLogger<RefundRequestHandler>()", finding.ExampleTestOutline);
        Assert.Contains("sut.HandleAsync(", finding.ExampleTestOutline);
    }

    [Fact]
    public void A_library_without_correlation_or_request_handling_needs_no_correlation_test()
    {
        const string production = """
            using Microsoft.Extensions.Logging;

            namespace Shop.Pricing;

            public sealed class PriceCalculator(ILogger<PriceCalculator> logger)
            {
                public decimal Total(decimal unitPrice, int quantity)
                {
                    logger.LogDebug("Pricing {Quantity} units", quantity);
                    return unitPrice * quantity;
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([new Snippet("Shop.Pricing", production)], []).Of("TG0802"));
    }

    [Fact]
    public void A_statistical_correlation_is_not_a_correlation_id()
    {
        const string production = """
            namespace Shop.Analytics;

            public static class SalesStatistics
            {
                public static double PearsonCorrelation(double[] x, double[] y) => x.Zip(y, (a, b) => a * b).Sum();

                public static string Describe(double correlation) => $"correlation {correlation:0.00}";
            }
            """;

        Assert.Empty(SnippetSuite.Review([new Snippet("Shop.Analytics", production)], []).Of("TG0802"));
    }

    [Fact]
    public void Correlation_id_asserted_in_the_log_record_satisfies_TG0802()
    {
        var test = XunitTest("""
                [Fact(Timeout = 10_000)]
                public async Task Pay_gateway_down_logs_the_callers_correlation_id()
                {
                    var service = new OrderService(_gateway, _logger);
                    await Assert.ThrowsAsync<InvalidOperationException>(() => service.PayAsync(Guid.NewGuid(), Correlation.Id, CancellationToken.None));

                    var record = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
                    Assert.Equal(Correlation.Id, record.GetStructuredStateValue("CorrelationId"));
                }
            """);

        Assert.Empty(Review(OrderService, test).Of("TG0802"));
    }

    [Fact]
    public void Correlation_id_asserted_on_the_outgoing_request_satisfies_TG0802()
    {
        var test = XunitTest("""
                [Fact(Timeout = 10_000)]
                public async Task Pay_sends_the_callers_correlation_id_to_the_gateway()
                {
                    var gateway = new RecordingGateway();
                    await new OrderService(gateway, _logger).PayAsync(Guid.NewGuid(), "corr-7", CancellationToken.None);

                    Assert.Equal("corr-7", Assert.Single(gateway.Calls).CorrelationId);
                }
            """);

        Assert.Empty(Review(OrderService, test).Of("TG0802"));
    }

    [Fact]
    public void Trace_id_of_an_activity_asserted_satisfies_TG0802()
    {
        const string production = """
            using System.Diagnostics;

            namespace Shop.Application;

            public sealed class Checkout
            {
                private static readonly ActivitySource Source = new("Shop.Checkout");

                public Task RunAsync()
                {
                    using var activity = Source.StartActivity("checkout");
                    return Task.CompletedTask;
                }
            }
            """;
        const string test = """
            using System.Diagnostics;

            namespace Shop.ApplicationTests;

            public class CheckoutTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Checkout_continues_the_callers_trace()
                {
                    var activities = new List<Activity>();
                    using var listener = new ActivityListener { ShouldListenTo = _ => true, ActivityStopped = activities.Add };
                    ActivitySource.AddActivityListener(listener);
                    using var parent = new Activity("caller").Start();

                    await new Checkout().RunAsync();

                    Assert.Equal(parent.TraceId, Assert.Single(activities).TraceId);
                }
            }
            """;

        Assert.Single(Review(production).Of("TG0802"));
        Assert.Empty(Review(production, test).Of("TG0802"));
    }

    // ------------------------------------------------------------------ TG0803

    private const string Metrics = """
        using System.Diagnostics.Metrics;

        namespace Shop.Application;

        public interface IOrderMetrics
        {
            void PaymentFailed(string reason);
        }

        public sealed class OrderMetrics : IOrderMetrics
        {
            public const string FailedPayments = "shop.payments.failed";
            private readonly Counter<long> _failed;
            private readonly Counter<long> _placed;

            public OrderMetrics(Meter meter)
            {
                _placed = meter.CreateCounter<long>("shop.orders.placed");
                _failed = meter.CreateCounter<long>(FailedPayments);
            }

            public void OrderPlaced() => _placed.Add(1);

            public void PaymentFailed(string reason) => _failed.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }

        public sealed class PaymentService(IPaymentProvider provider, IOrderMetrics metrics)
        {
            public async Task PayAsync(Guid orderId)
            {
                try { await provider.ChargeAsync(orderId); }
                catch (TimeoutException) { metrics.PaymentFailed("timeout"); throw; }
            }
        }

        public interface IPaymentProvider { Task ChargeAsync(Guid orderId); }
        """;

    [Theory]
    [InlineData("private const string MeterName = \"Notify\";", "meterFactory.Create(MeterName)", "\"Notify\"")]
    [InlineData("", "meterFactory.Create(\"Notify\")", "\"Notify\"")]
    [InlineData("", "meterFactory.Create(new MeterOptions(\"Notify\"))", "/* the meter name */ \"NotifyMetrics\"")]
    public void The_metric_outline_collects_from_the_meter_the_type_creates(string constant, string creation, string expected)
    {
        var production = $$"""
            using System.Diagnostics.Metrics;

            namespace Notify.Application;

            public sealed class NotifyMetrics
            {
                {{constant}}
                private readonly Counter<long> _failed;

                public NotifyMetrics(IMeterFactory meterFactory)
                {
                    var meter = {{creation}};
                    _failed = meter.CreateCounter<long>("notify.dispatch.failed");
                }

                public void Failed() => _failed.Add(1);
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review([new Snippet("Notify.Application", production)], []).Of("TG0803"));

        Assert.Contains($"new MetricCollector<long>(meterFactory, {expected}, \"notify.dispatch.failed\")", finding.ExampleTestOutline);
    }

    [Fact]
    public void Failure_counter_without_a_test_is_reported_at_the_instrument()
    {
        var finding = Assert.Single(Review(Metrics).Of("TG0803"));

        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Equal(SnippetSuite.LineOf(Metrics, "CreateCounter<long>(FailedPayments)"), finding.Location?.Line);
        Assert.Equal("Shop.Application.OrderMetrics", finding.Location?.Symbol);
        Assert.Contains("`OrderMetrics` creates `shop.payments.failed` (`CreateCounter<long>` in `OrderMetrics`, line " + SnippetSuite.LineOf(Metrics, "CreateCounter<long>(FailedPayments)"), finding.MissingOrBrokenTest);
        Assert.Contains("one of 2 instruments", finding.MissingOrBrokenTest);
        Assert.Contains("recorded through `OrderMetrics.PaymentFailed` by `PaymentService`", finding.MissingOrBrokenTest);
        Assert.Contains("`shop.payments.failed`", finding.Risk);
        Assert.Contains("`PaymentService` starts failing", finding.Risk);
        Assert.Equal("Application", finding.RecommendedTestType);
        Assert.Contains("new MetricCollector<long>(meter, OrderMetrics.FailedPayments)", finding.ExampleTestOutline);
        Assert.Contains("new PaymentService(/* other dependencies, */ paymentProvider, new OrderMetrics(meter))", finding.ExampleTestOutline);
        Assert.Contains("sut.PayAsync(", finding.ExampleTestOutline);
        Assert.Contains("collector.GetMeasurementSnapshot()", finding.ExampleTestOutline);
    }

    [Fact]
    public void Measurements_asserted_only_on_the_success_path_do_not_prove_failure_metrics()
    {
        const string test = """
            using System.Diagnostics.Metrics;
            using Microsoft.Extensions.Diagnostics.Metrics.Testing;

            namespace Shop.ApplicationTests;

            public class OrderMetricsTests
            {
                [Fact]
                public void Placed_order_is_counted()
                {
                    using var meter = new Meter("test");
                    using var collector = new MetricCollector<long>(meter, "shop.orders.placed");

                    new OrderMetrics(meter).OrderPlaced();

                    Assert.Equal(1, Assert.Single(collector.GetMeasurementSnapshot()).Value);
                }
            }
            """;

        var finding = Assert.Single(Review(Metrics, test).Of("TG0803"));

        Assert.Contains("OrderMetricsTests.Placed_order_is_counted asserts measurements, but not on a failure path", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void Asserting_that_a_failure_records_nothing_does_not_count()
    {
        const string test = """
            using System.Diagnostics.Metrics;
            using Microsoft.Extensions.Diagnostics.Metrics.Testing;

            namespace Shop.ApplicationTests;

            public class PaymentServiceTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Pay_times_out()
                {
                    using var meter = new Meter("test");
                    using var collector = new MetricCollector<long>(meter, OrderMetrics.FailedPayments);
                    var service = new PaymentService(new TimingOutProvider(), new OrderMetrics(meter));

                    await Assert.ThrowsAsync<TimeoutException>(() => service.PayAsync(Guid.NewGuid()));

                    Assert.Empty(collector.GetMeasurementSnapshot());
                }
            }
            """;

        Assert.Single(Review(Metrics, test).Of("TG0803"));
    }

    [Fact]
    public void MetricCollector_on_a_failure_path_satisfies_TG0803()
    {
        const string test = """
            using System.Diagnostics.Metrics;
            using Microsoft.Extensions.Diagnostics.Metrics.Testing;

            namespace Shop.ApplicationTests;

            public class PaymentServiceTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Pay_times_out_and_counts_the_failure()
                {
                    using var meter = new Meter("test");
                    using var collector = new MetricCollector<long>(meter, OrderMetrics.FailedPayments);
                    var service = new PaymentService(new TimingOutProvider(), new OrderMetrics(meter));

                    await Assert.ThrowsAsync<TimeoutException>(() => service.PayAsync(Guid.NewGuid()));

                    var measurement = Assert.Single(collector.GetMeasurementSnapshot());
                    Assert.Equal("timeout", measurement.Tags["reason"]);
                }
            }
            """;

        Assert.Empty(Review(Metrics, test).Of("TG0803"));
    }

    [Fact]
    public void A_verified_mock_of_the_metrics_interface_on_a_failure_path_satisfies_TG0803()
    {
        const string test = """
            using NSubstitute;

            namespace Shop.ApplicationTests;

            public class PaymentServiceTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Pay_timeout_is_counted()
                {
                    var metrics = Substitute.For<IOrderMetrics>();
                    var provider = Substitute.For<IPaymentProvider>();
                    provider.ChargeAsync(Arg.Any<Guid>()).Returns<Task>(_ => throw new TimeoutException());

                    await Assert.ThrowsAsync<TimeoutException>(() => new PaymentService(provider, metrics).PayAsync(Guid.NewGuid()));

                    metrics.Received(1).PaymentFailed("timeout");
                }
            }
            """;

        Assert.Empty(Review(Metrics, test).Of("TG0803"));
    }

    [Fact]
    public void A_MeterListener_on_a_failure_path_satisfies_TG0803()
    {
        const string test = """
            using System.Diagnostics.Metrics;

            namespace Shop.ApplicationTests;

            public class PaymentServiceTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Pay_failure_is_measured()
                {
                    using var meter = new Meter("test");
                    var recorded = new List<long>();
                    using var listener = new MeterListener { InstrumentPublished = (instrument, l) => l.EnableMeasurementEvents(instrument) };
                    listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) => recorded.Add(value));
                    listener.Start();

                    await Assert.ThrowsAsync<TimeoutException>(() => new PaymentService(new TimingOutProvider(), new OrderMetrics(meter)).PayAsync(Guid.NewGuid()));

                    Assert.Equal([1L], recorded);
                }
            }
            """;

        Assert.Empty(Review(Metrics, test).Of("TG0803"));
    }

    [Fact]
    public void Production_without_instruments_needs_no_metric_test()
    {
        Assert.Empty(Review(OrderService).Of("TG0803"));
    }
}
