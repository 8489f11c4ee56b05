using TestGate.Core.Model;

namespace TestGate.Core.Suite;

/// <summary>
/// Production facts for the failure-mode rules (TG0601–TG0605): where resilience strategies are configured, and which
/// members each production class calls on which dependency (to find use cases that write to several stores).
/// </summary>
public sealed partial record SuiteModel
{
    /// <summary>Retry, circuit-breaker and timeout configurations found in production code.</summary>
    public IReadOnlyList<ResilienceSite> ResilienceSites { get; init; } = [];

    /// <summary>Production types with their dependency members and the calls each method makes on them.</summary>
    public IReadOnlyList<CallGraphType> CallGraph { get; init; } = [];
}

public static class ResilienceKinds
{
    public const string Retry = "retry";
    public const string CircuitBreaker = "circuit-breaker";
    public const string Timeout = "timeout";
}

/// <summary>
/// One place in production code that configures (or, for a handled exception, depends on) a resilience strategy.
/// </summary>
/// <param name="Kind">One of <see cref="ResilienceKinds"/>.</param>
/// <param name="Mechanism">What was found: <c>AddRetry</c>, <c>WaitAndRetryAsync</c>, <c>new RetryStrategyOptions</c>,
/// <c>handwritten retry loop</c>, <c>AddCircuitBreaker</c>, <c>catch BrokenCircuitException</c>, <c>AddTimeout</c>,
/// <c>HttpClient.Timeout</c>, <c>CancelAfter</c>, <c>AddStandardResilienceHandler</c>, ...</param>
/// <param name="Member">The method (or property) it is in; null at type level.</param>
/// <param name="StatementNames">Simple names written in the statement that configures it (<c>services.AddHttpClient&lt;StripeClient&gt;()
/// .AddStandardResilienceHandler()</c> gives StripeClient), to tie it to the client it protects.</param>
/// <param name="Handles">Exception types the member's policies handle (<c>Handle&lt;PaymentGatewayException&gt;()</c>, <c>Or&lt;...&gt;()</c>).</param>
/// <param name="ExecutedNames">Simple names inside the delegates the type hands to <c>Execute*</c> (<c>_pipeline.ExecuteAsync(ct =&gt;
/// _provider.ChargeAsync(...))</c> gives _provider and ChargeAsync): what the strategy protects.</param>
public sealed record ResilienceSite(
    string Kind,
    string Mechanism,
    string TypeFullName,
    string Assembly,
    string Path,
    int Line,
    string? Member,
    IReadOnlyList<string> StatementNames,
    IReadOnlyList<string> Handles,
    IReadOnlyList<string>? ExecutedNames = null)
{
    public string TypeSimpleName => TypeNames.SimpleNameOf(TypeFullName);

    /// <summary>
    /// A library's pipeline used as it ships (<c>AddStandardResilienceHandler()</c> with no options): its attempt counts
    /// and breaker thresholds are the library's, tested by its authors, not settings of this code base.
    /// </summary>
    public bool LibraryDefaults { get; init; }

    /// <summary>
    /// Extension methods that set the site up when a test calls them: the configuring member itself when it is one
    /// (<c>services.AddBankTransferClient()</c>), and those that call it through its type
    /// (<c>AddCarrierApi</c> calling <c>CarrierResilience.Configure(...)</c>). A registration test names these, not the type.
    /// </summary>
    public IReadOnlyList<string> RegisteredThrough { get; init; } = [];
}

/// <summary>A production type, its dependency members (fields, properties, primary-constructor parameters) and its methods' calls.</summary>
/// <param name="Kind">class, record, struct or interface.</param>
/// <param name="Members">Dependency member name and the simple name of its type (<c>_orders</c> → <c>IOrderRepository</c>).</param>
public sealed record CallGraphType(
    string FullName,
    string Assembly,
    string Path,
    string Kind,
    bool IsAbstract,
    bool IsStatic,
    IReadOnlyList<CallGraphMember> Members,
    IReadOnlyList<CallGraphMethod> Methods)
{
    public string SimpleName => TypeNames.SimpleNameOf(FullName);
}

public sealed record CallGraphMember(string Name, string Type);

/// <param name="OpensTransaction">The method itself opens a transaction (<c>BeginTransaction*</c>, <c>new TransactionScope</c>,
/// <c>CreateExecutionStrategy</c>).</param>
/// <param name="Commits">The method itself writes to a database: <c>SaveChanges*</c>, <c>Commit*</c>, <c>ExecuteNonQuery*</c>,
/// Dapper <c>Execute*</c>, <c>ExecuteSql*</c>/<c>ExecuteUpdate*</c>/<c>ExecuteDelete*</c>, MongoDB and Cosmos writes.</param>
/// <param name="ReturnType">The return type as written (<c>Task&lt;PaymentResult&gt;</c>).</param>
public sealed record CallGraphMethod(
    string Name,
    int Line,
    bool IsPublic,
    bool OpensTransaction,
    bool Commits,
    string ReturnType,
    IReadOnlyList<string> ParameterTypes,
    IReadOnlyList<CallGraphCall> Calls);

/// <summary>
/// A call a method makes. <see cref="Receiver"/> is the dependency member it is made on (the root of <c>_db.Orders.Add</c>
/// is <c>_db</c>), empty for a call to the class's own method, null for anything else (locals, static calls).
/// </summary>
public sealed record CallGraphCall(string? Receiver, string Method, bool InLoop, int Line)
{
    /// <summary>
    /// The line of the early-exit branch the call is in (a block of the method, not its body, that ends in <c>return</c> or
    /// <c>throw</c>): calls in different early-exit branches never run in the same call. Null on the method's main path.
    /// </summary>
    public int? ExitBranch { get; init; }
}
