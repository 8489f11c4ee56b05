using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Analysis;

public static partial class SuiteModelBuilder
{
    private static partial Func<SuiteModel, SuiteModel> EnrichFailureModes(SuiteSyntax syntax, SuiteModel shared)
    {
        var resilienceSites = ResilienceScanner.Scan(syntax.Production);
        var callGraph = CallGraphScanner.Scan(syntax.Production);
        return model => model with
        {
            ResilienceSites = resilienceSites,
            CallGraph = callGraph,
        };
    }
}

/// <summary>
/// Finds where production code configures retries, circuit breakers and timeouts: Polly v8 (<c>AddRetry</c>,
/// <c>RetryStrategyOptions</c>, ...), Polly v7 (<c>WaitAndRetryAsync</c>, <c>CircuitBreakerAsync</c>, <c>Policy.TimeoutAsync</c>),
/// Microsoft.Extensions.Http.Resilience (<c>AddStandardResilienceHandler</c>), message buses (MassTransit
/// <c>UseMessageRetry</c>/<c>UseCircuitBreaker</c>, NServiceBus <c>NumberOfRetries</c>), <c>HttpClient.Timeout</c>,
/// <c>CancelAfter</c>, and handwritten retry loops. Syntax only.
/// </summary>
internal static class ResilienceScanner
{
    private static readonly HashSet<string> PollyV7Chain = new(StringComparer.Ordinal)
    {
        "Handle", "HandleResult", "Or", "OrResult", "HandleInner", "OrInner", "HandleTransientHttpError", "OrTransientHttpError",
    };

    public static IReadOnlyList<ResilienceSite> Scan(IReadOnlyList<(SourceFile File, SyntaxTree Tree)> production)
    {
        var sites = new List<ResilienceSite>();
        foreach (var (file, tree) in production)
        {
            var root = tree.GetRoot();
            var globals = root.ChildNodes().OfType<GlobalStatementSyntax>().ToArray();
            if (globals.Length > 0)
            {
                foreach (var global in globals)
                {
                    ScanNode(global, "Program", file, sites);
                }
            }

            foreach (var type in root.Descendants(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<TypeDeclarationSyntax>())
            {
                if (type is InterfaceDeclarationSyntax)
                {
                    continue;
                }

                ScanNode(type, ProductionTypeScanner.FullNameOf(type), file, sites);
            }
        }

        var registrations = Registrations(production, sites);
        return sites
            .Select(s => s.Member is { } member && registrations.TryGetValue((s.TypeSimpleName, member), out var through) ? s with { RegisteredThrough = through } : s)
            .OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.Line).ThenBy(s => s.Kind, StringComparer.Ordinal).ThenBy(s => s.Mechanism, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// For each configuring member (type simple name, member): the extension methods that set it up, sorted — the member
    /// itself when it is one, and extension methods whose bodies call it through its type.
    /// </summary>
    private static Dictionary<(string Type, string Member), string[]> Registrations(IReadOnlyList<(SourceFile File, SyntaxTree Tree)> production, List<ResilienceSite> sites)
    {
        var configuring = sites.Where(s => s.Member is not null).Select(s => (s.TypeSimpleName, s.Member!)).ToHashSet();
        var members = configuring.Select(c => c.Item2).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<(string Type, string Member), SortedSet<string>>();
        if (configuring.Count == 0)
        {
            return [];
        }

        foreach (var (_, tree) in production)
        {
            foreach (var method in tree.GetRoot().Descendants(n => n is not MethodDeclarationSyntax and not StatementSyntax and not ExpressionSyntax).OfType<MethodDeclarationSyntax>())
            {
                if (method.ParameterList.Parameters.FirstOrDefault()?.Modifiers.Any(SyntaxKind.ThisKeyword) != true)
                {
                    continue;
                }

                var name = method.Identifier.ValueText;
                var owner = method.Parent is TypeDeclarationSyntax type ? type.Identifier.ValueText : null;
                if (owner is not null && configuring.Contains((owner, name)))
                {
                    Add((owner, name), name);
                }

                foreach (var invocation in method.Descendants().OfType<InvocationExpressionSyntax>())
                {
                    if (SyntaxNames.InvokedName(invocation) is { } invoked && members.Contains(invoked)
                        && invocation.Expression is MemberAccessExpressionSyntax access && SyntaxNames.RightmostName(access.Expression) is { } receiver
                        && configuring.Contains((receiver, invoked)))
                    {
                        Add((receiver, invoked), name);
                    }
                }
            }
        }

        return found.ToDictionary(f => f.Key, f => f.Value.ToArray());

        void Add((string, string) key, string name)
        {
            if (!found.TryGetValue(key, out var names))
            {
                found[key] = names = new SortedSet<string>(StringComparer.Ordinal);
            }

            names.Add(name);
        }
    }

    private static void ScanNode(SyntaxNode node, string typeName, SourceFile file, List<ResilienceSite> sites)
    {
        foreach (var descendant in node.Descendants())
        {
            switch (descendant)
            {
                case InvocationExpressionSyntax invocation when SyntaxNames.InvokedName(invocation) is { } name:
                    foreach (var (kind, mechanism) in InvocationSites(invocation, name))
                    {
                        sites.Add(Site(kind, mechanism, descendant, typeName, file) with { LibraryDefaults = UsesLibraryDefaults(invocation, name) });
                    }

                    break;
                case ObjectCreationExpressionSyntax creation:
                    var created = SyntaxNames.SimpleNameOf(creation.Type);
                    var kindOfOptions = created switch
                    {
                        "RetryStrategyOptions" or "HttpRetryStrategyOptions" => ResilienceKinds.Retry,
                        "CircuitBreakerStrategyOptions" or "HttpCircuitBreakerStrategyOptions" => ResilienceKinds.CircuitBreaker,
                        "TimeoutStrategyOptions" or "HttpTimeoutStrategyOptions" => ResilienceKinds.Timeout,
                        "CancellationTokenSource" when creation.ArgumentList?.Arguments.Count > 0 => ResilienceKinds.Timeout,
                        _ => null,
                    };
                    if (kindOfOptions is not null)
                    {
                        sites.Add(Site(kindOfOptions, "new " + created, descendant, typeName, file));
                    }

                    break;
                case AssignmentExpressionSyntax assignment when IsHttpClientTimeout(assignment):
                    sites.Add(Site(ResilienceKinds.Timeout, "HttpClient.Timeout", descendant, typeName, file));
                    break;
                case CatchDeclarationSyntax { Type: var caught }:
                    var exception = SyntaxNames.SimpleNameOf(caught);
                    if (exception is "BrokenCircuitException" or "IsolatedCircuitException")
                    {
                        sites.Add(Site(ResilienceKinds.CircuitBreaker, "catch " + exception, descendant, typeName, file));
                    }
                    else if (exception is "TimeoutRejectedException")
                    {
                        sites.Add(Site(ResilienceKinds.Timeout, "catch " + exception, descendant, typeName, file));
                    }

                    break;
                case StatementSyntax loop when loop is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax
                    && IsHandwrittenRetry(loop):
                    sites.Add(Site(ResilienceKinds.Retry, "handwritten retry loop", descendant, typeName, file));
                    break;
            }
        }
    }

    private static IEnumerable<(string Kind, string Mechanism)> InvocationSites(InvocationExpressionSyntax invocation, string name)
    {
        switch (name)
        {
            case "AddRetry" or "WaitAndRetry" or "WaitAndRetryAsync":
                yield return (ResilienceKinds.Retry, name);
                break;
            case "Retry" or "RetryAsync" when IsPollyV7Chain(invocation):
                yield return (ResilienceKinds.Retry, name);
                break;
            // Message buses retry a consumer's message: MassTransit's retry and redelivery filters, NServiceBus recoverability.
            case "UseMessageRetry" or "UseDelayedRedelivery" or "UseScheduledRedelivery" or "NumberOfRetries" when !TurnsRetriesOff(invocation):
                yield return (ResilienceKinds.Retry, name);
                break;
            case "UseRetry" when invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression is LambdaExpressionSyntax:
                yield return (ResilienceKinds.Retry, name);
                break;
            case "AddCircuitBreaker" or "CircuitBreakerAsync" or "AdvancedCircuitBreaker" or "AdvancedCircuitBreakerAsync":
                yield return (ResilienceKinds.CircuitBreaker, name);
                break;
            case "UseCircuitBreaker" or "UseKillSwitch" when invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression is LambdaExpressionSyntax:
                yield return (ResilienceKinds.CircuitBreaker, name);
                break;
            case "CircuitBreaker" when IsPollyV7Chain(invocation):
                yield return (ResilienceKinds.CircuitBreaker, name);
                break;
            case "AddTimeout":
                yield return (ResilienceKinds.Timeout, name);
                break;
            case "Timeout" or "TimeoutAsync" when invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Policy" } }:
                yield return (ResilienceKinds.Timeout, "Policy." + name);
                break;
            case "CancelAfter":
                yield return (ResilienceKinds.Timeout, name);
                break;
            case "WaitAsync" when invocation.ArgumentList.Arguments.Count > 0
                && !invocation.ArgumentList.Arguments.All(a => a.Expression is IdentifierNameSyntax id && id.Identifier.ValueText.Contains("token", StringComparison.OrdinalIgnoreCase)):
                yield return (ResilienceKinds.Timeout, "WaitAsync(timeout)");
                break;
            case "AddStandardResilienceHandler":
                yield return (ResilienceKinds.Retry, name);
                yield return (ResilienceKinds.CircuitBreaker, name);
                yield return (ResilienceKinds.Timeout, name);
                break;
        }
    }

    /// <summary>
    /// <c>AddStandardResilienceHandler()</c> with nothing configured: no options delegate and no <c>.Configure(...)</c>
    /// chained on it, so its retry, breaker and timeouts are the library's defaults.
    /// </summary>
    private static bool UsesLibraryDefaults(InvocationExpressionSyntax invocation, string name) =>
        name == "AddStandardResilienceHandler"
        && invocation.ArgumentList.Arguments.Count == 0
        && invocation.Parent is not MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax };

    /// <summary>A bus retry configured away: <c>NumberOfRetries(0)</c>, <c>UseMessageRetry(r =&gt; r.None())</c>.</summary>
    private static bool TurnsRetriesOff(InvocationExpressionSyntax invocation) =>
        invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression switch
        {
            LiteralExpressionSyntax { Token.ValueText: "0" } => true,
            LambdaExpressionSyntax lambda => lambda.Body.DescendantsAndSelf().OfType<InvocationExpressionSyntax>().Any(i => SyntaxNames.InvokedName(i) == "None"),
            _ => false,
        };

    /// <summary>A Polly v7 policy chain: <c>Policy.Handle&lt;X&gt;().RetryAsync(3)</c>, <c>HttpPolicyExtensions.HandleTransientHttpError().CircuitBreakerAsync(...)</c>.</summary>
    private static bool IsPollyV7Chain(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax member
        && member.Expression.DescendantsAndSelf().OfType<InvocationExpressionSyntax>()
            .Any(i => SyntaxNames.InvokedName(i) is { } n && PollyV7Chain.Contains(n));

    /// <summary><c>client.Timeout = ...</c>, <c>new HttpClient { Timeout = ... }</c>, <c>ConfigureHttpClient(c => c.Timeout = ...)</c>.</summary>
    private static bool IsHttpClientTimeout(AssignmentExpressionSyntax assignment)
    {
        switch (assignment.Left)
        {
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Timeout", Expression: var target }:
                var text = target.ToString();
                return text.Contains("client", StringComparison.OrdinalIgnoreCase) || text.Contains("http", StringComparison.OrdinalIgnoreCase)
                    || assignment.Ancestors().OfType<InvocationExpressionSyntax>().Any(i => SyntaxNames.InvokedName(i) is "ConfigureHttpClient" or "AddHttpClient");
            case IdentifierNameSyntax { Identifier.ValueText: "Timeout" }:
                return assignment.Parent is InitializerExpressionSyntax { Parent: ObjectCreationExpressionSyntax creation }
                    && SyntaxNames.SimpleNameOf(creation.Type) == "HttpClient";
            default:
                return false;
        }
    }

    /// <summary>
    /// A loop that retries a remote call, and says so: a <c>try</c> with a <c>catch</c> in its body around an awaited
    /// call, and a name about attempts or retries (<c>attempt</c>, <c>retries</c>, <c>maxTries</c>) in the loop. A polling
    /// loop without such a name is not a retry; a synchronous local retry (a locked file's rename) is not a dependency's.
    /// </summary>
    private static bool IsHandwrittenRetry(StatementSyntax loop)
    {
        var body = loop switch
        {
            ForStatementSyntax f => f.Statement,
            ForEachStatementSyntax f => f.Statement,
            WhileStatementSyntax w => w.Statement,
            DoStatementSyntax d => d.Statement,
            _ => null,
        };
        static bool Own(SyntaxNode n) => n is not (LambdaExpressionSyntax or LocalFunctionStatementSyntax or AnonymousMethodExpressionSyntax);
        var tries = body?.DescendantsAndSelf(Own).OfType<TryStatementSyntax>()
            .Where(t => t.Catches.Count > 0 && t.Block.Descendants(Own).OfType<AwaitExpressionSyntax>().Any())
            .ToArray() ?? [];
        if (tries.Length == 0)
        {
            return false;
        }

        // A foreach retries only when it walks attempts or backoff delays (foreach (var delay in _retryDelays)); one over
        // a batch of items (foreach (var message in due)) tries each item once, whatever its catch logs about attempts.
        if (loop is ForEachStatementSyntax forEach)
        {
            return IsAttemptName(forEach.Identifier.ValueText) || IsDelayName(forEach.Identifier.ValueText)
                || forEach.Expression.DescendantsAndSelf().OfType<SimpleNameSyntax>().Any(n => IsAttemptName(n.Identifier.ValueText) || IsDelayName(n.Identifier.ValueText));
        }

        // The attempts are counted where a retry decides to go on: the loop's header (for (var attempt = 1; ...),
        // while (retries-- > 0), do { } while (++attempt < max)) or the catch that swallows the failure. A polling loop
        // that logs a failed pass and waits for the next tick counts nothing there, whatever its body names.
        IEnumerable<SyntaxNode> header = loop switch
        {
            ForStatementSyntax f => [.. (IEnumerable<SyntaxNode>?)f.Declaration?.Variables ?? [], .. f.Initializers, .. f.Condition is null ? [] : new[] { f.Condition }, .. f.Incrementors],
            WhileStatementSyntax w => [w.Condition],
            DoStatementSyntax d => [d.Condition],
            _ => [],
        };
        return header.Concat(tries.SelectMany(t => t.Catches))
            .SelectMany(n => n.DescendantsAndSelf())
            .Select(n => n switch
            {
                SimpleNameSyntax name => name.Identifier.ValueText,
                VariableDeclaratorSyntax variable => variable.Identifier.ValueText,
                _ => null,
            })
            .Any(n => n is not null && IsAttemptName(n));
    }

    private static bool IsDelayName(string name) =>
        TypeNames.WordsOf(name).Any(w => w is "delay" or "delays" or "backoff" or "backoffs" or "wait" or "waits" or "interval" or "intervals");

    private static bool IsAttemptName(string name) =>
        TypeNames.WordsOf(name).Any(w => w is "attempt" or "attempts" or "retry" or "retries" or "retried" or "tries" or "tried");

    private static ResilienceSite Site(string kind, string mechanism, SyntaxNode node, string typeName, SourceFile file)
    {
        var member = node.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or PropertyDeclarationSyntax or GlobalStatementSyntax);
        var memberName = member switch
        {
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText,
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            _ => null,
        };

        // The outermost statement of the member around the site: a fluent registration names the client it protects.
        SyntaxNode statement = node;
        foreach (var ancestor in node.Ancestors())
        {
            if (ancestor is MemberDeclarationSyntax and not GlobalStatementSyntax)
            {
                break;
            }

            if (ancestor is (StatementSyntax and not BlockSyntax) or ArrowExpressionClauseSyntax)
            {
                statement = ancestor;
            }
        }

        // The failures the member's policies handle: Handle<PaymentGatewayException>(), Or<TimeoutRejectedException>().
        var handles = (member ?? statement).Descendants().OfType<GenericNameSyntax>()
            .Where(g => g.Identifier.ValueText is "Handle" or "Or" or "HandleInner" or "OrInner" && g.TypeArgumentList.Arguments.Count == 1)
            .Select(g => SyntaxNames.SimpleNameOf(g.TypeArgumentList.Arguments[0]))
            .Distinct(StringComparer.Ordinal).ToArray();

        return new ResilienceSite(
            kind,
            mechanism,
            typeName,
            file.Assembly,
            file.Path,
            node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } ? SyntaxNames.LineOf(access.Name) : SyntaxNames.LineOf(node),
            memberName,
            SyntaxNames.Sorted(statement.DescendantsAndSelf().OfType<SimpleNameSyntax>().Select(n => n.Identifier.ValueText)),
            handles,
            ExecutedNames(node.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault(), AssignedMember(statement)));
    }

    private static readonly HashSet<string> PipelineRuns = new(StringComparer.Ordinal)
    {
        "Execute", "ExecuteAsync", "ExecuteAndCapture", "ExecuteAndCaptureAsync", "ExecuteOutcomeAsync",
    };

    /// <summary>The field or property a configuring statement stores the pipeline in (<c>_pipeline = new ResiliencePipelineBuilder()...</c>).</summary>
    private static string? AssignedMember(SyntaxNode statement) =>
        statement.DescendantsAndSelf().OfType<AssignmentExpressionSyntax>().FirstOrDefault()?.Left switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
            _ => null,
        };

    /// <summary>
    /// The names inside the delegates a type hands to its pipelines (<c>_pipeline.ExecuteAsync(ct =&gt; _provider.ChargeAsync(...))</c>):
    /// what the strategy actually protects. When the configuring statement stores the pipeline in a member, only the
    /// calls on that member count.
    /// </summary>
    private static IReadOnlyList<string> ExecutedNames(TypeDeclarationSyntax? type, string? pipeline) =>
        type is null
            ? []
            : SyntaxNames.Sorted(type.Descendants().OfType<InvocationExpressionSyntax>()
                .Where(i => SyntaxNames.InvokedName(i) is { } name && PipelineRuns.Contains(name)
                    && (pipeline is null || i.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var receiver } } && receiver == pipeline))
                .SelectMany(i => i.ArgumentList.Arguments.Where(a => a.Expression is AnonymousFunctionExpressionSyntax))
                .SelectMany(a => a.Descendants().OfType<SimpleNameSyntax>())
                .Select(n => n.Identifier.ValueText));
}

/// <summary>
/// For each production type: its dependency members and, per method, the calls it makes on them and on itself, with
/// whether a call runs in a loop and whether the method opens a transaction. Syntax only.
/// </summary>
internal static class CallGraphScanner
{
    /// <summary>The line of the innermost block around the node that ends the method early (its last statement returns or throws); null on the main path.</summary>
    private static int? ExitBranchOf(SyntaxNode node, MethodDeclarationSyntax method)
    {
        var block = node.Ancestors().TakeWhile(a => a != method).OfType<BlockSyntax>().FirstOrDefault();
        return block is not null && block != method.Body && block.Statements.LastOrDefault() is ReturnStatementSyntax or ThrowStatementSyntax
            ? SyntaxNames.LineOf(block)
            : null;
    }

    private static readonly HashSet<string> TransactionOpeners = new(StringComparer.Ordinal)
    {
        "BeginTransaction", "BeginTransactionAsync", "CreateExecutionStrategy", "ExecuteInTransaction", "ExecuteInTransactionAsync",
        "UseTransaction", "UseTransactionAsync", "EnlistTransaction",
    };

    /// <summary>
    /// <c>pipeline.ExecuteAsync(ct => ...)</c> runs a delegate (Polly, an EF execution strategy); Dapper's
    /// <c>connection.ExecuteAsync(sql)</c> runs SQL. Only the second is a database write.
    /// </summary>
    private static bool RunsDelegate(InvocationExpressionSyntax invocation, string name) =>
        name is "Execute" or "ExecuteAsync"
        && invocation.ArgumentList.Arguments.Any(a => a.Expression is AnonymousFunctionExpressionSyntax);

    private static readonly HashSet<string> DatabaseWrites = new(StringComparer.Ordinal)
    {
        "SaveChanges", "SaveChangesAsync", "Commit", "CommitAsync", "ExecuteNonQuery", "ExecuteNonQueryAsync", "Execute", "ExecuteAsync",
        "ExecuteSqlRaw", "ExecuteSqlRawAsync", "ExecuteSqlInterpolated", "ExecuteSqlInterpolatedAsync", "ExecuteSql", "ExecuteSqlAsync",
        "ExecuteUpdate", "ExecuteUpdateAsync", "ExecuteDelete", "ExecuteDeleteAsync", "BulkInsert", "BulkInsertAsync", "BulkUpdateAsync",
        "InsertOneAsync", "InsertManyAsync", "ReplaceOneAsync", "UpdateOneAsync", "UpdateManyAsync", "DeleteOneAsync", "DeleteManyAsync",
        "BulkWriteAsync", "FindOneAndUpdateAsync", "CreateItemAsync", "UpsertItemAsync", "ReplaceItemAsync", "DeleteItemAsync", "PatchItemAsync",
        "ExecuteBatchAsync", "StoreAsync",
    };

    public static IReadOnlyList<CallGraphType> Scan(IReadOnlyList<(SourceFile File, SyntaxTree Tree)> production)
    {
        var parts = new List<(SourceFile File, TypeDeclarationSyntax Type)>();
        foreach (var (file, tree) in production)
        {
            var root = tree.GetRoot();
            parts.AddRange(root.Descendants(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
                .OfType<TypeDeclarationSyntax>()
                .Where(t => !t.Identifier.IsMissing)
                .Select(t => (file, t)));
        }

        return parts
            .GroupBy(p => (p.File.Assembly, Name: ProductionTypeScanner.FullNameOf(p.Type)))
            .Select(g => Of(g.Key.Name, g.Key.Assembly, g.ToArray()))
            .OrderBy(t => t.Assembly, StringComparer.Ordinal).ThenBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray();
    }

    private static CallGraphType Of(string fullName, string assembly, IReadOnlyList<(SourceFile File, TypeDeclarationSyntax Type)> parts)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, type) in parts)
        {
            foreach (var parameter in type.ParameterList?.Parameters ?? default)
            {
                if (parameter.Type is { } parameterType)
                {
                    members.TryAdd(parameter.Identifier.ValueText, SyntaxNames.SimpleNameOf(parameterType));
                }
            }

            foreach (var member in type.Members)
            {
                switch (member)
                {
                    case FieldDeclarationSyntax field:
                        foreach (var variable in field.Declaration.Variables)
                        {
                            members[variable.Identifier.ValueText] = SyntaxNames.SimpleNameOf(field.Declaration.Type);
                        }

                        break;
                    case PropertyDeclarationSyntax property:
                        members[property.Identifier.ValueText] = SyntaxNames.SimpleNameOf(property.Type);
                        break;
                }
            }
        }

        var methods = new List<CallGraphMethod>();
        foreach (var (_, type) in parts)
        {
            foreach (var method in type.Members.OfType<MethodDeclarationSyntax>())
            {
                var calls = new List<CallGraphCall>();
                var opens = false;
                var commits = false;
                foreach (var node in method.Descendants())
                {
                    switch (node)
                    {
                        case InvocationExpressionSyntax invocation when SyntaxNames.InvokedName(invocation) is { } name:
                            var receiver = ReceiverOf(invocation, members);
                            opens |= TransactionOpeners.Contains(name) || BeginsUnitOfWork(name, receiver, members);
                            commits |= DatabaseWrites.Contains(name) && !RunsDelegate(invocation, name);
                            if (receiver is not null)
                            {
                                calls.Add(new CallGraphCall(receiver, name, TestActionScanner.RunsRepeatedly(invocation, method), SyntaxNames.LineOf(invocation))
                                {
                                    ExitBranch = ExitBranchOf(invocation, method),
                                });
                            }

                            break;
                        case ObjectCreationExpressionSyntax creation when SyntaxNames.SimpleNameOf(creation.Type) == "TransactionScope":
                            opens = true;
                            break;
                    }
                }

                methods.Add(new CallGraphMethod(
                    method.Identifier.ValueText,
                    SyntaxNames.LineOf(method.Identifier),
                    method.Modifiers.Any(SyntaxKind.PublicKeyword) || type is InterfaceDeclarationSyntax,
                    opens,
                    commits,
                    method.ReturnType.ToString(),
                    method.ParameterList.Parameters.Select(p => p.Type is null ? "object" : SyntaxNames.SimpleNameOf(p.Type)).ToArray(),
                    calls));
            }
        }

        var first = parts.OrderBy(p => p.File.Path, StringComparer.Ordinal).First();
        return new CallGraphType(
            fullName,
            assembly,
            first.File.Path,
            first.Type switch
            {
                InterfaceDeclarationSyntax => "interface",
                RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "struct",
                RecordDeclarationSyntax => "record",
                StructDeclarationSyntax => "struct",
                _ => "class",
            },
            parts.Any(p => p.Type.Modifiers.Any(SyntaxKind.AbstractKeyword)),
            parts.Any(p => p.Type.Modifiers.Any(SyntaxKind.StaticKeyword)),
            members.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new CallGraphMember(m.Key, m.Value)).ToArray(),
            methods);
    }

    /// <summary>"" for a call of the class's own method, the dependency member for a call on it, null otherwise.</summary>
    /// <summary>
    /// <c>await using var tx = await _unitOfWork.BeginAsync(ct); ... await tx.CommitAsync(ct);</c>: a unit of work's
    /// <c>Begin</c> opens the transaction the method's writes share (the commit is on a local, which the call graph does not follow).
    /// </summary>
    private static bool BeginsUnitOfWork(string name, string? receiver, Dictionary<string, string> members) =>
        name is "Begin" or "BeginAsync" && !string.IsNullOrEmpty(receiver)
        && members.TryGetValue(receiver, out var type) && type.EndsWith("UnitOfWork", StringComparison.Ordinal);

    private static string? ReceiverOf(InvocationExpressionSyntax invocation, Dictionary<string, string> members)
    {
        switch (invocation.Expression)
        {
            case IdentifierNameSyntax or GenericNameSyntax:
            case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }:
                return string.Empty;
            case MemberAccessExpressionSyntax member:
                return TestActionScanner.RootName(member.Expression) is { } root && members.ContainsKey(root) ? root : null;
            default:
                return null;
        }
    }
}
