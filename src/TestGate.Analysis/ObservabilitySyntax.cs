using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Analysis;

/// <summary>
/// Syntax facts of the observability family (TG0801–TG0803), and the assertion vocabulary it shares with the
/// test-data family: what an assertion statement is, when it is negative, which lambdas are the act of a
/// <c>Throws</c> and not an assertion.
/// </summary>
internal static partial class ObservabilitySyntax
{
    // ------------------------------------------------------------------ production

    private static readonly HashSet<string> InstrumentFactories = new(StringComparer.Ordinal)
    {
        "CreateCounter", "CreateHistogram", "CreateUpDownCounter", "CreateGauge",
        "CreateObservableCounter", "CreateObservableGauge", "CreateObservableUpDownCounter", "CreateSummary",
    };

    private static readonly HashSet<string> ExceptionArgumentNames = new(StringComparer.Ordinal)
    {
        "ex", "e", "exc", "exception", "cause", "inner", "innerException",
    };

    private static readonly HashSet<string> ActivityIdentifiers = new(StringComparer.Ordinal)
    {
        "ActivitySource", "StartActivity", "Baggage", "AddBaggage", "SetBaggage", "GetBaggageItem",
        "DistributedContextPropagator", "Propagators", "ActivityTraceId", "ActivitySpanId",
    };

    private static readonly HashSet<string> HeaderNames = new(StringComparer.Ordinal)
    {
        "x-correlation-id", "correlation-id", "x-correlationid", "x-request-id", "request-id",
        "traceparent", "tracestate", "x-trace-id", "trace-id", "request-context",
    };

    private const int MaxEvidencePerType = 40;

    [GeneratedRegex(@"(?<!\{)\{@?([A-Za-z_][A-Za-z0-9_.]*)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    private sealed class TypeBuilder(string path, int line)
    {
        public string Path { get; set; } = path;
        public int Line { get; set; } = line;
        public List<ErrorLogSite> ErrorLogs { get; } = [];
        public List<CorrelationEvidence> Correlation { get; } = [];
        public HashSet<(string, string)> SeenEvidence { get; } = [];
        public List<MetricInstrument> Instruments { get; } = [];
    }

    public static IReadOnlyList<ObservabilityProductionFacts> ProductionFactsOf(IReadOnlyList<(SourceFile File, SyntaxTree Tree)> production)
    {
        var byType = new Dictionary<(string Assembly, string FullName), TypeBuilder>();
        foreach (var (file, tree) in production)
        {
            var declarations = tree.GetRoot()
                .Descendants(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
                .OfType<BaseTypeDeclarationSyntax>()
                .Where(d => !d.Identifier.IsMissing);
            foreach (var declaration in declarations)
            {
                var key = (file.Assembly, ProductionTypeScanner.FullNameOf(declaration));
                var line = SyntaxNames.LineOf(declaration.Identifier);
                if (!byType.TryGetValue(key, out var builder))
                {
                    builder = new TypeBuilder(file.Path, line);
                    byType[key] = builder;
                }
                else if (string.CompareOrdinal(file.Path, builder.Path) < 0 || (file.Path == builder.Path && line < builder.Line))
                {
                    (builder.Path, builder.Line) = (file.Path, line);
                }

                Scan(declaration, builder);
            }
        }

        return byType
            .Where(t => t.Value.ErrorLogs.Count > 0 || t.Value.Correlation.Count > 0 || t.Value.Instruments.Count > 0)
            .Select(t => new ObservabilityProductionFacts(
                t.Key.Assembly,
                t.Key.FullName,
                t.Value.Path,
                t.Value.Line,
                t.Value.ErrorLogs.OrderBy(s => s.Line).ToArray(),
                t.Value.Correlation.OrderBy(c => c.Line).ThenBy(c => c.Text, StringComparer.Ordinal).ToArray(),
                t.Value.Instruments.OrderBy(i => i.Line).ToArray()))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.FullName, StringComparer.Ordinal)
            .ToArray();
    }

    private static void Scan(BaseTypeDeclarationSyntax declaration, TypeBuilder builder)
    {
        var typeName = declaration.Identifier.ValueText;
        var (constants, buildLoggers) = ConstantsAndBuildLoggersOf(declaration);
        ScanIdentifier(declaration.Identifier, builder);

        // One walk: calls, attributes, and the identifiers and string values correlation ids are named by.
        foreach (var node in declaration.Descendants())
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation:
                    if (!(SyntaxNames.InvokedName(invocation) is { } invoked && invoked.StartsWith("Log", StringComparison.Ordinal)
                        && ReceiverName(invocation) is { } receiver && buildLoggers.Contains(receiver)))
                    {
                        ScanInvocation(invocation, typeName, constants, builder);
                    }

                    break;
                case AttributeSyntax attribute when TestMethodScanner.AttributeName(attribute) == "LoggerMessage":
                    ScanLoggerMessage(attribute, builder);
                    break;
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Activity" }, Name.Identifier.ValueText: "Current" } current:
                    AddEvidence(builder, CorrelationEvidenceKind.Activity, "Activity.Current", current);
                    break;
                case SimpleNameSyntax name:
                    ScanIdentifier(name.Identifier, builder);
                    break;
                case ParameterSyntax parameter:
                    ScanIdentifier(parameter.Identifier, builder);
                    break;
                case VariableDeclaratorSyntax variable:
                    ScanIdentifier(variable.Identifier, builder);
                    break;
                case PropertyDeclarationSyntax property:
                    ScanIdentifier(property.Identifier, builder);
                    break;
                case MethodDeclarationSyntax method:
                    ScanIdentifier(method.Identifier, builder);
                    break;
                case SingleVariableDesignationSyntax designation:
                    ScanIdentifier(designation.Identifier, builder);
                    break;
                case BaseTypeDeclarationSyntax nested:
                    ScanIdentifier(nested.Identifier, builder);
                    break;
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    ScanLiteral(literal.Token, builder);
                    break;
                case InterpolatedStringTextSyntax text:
                    ScanLiteral(text.TextToken, builder);
                    break;
            }
        }
    }

    private static readonly HashSet<string> BuildTaskBases = new(StringComparer.Ordinal) { "Task", "ToolTask", "ITask", "AppDomainIsolatedTask", "ToolTaskExtension" };

    /// <summary>
    /// The type's string constants (for instrument names), and its MSBuild loggers: <c>TaskLoggingHelper</c>
    /// (<c>Log.LogError(...)</c> in a task) reports build errors to the build, not failures of a running service, so
    /// the <c>Log</c> of a task type and members typed <c>TaskLoggingHelper</c> are no error logging.
    /// </summary>
    private static (Dictionary<string, string> Constants, HashSet<string> BuildLoggers) ConstantsAndBuildLoggersOf(BaseTypeDeclarationSyntax declaration)
    {
        var constants = new Dictionary<string, string>(StringComparer.Ordinal);
        var loggers = new HashSet<string>(StringComparer.Ordinal);
        if (declaration.BaseList?.Types.Any(b => BuildTaskBases.Contains(SyntaxNames.SimpleNameOf(b.Type))) == true)
        {
            loggers.Add("Log");
        }

        foreach (var node in declaration.Descendants(n => n is not (BlockSyntax or ArrowExpressionClauseSyntax or AttributeListSyntax)))
        {
            switch (node)
            {
                case FieldDeclarationSyntax field:
                    if (SyntaxNames.SimpleNameOf(field.Declaration.Type) == "TaskLoggingHelper")
                    {
                        loggers.UnionWith(field.Declaration.Variables.Select(v => v.Identifier.ValueText));
                    }

                    if (field.Modifiers.Any(SyntaxKind.ConstKeyword) || (field.Modifiers.Any(SyntaxKind.StaticKeyword) && field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword)))
                    {
                        foreach (var variable in field.Declaration.Variables)
                        {
                            if (variable.Initializer?.Value is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
                            {
                                constants.TryAdd(variable.Identifier.ValueText, literal.Token.ValueText);
                            }
                        }
                    }

                    break;
                case PropertyDeclarationSyntax property when SyntaxNames.SimpleNameOf(property.Type) == "TaskLoggingHelper":
                    loggers.Add(property.Identifier.ValueText);
                    break;
                case ParameterSyntax parameter when parameter.Type is not null && SyntaxNames.SimpleNameOf(parameter.Type) == "TaskLoggingHelper":
                    loggers.Add(parameter.Identifier.ValueText);
                    break;
            }
        }

        return (constants, loggers);
    }

    private static void ScanInvocation(InvocationExpressionSyntax invocation, string typeName, Dictionary<string, string> constants, TypeBuilder builder)
    {
        var name = SyntaxNames.InvokedName(invocation);
        switch (name)
        {
            case "LogError":
                AddSite(builder, ObservedLogLevel.Error, name, invocation, HasExceptionArgument(invocation));
                break;
            case "LogCritical":
                AddSite(builder, ObservedLogLevel.Critical, name, invocation, HasExceptionArgument(invocation));
                break;
            case "LogWarning" when HasExceptionArgument(invocation):
                AddSite(builder, ObservedLogLevel.Warning, "LogWarning with an exception", invocation, true);
                break;
            case "Log" or "Define":
                if (name == "Define" && ReceiverName(invocation) != "LoggerMessage")
                {
                    break;
                }

                var level = invocation.ArgumentList.Arguments.Select(a => LevelOf(a.Expression)).FirstOrDefault(l => l is not null);
                var withException = HasExceptionArgument(invocation);
                if (level is ObservedLogLevel.Error or ObservedLogLevel.Critical || (level == ObservedLogLevel.Warning && withException))
                {
                    var api = name == "Define" ? $"LoggerMessage.Define(LogLevel.{level})" : $"Log(LogLevel.{level})";
                    AddSite(builder, level, api, invocation, withException);
                }

                break;
            case "Error" or "Fatal" when IsLoggerReceiver(invocation):
                AddSite(builder, name == "Fatal" ? ObservedLogLevel.Critical : ObservedLogLevel.Error, $"{ReceiverName(invocation)}.{name}", invocation, HasExceptionArgument(invocation));
                break;
            case "Warning" or "Warn" when IsLoggerReceiver(invocation) && HasExceptionArgument(invocation):
                AddSite(builder, ObservedLogLevel.Warning, $"{ReceiverName(invocation)}.{name} with an exception", invocation, true);
                break;
            case "StartActivity":
                AddEvidence(builder, CorrelationEvidenceKind.Activity, "StartActivity", invocation);
                break;
            case not null when InstrumentFactories.Contains(name):
                builder.Instruments.Add(InstrumentOf(invocation, name, typeName, constants));
                break;
        }
    }

    private static MetricInstrument InstrumentOf(InvocationExpressionSyntax invocation, string factory, string typeName, Dictionary<string, string> constants)
    {
        var generic = invocation.Expression switch
        {
            MemberAccessExpressionSyntax { Name: GenericNameSyntax g } => g,
            GenericNameSyntax g => g,
            _ => null,
        };
        var valueType = generic?.TypeArgumentList.Arguments.Count > 0 ? SyntaxNames.SimpleNameOf(generic.TypeArgumentList.Arguments[0]) : "long";
        var argument = invocation.ArgumentList.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "name")
            ?? invocation.ArgumentList.Arguments.FirstOrDefault();
        var (name, expression) = argument?.Expression switch
        {
            LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) =>
                (literal.Token.ValueText, "\"" + literal.Token.ValueText + "\""),
            IdentifierNameSyntax identifier when constants.TryGetValue(identifier.Identifier.ValueText, out var value) =>
                (value, $"{typeName}.{identifier.Identifier.ValueText}"),
            MemberAccessExpressionSyntax access when constants.TryGetValue(access.Name.Identifier.ValueText, out var value) =>
                (value, access.ToString()),
            { } other => (other.ToString(), other.ToString()),
            null => (string.Empty, string.Empty),
        };
        var (member, _) = EnclosingMember(invocation, typeName);
        return new MetricInstrument(factory, name, expression, valueType, member, SyntaxNames.LineOf(invocation))
        {
            Path = invocation.SyntaxTree.FilePath,
            MeterExpression = MeterNameOf(invocation.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault(), constants),
        };
    }

    /// <summary>
    /// The name the type gives its meter (<c>meterFactory.Create(MeterName)</c>, <c>new Meter("Shop.Orders")</c>) as a
    /// literal a test can write; null when it is computed.
    /// </summary>
    private static string? MeterNameOf(TypeDeclarationSyntax? type, Dictionary<string, string> constants)
    {
        var argument = type?.Descendants()
            .Select(n => n switch
            {
                ObjectCreationExpressionSyntax creation when SyntaxNames.SimpleNameOf(creation.Type) == "Meter" => creation.ArgumentList?.Arguments.FirstOrDefault(),
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Create", Expression: var receiver } } create
                    when receiver.ToString().Contains("meter", StringComparison.OrdinalIgnoreCase) => create.ArgumentList.Arguments.FirstOrDefault(),
                _ => null,
            })
            .FirstOrDefault(a => a is not null);
        return argument?.Expression switch
        {
            LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => "\"" + literal.Token.ValueText + "\"",
            // The value, not the constant's name: a private const would not compile in a test.
            IdentifierNameSyntax identifier when constants.TryGetValue(identifier.Identifier.ValueText, out var value) => "\"" + value + "\"",
            MemberAccessExpressionSyntax access when constants.TryGetValue(access.Name.Identifier.ValueText, out var value) => "\"" + value + "\"",
            _ => null,
        };
    }

    private static void ScanLoggerMessage(AttributeSyntax attribute, TypeBuilder builder)
    {
        if (attribute.Parent?.Parent is not MethodDeclarationSyntax method || attribute.ArgumentList is null)
        {
            return;
        }

        var level = attribute.ArgumentList.Arguments.Select(a => LevelOf(a.Expression)).FirstOrDefault(l => l is not null);
        var withException = method.ParameterList.Parameters.Any(p => p.Type is not null && SyntaxNames.SimpleNameOf(p.Type).EndsWith("Exception", StringComparison.Ordinal));
        if (level is ObservedLogLevel.Error or ObservedLogLevel.Critical || (level == ObservedLogLevel.Warning && withException))
        {
            var template = attribute.ArgumentList.Arguments
                .Select(a => a.Expression)
                .OfType<LiteralExpressionSyntax>()
                .FirstOrDefault(l => l.IsKind(SyntaxKind.StringLiteralExpression))?.Token.ValueText;
            builder.ErrorLogs.Add(new ErrorLogSite(
                level, "[LoggerMessage]", method.Identifier.ValueText, method.Modifiers.Any(SyntaxKind.PublicKeyword),
                SyntaxNames.LineOf(method.Identifier), withException, PlaceholdersOf(template))
            {
                Path = method.SyntaxTree.FilePath,
            });
        }
    }

    private static void AddSite(TypeBuilder builder, string level, string api, InvocationExpressionSyntax invocation, bool withException)
    {
        var template = invocation.ArgumentList.Arguments
            .Select(a => a.Expression)
            .OfType<LiteralExpressionSyntax>()
            .FirstOrDefault(l => l.IsKind(SyntaxKind.StringLiteralExpression))?.Token.ValueText;
        var typeName = invocation.Ancestors().OfType<BaseTypeDeclarationSyntax>().LastOrDefault()?.Identifier.ValueText ?? string.Empty;
        var (member, isPublic) = EnclosingMember(invocation, typeName);
        builder.ErrorLogs.Add(new ErrorLogSite(level, api, member, isPublic, SyntaxNames.LineOf(invocation), withException, PlaceholdersOf(template))
        {
            Path = invocation.SyntaxTree.FilePath,
        });
    }

    private static IReadOnlyList<string> PlaceholdersOf(string? template) =>
        template is null
            ? []
            : Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The member a node is in: a method, constructor, property or field (local functions and lambdas report their method).</summary>
    internal static (string Name, bool IsPublic) EnclosingMember(SyntaxNode node, string typeName)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case MethodDeclarationSyntax method:
                    return (method.Identifier.ValueText, method.Modifiers.Any(SyntaxKind.PublicKeyword));
                case ConstructorDeclarationSyntax constructor:
                    return (constructor.Identifier.ValueText, constructor.Modifiers.Any(SyntaxKind.PublicKeyword));
                case PropertyDeclarationSyntax property:
                    return (property.Identifier.ValueText, property.Modifiers.Any(SyntaxKind.PublicKeyword));
                case FieldDeclarationSyntax field:
                    return (field.Declaration.Variables.FirstOrDefault()?.Identifier.ValueText ?? typeName, field.Modifiers.Any(SyntaxKind.PublicKeyword));
                case BaseTypeDeclarationSyntax:
                    return (typeName, false);
            }
        }

        return (typeName, false);
    }

    private static string? LevelOf(ExpressionSyntax expression) =>
        expression is MemberAccessExpressionSyntax member && SyntaxNames.RightmostName(member.Expression) is "LogLevel" or "LogEventLevel"
            ? member.Name.Identifier.ValueText switch
            {
                "Critical" or "Fatal" => ObservedLogLevel.Critical,
                "Error" => ObservedLogLevel.Error,
                "Warning" or "Warn" => ObservedLogLevel.Warning,
                _ => null,
            }
            : null;

    private static string? ReceiverName(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax member ? SyntaxNames.RightmostName(member.Expression) : null;

    /// <summary><c>Log.Error(...)</c>, <c>_logger.Error(...)</c>, <c>this.logger.Fatal(...)</c>: Serilog and NLog, whose loggers have these methods.</summary>
    private static bool IsLoggerReceiver(InvocationExpressionSyntax invocation) =>
        ReceiverName(invocation) is { } receiver && TypeNames.WordsOf(receiver).Any(w => w is "log" or "logger");

    private static bool HasExceptionArgument(InvocationExpressionSyntax invocation)
    {
        HashSet<string>? caught = null;
        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            switch (argument.Expression)
            {
                case IdentifierNameSyntax identifier:
                    var name = identifier.Identifier.ValueText;
                    caught ??= invocation.Ancestors().OfType<CatchClauseSyntax>()
                        .Select(c => c.Declaration?.Identifier.ValueText)
                        .OfType<string>()
                        .Where(n => n.Length > 0)
                        .ToHashSet(StringComparer.Ordinal);
                    if (caught.Contains(name) || ExceptionArgumentNames.Contains(name) || name.EndsWith("Exception", StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }

                    break;
                case MemberAccessExpressionSyntax member when member.Name.Identifier.ValueText.EndsWith("Exception", StringComparison.Ordinal):
                    return true;
                case ObjectCreationExpressionSyntax creation when SyntaxNames.SimpleNameOf(creation.Type).EndsWith("Exception", StringComparison.Ordinal):
                    return true;
            }
        }

        return false;
    }

    private static void ScanIdentifier(SyntaxToken token, TypeBuilder builder)
    {
        var text = token.ValueText;
        if (ActivityIdentifiers.Contains(text))
        {
            AddEvidence(builder, CorrelationEvidenceKind.Activity, text, token.Parent!);
            return;
        }

        // Identifiers are many: an ordinal look (any casing of the first letter) before the full check.
        if ((text.Contains("orrelation", StringComparison.Ordinal) || text.Contains("race", StringComparison.Ordinal) || text.Contains("equestId", StringComparison.Ordinal)
                || text.Contains("equestID", StringComparison.Ordinal) || text.Contains("ORRELATION", StringComparison.Ordinal) || text.Contains("RACE", StringComparison.Ordinal))
            && IsCorrelationName(text))
        {
            AddEvidence(builder, CorrelationEvidenceKind.Member, text, token.Parent!);
        }
    }

    private static void ScanLiteral(SyntaxToken token, TypeBuilder builder)
    {
        var value = token.ValueText;
        if (!MayNameCorrelation(value))
        {
            return;
        }

        var lower = value.ToLowerInvariant();
        var trimmed = lower.Trim();
        if (HeaderNames.Contains(trimmed))
        {
            AddEvidence(builder, CorrelationEvidenceKind.Header, value.Trim(), token.Parent!);
            return;
        }

        if (!IsCorrelationName(value))
        {
            return;
        }

        var placeholder = Placeholder().Matches(value).Select(m => m.Groups[1].Value).FirstOrDefault(IsCorrelationName);
        if (placeholder is not null)
        {
            AddEvidence(builder, CorrelationEvidenceKind.LogProperty, placeholder, token.Parent!);
        }
        else if (token.Parent!.Ancestors().OfType<InvocationExpressionSyntax>().Any(i => SyntaxNames.InvokedName(i) == "BeginScope"))
        {
            AddEvidence(builder, CorrelationEvidenceKind.LogProperty, value, token.Parent!);
        }
        else if (trimmed.Length < 40 && trimmed.Contains('-') && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            AddEvidence(builder, CorrelationEvidenceKind.Header, value.Trim(), token.Parent!);
        }
        else
        {
            AddEvidence(builder, CorrelationEvidenceKind.Member, value, token.Parent!);
        }
    }

    private static readonly string[] CorrelationNameParts =
    [
        "correlationid", "correlationcontext", "correlationheader", "correlationaccessor", "correlationprovider", "correlationkey",
        "correlationtoken", "traceid", "traceparent", "tracestate", "xrequestid",
    ];

    /// <summary>
    /// A correlation or trace id by name (<c>CorrelationId</c>, <c>correlation_id</c>, <c>X-Correlation-ID</c>, <c>TraceIdentifier</c>,
    /// <c>traceparent</c>), not any "correlation" (a statistics library's correlation coefficient is none).
    /// </summary>
    internal static bool IsCorrelationName(string text)
    {
        if (!MayNameCorrelation(text))
        {
            return false;
        }

        var normalized = Normalize(text);
        return CorrelationNameParts.Any(p => normalized.Contains(p, StringComparison.Ordinal));
    }

    /// <summary>A cheap first look before normalizing: every correlation name contains one of these.</summary>
    private static bool MayNameCorrelation(string text) =>
        text.Contains("correlation", StringComparison.OrdinalIgnoreCase)
        || text.Contains("trace", StringComparison.OrdinalIgnoreCase)
        || text.Contains("baggage", StringComparison.OrdinalIgnoreCase)
        || text.Contains("requestid", StringComparison.OrdinalIgnoreCase)
        || text.Contains("request-id", StringComparison.OrdinalIgnoreCase)
        || text.Contains("request_id", StringComparison.OrdinalIgnoreCase)
        || text.Contains("activit", StringComparison.OrdinalIgnoreCase)
        || text.Contains("spanid", StringComparison.OrdinalIgnoreCase);

    private static void AddEvidence(TypeBuilder builder, string kind, string text, SyntaxNode node)
    {
        if (builder.Correlation.Count >= MaxEvidencePerType || !builder.SeenEvidence.Add((kind, text)))
        {
            return;
        }

        var typeName = node.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().LastOrDefault()?.Identifier.ValueText ?? string.Empty;
        builder.Correlation.Add(new CorrelationEvidence(kind, text, EnclosingMember(node, typeName).Name, SyntaxNames.LineOf(node)));
    }

    // ------------------------------------------------------------------ tests

    /// <summary>Per test project: the names that capture logs (custom ILogger/ILoggerProvider/sink types and their members) and fakes of metric types.</summary>
    public sealed record TestTypes(
        IReadOnlyDictionary<string, HashSet<string>> LogCaptureNames,
        IReadOnlyDictionary<string, HashSet<string>> MetricFakes);

    private static readonly HashSet<string> LoggerInterfaces = new(StringComparer.Ordinal)
    {
        "ILogger", "ILoggerProvider", "ILoggerFactory", "ILogEventSink", "ITestSink", "TargetWithLayout", "Target",
    };

    private static readonly HashSet<string> LoggerMembers = new(StringComparer.Ordinal)
    {
        "Log", "IsEnabled", "BeginScope", "CreateLogger", "Dispose", "AddProvider", "Emit", "Write",
    };

    public static TestTypes TestTypesOf(IReadOnlyList<(SourceFile File, SyntaxTree Tree)> tests, IReadOnlySet<string> metricTypes)
    {
        var capture = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var fakes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (file, tree) in tests)
        {
            foreach (var type in tree.GetRoot().Descendants(TestDataSyntax.IsTypeContainer).OfType<TypeDeclarationSyntax>())
            {
                var bases = type.BaseList?.Types.Select(b => SyntaxNames.SimpleNameOf(b.Type)).ToArray() ?? [];
                if (bases.Any(LoggerInterfaces.Contains))
                {
                    var names = Get(capture, file.Project);
                    names.Add(type.Identifier.ValueText);
                    foreach (var member in type.Members)
                    {
                        var memberName = member switch
                        {
                            PropertyDeclarationSyntax property => property.Identifier.ValueText,
                            FieldDeclarationSyntax field => field.Declaration.Variables.FirstOrDefault()?.Identifier.ValueText,
                            _ => null,
                        };
                        if (memberName is not null && !LoggerMembers.Contains(memberName) && !memberName.StartsWith('_'))
                        {
                            names.Add(memberName);
                        }
                    }
                }

                if (bases.Any(metricTypes.Contains))
                {
                    Get(fakes, file.Project).Add(type.Identifier.ValueText);
                }
            }
        }

        return new TestTypes(capture, fakes);

        static HashSet<string> Get(Dictionary<string, HashSet<string>> map, string project)
        {
            if (!map.TryGetValue(project, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                map[project] = set;
            }

            return set;
        }
    }

    private static readonly HashSet<string> LogCaptureNames = new(StringComparer.Ordinal)
    {
        "FakeLogger", "FakeLogCollector", "FakeLogRecord", "LatestRecord", "GetSnapshot", "GetFullLoggerText",
        "InMemorySink", "TestCorrelator", "GetLogEventsFromCurrentContext", "LogEvents", "MemoryTarget", "TestSink", "Writes",
    };

    private static readonly HashSet<string> LoggerTypes = new(StringComparer.Ordinal) { "ILogger", "ILoggerFactory", "ILoggerProvider" };

    private static readonly HashSet<string> StructuredStateNames = new(StringComparer.Ordinal)
    {
        "GetStructuredStateValue", "StructuredState", "Scopes", "GetScope", "Properties", "State",
    };

    private static readonly HashSet<string> MessageNames = new(StringComparer.Ordinal)
    {
        "Message", "FormattedMessage", "RenderMessage", "MessageTemplate", "Text",
    };

    private static readonly HashSet<string> MatcherNames = new(StringComparer.Ordinal) { "Is", "That", "Matches", "Match" };

    private static readonly HashSet<string> LevelConfiguration = new(StringComparer.Ordinal)
    {
        "SetMinimumLevel", "AddFilter", "MinimumLevel", "IsEnabled", "MinLevel", "FilteredLevels", "SetEnabled",
    };

    private static readonly HashSet<string> MetricCaptureNames = new(StringComparer.Ordinal)
    {
        "MetricCollector", "GetMeasurementSnapshot", "LastMeasurement", "MeterListener", "SetMeasurementEventCallback",
        "InstrumentRecorder", "GetMeasurements",
    };

    private static readonly HashSet<string> MetricWords = new(StringComparer.Ordinal)
    {
        "metric", "metrics", "counter", "counters", "counted", "measurement", "measurements", "histogram", "meter", "instrument",
    };

    private static readonly HashSet<string> MeasurementNames = new(StringComparer.Ordinal) { "GetMeasurementSnapshot", "LastMeasurement", "GetMeasurements" };

    private static readonly HashSet<string> IdWords = new(StringComparer.Ordinal)
    {
        "id", "ids", "guid", "number", "reference", "ref", "key", "correlation", "trace", "sku",
    };

    private static readonly HashSet<string> FailureWords = new(StringComparer.Ordinal)
    {
        "fail", "fails", "failed", "failing", "failure", "failures", "error", "errors", "exception", "exceptions",
        "throw", "throws", "thrown", "timeout", "timeouts", "declined", "decline", "declines", "rejected", "reject",
        "rejects", "exhausted", "broken", "circuit", "unavailable", "crash", "crashed", "crashes", "dead", "poison",
        "abort", "aborted", "denied", "fault", "faulted", "faults", "outage",
    };

    private static readonly string[] CorrelationMarkers =
        ["correlation", "traceid", "traceparent", "tracestate", "baggage", "xrequestid", "spanid"];

    public static ObservabilityTestFacts? TestFactsOf(TestFacts facts, IReadOnlyList<SyntaxNode> scope, TestTypes types, IReadOnlySet<string> metricTypes)
    {
        var customCapture = types.LogCaptureNames.TryGetValue(facts.Method.Project, out var custom) ? custom : [];
        var capturesLogs = facts.Identifiers.Any(i => LogCaptureNames.Contains(i) || customCapture.Contains(i)) || facts.MockedTypes.Any(LoggerTypes.Contains);
        var collectsMetrics = facts.Identifiers.Any(MetricCaptureNames.Contains);
        var fakesMetrics = facts.MockedTypes.Any(metricTypes.Contains)
            || (types.MetricFakes.TryGetValue(facts.Method.Project, out var fakes) && facts.CreatedTypes.Any(fakes.Contains));
        var mentionsCorrelation = facts.Identifiers.Concat(facts.StringLiterals).Any(MayNameCorrelation);
        var callsAssertionHelpers = facts.InvokedMembers.Any(AssertionSyntax.IsAssertionHelperName);
        if (!capturesLogs && !collectsMetrics && !fakesMetrics && !mentionsCorrelation && !callsAssertionHelpers)
        {
            return null;
        }

        var units = UnitsOf(scope);
        var logVariables = new HashSet<string>(StringComparer.Ordinal);
        var metricVariables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            var declared = unit.Node is LocalDeclarationStatementSyntax local ? local.Declaration.Variables.Select(v => v.Identifier.ValueText).ToArray() : [];
            if (unit.Identifiers.Overlaps(LogCaptureNames) || unit.Identifiers.Overlaps(customCapture) || unit.Levels.Count > 0)
            {
                logVariables.UnionWith(declared);
            }

            if (unit.Identifiers.Overlaps(MeasurementNames))
            {
                metricVariables.UnionWith(declared);
            }

            if (unit.Identifiers.Contains("SetMeasurementEventCallback"))
            {
                // The list the callback adds to is what the test asserts later.
                metricVariables.UnionWith(unit.Identifiers.Where(i => !MetricCaptureNames.Contains(i)));
            }
        }

        var levels = new SortedSet<string>(StringComparer.Ordinal);
        var context = false;
        var correlation = false;
        var metric = false;
        var metricFailure = false;
        var listensToActivities = facts.Mentions("ActivityListener");
        foreach (var unit in units)
        {
            if (unit.IsNegative)
            {
                continue;
            }

            var helper = unit.AssertionHelper;
            if (capturesLogs && !unit.Identifiers.Overlaps(LevelConfiguration))
            {
                levels.UnionWith(unit.Levels);
            }

            if (!unit.IsAssertion)
            {
                continue;
            }

            // Errors logged with context: a captured record's structured state, scopes, or message against an id.
            var aboutLogs = unit.Identifiers.Overlaps(LogCaptureNames) || unit.Identifiers.Overlaps(customCapture) || unit.Identifiers.Overlaps(logVariables)
                || (unit.IsVerification && (unit.Identifiers.Contains("Log") || unit.Levels.Count > 0));
            if (capturesLogs && aboutLogs)
            {
                context |= unit.Identifiers.Overlaps(StructuredStateNames)
                    || (unit.Identifiers.Overlaps(MessageNames) && unit.IsIdLike)
                    || (unit.IsVerification && unit.Identifiers.Overlaps(MatcherNames) && unit.IsIdLike);
            }

            if (helper is not null && helper.Words.Any(w => w is "log" or "logs" or "logged" or "logging"))
            {
                if (unit.Levels.Count > 0)
                {
                    levels.UnionWith(unit.Levels);
                }
                else if (helper.Words.Any(w => w is "error" or "errors" or "critical" or "failure" or "failed" or "exception"))
                {
                    levels.Add(ObservedLogLevel.Error);
                }
                else if (helper.Words.Any(w => w is "warning" or "warnings"))
                {
                    levels.Add(ObservedLogLevel.Warning);
                }

                context |= unit.IsIdLike || unit.Identifiers.Overlaps(StructuredStateNames);
            }

            // Correlation ids propagated: an assertion about a correlation id, trace id, trace header, baggage or, with an ActivityListener, an activity.
            correlation |= CorrelationMarkers.Any(m => unit.Text.Contains(m, StringComparison.Ordinal))
                || (listensToActivities && unit.Text.Contains("activit", StringComparison.Ordinal))
                || (helper is not null && helper.Words.Any(w => w is "correlation" or "correlated" or "trace" or "traced" or "propagated" or "propagates"));

            // Critical failures emit metrics: a collected measurement, a verified mock or an asserted fake of a metrics type.
            var metricAssertion =
                (collectsMetrics && (unit.Identifiers.Overlaps(MeasurementNames) || unit.Identifiers.Overlaps(metricVariables)
                    || unit.Words.Contains("measurement") || unit.Words.Contains("measurements")))
                || (fakesMetrics && (unit.IsVerification || unit.Words.Overlaps(MetricWords)))
                || (helper is not null && helper.Words.Any(w => w is "metric" or "metrics" or "counter" or "counted" or "measurement" or "measured" or "histogram"));
            if (metricAssertion)
            {
                metric = true;
                metricFailure |= unit.Words.Overlaps(FailureWords);
            }
        }

        var failurePath = metricFailure
            || facts.Words.Any(FailureWords.Contains)
            || ContainsAny(facts.Method.MethodName.ToLowerInvariant(), "timeout", "timesout", "timedout")
            || facts.InvokedMembers.Any(ExpectsException)
            || (scope.Count > 0 && scope[0] is MethodDeclarationSyntax method
                && TestMethodScanner.HasAttribute(method.AttributeLists, a => TestMethodScanner.AttributeName(a) == "ExpectedException"));

        // Tests of the ambient holder itself (CorrelationContextTests: push, pop, a blank id refused) assert the id where
        // it is kept, not where it must arrive (a log scope, an outgoing header, a published message).
        correlation &= !TestsACorrelationHolder(facts.Method.ClassName);

        if (levels.Count == 0 && !context && !correlation && !metric)
        {
            return null;
        }

        return new ObservabilityTestFacts(facts.Method, facts.IsSkipped, levels.ToArray(), context && levels.Count > 0, correlation, metric, failurePath);
    }

    private static bool ContainsAny(string text, params string[] parts) => parts.Any(p => text.Contains(p, StringComparison.Ordinal));

    private static readonly string[] HolderSuffixes = ["Context", "Accessor", "Holder", "Store", "Provider", "Generator", "Factory"];

    private static bool TestsACorrelationHolder(string className)
    {
        var simple = TypeNames.SimpleNameOf(className);
        var subject = simple.EndsWith("Tests", StringComparison.Ordinal) ? simple[..^"Tests".Length] : simple.EndsWith("Test", StringComparison.Ordinal) ? simple[..^"Test".Length] : null;
        return subject is not null && subject.Contains("Correlation", StringComparison.Ordinal) && HolderSuffixes.Any(h => subject.EndsWith(h, StringComparison.Ordinal));
    }

    private static bool ExpectsException(string invoked) => AssertionNames.Throws.Contains(invoked);

    // ------------------------------------------------------------------ assertion vocabulary (shared with the test-data family)

    /// <summary>Lambdas passed to these are the act of an exception assertion, not something asserted.</summary>
    internal static readonly HashSet<string> ActHosts = new(StringComparer.Ordinal)
    {
        "Throws", "ThrowsAsync", "ThrowsAny", "ThrowsAnyAsync", "Catch", "CatchAsync", "Invoking", "Awaiting",
        "Exception", "ExceptionAsync", "DoesNotThrow", "DoesNotThrowAsync", "ThrowsException", "ThrowsExceptionAsync",
        "ShouldThrow", "ShouldThrowAsync", "ShouldNotThrow",
    };

    private static readonly HashSet<string> NegativeNames = new(StringComparer.Ordinal)
    {
        "DoesNotContain", "Empty", "Never", "DidNotReceive", "DidNotReceiveWithAnyArgs", "MustNotHaveHappened",
        "NotContain", "BeEmpty", "ShouldBeEmpty", "ShouldNotContain", "IsEmpty", "IsFalse", "False", "Null", "IsNull",
        "BeNull", "ShouldBeNull", "Zero", "DoesNotMatch",
    };

    /// <summary>Lambda arguments of <see cref="ActHosts"/> (and of NUnit's <c>Assert.That(() =&gt; ..., Throws...)</c>) are not descended into.</summary>
    internal static bool IsActLambda(SyntaxNode node) =>
        node is LambdaExpressionSyntax or AnonymousMethodExpressionSyntax
        && node.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax host } arguments }
        && SyntaxNames.InvokedName(host) is { } hostName
        && (ActHosts.Contains(hostName)
            || (hostName == "That" && arguments.Arguments.Any(a => a.Expression.DescendantsAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == "Throws"))));

    /// <summary>One statement of a test, as an assertion or not, with what it mentions outside act lambdas.</summary>
    internal sealed class Unit(
        SyntaxNode node,
        HashSet<string> identifiers,
        IReadOnlyList<string> literals,
        bool interpolated,
        IReadOnlyList<string> levels,
        bool isAssertion,
        bool isVerification,
        HelperCall? assertionHelper)
    {
        private HashSet<string>? _words;
        private string? _text;
        private bool? _idLike;

        public SyntaxNode Node { get; } = node;

        public HashSet<string> Identifiers { get; } = identifiers;

        public IReadOnlyList<string> Levels { get; } = levels;

        public bool IsAssertion { get; } = isAssertion;

        public bool IsVerification { get; } = isVerification;

        public bool IsNegative { get; } = identifiers.Overlaps(NegativeNames) && !identifiers.Contains("Not");

        public HelperCall? AssertionHelper { get; } = assertionHelper;

        /// <summary>Lower-case words of the unit's identifiers and string literals (computed on first use).</summary>
        public HashSet<string> Words => _words ??=
            Identifiers.SelectMany(TypeNames.WordsOf).Concat(literals.SelectMany(TypeNames.WordsOf)).ToHashSet(StringComparer.Ordinal);

        /// <summary>See <see cref="TextOf"/> (computed on first use).</summary>
        public string Text => _text ??= TextOf(Node);

        /// <summary>Mentions something that identifies an entity: an id-like name, <c>expected...</c>, a literal with a digit, an interpolation.</summary>
        public bool IsIdLike => _idLike ??= interpolated
            || Identifiers.Contains("ToString")
            || Identifiers.Any(i => i.StartsWith("expected", StringComparison.OrdinalIgnoreCase) || TypeNames.WordsOf(i).Any(IdWords.Contains))
            || literals.Any(l => l.Any(char.IsAsciiDigit));
    }

    internal sealed record HelperCall(string Name, IReadOnlyList<string> Words);

    /// <summary>The innermost statements (and expression bodies) of the scope: an assertion in a block lambda is its own unit.</summary>
    internal static IReadOnlyList<Unit> UnitsOf(IReadOnlyList<SyntaxNode> scope)
    {
        var units = new List<Unit>();
        foreach (var root in scope)
        {
            foreach (var node in root.DescendantsAndSelf())
            {
                var isUnit = node switch
                {
                    ExpressionStatementSyntax or LocalDeclarationStatementSyntax or ReturnStatementSyntax =>
                        !node.Descendants().Any(d => d is StatementSyntax),
                    ArrowExpressionClauseSyntax arrow => arrow.Parent is MethodDeclarationSyntax or LocalFunctionStatementSyntax,
                    _ => false,
                };
                if (isUnit)
                {
                    units.Add(UnitOf(node));
                }
            }
        }

        return units;
    }

    private static Unit UnitOf(SyntaxNode node)
    {
        var identifiers = new HashSet<string>(StringComparer.Ordinal);
        var levels = new List<string>();
        var literals = new List<string>();
        var isAssertion = false;
        var isVerification = false;
        var interpolated = false;
        HelperCall? helper = null;
        foreach (var inner in node.DescendantsAndSelf(n => !IsActLambda(n)))
        {
            switch (inner)
            {
                case SimpleNameSyntax name:
                    identifiers.Add(name.Identifier.ValueText);
                    break;
                case InvocationExpressionSyntax invocation:
                    if (AssertionSyntax.IsAssertion(invocation))
                    {
                        isAssertion = true;
                        var invoked = SyntaxNames.InvokedName(invocation)!;
                        isVerification |= AssertionSyntax.IsCalledVerification(invoked);
                        if (AssertionSyntax.IsAssertionHelperName(invoked))
                        {
                            helper ??= new HelperCall(invoked, TypeNames.WordsOf(invoked).ToArray());
                        }
                    }

                    break;
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    literals.Add(literal.Token.ValueText);
                    break;
                case InterpolatedStringExpressionSyntax:
                    interpolated = true;
                    break;
            }

            if (inner is MemberAccessExpressionSyntax member && LevelOf(member) is { } level)
            {
                levels.Add(level);
            }
        }

        return new Unit(node, identifiers, literals, interpolated, levels, isAssertion, isVerification, helper);
    }

    /// <summary>Identifiers and string values of a unit, lower-case alphanumerics, joined across member access: <c>Correlation.Id</c> gives "correlationid".</summary>
    private static string TextOf(SyntaxNode node)
    {
        var text = new StringBuilder();
        var joinNext = false;
        foreach (var token in node.DescendantTokens(n => !IsActLambda(n)))
        {
            if (token.IsKind(SyntaxKind.DotToken))
            {
                joinNext = true;
                continue;
            }

            var value = token.IsKind(SyntaxKind.IdentifierToken) || token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedStringTextToken)
                ? Normalize(token.ValueText)
                : string.Empty;
            if (value.Length == 0)
            {
                joinNext = false;
                continue;
            }

            if (!joinNext && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(value);
            joinNext = false;
        }

        return text.ToString();
    }

    private static string Normalize(string value)
    {
        var normalized = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                normalized.Append(char.ToLowerInvariant(c));
            }
        }

        return normalized.ToString();
    }
}
