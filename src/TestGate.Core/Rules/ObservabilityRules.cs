using TestGate.Core.Model;
using TestGate.Core.Suite;
using static TestGate.Core.Rules.ObservabilityTestDataStyle;
using static TestGate.Core.Rules.Prose;

namespace TestGate.Core.Rules;

/// <summary>
/// TG0801–TG0803: "at least one test must verify" errors logged with context, correlation ids propagated and critical
/// failures emitting metrics. Solution-wide: one finding per rule, located at a production type that has the feature,
/// and only when production has it.
/// </summary>
public static partial class StructuralRules
{
    static partial void Observability(SuiteModel suite, List<Finding> findings)
    {
        var style = new Lazy<TestIdioms>(() => TestIdioms.Of(suite));
        var tests = suite.ObservabilityTests.Where(t => !t.IsSkipped).ToArray();
        var byKey = suite.Production.ToDictionary(p => (p.Type.Assembly, p.Type.FullName));
        if (MissingErrorLogTest(suite, tests, byKey, style) is { } errorLog)
        {
            findings.Add(errorLog);
        }

        if (MissingCorrelationTest(suite, tests, byKey, style) is { } correlation)
        {
            findings.Add(correlation);
        }

        if (MissingFailureMetricTest(suite, tests, byKey, style) is { } metric)
        {
            findings.Add(metric);
        }
    }

    private static SourceLocation LocationOf(ObservabilityProductionFacts facts, IReadOnlyDictionary<(string, string), ProductionFacts> byKey) =>
        byKey.TryGetValue((facts.Assembly, facts.FullName), out var type) ? type.Location : new SourceLocation(facts.Path, facts.Line, facts.FullName);

    /// <summary>The file and line of the site the finding quotes (a log call, an instrument), in the member that holds it (a constructor is the type).</summary>
    private static SourceLocation LocationOf(ObservabilityProductionFacts facts, IReadOnlyDictionary<(string, string), ProductionFacts> byKey, string? path, int line, string member) =>
        new(path ?? LocationOf(facts, byKey).Path, line, member == SimpleOf(facts.FullName) ? facts.FullName : $"{facts.FullName}.{member}");

    private static string SimpleOf(string fullName) => TypeNames.SimpleNameOf(fullName);

    /// <summary>The public method of a type that reaches <paramref name="member"/> through the type's own calls, or null.</summary>
    private static MethodFacts? PublicEntryTo(ProductionFacts? type, string member)
    {
        if (type is null)
        {
            return null;
        }

        if (type.Methods.FirstOrDefault(m => m.Name == member && m.IsPublic) is { } direct)
        {
            return direct;
        }

        var reaching = new HashSet<string>(StringComparer.Ordinal) { member };
        for (var depth = 0; depth < 4; depth++)
        {
            var callers = type.Methods.Where(m => !reaching.Contains(m.Name) && m.InvokedMembers.Any(reaching.Contains)).ToArray();
            if (callers.FirstOrDefault(m => m.IsPublic) is { } entry)
            {
                return entry;
            }

            if (callers.Length == 0)
            {
                return null;
            }

            reaching.UnionWith(callers.Select(c => c.Name));
        }

        return null;
    }

    private static readonly string[] BoundarySuffixes = ["Gateway", "Client", "Sender", "Publisher", "Bus", "Queue", "Provider", "Api", "Store", "Repository"];

    /// <summary>A production interface the type depends on that a test can make fail: boundary-like names first.</summary>
    private static string? FailingCollaborator(SuiteModel suite, ProductionFacts? type)
    {
        if (type is null)
        {
            return null;
        }

        var interfaces = type.DependencyTypes
            .Where(d => d.Length > 1 && d[0] == 'I' && char.IsUpper(d[1]) && !d.StartsWith("ILogger", StringComparison.Ordinal)
                && suite.ProductionBySimpleName.Contains(d))
            .ToArray();
        return interfaces.FirstOrDefault(i => BoundarySuffixes.Take(6).Any(s => i.EndsWith(s, StringComparison.Ordinal)))
            ?? interfaces.FirstOrDefault(i => BoundarySuffixes.Any(s => i.EndsWith(s, StringComparison.Ordinal)))
            ?? interfaces.FirstOrDefault();
    }

    // ------------------------------------------------------------------ TG0801

    private static Finding? MissingErrorLogTest(
        SuiteModel suite, IReadOnlyList<ObservabilityTestFacts> tests, IReadOnlyDictionary<(string, string), ProductionFacts> byKey, Lazy<TestIdioms> style)
    {
        var logging = suite.ObservabilityProduction.Where(p => p.ErrorLogs.Count > 0).ToArray();
        if (logging.Length == 0)
        {
            return null;
        }

        // Errors logged at Error/Critical need a test at that level; a failure only ever logged as a warning with its exception may be proven at Warning.
        var needsError = logging.Any(p => p.ErrorLogs.Any(l => l.Level is ObservedLogLevel.Error or ObservedLogLevel.Critical));
        bool Accepted(string level) => level is ObservedLogLevel.Error or ObservedLogLevel.Critical || (!needsError && level == ObservedLogLevel.Warning);
        if (tests.Any(t => t.LogContextAsserted && t.LogLevelsAsserted.Any(Accepted)))
        {
            return null;
        }

        // The first site a test must prove: with an error logged anywhere, a type that only warns is not the example.
        if (logging.SelectMany(p => p.ErrorLogs.Where(l => Accepted(l.Level)).Select(l => (Type: p, Site: l))).FirstOrDefault() is not ({ } first, { } site))
        {
            return null;
        }

        var typeName = SimpleOf(first.FullName);
        byKey.TryGetValue((first.Assembly, first.FullName), out var type);
        var others = logging.Where(p => p != first).Select(p => SimpleOf(p.FullName)).ToArray();
        var siteCount = logging.Sum(p => p.ErrorLogs.Count);
        var placeholder = site.Placeholders.FirstOrDefault(p => p.EndsWith("Id", StringComparison.Ordinal)) ?? site.Placeholders.FirstOrDefault();
        var level = site.Level == ObservedLogLevel.Critical ? "Critical" : site.Level == ObservedLogLevel.Warning ? "Warning" : "Error";

        var near = tests.Where(t => t.LogLevelsAsserted.Any(Accepted)).Select(t => $"{SimpleOf(t.Test.ClassName)}.{t.Test.MethodName}").Order(StringComparer.Ordinal).ToArray();
        var contextOnly = tests.Where(t => t.LogContextAsserted).Select(t => $"{SimpleOf(t.Test.ClassName)}.{t.Test.MethodName}").Order(StringComparer.Ordinal).ToArray();
        var partial = near.Length > 0
            ? $" {List(near)} {(near.Length == 1 ? "asserts" : "assert")} the level but not the record's message or structured state."
            : contextOnly.Length > 0
                ? $" {List(contextOnly)} {(contextOnly.Length == 1 ? "asserts" : "assert")} log context, but only below {level}."
                : string.Empty;
        // A [LoggerMessage] method of a static Log class is not what a test runs: it drives the class that calls it.
        var (subjectName, subject, subjectSite, calledFrom) = (typeName, type, site, (MethodFacts?)null);
        if (suite.CallGraph.Any(t => t.FullName == first.FullName && t.IsStatic) && CallerOf(suite, type, site.Member) is { } caller)
        {
            (subjectName, subject, calledFrom) = (caller.Type.Type.SimpleName, caller.Type, caller.Method);
            subjectSite = site with { Member = caller.Method.Name, MemberIsPublic = caller.Method.IsPublic };
        }

        var via = calledFrom is null ? string.Empty : $", called from `{subjectName}.{calledFrom.Name}`";

        var missing =
            $"No test asserts that an error is logged with context. `{typeName}.{site.Member}` logs at {level} (`{site.Api}`, line {Line(site.Line)}){via}"
            + (siteCount > 1 ? $", one of {Count(siteCount, "error-log site", "error-log sites")}" + (others.Length > 0 ? $" (also in {List(others.Select(o => $"`{o}`"))})" : string.Empty) : string.Empty)
            + $", but no test captures the log (FakeLogger/FakeLogCollector, a verified ILogger mock or a capturing provider) and asserts a record at {level} level with its message or structured state"
            + (placeholder is null ? "." : $" such as `{placeholder}`.")
            + partial;

        var placeholders = site.Placeholders.Select(p => $"`{{{p}}}`").ToArray();
        var context = placeholders.Length switch
        {
            0 => "the ids in its message",
            1 => $"its {placeholders[0]} placeholder",
            _ => $"its {string.Join(", ", placeholders.Take(placeholders.Length - 1))} and {placeholders[^1]} placeholders",
        };
        var risk =
            $"When `{subjectName}` fails in production, the {level} record from `{(calledFrom is null ? site.Member : $"{typeName}.{site.Member}")}` is the only trace of what failed and for which entity. "
            + $"Untested, a refactoring can drop {context}"
            + (site.WithException ? " or the exception argument, or change the level" : " or change the level")
            + ", and the on-call engineer finds out during the incident instead of in the build.";

        return new Finding(
            "TG0801",
            RuleCatalog.Get("TG0801").DefaultSeverity,
            missing,
            risk,
            "Application",
            ErrorLogOutline(suite, style.Value, subjectName, subject, subjectSite, placeholder, level),
            LocationOf(first, byKey, site.Path, site.Line, site.Member));
    }

    /// <summary>
    /// The first production type (by name) that holds a logger and has a method calling <paramref name="member"/> of a
    /// static logging class (a name alone could be any library's method).
    /// </summary>
    private static (ProductionFacts Type, MethodFacts Method)? CallerOf(SuiteModel suite, ProductionFacts? declaring, string member) =>
        suite.Production
            .Where(p => p != declaring && p.Kind is "class" or "record" && p.DependencyTypes.Any(d => d is "ILogger" or "ILoggerFactory"))
            .SelectMany(p => p.Methods.Where(m => m.InvokedMembers.Contains(member, StringComparer.Ordinal)).Select(m => (Type: p, Method: m)))
            .OrderBy(c => c.Method.IsPublic ? 0 : 1)
            .ThenBy(c => c.Type.Type.FullName, StringComparer.Ordinal)
            .Select(c => ((ProductionFacts Type, MethodFacts Method)?)c)
            .FirstOrDefault();

    private static string ErrorLogOutline(SuiteModel suite, TestIdioms style, string typeName, ProductionFacts? type, ErrorLogSite site, string? placeholder, string level)
    {
        var entry = PublicEntryTo(type, site.Member);
        var isAsync = entry is null ? type?.Methods.Any(m => m.IsPublic && m.IsAsync) ?? true : entry.IsAsync || entry.Name.EndsWith("Async", StringComparison.Ordinal);
        var collaborator = FailingCollaborator(suite, type);
        var lines = new List<string>
        {
            style.TestAttribute(isAsync),
            style.Signature(isAsync, $"{Identifier(site.Member)}_logs_{level.ToLowerInvariant()}_with_context"),
            "{",
            $"    var logger = new FakeLogger<{typeName}>();",
        };
        var arguments = "logger";
        if (collaborator is not null)
        {
            var (declaration, argument) = style.FailingDouble(collaborator, $"where {site.Member} is reached");
            lines.Add("    " + declaration);
            arguments = $"{argument}, logger";
        }

        lines.Add($"    var sut = new {typeName}(/* other dependencies, */ {arguments});");
        lines.Add("    var expectedId = Guid.NewGuid(); // the id the failing input carries");
        lines.Add(string.Empty);
        var call = entry is null
            ? $"sut./* the public member that reaches {site.Member} */(expectedId /*, ... */)"
            : $"sut.{entry.Name}(expectedId /*, an input that reaches {site.Member} */)";
        lines.Add($"    // act: drive the failure that {site.Member} logs (drop the exception assertion if {typeName} handles it)");
        lines.Add("    " + style.Throws("Exception", call, isAsync));
        lines.Add(string.Empty);
        lines.Add("    " + style.Single("record", "logger.Collector.GetSnapshot()", $"r => r.Level == LogLevel.{level}"));
        lines.Add("    " + (placeholder is null
            ? style.Equal("true", "record.Message.Contains(expectedId.ToString())")
            : style.Equal("expectedId.ToString()", $"record.GetStructuredStateValue(\"{placeholder}\")")));
        if (site.WithException)
        {
            lines.Add("    " + style.NotNull("record.Exception"));
        }

        lines.Add("}");
        return Lines(lines.ToArray());
    }

    // ------------------------------------------------------------------ TG0802

    private static readonly HashSet<string> EntryPointSuffixes = new(StringComparer.Ordinal)
    {
        "Controller", "Handler", "Endpoint", "Endpoints", "Consumer", "Listener", "Subscriber", "Worker", "Function", "Functions", "Hub", "Middleware",
    };

    private static readonly HashSet<string> EntryPointBases = new(StringComparer.Ordinal)
    {
        "Controller", "ControllerBase", "BackgroundService", "IHostedService", "Hub", "IConsumer", "IHandleMessages",
        "INotificationHandler", "IRequestHandler", "IMessageHandler", "IEventHandler", "ICommandHandler", "IMiddleware",
    };

    private static readonly HashSet<string> EndpointMappings = new(StringComparer.Ordinal) { "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods" };

    private static bool IsEntryPoint(ProductionFacts type) =>
        type.Kind is "class" or "record"
        && (EntryPointSuffixes.Any(s => type.Type.SimpleName.EndsWith(s, StringComparison.Ordinal) && type.Type.SimpleName.Length > s.Length)
            || type.BaseTypes.Any(EntryPointBases.Contains)
            || type.InvokedMembers.Any(EndpointMappings.Contains));

    private static bool Logs(ProductionFacts type) =>
        type.Uses("ILogger") || type.Uses("ILoggerFactory")
        || type.InvokedMembers.Any(m => m is "LogInformation" or "LogWarning" or "LogError" or "LogCritical" or "LogDebug" or "LogTrace" or "Log");

    private static readonly string[] EvidencePreference =
        [CorrelationEvidenceKind.LogProperty, CorrelationEvidenceKind.Header, CorrelationEvidenceKind.Activity, CorrelationEvidenceKind.Member];

    private static Finding? MissingCorrelationTest(
        SuiteModel suite, IReadOnlyList<ObservabilityTestFacts> tests, IReadOnlyDictionary<(string, string), ProductionFacts> byKey, Lazy<TestIdioms> style)
    {
        if (tests.Any(t => t.CorrelationAsserted))
        {
            return null;
        }

        // Types that log, send or trace the id come before those that merely hold it (a DTO property, an interface parameter).
        var carrying = suite.ObservabilityProduction.Where(p => p.Correlation.Count > 0)
            .OrderBy(p => p.Correlation.Any(e => e.Kind != CorrelationEvidenceKind.Member) ? 0 : 1)
            .ToArray();
        if (carrying.Length > 0)
        {
            return CorrelationNotTested(carrying, byKey, style.Value);
        }

        // No correlation concept at all: a finding only for a service that handles requests or messages and logs.
        var entry = suite.Production.Where(p => IsEntryPoint(p) && Logs(p))
            .OrderBy(p => p.Type.Path, StringComparer.Ordinal).ThenBy(p => p.Type.Line).FirstOrDefault();
        return entry is null ? null : CorrelationAbsent(entry, style.Value);
    }

    private static Finding CorrelationNotTested(
        IReadOnlyList<ObservabilityProductionFacts> carrying, IReadOnlyDictionary<(string, string), ProductionFacts> byKey, TestIdioms style)
    {
        var first = carrying[0];
        var typeName = SimpleOf(first.FullName);
        var all = carrying.SelectMany(c => c.Correlation).ToArray();
        var evidence = EvidencePreference.Select(k => first.Correlation.FirstOrDefault(e => e.Kind == k)).OfType<CorrelationEvidence>().First();
        var strongest = EvidencePreference.Select(k => all.FirstOrDefault(e => e.Kind == k)).OfType<CorrelationEvidence>().First();
        var shown = first.Correlation.GroupBy(e => e.Kind).OrderBy(g => Array.IndexOf(EvidencePreference, g.Key)).Select(g => Describe(g.First())).ToArray();
        var others = carrying.Skip(1).Select(c => $"`{SimpleOf(c.FullName)}`").ToArray();

        var missing =
            $"No test asserts that a correlation id is propagated. `{typeName}` carries one ({List(shown, 3)})"
            + (others.Length > 0 ? $", as {(others.Length == 1 ? "does" : "do")} {List(others)}" : string.Empty)
            + ", but no test supplies a known id and asserts that it arrives in a log record or scope, an outgoing header, a published message or an Activity.";
        var risk =
            $"If `{typeName}.{evidence.Member}` stops passing the id on (a new overload that drops it, a log call without the placeholder, "
            + $"a background step that starts a fresh scope), the log records and outgoing calls of one request handled by `{typeName}` can no longer "
            + "be joined across services and retries, and no build fails.";

        var strongestOwner = carrying.First(c => c.Correlation.Contains(strongest));
        byKey.TryGetValue((strongestOwner.Assembly, strongestOwner.FullName), out var owner);
        var ownerName = SimpleOf(strongestOwner.FullName);
        return new Finding(
            "TG0802",
            RuleCatalog.Get("TG0802").DefaultSeverity,
            missing,
            risk,
            "Application",
            CorrelationOutline(style, ownerName, owner, strongest),
            LocationOf(first, byKey));
    }

    private static string Describe(CorrelationEvidence evidence) => evidence.Kind switch
    {
        CorrelationEvidenceKind.LogProperty => $"the `{{{evidence.Text}}}` log property in `{evidence.Member}`, line {Line(evidence.Line)}",
        CorrelationEvidenceKind.Header => $"the `{evidence.Text}` header in `{evidence.Member}`, line {Line(evidence.Line)}",
        CorrelationEvidenceKind.Activity => $"`{evidence.Text}` in `{evidence.Member}`, line {Line(evidence.Line)}",
        _ => $"`{evidence.Text}` in `{evidence.Member}`, line {Line(evidence.Line)}",
    };

    private static string CorrelationOutline(TestIdioms style, string typeName, ProductionFacts? type, CorrelationEvidence evidence)
    {
        var entry = type?.Methods.FirstOrDefault(m => m.Name == evidence.Member && m.IsPublic) ?? PublicEntryTo(type, evidence.Member)
            ?? type?.Methods.FirstOrDefault(m => m.IsPublic);
        var isAsync = entry is null || entry.IsAsync || entry.Name.EndsWith("Async", StringComparison.Ordinal);
        var call = $"{(isAsync ? "await " : string.Empty)}sut.{entry?.Name ?? "Handle"}(/* a request carrying */ correlationId /*, ... */);";
        var lines = new List<string>
        {
            style.TestAttribute(isAsync),
            style.Signature(isAsync, $"{Identifier(entry?.Name ?? typeName)}_propagates_the_correlation_id"),
            "{",
            "    const string correlationId = \"corr-test-42\";",
        };
        switch (evidence.Kind)
        {
            case CorrelationEvidenceKind.Header:
                lines.Add("    var handler = new RecordingHandler(); // an HttpMessageHandler that keeps the requests it sends");
                lines.Add($"    var sut = new {typeName}(new HttpClient(handler) {{ BaseAddress = new Uri(\"https://upstream.test/\") }} /*, ... */);");
                lines.Add(string.Empty);
                lines.Add("    " + call);
                lines.Add(string.Empty);
                lines.Add("    " + style.Single("sent", "handler.Requests", null));
                lines.Add("    " + style.Equal("correlationId", $"sent.Headers.GetValues(\"{evidence.Text}\").Single()"));
                break;
            case CorrelationEvidenceKind.Activity:
                lines.Add("    var activities = new List<Activity>();");
                lines.Add("    using var listener = new ActivityListener");
                lines.Add("    {");
                lines.Add("        ShouldListenTo = _ => true,");
                lines.Add("        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,");
                lines.Add("        ActivityStopped = activities.Add,");
                lines.Add("    };");
                lines.Add("    ActivitySource.AddActivityListener(listener);");
                lines.Add("    using var parent = new Activity(\"caller\").Start();");
                lines.Add($"    var sut = new {typeName}(/* ... */);");
                lines.Add(string.Empty);
                lines.Add("    " + call);
                lines.Add(string.Empty);
                lines.Add("    " + style.Single("activity", "activities", null));
                lines.Add("    " + style.Equal("parent.TraceId", "activity.TraceId"));
                break;
            default:
                var property = evidence.Kind == CorrelationEvidenceKind.LogProperty && IsIdentifierLike(evidence.Text) ? evidence.Text : "CorrelationId";
                lines.Add($"    var logger = new FakeLogger<{typeName}>();");
                lines.Add($"    var sut = new {typeName}(/* ..., */ logger);");
                lines.Add(string.Empty);
                lines.Add("    " + call);
                lines.Add(string.Empty);
                lines.Add("    " + style.Single("record", "logger.Collector.GetSnapshot()", null) + " // or the record of the step that must carry it");
                lines.Add("    " + style.Equal("correlationId", $"record.GetStructuredStateValue(\"{property}\")"));
                break;
        }

        lines.Add("}");
        return Lines(lines.ToArray());
    }

    private static bool IsIdentifierLike(string text) => text.Length > 0 && text.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static Finding CorrelationAbsent(ProductionFacts entry, TestIdioms style)
    {
        var typeName = entry.Type.SimpleName;
        var method = entry.Methods.FirstOrDefault(m => m.IsPublic && m.IsAsync) ?? entry.Methods.FirstOrDefault(m => m.IsPublic);
        var isAsync = method is null || method.IsAsync || method.Name.EndsWith("Async", StringComparison.Ordinal);
        var missing =
            $"No test verifies that correlation ids are propagated, and no production code carries one: `{typeName}` handles incoming requests or "
            + "messages and logs, but no correlation id, trace id, trace header or logging scope flows through the solution.";
        var risk =
            $"Log records written while `{typeName}` handles concurrent requests cannot be told apart or tied to the caller's trace; "
            + "when one request fails under load, its records interleave with everyone else's and the failure cannot be followed across services.";
        var lines = new[]
        {
            style.TestAttribute(isAsync),
            style.Signature(isAsync, $"{Identifier(method?.Name ?? typeName)}_logs_within_the_callers_correlation_scope"),
            "{",
            "    const string correlationId = \"corr-test-42\";",
            $"    var logger = new FakeLogger<{typeName}>();",
            $"    var sut = new {typeName}(/* ..., */ logger);",
            string.Empty,
            $"    {(isAsync ? "await " : string.Empty)}sut.{method?.Name ?? "Handle"}(/* a request whose X-Correlation-ID header (or message property) is */ correlationId);",
            string.Empty,
            "    // production opens logger.BeginScope(new Dictionary<string, object> { [\"CorrelationId\"] = ... }) or logs {CorrelationId}",
            "    " + style.Single("record", "logger.Collector.GetSnapshot()", null),
            "    " + style.Equal("correlationId", "record.GetStructuredStateValue(\"CorrelationId\")"),
            "}",
        };
        return new Finding(
            "TG0802",
            RuleCatalog.Get("TG0802").DefaultSeverity,
            missing,
            risk,
            "Application",
            Lines(lines),
            entry.Location);
    }

    // ------------------------------------------------------------------ TG0803

    private static readonly string[] FailureNameParts = ["fail", "error", "exception", "reject", "declin", "timeout", "dead", "poison", "abort", "fault"];

    private static bool NamesFailure(string text) =>
        FailureNameParts.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));

    private static Finding? MissingFailureMetricTest(
        SuiteModel suite, IReadOnlyList<ObservabilityTestFacts> tests, IReadOnlyDictionary<(string, string), ProductionFacts> byKey, Lazy<TestIdioms> style)
    {
        var measuring = suite.ObservabilityProduction.Where(p => p.Instruments.Count > 0).ToArray();
        if (measuring.Length == 0 || tests.Any(t => t.MetricAsserted && t.FailurePath))
        {
            return null;
        }

        // The failure instrument if one is named so, else the first instrument.
        var (owner, instrument) = measuring.SelectMany(m => m.Instruments.Select(i => (Owner: m, Instrument: i)))
            .OrderBy(x => NamesFailure(x.Instrument.Name) || NamesFailure(x.Instrument.NameExpression) ? 0 : 1)
            .First();
        var typeName = SimpleOf(owner.FullName);
        byKey.TryGetValue((owner.Assembly, owner.FullName), out var type);
        var instrumentCount = measuring.Sum(m => m.Instruments.Count);
        var successOnly = tests.Where(t => t.MetricAsserted).Select(t => $"{SimpleOf(t.Test.ClassName)}.{t.Test.MethodName}").Order(StringComparer.Ordinal).ToArray();

        // Who records on the failure path: the type's recording method, and the production code that calls it.
        var recorder = type?.Methods.Where(m => m.IsPublic && m.InvokedMembers.Any(i => i is "Add" or "Record" or "Inc" or "Observe" or "Increment"))
            .OrderBy(m => NamesFailure(m.Name) ? 0 : 1).FirstOrDefault();
        var metricNames = new[] { typeName }.Concat(type?.BaseTypes ?? []).ToArray();
        var caller = recorder is null
            ? null
            : suite.Production.Where(p => metricNames.Any(p.Uses) && p.Methods.Any(m => m.InvokedMembers.Contains(recorder.Name, StringComparer.Ordinal)))
                .OrderBy(p => p.Type.Path, StringComparer.Ordinal).FirstOrDefault();
        var callerMethod = caller is null ? null : PublicEntryTo(caller, caller.Methods.First(m => m.InvokedMembers.Contains(recorder!.Name, StringComparer.Ordinal)).Name);

        var missing =
            $"No test asserts that a failure emits a metric. `{typeName}` creates `{instrument.Name}` (`{instrument.Factory}<{instrument.ValueType}>` in `{instrument.Member}`, line {Line(instrument.Line)})"
            + (instrumentCount > 1 ? $", one of {Count(instrumentCount, "instrument", "instruments")}" : string.Empty)
            + (recorder is not null && caller is not null ? $", recorded through `{typeName}.{recorder.Name}` by `{caller.Type.SimpleName}`" : string.Empty)
            + ", but no test drives a failure and asserts the measurement (MetricCollector<T>, MeterListener, or a verified fake of the metrics type)."
            + (successOnly.Length > 0 ? $" {List(successOnly)} {(successOnly.Length == 1 ? "asserts" : "assert")} measurements, but not on a failure path." : string.Empty);
        var risk =
            $"Alerts and dashboards for failures hang on `{instrument.Name}`. If a refactoring stops recording it on the failure path, renames it or drops its tags, "
            + $"the graphs go flat exactly when {(caller is null ? $"`{typeName}`'s callers" : $"`{caller.Type.SimpleName}`")} starts failing, and nobody is paged.";

        return new Finding(
            "TG0803",
            RuleCatalog.Get("TG0803").DefaultSeverity,
            missing,
            risk,
            caller is null ? "Unit" : "Application",
            MetricOutline(suite, style.Value, typeName, type, instrument, caller, callerMethod),
            LocationOf(owner, byKey, instrument.Path, instrument.Line, instrument.Member));
    }

    private static string MetricOutline(
        SuiteModel suite, TestIdioms style, string typeName, ProductionFacts? type, MetricInstrument instrument, ProductionFacts? caller, MethodFacts? callerMethod)
    {
        var isAsync = callerMethod is not null && (callerMethod.IsAsync || callerMethod.Name.EndsWith("Async", StringComparison.Ordinal));
        var valueType = instrument.ValueType is "long" or "int" or "double" or "float" or "decimal" or "short" or "byte" ? instrument.ValueType : "long";
        var name = instrument.NameExpression.Length > 0 ? instrument.NameExpression : "\"" + instrument.Name + "\"";
        var lines = new List<string>
        {
            style.TestAttribute(isAsync),
            style.Signature(isAsync, $"Failure_is_recorded_in_{Identifier(instrument.Name)}"),
            "{",
        };
        string metricsArgument;
        if (type?.Uses("IMeterFactory") == true)
        {
            lines.Add("    var meterFactory = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();");
            lines.Add($"    using var collector = new MetricCollector<{valueType}>(meterFactory, {instrument.MeterExpression ?? $"/* the meter name */ \"{typeName}\""}, {name});");
            metricsArgument = $"new {typeName}(meterFactory)";
        }
        else
        {
            lines.Add($"    using var meter = new Meter(\"{typeName}.Tests\");");
            lines.Add($"    using var collector = new MetricCollector<{valueType}>(meter, {name});");
            metricsArgument = $"new {typeName}(meter)";
        }

        if (caller is not null)
        {
            var collaborator = FailingCollaborator(suite, caller);
            var arguments = metricsArgument;
            if (collaborator is not null)
            {
                var (declaration, argument) = style.FailingDouble(collaborator, $"so that {caller.Type.SimpleName} fails");
                lines.Add("    " + declaration);
                arguments = $"{argument}, {metricsArgument}";
            }

            lines.Add($"    var sut = new {caller.Type.SimpleName}(/* other dependencies, */ {arguments});");
            lines.Add(string.Empty);
            var failing = $"sut.{callerMethod?.Name ?? "Handle"}(/* an input that fails */)";
            lines.Add("    " + style.Throws("Exception", failing, isAsync));
        }
        else
        {
            lines.Add($"    var sut = {metricsArgument};");
            lines.Add(string.Empty);
            lines.Add($"    // drive the failure path that records {instrument.Name}");
        }

        lines.Add(string.Empty);
        lines.Add("    " + style.Single("measurement", "collector.GetMeasurementSnapshot()", null));
        lines.Add("    " + style.Equal("1", "measurement.Value"));
        lines.Add("    // and the tags alerts group by, e.g. " + style.Equal("\"timeout\"", "measurement.Tags[\"reason\"]"));
        lines.Add("}");
        return Lines(lines.ToArray());
    }
}
