using TestGate.Core.Model;

namespace TestGate.Rules.Tests;

/// <summary>TG0601–TG0605: timeouts, retry exhaustion, open circuit, partial DB failure and cache failure need tests.</summary>
public class FailureModesRulesTests
{
    private static IReadOnlyList<Finding> Review(string production, params string[] tests) =>
        SnippetSuite.Review([new Snippet("Shop.Application", production)], tests.Select(t => new Snippet("Shop.ApplicationTests", t)));

    private const string NoTests = "namespace Shop.ApplicationTests; public class None { [Fact] public void Nothing() => Assert.True(true); }";

    // ------------------------------------------------------------------------------------------------ TG0601

    private const string Payments = """
        namespace Shop.Application;

        public interface IPaymentGateway
        {
            Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken);
        }

        public sealed class OrderService
        {
            private readonly IPaymentGateway _payments;

            public OrderService(IPaymentGateway payments) { _payments = payments; }

            public async Task<bool> PayAsync(Guid orderId, CancellationToken cancellationToken)
            {
                var result = await _payments.ChargeAsync(new PaymentRequest(orderId), cancellationToken);
                return result.Approved;
            }
        }
        """;

    [Fact]
    public void An_external_gateway_without_a_timeout_test_is_reported_at_the_calling_method()
    {
        var finding = Assert.Single(Review(Payments, NoTests).Of("TG0601"));

        Assert.Equal(Severity.P1, finding.Severity);
        Assert.Contains("IPaymentGateway", finding.MissingOrBrokenTest);
        Assert.Contains("OrderService.PayAsync", finding.MissingOrBrokenTest);
        Assert.Contains("No timeout was found around IPaymentGateway", finding.Risk);
        Assert.Equal("Application", finding.RecommendedTestType);
        Assert.Contains("private sealed class HangingPaymentGateway : IPaymentGateway", finding.ExampleTestOutline);
        Assert.Contains("public async Task<PaymentResult> ChargeAsync(PaymentRequest paymentRequest, CancellationToken cancellationToken)", finding.ExampleTestOutline);
        Assert.Contains("orderService.PayAsync(Guid.NewGuid(), CancellationToken.None)", finding.ExampleTestOutline);
        Assert.Equal(new SourceLocation("/repo/src/Shop.Application/File0.cs", 14, "Shop.Application.OrderService"), finding.Location);
    }

    [Fact]
    public void An_HttpClient_wrapper_without_a_timeout_test_is_reported_at_its_http_call()
    {
        const string production = """
            namespace Shop.Infrastructure;

            public sealed class StripeClient
            {
                private readonly HttpClient _http;

                public StripeClient(HttpClient http) { _http = http; }

                public async Task<string> CreateChargeAsync(decimal amount, CancellationToken cancellationToken)
                {
                    using var response = await _http.PostAsJsonAsync("v1/charges", new { amount }, cancellationToken);
                    return await response.Content.ReadAsStringAsync(cancellationToken);
                }
            }
            """;

        var finding = Assert.Single(Review(production, NoTests).Of("TG0601"));

        Assert.Contains("StripeClient (wraps HttpClient)", finding.MissingOrBrokenTest);
        Assert.Contains("HttpClient's default 100 seconds", finding.Risk);
        Assert.Contains("TaskCanceledException", finding.MissingOrBrokenTest);
        Assert.Contains("new HttpClient(new HangingHandler())", finding.ExampleTestOutline);
        Assert.Equal(9, finding.Location?.Line);
    }

    [Theory]
    [InlineData("_http.Timeout = TimeSpan.FromSeconds(5);", "has a configured timeout (HttpClient.Timeout)")]
    [InlineData("", "has no timeout to test: give it one")]
    public void A_second_client_without_a_timeout_test_is_a_note_where_another_timeout_is_tested(string configuredTimeout, string why)
    {
        var production = Payments + $$"""

            public sealed class ShippingClient
            {
                private readonly HttpClient _http;

                public ShippingClient(HttpClient http) { _http = http; {{configuredTimeout}} }

                public async Task<string> QuoteAsync(string postcode, CancellationToken cancellationToken) =>
                    await _http.GetStringAsync($"quotes/{postcode}", cancellationToken);
            }
            """;
        var finding = Assert.Single(Review(production, SlowGatewayTest(string.Empty, DelayingReturns)).Of("TG0601"));
        Assert.Contains("ShippingClient", finding.MissingOrBrokenTest);
        Assert.Equal(Severity.P3, finding.Severity);
        Assert.Contains(why, finding.MissingOrBrokenTest);
    }

    [Fact]
    public void Without_any_timeout_test_a_client_without_a_timeout_stays_an_error()
    {
        var production = Payments + """

            public sealed class ShippingClient(HttpClient http)
            {
                public async Task<string> QuoteAsync(string postcode, CancellationToken cancellationToken) =>
                    await http.GetStringAsync($"quotes/{postcode}", cancellationToken);
            }
            """;

        var findings = Review(production, NoTests).Of("TG0601");

        Assert.Contains(findings, f => f.MissingOrBrokenTest.Contains("ShippingClient", StringComparison.Ordinal) && f.Severity == Severity.P1);
    }

    private const string DelayingReturns = ".Returns(async (PaymentRequest _, CancellationToken token) => { await Task.Delay(TimeSpan.FromSeconds(30), token); return null!; });";

    /// <summary>A test that makes the payment gateway slow with <paramref name="returns"/> and expects the timeout.</summary>
    private static string SlowGatewayTest(string arrange, string returns) => $$"""
        namespace Shop.ApplicationTests;

        public class PaymentTests
        {
            [Fact(Timeout = 10_000)]
            public async Task Pay_GatewayIsSlow_TimesOut()
            {
                {{arrange}}
                var gateway = new Mock<IPaymentGateway>();
                gateway.Setup(g => g.ChargeAsync(It.IsAny<PaymentRequest>(), It.IsAny<CancellationToken>())){{returns}}
                var service = new OrderService(gateway.Object);

                await Assert.ThrowsAsync<TimeoutRejectedException>(() => service.PayAsync(Guid.NewGuid(), CancellationToken.None));
            }
        }
        """;

    [Theory]
    [InlineData(DelayingReturns, "", true)]
    [InlineData(".Returns(new TaskCompletionSource<PaymentResult>().Task);", "", true)]
    [InlineData(".Returns(never.Task);", "var never = new TaskCompletionSource<PaymentResult>();", true)]
    [InlineData(".Returns(signal.Task);", "var signal = new TaskCompletionSource<PaymentResult>(); signal.SetResult(null!);", false)]
    public void A_mock_that_delays_or_never_completes_and_a_timeout_assertion_satisfy_the_rule(string returns, string arrange, bool counts)
    {
        var test = SlowGatewayTest(arrange, returns);

        Assert.Equal(counts, Review(Payments, test).Of("TG0601").Count == 0);
    }

    [Fact]
    public void A_hanging_fake_reached_through_a_harness_satisfies_the_rule()
    {
        const string fake = """
            namespace Shop.ApplicationTests;

            internal sealed class ScriptedGateway : IPaymentGateway
            {
                private Func<CancellationToken, Task<PaymentResult>> _step = _ => Task.FromResult(PaymentResult.Approved());

                public ScriptedGateway Hangs()
                {
                    _step = async token => { await Task.Delay(Timeout.InfiniteTimeSpan, token); return null!; };
                    return this;
                }

                public Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken) => _step(cancellationToken);
            }

            internal sealed class Harness
            {
                public ScriptedGateway Gateway { get; } = new();
                public OrderService Service => new(Gateway);
            }
            """;
        const string test = """
            namespace Shop.ApplicationTests;

            public class PaymentTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Pay_GatewayTimesOut_FailsTheAttempt()
                {
                    var harness = new Harness();
                    harness.Gateway.Hangs();
                    await Assert.ThrowsAnyAsync<Exception>(() => harness.Service.PayAsync(Guid.NewGuid(), CancellationToken.None));
                }
            }
            """;

        Assert.Empty(Review(Payments, fake, test).Of("TG0601"));
    }

    [Fact]
    public void An_always_hanging_fake_created_by_the_test_satisfies_the_rule()
    {
        const string fake = """
            namespace Shop.ApplicationTests;

            internal sealed class HangingPaymentGateway : IPaymentGateway
            {
                public async Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken)
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                    throw new InvalidOperationException("unreachable");
                }
            }
            """;
        const string test = """
            namespace Shop.ApplicationTests;

            public class PaymentTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Hanging_payment_provider_times_out_with_a_gateway_error()
                {
                    var service = new OrderService(new HangingPaymentGateway());
                    await Assert.ThrowsAsync<PaymentUnavailableException>(() => service.PayAsync(Guid.NewGuid(), CancellationToken.None));
                }
            }
            """;

        Assert.Empty(Review(Payments, fake, test).Of("TG0601"));
    }

    [Fact]
    public void A_fake_clock_field_advanced_in_the_test_makes_the_dependency_slow()
    {
        const string test = """
            namespace Shop.ApplicationTests;

            public class PaymentTests
            {
                private readonly FakeTimeProvider _clock = new();

                [Fact(Timeout = 10_000)]
                public async Task Pay_GatewayNeverAnswers_TimesOutAfterTwoSeconds()
                {
                    var gateway = Substitute.For<IPaymentGateway>();
                    gateway.ChargeAsync(Arg.Any<PaymentRequest>(), Arg.Any<CancellationToken>()).Returns(new TaskCompletionSource<PaymentResult>().Task);
                    var payment = new OrderService(gateway).PayAsync(Guid.NewGuid(), CancellationToken.None);
                    _clock.Advance(TimeSpan.FromSeconds(2));
                    await Assert.ThrowsAsync<TimeoutRejectedException>(() => payment);
                }
            }
            """;

        Assert.Empty(Review(Payments, test).Of("TG0601"));
    }

    [Fact]
    public void A_cancellation_test_or_a_timeout_name_without_a_slow_dependency_does_not_count()
    {
        const string cancellation = """
            namespace Shop.ApplicationTests;

            public class PaymentTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Pay_CancelledWhileCharging_Stops()
                {
                    var gateway = new Mock<IPaymentGateway>();
                    gateway.Setup(g => g.ChargeAsync(It.IsAny<PaymentRequest>(), It.IsAny<CancellationToken>()))
                        .Returns(async (PaymentRequest _, CancellationToken token) => { await Task.Delay(Timeout.InfiniteTimeSpan, token); return null!; });
                    using var cancellation = new CancellationTokenSource();
                    var payment = new OrderService(gateway.Object).PayAsync(Guid.NewGuid(), cancellation.Token);
                    cancellation.Cancel();
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => payment);
                }
            }
            """;
        const string nameOnly = """
            namespace Shop.ApplicationTests;

            public class PaymentTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Pay_GatewayTimeout_IsReported()
                {
                    var gateway = new Mock<IPaymentGateway>();
                    gateway.Setup(g => g.ChargeAsync(It.IsAny<PaymentRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(new HttpRequestException());
                    await Assert.ThrowsAsync<HttpRequestException>(() => new OrderService(gateway.Object).PayAsync(Guid.NewGuid(), CancellationToken.None));
                }
            }
            """;

        Assert.Single(Review(Payments, cancellation).Of("TG0601"));
        Assert.Single(Review(Payments, nameOnly).Of("TG0601"));
    }

    [Fact]
    public void Domain_types_named_client_and_database_clients_are_not_external_services()
    {
        const string production = """
            namespace Shop.Domain;

            public sealed class CorporateClient { public string Name { get; init; } = ""; }

            public sealed class InvoiceService
            {
                private readonly CorporateClient _client;
                private readonly IMongoClient _mongo;

                public InvoiceService(CorporateClient client, IMongoClient mongo) { _client = client; _mongo = mongo; }

                public string Bill() => _client.Name;
            }
            """;

        Assert.Empty(Review(production, NoTests).Of("TG0601"));
    }

    [Fact]
    public void A_declared_boundary_is_an_external_dependency_whatever_its_name()
    {
        const string production = """
            namespace Shop.Application;

            public interface IShippingCarrier { Task<string> BookAsync(Guid orderId, CancellationToken cancellationToken); }

            public sealed class ShippingService
            {
                private readonly IShippingCarrier _carrier;
                public ShippingService(IShippingCarrier carrier) { _carrier = carrier; }
                public Task<string> ShipAsync(Guid orderId, CancellationToken cancellationToken) => _carrier.BookAsync(orderId, cancellationToken);
            }
            """;

        Assert.Empty(Review(production, NoTests).Of("TG0601"));
        var finding = Assert.Single(SnippetSuite.Review(
            [new Snippet("Shop.Application", production)],
            [new Snippet("Shop.ApplicationTests", NoTests)],
            boundaries: ["Shop.Application.IShippingCarrier"]).Of("TG0601"));
        Assert.Contains("IShippingCarrier (a declared TestGateBoundary)", finding.MissingOrBrokenTest);
        Assert.Contains("ShippingService.ShipAsync", finding.MissingOrBrokenTest);
    }

    [Theory]
    [InlineData("var gateway = new ScriptedGateway();", false)]
    [InlineData("var gateway = new ScriptedGateway().WillHangUntilCancelled();", true)]
    public void A_fake_whose_hang_is_switched_on_by_a_member_makes_only_the_tests_that_switch_it_timeout_tests(string arrange, bool counts)
    {
        var test = $$"""
            namespace Shop.ApplicationTests;

            internal sealed class ScriptedGateway : IPaymentGateway
            {
                private Func<CancellationToken, Task<PaymentResult>> _step = _ => Task.FromResult(PaymentResult.Approved());

                public ScriptedGateway WillHangUntilCancelled()
                {
                    _step = async token => { await Task.Delay(Timeout.InfiniteTimeSpan, token); return null!; };
                    return this;
                }

                public Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken) => _step(cancellationToken);
            }

            public class PaymentTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Pay_stops_when_the_caller_cancels()
                {
                    {{arrange}}
                    using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new OrderService(gateway).PayAsync(Guid.NewGuid(), cancellation.Token));
                }
            }
            """;

        Assert.Equal(counts, Review(Payments, test).Of("TG0601").Count == 0);
    }

    [Theory]
    [InlineData("Caller_cancellation_is_not_reported_as_an_outage", true)]
    [InlineData("An_insurer_that_does_not_answer_in_time_times_out", false)]
    public void Where_the_client_configures_its_own_timeout_a_test_of_the_caller_cancelling_does_not_test_it(string testName, bool fires)
    {
        const string production = """
            namespace Shop.Infrastructure;

            public sealed class InsuranceQuoteClient(HttpClient http)
            {
                private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
                    .AddTimeout(TimeSpan.FromSeconds(3))
                    .Build();

                public async Task<decimal> QuoteAsync(string sku, CancellationToken cancellationToken)
                {
                    using var response = await _pipeline.ExecuteAsync(async ct => await http.GetAsync($"quotes/{sku}", ct), cancellationToken);
                    return await response.Content.ReadFromJsonAsync<decimal>(cancellationToken);
                }
            }
            """;
        var tests = $$"""
            namespace Shop.IntegrationTests;

            public class InsuranceQuoteClientTests
            {
                private sealed class HangingInsurer : HttpMessageHandler
                {
                    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                    {
                        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                        return new HttpResponseMessage();
                    }
                }

                [Fact(Timeout = 10_000)]
                public async Task {{testName}}()
                {
                    var client = new InsuranceQuoteClient(new HttpClient(new HangingInsurer()) { BaseAddress = new Uri("https://insurer.test/") });
                    using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.QuoteAsync("EXC-1", cancellation.Token));
                }
            }
            """;

        var findings = SnippetSuite.Review([new Snippet("Shop.Infrastructure", production)], [new Snippet("Shop.IntegrationTests", tests)]);

        Assert.Equal(fires, findings.Of("TG0601").Count == 1);
    }

    private const string SmsAdapter = """
        namespace Shop.Infrastructure;

        public interface ISmsSender { Task SendAsync(string to, string body, CancellationToken cancellationToken); }

        public sealed class TwilioSmsSender : ISmsSender
        {
            private readonly ITwilioRestClient _client;

            public TwilioSmsSender(ITwilioRestClient client) { _client = client; }

            public async Task SendAsync(string to, string body, CancellationToken cancellationToken) =>
                await MessageResource.CreateAsync(new CreateMessageOptions(to) { Body = body }, _client).WaitAsync(cancellationToken);
        }

        public sealed class ReminderDispatcher
        {
            private readonly ISmsSender _sms;

            public ReminderDispatcher(ISmsSender sms) { _sms = sms; }

            public async Task<bool> RemindAsync(string to, TimeSpan sendTimeout, CancellationToken cancellationToken)
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(sendTimeout);
                try { await _sms.SendAsync(to, "Your appointment is tomorrow", deadline.Token); return true; }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { return false; }
            }
        }
        """;

    [Fact]
    public void A_timeout_test_that_makes_the_adapters_interface_hang_covers_the_client_behind_the_adapter()
    {
        const string test = """
            namespace Shop.ApplicationTests;

            public class ReminderDispatcherTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Remind_WhenTheProviderHangs_GivesUpAfterTheSendTimeout()
                {
                    var dispatcher = new ReminderDispatcher(new HangingSmsSender());

                    var sent = await dispatcher.RemindAsync("+15550100", TimeSpan.FromMilliseconds(200), CancellationToken.None);

                    Assert.False(sent);
                }

                private sealed class HangingSmsSender : ISmsSender
                {
                    public Task SendAsync(string to, string body, CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
                }
            }
            """;

        var untested = Assert.Single(Review(SmsAdapter, NoTests).Of("TG0601"));
        Assert.Contains("No test makes ITwilioRestClient", untested.MissingOrBrokenTest);

        Assert.Empty(Review(SmsAdapter, test).Of("TG0601"));
    }

    [Fact]
    public void A_timeout_registered_for_another_client_is_not_named_in_the_risk()
    {
        const string registration = """

            public static class Registration
            {
                public static IServiceCollection AddClients(this IServiceCollection services)
                {
                    services.AddHttpClient<IEligibilityClient, EligibilityClient>(http => http.Timeout = TimeSpan.FromSeconds(5));
                    return services;
                }
            }

            public interface IEligibilityClient { Task<bool> CheckAsync(string patient, CancellationToken cancellationToken); }

            public sealed class EligibilityClient(HttpClient http) : IEligibilityClient
            {
                public async Task<bool> CheckAsync(string patient, CancellationToken cancellationToken) =>
                    (await http.GetAsync($"eligibility/{patient}", cancellationToken)).IsSuccessStatusCode;
            }
            """;

        var twilio = Assert.Single(Review(SmsAdapter + registration, NoTests).Of("TG0601"), f => f.MissingOrBrokenTest.Contains("ITwilioRestClient", StringComparison.Ordinal));

        Assert.DoesNotContain("Registration", twilio.Risk);
        Assert.Contains("No timeout was found around ITwilioRestClient", twilio.Risk);
    }

    [Fact]
    public void A_pipeline_named_after_another_client_is_not_named_in_the_risk()
    {
        const string pipeline = """

            public static class EligibilityResiliencePipeline
            {
                public static ResiliencePipeline Create() => new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(2)).Build();
            }

            public interface IEligibilityClient { Task<bool> CheckAsync(string patient, CancellationToken cancellationToken); }

            public sealed class EligibilityService(IEligibilityClient eligibility)
            {
                public Task<bool> CheckAsync(string patient, CancellationToken cancellationToken) => eligibility.CheckAsync(patient, cancellationToken);
            }
            """;

        var findings = Review(SmsAdapter + pipeline, NoTests).Of("TG0601");

        var twilio = Assert.Single(findings, f => f.MissingOrBrokenTest.Contains("ITwilioRestClient", StringComparison.Ordinal));
        Assert.Contains("No timeout was found around ITwilioRestClient", twilio.Risk);
        var eligibility = Assert.Single(findings, f => f.MissingOrBrokenTest.Contains("IEligibilityClient", StringComparison.Ordinal));
        Assert.Contains("AddTimeout in EligibilityResiliencePipeline.Create", eligibility.Risk);
    }

    [Fact]
    public void A_configured_timeout_is_named_in_the_risk()
    {
        const string production = Payments + """

            public static class PaymentPipeline
            {
                public static ResiliencePipeline Create() => new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(2)).Build();
            }
            """;

        var finding = Assert.Single(Review(production, NoTests).Of("TG0601"));

        Assert.Contains("AddTimeout in PaymentPipeline.Create", finding.Risk);
        Assert.Contains("TimeoutRejectedException", finding.ExampleTestOutline);
    }

    // ------------------------------------------------------------------------------------------------ TG0602, TG0603

    private const string Pipeline = """
        namespace Shop.Application;

        public static class PaymentResiliencePipeline
        {
            public static ResiliencePipeline Create(PaymentResilienceOptions options, TimeProvider timeProvider)
            {
                var transient = new PredicateBuilder().Handle<PaymentGatewayException>();
                return new ResiliencePipelineBuilder { TimeProvider = timeProvider }
                    .AddRetry(new RetryStrategyOptions { ShouldHandle = transient, MaxRetryAttempts = options.MaxRetryAttempts })
                    .AddCircuitBreaker(new CircuitBreakerStrategyOptions { ShouldHandle = transient, MinimumThroughput = 10 })
                    .Build();
            }
        }
        """;

    [Theory]
    [InlineData(".AddStandardResilienceHandler()", "P3")]
    [InlineData(".AddStandardResilienceHandler(o => o.Retry.MaxRetryAttempts = 5)", "P1")]
    public void A_standard_resilience_handler_left_at_its_defaults_is_a_note(string handler, string severity)
    {
        var production = $$"""
            namespace Shop.Infrastructure;

            public static class Registration
            {
                public static IServiceCollection AddEvents(this IServiceCollection services)
                {
                    services.AddHttpClient<IEventPublisher, HttpEventPublisher>(){{handler}};
                    return services;
                }
            }
            """;

        var findings = Review(production, NoTests);

        Assert.Equal(severity, Assert.Single(findings.Of("TG0602")).Severity.ToString());
        Assert.Equal(severity, Assert.Single(findings.Of("TG0603")).Severity.ToString());
        if (severity == "P3")
        {
            Assert.EndsWith("(the handler runs with the library's default settings: a note, not a warning).", findings.Of("TG0602")[0].MissingOrBrokenTest);
        }
    }

    [Theory]
    [InlineData("foreach (var message in due)", false)]
    [InlineData("foreach (var delay in _retryDelays)", true)]
    public void A_foreach_over_a_batch_is_not_a_retry_loop_whatever_its_catch_logs(string loop, bool isRetry)
    {
        var production = $$"""
            namespace Shop.Application;

            public sealed class OutboxDispatcher(IEventBus bus, ILogger<OutboxDispatcher> logger)
            {
                private readonly TimeSpan[] _retryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

                public async Task DispatchAsync(IReadOnlyList<OutboxMessage> due, CancellationToken ct)
                {
                    {{loop}}
                    {
                        try
                        {
                            await bus.PublishAsync(due[0], ct);
                            return;
                        }
                        catch (Exception ex)
                        {
                            logger.LogWarning(ex, "Publishing failed (attempt {Attempt})", due[0].Attempts);
                        }
                    }
                }
            }
            """;

        Assert.Equal(isRetry, Review(production, NoTests).Of("TG0602").Count == 1);
    }

    [Fact]
    public void A_retry_and_a_breaker_without_tests_are_reported_at_their_configuration()
    {
        var findings = Review(Pipeline, NoTests);

        var retry = Assert.Single(findings.Of("TG0602"));
        Assert.Contains("PaymentResiliencePipeline.Create (AddRetry)", retry.MissingOrBrokenTest);
        Assert.Contains("PaymentGatewayException", retry.Risk);
        Assert.Contains("PaymentResiliencePipeline.Create(paymentResilienceOptions, TimeProvider.System)", retry.ExampleTestOutline);
        Assert.Contains("await Assert.ThrowsAnyAsync<PaymentGatewayException>", retry.ExampleTestOutline);
        Assert.Equal(9, retry.Location?.Line);
        Assert.Equal("Shop.Application.PaymentResiliencePipeline", retry.Location?.Symbol);

        var breaker = Assert.Single(findings.Of("TG0603"));
        Assert.Contains("PaymentResiliencePipeline.Create (AddCircuitBreaker)", breaker.MissingOrBrokenTest);
        Assert.Contains("BrokenCircuitException", breaker.ExampleTestOutline);
        Assert.Equal(10, breaker.Location?.Line);
    }

    [Fact]
    public void A_breaker_built_in_a_constructor_names_the_constructor_and_the_dependency_its_pipeline_runs()
    {
        const string production = """
            namespace Shop.Application;

            public interface IPaymentProvider { Task<string> ChargeAsync(string orderId, CancellationToken ct); }
            public interface IFxRatesClient { Task<decimal> GetRateAsync(string currency, CancellationToken ct); }

            public sealed class ChargeService
            {
                private readonly IPaymentProvider _provider;
                private readonly IFxRatesClient _fxRates;
                private readonly ResiliencePipeline _pipeline;

                public ChargeService(IPaymentProvider provider, IFxRatesClient fxRates)
                {
                    _provider = provider;
                    _fxRates = fxRates;
                    _pipeline = new ResiliencePipelineBuilder()
                        .AddCircuitBreaker(new CircuitBreakerStrategyOptions { MinimumThroughput = 5, FailureRatio = 0.5 })
                        .Build();
                }

                public async Task<string> ChargeAsync(string orderId, string currency, CancellationToken ct)
                {
                    var rate = await _fxRates.GetRateAsync(currency, ct);
                    return await _pipeline.ExecuteAsync(async token => await _provider.ChargeAsync(orderId, token), ct);
                }
            }
            """;

        var breaker = Assert.Single(Review(production, NoTests).Of("TG0603"));

        Assert.Contains("the circuit breaker at the ChargeService constructor (AddCircuitBreaker)", breaker.MissingOrBrokenTest);
        Assert.Contains("without reaching IPaymentProvider", breaker.MissingOrBrokenTest);
        Assert.DoesNotContain("IFxRatesClient", breaker.MissingOrBrokenTest);
    }

    private const string PipelineTests = """
        namespace Shop.ApplicationTests;

        public class PaymentPipelineTests
        {
            [Fact(Timeout = 10_000)]
            public async Task Create_RetriesExhausted_ThrowsTheLastFailure()
            {
                var pipeline = PaymentResiliencePipeline.Create(new PaymentResilienceOptions(), TimeProvider.System);
                var attempts = 0;
                await Assert.ThrowsAsync<PaymentGatewayException>(() => pipeline.ExecuteAsync(_ => { attempts++; throw new PaymentGatewayException(); }).AsTask());
                Assert.Equal(4, attempts);
            }

            [Fact(Timeout = 10_000)]
            public async Task Create_CircuitOpen_FailsFast()
            {
                var pipeline = PaymentResiliencePipeline.Create(new PaymentResilienceOptions(), TimeProvider.System);
                await Record.ExceptionAsync(() => Fail(pipeline));
                await Record.ExceptionAsync(() => Fail(pipeline));
                await Assert.ThrowsAsync<BrokenCircuitException>(() => Fail(pipeline));
            }

            private static Task Fail(ResiliencePipeline pipeline) => pipeline.ExecuteAsync(_ => throw new PaymentGatewayException()).AsTask();
        }
        """;

    [Fact]
    public void Exhaustion_and_open_circuit_tests_of_the_pipeline_satisfy_both_rules()
    {
        var findings = Review(Pipeline, PipelineTests);

        Assert.Empty(findings.Of("TG0602"));
        Assert.Empty(findings.Of("TG0603"));
    }

    /// <summary>Two retries, so no test covers one just by being the solution's only exhaustion test.</summary>
    private const string RegisteredPipelines = """
        namespace Shop.Infrastructure;

        public static class CarrierResilience
        {
            public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, CarrierOptions options) =>
                builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage> { MaxRetryAttempts = options.MaxRetryAttempts });
        }

        public static class ServiceCollectionExtensions
        {
            public static IHttpClientBuilder AddCarrierApi(this IServiceCollection services) =>
                services.AddHttpClient<ICarrierApi, HttpCarrierApi>()
                    .AddResilienceHandler("carrier", (builder, context) => CarrierResilience.Configure(builder, new CarrierOptions()));

            public static IHttpClientBuilder AddBankTransferClient(this IServiceCollection services) =>
                services.AddHttpClient<IBankTransferApi, BankTransferApi>()
                    .AddResilienceHandler("bank", builder => builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage> { MaxRetryAttempts = 2 }));
        }
        """;

    [Theory]
    [InlineData("services.AddCarrierApi()", "ServiceCollectionExtensions.AddBankTransferClient")]
    [InlineData("services.AddBankTransferClient()", "CarrierResilience.Configure")]
    public void A_test_that_registers_a_client_through_its_extension_method_exhausts_that_clients_retry(string registration, string stillReported)
    {
        var tests = $$"""
            namespace Shop.InfrastructureTests;

            public class ClientRetryTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Retries_exhausted_surface_the_last_failure()
                {
                    var services = new ServiceCollection();
                    services.AddOptions<CarrierOptions>().Configure(o => o.MaxRetryAttempts = 3);
                    {{registration}}.ConfigurePrimaryHttpMessageHandler(() => new AlwaysFailingHandler());
                    var attempts = await SendAndCountAttempts(services.BuildServiceProvider());
                    Assert.Equal(1 + 3, attempts);
                }
            }
            """;

        var retry = Assert.Single(Review(RegisteredPipelines, tests).Of("TG0602"));

        Assert.Contains(stillReported + " (AddRetry)", retry.MissingOrBrokenTest);
    }

    [Theory]
    [InlineData("Retries_stop_after_one_call_plus_the_configured_retries", false)]
    [InlineData("Create_GivesUpAfterTheLastAttempt", false)]
    [InlineData("Create_FailsWithTheLastError", true)]
    public void An_exhaustion_test_is_named_for_the_retries_running_out(string name, bool fires)
    {
        var tests = $$"""
            namespace Shop.ApplicationTests;

            public class PaymentPipelineTests
            {
                [Fact(Timeout = 10_000)]
                public async Task {{name}}()
                {
                    var pipeline = PaymentResiliencePipeline.Create(new PaymentResilienceOptions(), TimeProvider.System);
                    var calls = 0;
                    await Assert.ThrowsAsync<PaymentGatewayException>(() => pipeline.ExecuteAsync(_ => { calls++; throw new PaymentGatewayException(); }).AsTask());
                    Assert.Equal(1 + 3, calls);
                }
            }
            """;

        Assert.Equal(fires, Review(Pipeline, tests).Of("TG0602").Count == 1);
    }

    [Fact]
    public void An_exhaustion_name_without_an_attempt_count_or_a_broken_circuit_without_repeated_calls_does_not_count()
    {
        const string tests = """
            namespace Shop.ApplicationTests;

            public class OrderServiceTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Pay_RetriesExhausted_Fails()
                {
                    var pipeline = PaymentResiliencePipeline.Create(new PaymentResilienceOptions(), TimeProvider.System);
                    await Assert.ThrowsAsync<PaymentGatewayException>(() => pipeline.ExecuteAsync(_ => throw new PaymentGatewayException()).AsTask());
                }

                [Fact(Timeout = 10_000)]
                public async Task Pay_BrokenCircuit_IsReportedAsCircuitOpen()
                {
                    var gateway = new Mock<IPaymentGateway>();
                    gateway.Setup(g => g.ChargeAsync(It.IsAny<PaymentRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(new BrokenCircuitException());
                    var service = new OrderService(gateway.Object, PaymentResiliencePipeline.Create(new PaymentResilienceOptions(), TimeProvider.System));
                    await Assert.ThrowsAsync<PaymentFailedException>(() => service.PayAsync(Guid.NewGuid(), CancellationToken.None));
                }
            }
            """;

        var findings = Review(Pipeline, tests);

        Assert.Single(findings.Of("TG0602"));
        Assert.Single(findings.Of("TG0603"));
    }

    [Theory]
    [InlineData("await Assert.That(async () => await pipeline.ExecuteAsync(_ => gateway.FailAsync())).Throws<PaymentGatewayException>();", false)]
    [InlineData("await Assert.That(async () => await pipeline.ExecuteAsync(_ => gateway.FailAsync())).ThrowsNothing();", true)]
    public void A_TUnit_circuit_test_that_expects_the_failure_and_shows_the_open_state_counts(string expectation, bool fires)
    {
        var tests = $$"""
            using TUnit.Core;
            namespace Shop.ApplicationTests;

            public class PaymentPipelineTests
            {
                [Test, Timeout(10_000)]
                public async Task Charge_when_the_circuit_is_open_fails_fast(CancellationToken cancellationToken)
                {
                    var gateway = new CountingGateway();
                    var pipeline = PaymentResiliencePipeline.Create(new PaymentResilienceOptions(), TimeProvider.System);
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        {{expectation}}
                    }

                    var callsBeforeOpen = gateway.Calls;
                    {{expectation}}
                    await Assert.That(gateway.Calls).IsEqualTo(callsBeforeOpen);
                }
            }
            """;

        Assert.Equal(fires, Review(Pipeline, tests).Of("TG0603").Count == 1);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("Assert.Equal(2, gateway.Calls);", false)]
    [InlineData("Assert.Equal(PaymentFailure.CircuitOpen, error.Failure);", false)]
    public void A_circuit_named_test_counts_only_when_its_body_tells_the_open_circuit_from_one_more_failure(string openStateAssertion, bool fires)
    {
        var tests = $$"""
            namespace Shop.ApplicationTests;

            public class PaymentPipelineTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Charge_when_the_circuit_is_open_fails_fast()
                {
                    var gateway = new CountingGateway();
                    var pipeline = PaymentResiliencePipeline.Create(new PaymentResilienceOptions(), TimeProvider.System);
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        await Assert.ThrowsAsync<PaymentGatewayException>(() => pipeline.ExecuteAsync(_ => gateway.FailAsync()).AsTask());
                    }

                    var error = await Assert.ThrowsAsync<PaymentGatewayException>(() => pipeline.ExecuteAsync(_ => gateway.FailAsync()).AsTask());
                    {{openStateAssertion}}
                }
            }
            """;

        Assert.Equal(fires, Review(Pipeline, tests).Of("TG0603").Count == 1);
    }

    [Fact]
    public void A_handwritten_retry_loop_is_a_retry_and_a_polling_loop_is_not()
    {
        const string production = """
            namespace Shop.Infrastructure;

            public sealed class LabelPrinterClient
            {
                private readonly HttpClient _http;

                public LabelPrinterClient(HttpClient http) { _http = http; }

                public async Task PrintAsync(string label, CancellationToken cancellationToken)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            await _http.PostAsync("print", new StringContent(label), cancellationToken);
                            return;
                        }
                        catch (HttpRequestException) when (attempt < 3)
                        {
                            await Task.Delay(100 * attempt, cancellationToken);
                        }
                    }
                }
            }

            public sealed class OutboxWorker
            {
                public async Task RunAsync(CancellationToken cancellationToken)
                {
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        try { await PublishPendingAsync(cancellationToken); }
                        catch (Exception) { }
                        await Task.Delay(1000, cancellationToken);
                    }
                }

                private Task PublishPendingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """;

        var finding = Assert.Single(Review(production, NoTests).Of("TG0602"));

        Assert.Contains("LabelPrinterClient.PrintAsync (handwritten retry loop)", finding.MissingOrBrokenTest);
        Assert.Equal(11, finding.Location?.Line);
        Assert.Contains("CreateLabelPrinterClient(dependency)", finding.ExampleTestOutline);
    }

    [Fact]
    public void Message_bus_retries_and_breakers_are_configurations_to_test()
    {
        const string program = """
            using MassTransit;
            using Shop.Application;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMassTransit(x =>
            {
                x.AddConsumer<OrderSubmittedConsumer>(c =>
                {
                    c.UseMessageRetry(r => r.Intervals(100, 500, 2000));
                    c.UseCircuitBreaker(cb => cb.TripThreshold = 15);
                });
                x.UsingRabbitMq((context, cfg) => cfg.ConfigureEndpoints(context));
            });
            builder.Build().Run();
            """;

        var findings = Review(program, NoTests);

        Assert.Equal(SnippetSuite.LineOf(program, "UseMessageRetry"), Assert.Single(findings.Of("TG0602")).Location?.Line);
        Assert.Contains("UseMessageRetry", findings.Of("TG0602")[0].MissingOrBrokenTest);
        Assert.Equal(SnippetSuite.LineOf(program, "UseCircuitBreaker"), Assert.Single(findings.Of("TG0603")).Location?.Line);

        const string retriesOff = """
            var endpoint = new EndpointConfiguration("Billing");
            var recoverability = endpoint.Recoverability();
            recoverability.Immediate(immediate => immediate.NumberOfRetries(0));
            builder.Services.AddMassTransit(x => x.AddConsumer<OrderSubmittedConsumer>(c => c.UseMessageRetry(r => r.None())));
            """;
        Assert.Empty(Review(retriesOff, NoTests).Of("TG0602"));
    }

    [Theory]
    [InlineData("A_redelivered_message_is_applied_once", "P3")]
    [InlineData("A_message_is_applied", "P1")]
    public void A_bus_retry_whose_consumers_redelivery_is_tested_is_a_note(string testName, string severity)
    {
        const string production = """
            using MassTransit;
            namespace Shop.Application;

            public sealed record OrderSubmitted(Guid OrderId);

            public sealed class OrderSubmittedConsumer(IOrderStore orders) : IConsumer<OrderSubmitted>
            {
                public async Task Consume(ConsumeContext<OrderSubmitted> context) => await orders.MarkSubmittedAsync(context.Message.OrderId);
            }

            public interface IOrderStore { Task MarkSubmittedAsync(Guid id); int Submitted { get; } }

            public static class Messaging
            {
                public static void AddMessaging(this IServiceCollection services) =>
                    services.AddMassTransit(x =>
                    {
                        x.AddConsumer<OrderSubmittedConsumer>();
                        x.UsingRabbitMq((context, cfg) =>
                        {
                            cfg.UseMessageRetry(r => r.Intervals(100, 500, 2000));
                            cfg.ConfigureEndpoints(context);
                        });
                    });
            }
            """;
        var tests = $$"""
            namespace Shop.ApplicationTests;

            public class OrderSubmittedConsumerTests
            {
                [Fact(Timeout = 10_000)]
                public async Task {{testName}}()
                {
                    var store = new InMemoryOrderStore();
                    var consumer = new OrderSubmittedConsumer(store);
                    var context = Delivery(new OrderSubmitted(Guid.NewGuid()));

                    await consumer.Consume(context);
                    await consumer.Consume(context);

                    Assert.Equal(1, store.Submitted);
                }
            }
            """;

        Assert.Equal(severity, Assert.Single(Review(production, tests).Of("TG0602")).Severity.ToString());
    }

    [Fact]
    public void A_polling_loop_that_logs_a_failed_pass_is_not_a_hand_written_retry()
    {
        const string production = """
            namespace Shop.Application;

            public sealed class InboxReprocessor(IInbox inbox, ILogger<InboxReprocessor> logger) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
                    do
                    {
                        try
                        {
                            var retried = await inbox.RetryFailedAsync(stoppingToken);
                            logger.LogInformation("Retried {Count} messages", retried);
                        }
                        catch (Exception exception) when (exception is not OperationCanceledException)
                        {
                            logger.LogError(exception, "Reprocessing pass failed");
                        }
                    }
                    while (await timer.WaitForNextTickAsync(stoppingToken));
                }
            }

            public sealed class RatesClient(HttpClient http)
            {
                public async Task<decimal> GetAsync(string pair, CancellationToken ct)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            return await http.GetFromJsonAsync<decimal>($"rates/{pair}", ct);
                        }
                        catch (HttpRequestException) when (attempt < 3)
                        {
                            await Task.Delay(100 * attempt, ct);
                        }
                    }
                }
            }
            """;

        var finding = Assert.Single(Review(production, NoTests).Of("TG0602"));

        Assert.Contains("RatesClient.GetAsync", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void A_synchronous_local_retry_of_a_file_rename_is_not_a_dependency_retry()
    {
        const string production = """
            namespace Shop.Reporting;

            public static class AtomicFile
            {
                private static void MoveWithRetry(string source, string destination)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            File.Move(source, destination, overwrite: true);
                            return;
                        }
                        catch (IOException) when (attempt < 10)
                        {
                            Thread.Sleep(50 * attempt);
                        }
                    }
                }
            }
            """;

        Assert.Empty(Review(production, NoTests).Of("TG0602"));
    }

    [Fact]
    public void Retry_forever_and_a_handled_BrokenCircuitException_alone_are_not_configurations_to_exhaust()
    {
        const string production = """
            namespace Shop.Application;

            public sealed class Consumer
            {
                private readonly IAsyncPolicy _policy = Policy.Handle<IOException>().WaitAndRetryForeverAsync(_ => TimeSpan.FromSeconds(1));
            }
            """;

        var findings = Review(production, NoTests);

        Assert.Empty(findings.Of("TG0602"));
        Assert.Empty(findings.Of("TG0603"));
    }

    [Fact]
    public void A_registration_is_covered_by_tests_of_the_client_it_protects()
    {
        const string production = """
            namespace Shop.Api;

            public sealed class StripeClient
            {
                public StripeClient(HttpClient http) { }
                public Task ChargeAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }

            public static class Registration
            {
                public static IServiceCollection AddPayments(this IServiceCollection services)
                {
                    services.AddHttpClient<StripeClient>().AddStandardResilienceHandler();
                    services.AddSingleton<OtherThing>();
                    return services;
                }
            }

            public static class Other
            {
                public static IAsyncPolicy Policy() => Polly.Policy.Handle<IOException>().WaitAndRetryAsync(3, _ => TimeSpan.Zero);
            }
            """;
        const string tests = """
            namespace Shop.ApplicationTests;

            public class StripeClientTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Charge_ProviderAlwaysFails_GivesUpAfterAllAttempts()
                {
                    var handler = new CountingFailingHandler();
                    var client = new StripeClient(new HttpClient(handler));
                    await Assert.ThrowsAsync<HttpRequestException>(() => client.ChargeAsync(CancellationToken.None));
                    Assert.Equal(4, handler.Calls);
                }
            }
            """;

        var retry = Review(production, tests).Of("TG0602");

        Assert.Equal("Shop.Api.Other", Assert.Single(retry).Location?.Symbol);
    }

    // ------------------------------------------------------------------------------------------------ TG0604

    private const string Confirmation = """
        namespace Shop.Application;

        public interface IOrderRepository { Task UpdateAsync(Order order, CancellationToken cancellationToken); Task<Order> FindAsync(Guid id, CancellationToken cancellationToken); }
        public interface IProcessedEventStore { Task<bool> TryMarkProcessedAsync(string eventId, CancellationToken cancellationToken); }

        public sealed class OrderService
        {
            private readonly IOrderRepository _orders;

            public OrderService(IOrderRepository orders) { _orders = orders; }

            public async Task ConfirmAsync(Guid orderId, CancellationToken cancellationToken)
            {
                var order = await _orders.FindAsync(orderId, cancellationToken);
                order.MarkPaid();
                await _orders.UpdateAsync(order, cancellationToken);
            }
        }

        public sealed class PaymentConfirmation
        {
            private readonly OrderService _service;
            private readonly IProcessedEventStore _events;

            public PaymentConfirmation(OrderService service, IProcessedEventStore events) { _service = service; _events = events; }

            public async Task ApplyAsync(string eventId, Guid orderId, CancellationToken cancellationToken)
            {
                await _service.ConfirmAsync(orderId, cancellationToken);
                await _events.TryMarkProcessedAsync(eventId, cancellationToken);
            }
        }
        """;

    [Fact]
    public void A_use_case_writing_through_two_stores_without_a_partial_failure_test_is_reported()
    {
        var finding = Assert.Single(Review(Confirmation, NoTests).Of("TG0604"));

        Assert.Contains("PaymentConfirmation.ApplyAsync", finding.MissingOrBrokenTest);
        Assert.Contains("IOrderRepository (via OrderService)", finding.MissingOrBrokenTest);
        Assert.Contains("IProcessedEventStore", finding.MissingOrBrokenTest);
        Assert.Contains("No transaction spans them", finding.Risk);
        Assert.Equal("Integration", finding.RecommendedTestType);
        Assert.Contains("paymentConfirmation.ApplyAsync(\"value\", Guid.NewGuid(), CancellationToken.None)", finding.ExampleTestOutline);
        Assert.Equal(27, finding.Location?.Line);
        Assert.Equal("Shop.Application.PaymentConfirmation", finding.Location?.Symbol);
    }

    private const string Booking = """
        using Dapper;
        using Microsoft.Data.Sqlite;

        namespace Shop.Application;

        public interface IBookingRepository { Task AddAsync(Booking booking, CancellationToken ct); }
        public interface IAuditLog { Task RecordAsync(Guid id, string action, CancellationToken ct); }
        public interface IRateCard { Task<decimal> PriceAsync(Guid id, CancellationToken ct); }

        public sealed class BookingService(IBookingRepository bookings, IAuditLog audit, IRateCard rates)
        {
            public async Task<Guid> BookAsync(CancellationToken ct)
            {
                var booking = new Booking(Guid.NewGuid());
                await rates.PriceAsync(booking.Id, ct);
                await bookings.AddAsync(booking, ct);
                AUDIT
                return booking.Id;
            }
        }

        public sealed class SqlAuditLog(string connectionString) : IAuditLog
        {
            public async Task RecordAsync(Guid id, string action, CancellationToken ct)
            {
                await using var connection = new SqliteConnection(connectionString);
                await connection.ExecuteAsync("INSERT INTO audit_entries (entity_id, action) VALUES (@id, @action)", new { id, action });
            }
        }

        public sealed class SqlRateCard(string connectionString) : IRateCard
        {
            public async Task<decimal> PriceAsync(Guid id, CancellationToken ct)
            {
                await using var connection = new SqliteConnection(connectionString);
                return await connection.QuerySingleAsync<decimal>("SELECT price FROM rates WHERE id = @id", new { id });
            }
        }
        """;

    [Fact]
    public void A_collaborator_that_runs_its_own_insert_is_a_store_whatever_its_name()
    {
        var finding = Assert.Single(Review(Booking.Replace("AUDIT", "await audit.RecordAsync(booking.Id, \"created\", ct);", StringComparison.Ordinal), NoTests).Of("TG0604"));

        Assert.Contains("BookingService.BookAsync", finding.MissingOrBrokenTest);
        Assert.Contains("IBookingRepository", finding.MissingOrBrokenTest);
        Assert.Contains("IAuditLog", finding.MissingOrBrokenTest);
        Assert.DoesNotContain("IRateCard", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void Commits_in_branches_that_return_early_are_alternatives_not_separate_commits()
    {
        const string production = """
            namespace Shop.Application;

            public sealed class PlanService(IUnitOfWork unitOfWork, IPlanRepository plans)
            {
                public async Task<string> EvaluateAsync(Guid vehicleId, CancellationToken ct)
                {
                    var plan = await plans.FindAsync(vehicleId, ct);
                    if (plan is null)
                    {
                        plans.Add(new Plan(vehicleId));
                        await unitOfWork.SaveChangesAsync(ct);
                        return "created";
                    }

                    plan.MarkDue();
                    await unitOfWork.SaveChangesAsync(ct);
                    return "due";
                }

                public async Task CloseAsync(Guid vehicleId, CancellationToken ct)
                {
                    var plan = await plans.FindAsync(vehicleId, ct);
                    plan!.Close();
                    await unitOfWork.SaveChangesAsync(ct);
                    if (plan.NeedsFollowUp)
                    {
                        plans.Add(new Plan(vehicleId));
                        await unitOfWork.SaveChangesAsync(ct);
                        return;
                    }
                }
            }
            """;

        var finding = Assert.Single(Review(production, NoTests).Of("TG0604"));

        Assert.Contains("PlanService.CloseAsync", finding.MissingOrBrokenTest);
    }

    [Theory]
    [InlineData("await using var tx = await unitOfWork.BeginAsync(ct);", "await tx.CommitAsync(ct);", false)]
    [InlineData("", "", true)]
    public void Writes_between_a_unit_of_works_begin_and_the_commit_of_the_transaction_it_returns_are_one_write(string begin, string commit, bool fires)
    {
        var production = $$"""
            namespace Shop.Application;

            public interface IUnitOfWork { Task<ITransaction> BeginAsync(CancellationToken ct); }
            public interface ITransaction : IAsyncDisposable { Task CommitAsync(CancellationToken ct); }
            public interface IPaymentRepository { Task AddAsync(Payment payment, CancellationToken ct); }
            public interface IInvoiceRepository { Task UpdateAsync(Invoice invoice, CancellationToken ct); }

            public sealed class PaymentWebhookProcessor(IUnitOfWork unitOfWork, IPaymentRepository payments, IInvoiceRepository invoices)
            {
                public async Task ProcessAsync(Invoice invoice, Payment payment, CancellationToken ct)
                {
                    {{begin}}
                    await payments.AddAsync(payment, ct);
                    await invoices.UpdateAsync(invoice, ct);
                    {{commit}}
                }
            }
            """;

        Assert.Equal(fires, Review(production, NoTests).Of("TG0604").Count == 1);
    }

    [Fact]
    public void A_controller_that_only_delegates_to_a_reported_use_case_is_not_reported_again()
    {
        const string controller = """

            public sealed class BookingsController(BookingService service)
            {
                public Task<Guid> Book(CancellationToken ct) => service.BookAsync(ct);
            }
            """;
        var production = Booking.Replace("AUDIT", "await audit.RecordAsync(booking.Id, \"created\", ct);", StringComparison.Ordinal) + controller;

        var finding = Assert.Single(Review(production, NoTests).Of("TG0604"));

        Assert.Equal("Shop.Application.BookingService", finding.Location?.Symbol);
    }

    [Fact]
    public void A_collaborator_writing_through_a_connection_factory_is_the_store_not_the_factory()
    {
        // The factory runs a pragma on each connection it opens: set-up, not the audit log's write.
        const string factory = """

            public sealed class SqliteConnectionFactory(string connectionString)
            {
                public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
                {
                    var connection = new SqliteConnection(connectionString);
                    await connection.OpenAsync(ct);
                    using var pragma = connection.CreateCommand();
                    pragma.CommandText = "PRAGMA foreign_keys = ON;";
                    pragma.ExecuteNonQuery();
                    return connection;
                }
            }

            public sealed class FactoryAuditLog(SqliteConnectionFactory connections)
            {
                public async Task RecordAsync(Guid id, string action, CancellationToken ct)
                {
                    await using var connection = await connections.OpenAsync(ct);
                    await connection.ExecuteAsync("INSERT INTO audit_entries (entity_id, action) VALUES (@id, @action)", new { id, action });
                }
            }
            """;
        var production = Booking
            .Replace("IAuditLog audit", "FactoryAuditLog audit", StringComparison.Ordinal)
            .Replace("AUDIT", "await audit.RecordAsync(booking.Id, \"created\", ct);", StringComparison.Ordinal) + factory;

        var finding = Assert.Single(Review(production, NoTests).Of("TG0604"));

        Assert.Contains("IBookingRepository and FactoryAuditLog in separate commits", finding.MissingOrBrokenTest);
        Assert.DoesNotContain("SqliteConnectionFactory", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void A_repository_method_named_with_a_domain_verb_is_a_write_when_its_body_writes()
    {
        const string production = """
            using Dapper;
            using Npgsql;
            namespace Shop.Application;

            public interface ISubscriptionRepository
            {
                Task ActivateAsync(string customerId, CancellationToken ct);
                Task<string?> StatusAsync(string customerId, CancellationToken ct);
                Task<string?> LoadForUpdateAsync(string customerId, CancellationToken ct);
            }
            public interface IProcessedEvents { Task MarkProcessedAsync(string eventId, CancellationToken ct); }

            public sealed class NpgsqlSubscriptionRepository(NpgsqlDataSource db) : ISubscriptionRepository
            {
                public async Task ActivateAsync(string customerId, CancellationToken ct)
                {
                    await using var connection = await db.OpenConnectionAsync(ct);
                    await connection.ExecuteAsync("UPDATE subscriptions SET status = 'active' WHERE customer_id = @customerId", new { customerId });
                }

                public async Task<string?> StatusAsync(string customerId, CancellationToken ct)
                {
                    await using var connection = await db.OpenConnectionAsync(ct);
                    return await connection.QuerySingleOrDefaultAsync<string>("SELECT status FROM subscriptions WHERE customer_id = @customerId", new { customerId });
                }

                // A locking read: a transaction, but no write.
                public async Task<string?> LoadForUpdateAsync(string customerId, CancellationToken ct)
                {
                    await using var connection = await db.OpenConnectionAsync(ct);
                    await using var transaction = await connection.BeginTransactionAsync(ct);
                    return await connection.QuerySingleOrDefaultAsync<string>("SELECT status FROM subscriptions WHERE customer_id = @customerId FOR UPDATE", new { customerId }, transaction);
                }
            }

            public sealed class NpgsqlProcessedEvents(NpgsqlDataSource db) : IProcessedEvents
            {
                public async Task MarkProcessedAsync(string eventId, CancellationToken ct)
                {
                    await using var connection = await db.OpenConnectionAsync(ct);
                    await connection.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId });
                }
            }

            public sealed class InvoicePaidApplier(ISubscriptionRepository subscriptions, IProcessedEvents processed)
            {
                public async Task ApplyAsync(string eventId, string customerId, CancellationToken ct)
                {
                    await subscriptions.ActivateAsync(customerId, ct);
                    await processed.MarkProcessedAsync(eventId, ct);
                }

                public async Task<bool> CheckAsync(string eventId, string customerId, CancellationToken ct)
                {
                    var status = await subscriptions.StatusAsync(customerId, ct);
                    await processed.MarkProcessedAsync(eventId, ct);
                    return status == "active";
                }

                public async Task<bool> CheckLockedAsync(string eventId, string customerId, CancellationToken ct)
                {
                    var status = await subscriptions.LoadForUpdateAsync(customerId, ct);
                    await processed.MarkProcessedAsync(eventId, ct);
                    return status == "active";
                }
            }
            """;

        var finding = Assert.Single(Review(production, NoTests).Of("TG0604"));

        Assert.Contains("InvoicePaidApplier.ApplyAsync, which writes through ISubscriptionRepository and IProcessedEvents", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void The_finding_points_at_the_part_of_a_partial_class_that_declares_the_use_case()
    {
        const string declaration = """
            namespace Shop.Application;
            public interface IOrderRepository { Task AddAsync(Order order, CancellationToken ct); }
            public interface IPaymentRepository { Task AddAsync(Payment payment, CancellationToken ct); }
            public sealed partial class CheckoutService(IOrderRepository orders, IPaymentRepository payments)
            {
            }
            """;
        const string useCase = """
            namespace Shop.Application;
            public sealed partial class CheckoutService
            {
                public async Task CheckoutAsync(Order order, Payment payment, CancellationToken ct)
                {
                    await orders.AddAsync(order, ct);
                    await payments.AddAsync(payment, ct);
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review(
            [new Snippet("Shop.Application", declaration, "/repo/src/Shop.Application/CheckoutService.cs"), new Snippet("Shop.Application", useCase, "/repo/src/Shop.Application/CheckoutService.Checkout.cs")],
            [new Snippet("Shop.ApplicationTests", NoTests)]).Of("TG0604"));

        Assert.Equal("/repo/src/Shop.Application/CheckoutService.Checkout.cs", finding.Location?.Path);
        Assert.Equal(4, finding.Location?.Line);
    }

    [Fact]
    public void A_collaborator_that_only_reads_is_not_a_second_store()
    {
        // Without the audit record the use case writes once, through the repository; the rate card only queries.
        Assert.Empty(Review(Booking.Replace("AUDIT", "// no audit record", StringComparison.Ordinal), NoTests).Of("TG0604"));
    }

    [Fact]
    public void Writes_in_a_loop_are_a_multi_write_unit_and_single_writes_branches_transactions_and_repositories_are_not()
    {
        const string production = """
            namespace Shop.Application;

            public interface ILineRepository { Task AddAsync(Line line, CancellationToken cancellationToken); Task UpdateAsync(Line line, CancellationToken cancellationToken); }

            public sealed class ImportService
            {
                private readonly ILineRepository _lines;
                public ImportService(ILineRepository lines) { _lines = lines; }

                public async Task ImportAsync(IReadOnlyList<Line> lines, CancellationToken cancellationToken)
                {
                    foreach (var line in lines)
                    {
                        await _lines.AddAsync(line, cancellationToken);
                    }
                }
            }

            public sealed class UpsertService
            {
                private readonly ILineRepository _lines;
                public UpsertService(ILineRepository lines) { _lines = lines; }

                public async Task SaveAsync(Line line, bool isNew, CancellationToken cancellationToken)
                {
                    if (isNew) { await _lines.AddAsync(line, cancellationToken); }
                    else { await _lines.UpdateAsync(line, cancellationToken); }
                }
            }

            public sealed class TransferService
            {
                private readonly ShopDbContext _db;
                private readonly ILineRepository _lines;
                public TransferService(ShopDbContext db, ILineRepository lines) { _db = db; _lines = lines; }

                public async Task MoveAsync(Line line, CancellationToken cancellationToken)
                {
                    await using var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
                    await _lines.AddAsync(line, cancellationToken);
                    await _db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
            }

            public sealed class SqlLineRepository : ILineRepository
            {
                private readonly ShopDbContext _db;
                public SqlLineRepository(ShopDbContext db) { _db = db; }
                public async Task AddAsync(Line line, CancellationToken cancellationToken) { _db.Add(line); await _db.SaveChangesAsync(cancellationToken); await _db.SaveChangesAsync(cancellationToken); }
                public Task UpdateAsync(Line line, CancellationToken cancellationToken) => _db.SaveChangesAsync(cancellationToken);
            }

            public sealed class ShopDbContext : DbContext { }
            """;

        var finding = Assert.Single(Review(production, NoTests).Of("TG0604"));

        Assert.Equal("Shop.Application.ImportService", finding.Location?.Symbol);
        Assert.Contains("once per item in a loop", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void Repositories_sharing_one_unit_of_work_commit_once_and_are_not_a_partial_failure_risk()
    {
        const string production = """
            namespace Ordering.Api;

            public sealed class CreateOrderCommandHandler
            {
                private readonly IOrderRepository _orderRepository;
                private readonly IBuyerRepository _buyerRepository;

                public CreateOrderCommandHandler(IOrderRepository orderRepository, IBuyerRepository buyerRepository)
                {
                    _orderRepository = orderRepository;
                    _buyerRepository = buyerRepository;
                }

                public async Task<bool> Handle(CreateOrderCommand message, CancellationToken cancellationToken)
                {
                    _buyerRepository.Add(new Buyer(message.UserId));
                    _orderRepository.Add(new Order(message.UserId));
                    return await _orderRepository.UnitOfWork.SaveEntitiesAsync(cancellationToken);
                }
            }

            public sealed class ShipOrderCommandHandler
            {
                private readonly IOrderRepository _orderRepository;
                private readonly IShipmentRepository _shipments;
                public ShipOrderCommandHandler(IOrderRepository orderRepository, IShipmentRepository shipments) { _orderRepository = orderRepository; _shipments = shipments; }

                public async Task Handle(ShipOrderCommand message, CancellationToken cancellationToken)
                {
                    await _orderRepository.UnitOfWork.SaveEntitiesAsync(cancellationToken);
                    await _shipments.UnitOfWork.SaveChangesAsync(cancellationToken);
                }
            }
            """;

        const string staging = """
            namespace Ordering.Infrastructure;

            public sealed class EfOrderRepository : IOrderRepository
            {
                private readonly OrderingContext _context;
                public EfOrderRepository(OrderingContext context) { _context = context; }
                public async Task AddAsync(Order order, CancellationToken cancellationToken) => await _context.Orders.AddAsync(order, cancellationToken);
            }

            public sealed class EfShipmentRepository : IShipmentRepository
            {
                private readonly OrderingContext _context;
                public EfShipmentRepository(OrderingContext context) { _context = context; }
                public async Task AddAsync(Shipment shipment, CancellationToken cancellationToken) => await _context.Shipments.AddAsync(shipment, cancellationToken);
            }

            public sealed class PlaceAndShip
            {
                private readonly IOrderRepository _orders;
                private readonly IShipmentRepository _shipments;
                public PlaceAndShip(IOrderRepository orders, IShipmentRepository shipments) { _orders = orders; _shipments = shipments; }

                public async Task HandleAsync(Order order, Shipment shipment, CancellationToken cancellationToken)
                {
                    await _orders.AddAsync(order, cancellationToken);      // staged; a pipeline behaviour commits
                    await _shipments.AddAsync(shipment, cancellationToken);
                }
            }
            """;

        var finding = Assert.Single(SnippetSuite.Review(
            [new Snippet("Ordering.Api", production), new Snippet("Ordering.Infrastructure", staging)],
            [new Snippet("Shop.ApplicationTests", NoTests)]).Of("TG0604"));

        Assert.Equal("Ordering.Api.ShipOrderCommandHandler", finding.Location?.Symbol);
        Assert.Contains("IOrderRepository and IShipmentRepository", finding.MissingOrBrokenTest);
    }

    [Fact]
    public void A_database_made_to_fail_part_way_with_the_state_asserted_satisfies_the_rule()
    {
        const string byTrigger = """
            namespace Shop.IntegrationTests;

            public class PaymentConfirmationTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Apply_EventStoreFails_OrderIsLeftForTheRetry()
                {
                    var confirmation = new PaymentConfirmation(new OrderService(_orders), _events);
                    await _database.ExecuteAsync("CREATE TRIGGER fail BEFORE INSERT ON processed_events BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
                    await Assert.ThrowsAsync<SqliteException>(() => confirmation.ApplyAsync("evt-1", _orderId, CancellationToken.None));
                    Assert.Equal(0, await _database.CountAsync("SELECT COUNT(*) FROM processed_events"));
                }
            }
            """;
        const string byMock = """
            namespace Shop.ApplicationTests;

            public class PaymentConfirmationTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Apply_StoreFails_TheErrorPropagatesAndNothingIsMarked()
                {
                    var events = new Mock<IProcessedEventStore>();
                    events.Setup(e => e.TryMarkProcessedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new DbUpdateException("lost connection"));
                    var confirmation = new PaymentConfirmation(new OrderService(new InMemoryOrders()), events.Object);
                    await Assert.ThrowsAsync<DbUpdateException>(() => confirmation.ApplyAsync("evt-1", Guid.NewGuid(), CancellationToken.None));
                    events.Verify(e => e.TryMarkProcessedAsync("evt-1", It.IsAny<CancellationToken>()), Times.Once);
                }
            }
            """;

        Assert.Empty(SnippetSuite.Review([new Snippet("Shop.Application", Confirmation)], [new Snippet("Shop.IntegrationTests", byTrigger)]).Of("TG0604"));
        Assert.Empty(Review(Confirmation, byMock).Of("TG0604"));
    }

    [Fact]
    public void A_failure_asserted_without_any_state_or_a_failure_injected_elsewhere_does_not_count()
    {
        const string onlyTheException = """
            namespace Shop.ApplicationTests;

            public class PaymentConfirmationTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Apply_StoreFails_Throws()
                {
                    var events = new Mock<IProcessedEventStore>();
                    events.Setup(e => e.TryMarkProcessedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new DbUpdateException("lost connection"));
                    var confirmation = new PaymentConfirmation(new OrderService(new InMemoryOrders()), events.Object);
                    await Assert.ThrowsAsync<DbUpdateException>(() => confirmation.ApplyAsync("evt-1", Guid.NewGuid(), CancellationToken.None));
                }
            }
            """;
        const string otherFailure = """
            namespace Shop.ApplicationTests;

            public class PaymentConfirmationTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Apply_UnknownOrder_Throws()
                {
                    var clock = new Mock<TimeProvider>();
                    clock.Setup(c => c.GetUtcNow()).Throws(new InvalidOperationException());
                    var confirmation = new PaymentConfirmation(new OrderService(new InMemoryOrders()), new InMemoryEvents());
                    await Assert.ThrowsAsync<InvalidOperationException>(() => confirmation.ApplyAsync("evt-1", Guid.NewGuid(), CancellationToken.None));
                    Assert.Equal(0, Count());
                }
            }
            """;

        Assert.Single(Review(Confirmation, onlyTheException).Of("TG0604"));
        Assert.Single(Review(Confirmation, otherFailure).Of("TG0604"));
    }

    [Theory]
    [InlineData("await unitOfWork.SaveChangesAsync(ct);", "", false)]
    [InlineData("await messages.MarkProcessedAsync(message.Id, ct);", "", true)]
    [InlineData("await messages.MarkProcessedAsync(message.Id, ct);", " : BackgroundService", false)]
    [InlineData("await messages.MarkProcessedAsync(message.Id, ct); await audit.RecordAsync(message.Id, ct);", " : BackgroundService", true)]
    public void A_loop_committing_a_unit_of_work_per_item_is_one_transaction_per_item(string write, string worker, bool fires)
    {
        var production = $$"""
            namespace Shop.Application;

            public interface IOutboxStore { Task<IReadOnlyList<OutboxMessage>> ListDueAsync(CancellationToken ct); Task MarkProcessedAsync(Guid id, CancellationToken ct); }
            public interface IUnitOfWork { Task SaveChangesAsync(CancellationToken ct); }
            public interface IAuditStore { Task RecordAsync(Guid id, CancellationToken ct); }

            public sealed class OutboxDispatcher(IOutboxStore messages, IUnitOfWork unitOfWork, IEventBus bus, IAuditStore audit){{worker}}
            {
                public async Task DispatchPendingAsync(CancellationToken ct)
                {
                    foreach (var message in await messages.ListDueAsync(ct))
                    {
                        await bus.PublishAsync(message, ct);
                        message.MarkProcessed();
                        {{write}}
                    }
                }
            }
            """;

        Assert.Equal(fires, Review(production, NoTests).Of("TG0604").Count == 1);
    }

    // ------------------------------------------------------------------------------------------------ TG0605

    [Fact]
    public void Cache_users_sharing_a_static_invalidation_helper_share_its_failure_test()
    {
        const string production = """
            namespace Shop.Application;

            public static class StockLevelCache
            {
                public static async Task TryInvalidateAsync(IDistributedCache cache, string sku, CancellationToken ct)
                {
                    try { await cache.RemoveAsync(sku, ct); } catch (Exception) { /* the entry expires on its own */ }
                }
            }

            public sealed class ReceiveStockHandler(IDistributedCache cache, IStockRepository stock)
            {
                public async Task HandleAsync(string sku, int quantity, CancellationToken ct)
                {
                    await stock.AddAsync(sku, quantity, ct);
                    await StockLevelCache.TryInvalidateAsync(cache, sku, ct);
                }
            }

            public sealed class ReserveStockHandler(IDistributedCache cache, IStockRepository stock)
            {
                public async Task HandleAsync(string sku, int quantity, CancellationToken ct)
                {
                    await stock.ReserveAsync(sku, quantity, ct);
                    await StockLevelCache.TryInvalidateAsync(cache, sku, ct);
                }
            }
            """;
        const string test = """
            namespace Shop.ApplicationTests;

            public class ReceiveStockHandlerTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Handle_WhenCacheEvictionFails_StillReportsTheCommittedReceipt()
                {
                    var cache = Substitute.For<IDistributedCache>();
                    cache.RemoveAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).ThrowsAsync(new RedisConnectionException(ConnectionFailureType.SocketFailure, "down"));
                    var stock = new InMemoryStock();
                    await new ReceiveStockHandler(cache, stock).HandleAsync("W-1", 5, CancellationToken.None);
                    Assert.Equal(5, stock.OnHand("W-1"));
                }
            }
            """;

        Assert.Equal(2, Review(production, NoTests).Of("TG0605").Count);
        Assert.Empty(Review(production, test).Of("TG0605"));
    }


    private const string Catalog = """
        namespace Shop.Application;

        public sealed class CatalogService
        {
            private readonly IDistributedCache _cache;
            private readonly IProductRepository _products;

            public CatalogService(IDistributedCache cache, IProductRepository products) { _cache = cache; _products = products; }

            public async Task<Product> GetAsync(string sku, CancellationToken cancellationToken)
            {
                var cached = await _cache.GetStringAsync(sku, cancellationToken);
                return cached is null ? await _products.FindAsync(sku, cancellationToken) : Product.Parse(cached);
            }
        }
        """;

    [Fact]
    public void A_cache_user_without_a_cache_failure_test_is_reported()
    {
        var finding = Assert.Single(Review(Catalog, NoTests).Of("TG0605"));

        Assert.Equal(Severity.P2, finding.Severity);
        Assert.Contains("IDistributedCache", finding.MissingOrBrokenTest);
        Assert.Contains("CatalogService.GetAsync", finding.MissingOrBrokenTest);
        Assert.Contains("CatalogService may fail requests", finding.Risk);
        Assert.Contains("catalogService.GetAsync(\"value\", CancellationToken.None)", finding.ExampleTestOutline);
        Assert.Equal(10, finding.Location?.Line);
    }

    [Fact]
    public void A_throwing_cache_mock_with_the_fallback_asserted_satisfies_the_rule()
    {
        const string test = """
            namespace Shop.ApplicationTests;

            public class CatalogServiceTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Get_CacheDown_ReadsTheRepository()
                {
                    var cache = new Mock<IDistributedCache>();
                    cache.Setup(c => c.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new RedisConnectionException(ConnectionFailureType.SocketFailure, "down"));
                    var service = new CatalogService(cache.Object, new InMemoryProducts(Products.Widget()));
                    Assert.Equal(Products.Widget(), await service.GetAsync("W-1", CancellationToken.None));
                }
            }
            """;

        Assert.Empty(Review(Catalog, test).Of("TG0605"));
    }

    [Fact]
    public void A_test_with_a_working_cache_does_not_count_and_code_without_a_cache_gets_no_finding()
    {
        const string test = """
            namespace Shop.ApplicationTests;

            public class CatalogServiceTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Get_Cached_ReturnsTheCachedProduct()
                {
                    var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
                    var service = new CatalogService(cache, new InMemoryProducts());
                    Assert.NotNull(await service.GetAsync("W-1", CancellationToken.None));
                }
            }
            """;

        Assert.Single(Review(Catalog, test).Of("TG0605"));
        Assert.Empty(Review(Payments, NoTests).Of("TG0605"));
    }

    [Fact]
    public void A_use_case_that_only_invalidates_the_cache_gets_an_invalidation_failure_outline()
    {
        const string production = """
            namespace Shop.Application;

            public sealed class RepriceProductHandler(IDistributedCache cache, IProductRepository products)
            {
                public async Task Handle(RepriceProduct command, CancellationToken cancellationToken)
                {
                    await products.UpdatePriceAsync(command.Sku, command.Price, cancellationToken);
                    await cache.RemoveAsync($"product:{command.Sku}", cancellationToken);
                }
            }
            """;
        const string moqTests = "namespace Shop.ApplicationTests; public class None { [Fact] public void Nothing() { var m = new Mock<IClock>(); Assert.True(true); } }";

        var finding = Assert.Single(Review(production, moqTests).Of("TG0605"));

        Assert.Contains("while RepriceProductHandler.Handle invalidates it (RemoveAsync)", finding.MissingOrBrokenTest);
        Assert.Contains("the stale entry stays", finding.Risk);
        Assert.Contains("distributedCache.Setup(c => c.RemoveAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(", finding.ExampleTestOutline);
        Assert.DoesNotContain("GetAsync", finding.ExampleTestOutline);
        Assert.DoesNotContain("FallsBackToTheSource", finding.ExampleTestOutline);
    }

    [Fact]
    public void An_in_process_cache_fails_by_losing_entries_and_an_eviction_test_counts()
    {
        const string production = """
            namespace Shop.Application;

            public sealed class PriceList
            {
                private readonly IMemoryCache _cache;
                private readonly IPriceRepository _prices;
                public PriceList(IMemoryCache cache, IPriceRepository prices) { _cache = cache; _prices = prices; }
                public Task<decimal> PriceOfAsync(string sku, CancellationToken cancellationToken) =>
                    _cache.GetOrCreateAsync(sku, _ => _prices.FindAsync(sku, cancellationToken))!;
            }
            """;
        const string eviction = """
            namespace Shop.ApplicationTests;

            public class PriceListTests
            {
                [Fact(Timeout = 10_000)]
                public async Task PriceOf_AfterEviction_ReadsTheRepositoryAgain()
                {
                    var cache = new MemoryCache(new MemoryCacheOptions());
                    var prices = new CountingPrices(12.5m);
                    var list = new PriceList(cache, prices);
                    await list.PriceOfAsync("W-1", CancellationToken.None);
                    cache.Compact(1.0);
                    Assert.Equal(12.5m, await list.PriceOfAsync("W-1", CancellationToken.None));
                    Assert.Equal(2, prices.Reads);
                }
            }
            """;

        var finding = Assert.Single(Review(production, NoTests).Of("TG0605"));
        Assert.Contains("lose its entries", finding.MissingOrBrokenTest);
        Assert.Contains("memoryCache.Compact(1.0);", finding.ExampleTestOutline);
        Assert.Empty(Review(production, eviction).Of("TG0605"));
    }

    [Fact]
    public void A_cache_wrapper_is_reported_at_its_consumer_and_a_failing_fake_of_it_counts()
    {
        const string production = """
            namespace Shop.Application;

            public interface IProductCache { Task<Product?> GetAsync(string sku, CancellationToken cancellationToken); }

            public sealed class RedisProductCache : IProductCache
            {
                private readonly IConnectionMultiplexer _redis;
                public RedisProductCache(IConnectionMultiplexer redis) { _redis = redis; }
                public Task<Product?> GetAsync(string sku, CancellationToken cancellationToken) => Task.FromResult<Product?>(null);
            }

            public sealed class CatalogService
            {
                private readonly IProductCache _cache;
                public CatalogService(IProductCache cache) { _cache = cache; }
                public Task<Product?> FindAsync(string sku, CancellationToken cancellationToken) => _cache.GetAsync(sku, cancellationToken);
            }
            """;
        const string tests = """
            namespace Shop.ApplicationTests;

            internal sealed class UnavailableProductCache : IProductCache
            {
                public Task<Product?> GetAsync(string sku, CancellationToken cancellationToken) => throw new TimeoutException("redis down");
            }

            public class CatalogServiceTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Find_CacheUnavailable_FallsBack()
                {
                    var service = new CatalogService(new UnavailableProductCache());
                    Assert.Null(await service.FindAsync("W-1", CancellationToken.None));
                }
            }
            """;

        var finding = Assert.Single(Review(production, NoTests).Of("TG0605"));
        Assert.Equal("Shop.Application.CatalogService", finding.Location?.Symbol);
        Assert.Contains("IProductCache", finding.MissingOrBrokenTest);
        Assert.Empty(Review(production, tests).Of("TG0605"));

        // A stand-in for a Redis that cannot be reached says so in its name as well; one named for what it records does not.
        var unreachable = tests.Replace("UnavailableProductCache", "UnreachableProductCache", StringComparison.Ordinal)
            .Replace("Find_CacheUnavailable_FallsBack", "Find_ReadsTheSource", StringComparison.Ordinal);
        Assert.Empty(Review(production, unreachable).Of("TG0605"));
        Assert.Single(Review(production, unreachable.Replace("UnreachableProductCache", "RecordingProductCache", StringComparison.Ordinal)).Of("TG0605"));
    }
}
