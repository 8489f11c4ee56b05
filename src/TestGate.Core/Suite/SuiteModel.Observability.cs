using TestGate.Core.Model;

namespace TestGate.Core.Suite;

/// <summary>The observability family's facts (TG0801–TG0803): what production logs, correlates and measures, and what tests assert about it.</summary>
public sealed partial record SuiteModel
{
    /// <summary>Production types that log failures, carry correlation ids or create metric instruments (only those).</summary>
    public IReadOnlyList<ObservabilityProductionFacts> ObservabilityProduction { get; init; } = [];

    /// <summary>Tests that assert a log record, a correlation id or a measurement (only those; skipped tests included, flagged).</summary>
    public IReadOnlyList<ObservabilityTestFacts> ObservabilityTests { get; init; } = [];
}

/// <summary>Log levels as the observability rules compare them.</summary>
public static class ObservedLogLevel
{
    public const string Critical = "Critical";
    public const string Error = "Error";
    public const string Warning = "Warning";
}

/// <summary>
/// A place where production logs a failure: <c>LogError</c>/<c>LogCritical</c>, <c>Log(LogLevel.Error, ...)</c>, a
/// <c>[LoggerMessage]</c> method at Error/Critical, Serilog/NLog <c>Error</c>/<c>Fatal</c>, or <c>LogWarning</c> given an exception.
/// </summary>
/// <param name="Level">Critical, Error or Warning (<see cref="ObservedLogLevel"/>).</param>
/// <param name="Api">How it logs, as written: <c>LogError</c>, <c>Log(LogLevel.Error)</c>, <c>[LoggerMessage]</c>, ...</param>
/// <param name="Member">The method (or property) that logs.</param>
/// <param name="MemberIsPublic">Whether that member is public, so a test can call it directly.</param>
/// <param name="Placeholders">The message template's named placeholders (<c>{OrderId}</c> gives OrderId), when the template is a literal.</param>
public sealed record ErrorLogSite(string Level, string Api, string Member, bool MemberIsPublic, int Line, bool WithException, IReadOnlyList<string> Placeholders)
{
    /// <summary>The file the line is in (a partial type's parts are in several); null when unknown.</summary>
    public string? Path { get; init; }
}

/// <summary>How production carries a correlation id.</summary>
public static class CorrelationEvidenceKind
{
    /// <summary>A log template placeholder or logging-scope key (<c>{CorrelationId}</c>, <c>BeginScope</c>).</summary>
    public const string LogProperty = "log-property";

    /// <summary>A header name (<c>X-Correlation-ID</c>, <c>traceparent</c>, <c>X-Request-ID</c>).</summary>
    public const string Header = "header";

    /// <summary>Distributed tracing (<c>Activity.Current</c>, <c>ActivitySource</c>, baggage).</summary>
    public const string Activity = "activity";

    /// <summary>A parameter, field or property that holds the id (<c>correlationId</c>, <c>TraceId</c>).</summary>
    public const string Member = "member";
}

/// <param name="Kind">One of <see cref="CorrelationEvidenceKind"/>.</param>
/// <param name="Text">The identifier, literal or expression found.</param>
public sealed record CorrelationEvidence(string Kind, string Text, string Member, int Line);

/// <summary>A metric instrument created in production (<c>meter.CreateCounter&lt;long&gt;("orders.failed")</c>).</summary>
/// <param name="Factory">The creating call: CreateCounter, CreateHistogram, ...</param>
/// <param name="Name">The instrument name when it is a literal or a constant of the same type; otherwise the expression.</param>
/// <param name="NameExpression">The name argument as written (a constant's name or the literal).</param>
/// <param name="ValueType">The generic argument (<c>long</c>), or <c>long</c> when none is written.</param>
public sealed record MetricInstrument(string Factory, string Name, string NameExpression, string ValueType, string Member, int Line)
{
    /// <summary>The file the line is in (a partial type's parts are in several); null when unknown.</summary>
    public string? Path { get; init; }

    /// <summary>The meter's name as a literal a test can write (<c>"Shop.Orders"</c>, also when a constant holds it); null when computed or not found.</summary>
    public string? MeterExpression { get; init; }
}

/// <summary>One production type's observability features. <see cref="Assembly"/> and <see cref="FullName"/> match <see cref="ProductionType"/>.</summary>
public sealed record ObservabilityProductionFacts(
    string Assembly,
    string FullName,
    string Path,
    int Line,
    IReadOnlyList<ErrorLogSite> ErrorLogs,
    IReadOnlyList<CorrelationEvidence> Correlation,
    IReadOnlyList<MetricInstrument> Instruments);

/// <summary>
/// What one test asserts about observability, read from its body and same-class helpers. Each flag needs a positive
/// assertion (not <c>DoesNotContain</c>/<c>Empty</c>/<c>Never</c>), so a test proving that nothing is logged does not count.
/// </summary>
/// <param name="LogLevelsAsserted">Levels of captured log records the test asserts (Critical, Error, Warning), when it captures logs.</param>
/// <param name="LogContextAsserted">The test asserts a captured record's structured state, scopes, or its message against an id.</param>
/// <param name="CorrelationAsserted">An assertion checks a correlation id, trace id, trace header or baggage.</param>
/// <param name="MetricAsserted">The test collects measurements (MetricCollector, MeterListener, a verified fake of a metrics type) and asserts them.</param>
/// <param name="FailurePath">The test drives a failure: its name says so, it expects an exception, or it asserts a failure instrument.</param>
public sealed record ObservabilityTestFacts(
    TestMethod Test,
    bool IsSkipped,
    IReadOnlyList<string> LogLevelsAsserted,
    bool LogContextAsserted,
    bool CorrelationAsserted,
    bool MetricAsserted,
    bool FailurePath);
