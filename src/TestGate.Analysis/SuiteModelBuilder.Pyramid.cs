using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Analysis;

public static partial class SuiteModelBuilder
{
    private static partial Func<SuiteModel, SuiteModel> EnrichPyramid(SuiteSyntax syntax, SuiteModel shared)
    {
        var unitTestInfrastructureUses = PyramidScan.UnitTestInfrastructureUses(syntax);
        var e2eRepeatedRequests = PyramidScan.E2ERepeatedRequests(syntax);
        var e2eSendingOnce = PyramidScan.E2ETestsSendingEachRequestOnce(syntax);
        var namesInUnitTestProjects = PyramidScan.NamesInUnitTestProjects(syntax);
        return model => model with
        {
            UnitTestInfrastructureUses = unitTestInfrastructureUses,
            E2ERepeatedRequests = e2eRepeatedRequests,
            E2ETestsSendingEachRequestOnce = e2eSendingOnce,
            NamesInUnitTestProjects = namesInUnitTestProjects,
        };
    }
}

/// <summary>
/// What unit tests touch that a unit test must not (TG0102–TG0104), and the repeated requests of E2E tests (TG0105).
/// Syntax only: a type is recognised by its simple name as written.
/// </summary>
internal static class PyramidScan
{
    private static readonly Dictionary<string, string> DatabaseTypes = new(StringComparer.Ordinal)
    {
        ["SqliteConnection"] = "a real SQLite connection",
        ["SQLiteConnection"] = "a real SQLite connection",
        ["NpgsqlConnection"] = "a real PostgreSQL connection",
        ["NpgsqlDataSourceBuilder"] = "a real PostgreSQL data source",
        ["SqlConnection"] = "a real SQL Server connection",
        ["MySqlConnection"] = "a real MySQL connection",
        ["OracleConnection"] = "a real Oracle connection",
        ["FbConnection"] = "a real Firebird connection",
        ["MongoClient"] = "a real MongoDB client",
        ["CosmosClient"] = "a real Cosmos DB client",
        ["PostgreSqlBuilder"] = "a Testcontainers PostgreSQL container",
        ["MsSqlBuilder"] = "a Testcontainers SQL Server container",
        ["MySqlBuilder"] = "a Testcontainers MySQL container",
        ["MariaDbBuilder"] = "a Testcontainers MariaDB container",
        ["MongoDbBuilder"] = "a Testcontainers MongoDB container",
        ["OracleBuilder"] = "a Testcontainers Oracle container",
        ["CosmosDbBuilder"] = "a Testcontainers Cosmos DB container",
        ["SqlEdgeBuilder"] = "a Testcontainers SQL Edge container",
        ["ContainerBuilder"] = "a Testcontainers container",
    };

    private static readonly Dictionary<string, string> DatabaseProviders = new(StringComparer.Ordinal)
    {
        ["UseSqlite"] = "EF Core with the SQLite provider",
        ["UseNpgsql"] = "EF Core with the PostgreSQL provider",
        ["UseSqlServer"] = "EF Core with the SQL Server provider",
        ["UseAzureSql"] = "EF Core with the Azure SQL provider",
        ["UseMySql"] = "EF Core with the MySQL provider",
        ["UseMySQL"] = "EF Core with the MySQL provider",
        ["UseOracle"] = "EF Core with the Oracle provider",
        ["UseFirebird"] = "EF Core with the Firebird provider",
        ["UseCosmos"] = "EF Core with the Cosmos DB provider",
    };

    private static readonly Dictionary<string, string> NetworkTypes = new(StringComparer.Ordinal)
    {
        ["TcpClient"] = "a TCP socket (TcpClient)",
        ["TcpListener"] = "a TCP listener",
        ["UdpClient"] = "a UDP socket (UdpClient)",
        ["WebClient"] = "a real WebClient",
        ["SmtpClient"] = "a real SMTP client",
        ["ClientWebSocket"] = "a real WebSocket client",
    };

    private static readonly HashSet<string> RealHandlers = new(StringComparer.Ordinal) { "HttpClientHandler", "SocketsHttpHandler", "WinHttpHandler" };

    private static readonly HashSet<string> HostFactories = new(StringComparer.Ordinal) { "Host", "WebApplication", "WebHost" };

    private static readonly HashSet<string> HostBuilderMethods = new(StringComparer.Ordinal)
    {
        "CreateDefaultBuilder", "CreateApplicationBuilder", "CreateEmptyApplicationBuilder", "CreateBuilder", "CreateSlimBuilder", "CreateEmptyBuilder",
    };

    private static readonly HashSet<string> SendVerbs = new(StringComparer.Ordinal)
    {
        "Send", "Post", "Put", "Patch", "Publish", "Handle", "Process", "Deliver", "Execute", "Invoke", "Dispatch", "Enqueue", "Submit",
    };

    /// <param name="Implies">The kind of test this use makes an otherwise unclassified test: Integration for a real
    /// database, network or generic host, E2E for the application's own host, Unit when it proves nothing (a DI
    /// container alone is common in unit tests).</param>
    internal sealed record Use(InfrastructureCategory Category, string What, string Expression, int Line, bool IsHttpClient, TestKind Implies);

    public static IReadOnlyList<InfrastructureUse> UnitTestInfrastructureUses(SuiteSyntax syntax)
    {
        // Tests whose kind was inferred from what they touch are unit tests because they touch none of it.
        var unitTests = syntax.TestMethods.Where(t => t.Method.Kind == TestKind.Unit && !t.Method.KindInferred).ToArray();
        if (unitTests.Length == 0)
        {
            return [];
        }

        var results = new List<InfrastructureUse>();
        foreach (var (method, declaration) in unitTests)
        {
            results.AddRange(syntax.Infrastructure.UsesOf(declaration)
                .Select(u => new InfrastructureUse(method, u.Category, u.What, u.Expression, method.Path, u.Line)));
        }

        return results;
    }

    /// <summary>
    /// The kind of a test no project setting, category or name classified, from what it touches: the application's
    /// host makes it E2E, a real database, the network or a generic host Integration, nothing of that Unit.
    /// </summary>
    public static TestKind InferredKind(IReadOnlyList<Use> uses)
    {
        var kind = TestKind.Unit;
        foreach (var use in uses)
        {
            if (use.Implies == TestKind.E2E)
            {
                return TestKind.E2E;
            }

            if (use.Implies == TestKind.Integration)
            {
                kind = TestKind.Integration;
            }
        }

        return kind;
    }

    /// <summary>What one test touches of the database, the network and the framework, memoised per node and class.</summary>
    internal sealed class InfrastructureProbe(SuiteSyntax syntax)
    {
        private readonly Lazy<HashSet<string>> _factories = new(() => CustomHostFactories(syntax));
        private readonly ConcurrentDictionary<SyntaxNode, IReadOnlyList<Use>> _uses = new();
        private readonly ConcurrentDictionary<TypeDeclarationSyntax, IReadOnlyList<Use>> _classUses = new();
        private readonly ConcurrentDictionary<SyntaxNode, bool> _stubServers = new();

        /// <summary>Whether a test-project type is the application's host for tests (a <c>WebApplicationFactory</c> subclass).</summary>
        public bool IsHostFactory(string typeName) => _factories.Value.Contains(typeName);

        /// <summary>The distinct uses in the test's scope and its class fixtures, by line.</summary>
        public IReadOnlyList<Use> UsesOf(MethodDeclarationSyntax declaration)
        {
            var factories = _factories.Value;
            var scope = syntax.Scopes.Of(declaration);
            var uses = new List<Use>();
            foreach (var node in scope)
            {
                uses.AddRange(_uses.GetOrAdd(node, n => UsesIn(n, factories)));
            }

            if (declaration.Parent is TypeDeclarationSyntax type)
            {
                uses.AddRange(_classUses.GetOrAdd(type, t => ClassFixtureUses(t, factories)));
            }

            if (uses.Count == 0)
            {
                return [];
            }

            // A stub HTTP server in the test (WireMock.Net) is what a plain HttpClient talks to: loopback to a fake.
            var stubServer = scope.Any(n => _stubServers.GetOrAdd(n, static n =>
                n.Descendants().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == "WireMockServer")));
            return uses.Where(u => !(stubServer && u.IsHttpClient)).Distinct().OrderBy(u => u.Line).ToArray();
        }
    }

    /// <summary>
    /// For every E2E test: the requests its own body sends more than once (the same member called twice, or inside a
    /// loop or a lambda over several deliveries). Requests are <c>...Async</c> calls other than reads and assertions,
    /// and synchronous send/handle/publish calls.
    /// </summary>
    public static IReadOnlyList<RepeatedRequests> E2ERepeatedRequests(SuiteSyntax syntax)
    {
        var results = new List<RepeatedRequests>();
        foreach (var (method, declaration) in syntax.TestMethods.Where(t => t.Method.Kind == TestKind.E2E))
        {
            var body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
            if (body is null)
            {
                continue;
            }

            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var invocation in body.Descendants().OfType<InvocationExpressionSyntax>())
            {
                if (SyntaxNames.InvokedName(invocation) is not { } name || !IsRequest(name) || invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Assert" } })
                {
                    continue;
                }

                counts[name] = counts.GetValueOrDefault(name) + (Repeats(invocation, body) ? 2 : 1);
            }

            var repeated = counts.Where(c => c.Value >= 2).Select(c => c.Key).Order(StringComparer.Ordinal).ToArray();
            if (repeated.Length > 0)
            {
                results.Add(new RepeatedRequests(method, repeated));
            }
        }

        return results;
    }

    private static readonly HashSet<string> HttpVerbs = new(StringComparer.Ordinal)
    {
        "GetAsync", "GetFromJsonAsync", "GetStringAsync", "GetStreamAsync", "GetByteArrayAsync", "PostAsync", "PostAsJsonAsync", "PutAsync",
        "PutAsJsonAsync", "PatchAsync", "PatchAsJsonAsync", "DeleteAsync", "DeleteFromJsonAsync", "SendAsync",
    };

    /// <summary>
    /// E2E tests that make at least one HTTP call, every one of them to a literal route no other call of the test uses,
    /// none in a loop or fan-out, and that call no test-project method that sends HTTP itself (a <c>RegisterAsync</c>
    /// extension over the client): what they send, they send once.
    /// </summary>
    public static IReadOnlyList<TestMethod> E2ETestsSendingEachRequestOnce(SuiteSyntax syntax)
    {
        var e2e = syntax.TestMethods.Where(t => t.Method.Kind == TestKind.E2E).ToArray();
        if (e2e.Length == 0)
        {
            return [];
        }

        // Test-project methods that send HTTP themselves: a repeat can hide behind them.
        var senders = syntax.Tests
            .SelectMany(t => t.Tree.GetRoot().Descendants().OfType<MethodDeclarationSyntax>())
            .Where(m => !TestMethodScanner.IsTest(m) && m.Descendants().OfType<InvocationExpressionSyntax>().Any(i => SyntaxNames.InvokedName(i) is { } n && HttpVerbs.Contains(n)))
            .Select(m => m.Identifier.ValueText)
            .ToHashSet(StringComparer.Ordinal);

        var result = new List<TestMethod>();
        foreach (var (method, declaration) in e2e)
        {
            var body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
            if (body is null)
            {
                continue;
            }

            var routes = new HashSet<string>(StringComparer.Ordinal);
            var once = true;
            var calls = 0;
            foreach (var invocation in body.Descendants().OfType<InvocationExpressionSyntax>())
            {
                var name = SyntaxNames.InvokedName(invocation);
                if (name is not null && senders.Contains(name))
                {
                    once = false;
                }

                if (name is null || !HttpVerbs.Contains(name))
                {
                    continue;
                }

                calls++;
                var route = invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression;
                once &= route is LiteralExpressionSyntax or InterpolatedStringExpressionSyntax
                    && routes.Add(route.ToString())
                    && !Repeats(invocation, body);
            }

            if (once && calls > 0)
            {
                result.Add(method);
            }
        }

        return result;
    }

    public static IReadOnlyList<string> NamesInUnitTestProjects(SuiteSyntax syntax)
    {
        var projects = new HashSet<string>(syntax.TestMethods.Where(t => t.Method.Kind == TestKind.Unit).Select(t => t.Method.Project), StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (file, tree) in syntax.Tests.Where(t => projects.Contains(t.File.Project)))
        {
            names.UnionWith(tree.GetRoot().Descendants().OfType<SimpleNameSyntax>().Select(n => n.Identifier.ValueText));
        }

        return names.Order(StringComparer.Ordinal).ToArray();
    }

    private static bool IsRequest(string name) =>
        SendVerbs.Contains(name)
        || (name.EndsWith("Async", StringComparison.Ordinal)
            && !name.StartsWith("Read", StringComparison.Ordinal)
            && !name.StartsWith("Throws", StringComparison.Ordinal)
            && !name.StartsWith("Dispose", StringComparison.Ordinal)
            && !name.StartsWith("Initialize", StringComparison.Ordinal)
            && name is not ("WaitAsync" or "ConfigureAwait"));

    /// <summary>True when the call runs more than once: inside a loop, or inside a lambda handed to a fan-out.</summary>
    private static bool Repeats(SyntaxNode invocation, SyntaxNode body)
    {
        for (var node = invocation.Parent; node is not null && node != body; node = node.Parent)
        {
            switch (node)
            {
                case ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                    return true;
                case LambdaExpressionSyntax lambda when lambda.Ancestors().TakeWhile(a => a != body).OfType<InvocationExpressionSyntax>().Any(FansOut):
                    return true;
            }
        }

        return false;
    }

    private static bool FansOut(InvocationExpressionSyntax invocation) =>
        SyntaxNames.InvokedName(invocation) switch
        {
            "WhenAll" or "ForEachAsync" or "For" or "ForEach" => true,
            "Select" or "SelectMany" => invocation.Expression.Descendants().OfType<InvocationExpressionSyntax>()
                .Any(i => SyntaxNames.InvokedName(i) is "Range" or "Repeat"),
            _ => false,
        };

    /// <summary>The names called on a created object in one fluent chain: <c>new X().WithImage(..).Build()</c> → WithImage, Build.</summary>
    private static HashSet<string> FluentChain(SyntaxNode creation)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var node = creation.Parent; node is MemberAccessExpressionSyntax or InvocationExpressionSyntax or ParenthesizedExpressionSyntax; node = node.Parent)
        {
            if (node is MemberAccessExpressionSyntax member)
            {
                names.Add(member.Name.Identifier.ValueText);
            }
        }

        return names;
    }

    /// <summary>Test-project classes that derive from <c>WebApplicationFactory&lt;T&gt;</c> (directly or through each other).</summary>
    private static HashSet<string> CustomHostFactories(SuiteSyntax syntax)
    {
        var bases = syntax.Tests
            .SelectMany(t => t.Tree.GetRoot().Descendants(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<ClassDeclarationSyntax>())
            .Select(c => (Name: c.Identifier.ValueText, Bases: (c.BaseList?.Types ?? default).Select(b => SyntaxNames.SimpleNameOf(b.Type)).ToArray()))
            .ToArray();
        var factories = new HashSet<string>(StringComparer.Ordinal) { "WebApplicationFactory" };
        bool grew;
        do
        {
            grew = false;
            foreach (var (name, baseNames) in bases)
            {
                if (!factories.Contains(name) && baseNames.Any(factories.Contains))
                {
                    factories.Add(name);
                    grew = true;
                }
            }
        }
        while (grew);
        return factories;
    }

    /// <summary>A test class that takes a host factory as an xUnit class fixture boots the application for each test.</summary>
    private static IReadOnlyList<Use> ClassFixtureUses(TypeDeclarationSyntax type, HashSet<string> factories) =>
        (type.BaseList?.Types ?? default)
            .Select(b => b.Type is QualifiedNameSyntax q ? q.Right : b.Type)
            .OfType<GenericNameSyntax>()
            .Where(g => g.Identifier.ValueText is "IClassFixture" or "ICollectionFixture" && g.TypeArgumentList.Arguments.Count == 1
                && factories.Contains(SyntaxNames.SimpleNameOf(g.TypeArgumentList.Arguments[0])))
            .Select(g => new Use(InfrastructureCategory.Framework, "the application host (WebApplicationFactory)", AsyncHygieneFixtures.Text(g), SyntaxNames.LineOf(g), false, TestKind.E2E))
            .ToArray();

    /// <summary>A connection string of a database engine: <c>Data Source=...</c>, <c>Filename=...</c>, <c>Server=...</c>, <c>Host=...</c>.</summary>
    private static readonly Regex ConnectionString = new(@"^\s*(data\s*source|filename|server|host)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static IReadOnlyList<Use> UsesIn(SyntaxNode node, HashSet<string> factories)
    {
        var uses = new List<Use>();
        LiteralExpressionSyntax? connectionString = null;
        var touchesSchema = false;
        foreach (var descendant in node.Descendants())
        {
            switch (descendant)
            {
                // Code's literals, not a test case's data ([InlineData("Data Source=...")]): a connection string handed to
                // a constructor or method.
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Parent is not AttributeArgumentSyntax:
                    if (ConnectionString.IsMatch(literal.Token.ValueText))
                    {
                        connectionString ??= literal.Parent is ArgumentSyntax ? literal : null;
                    }
                    else
                    {
                        touchesSchema |= DatabaseSql.IsSql(literal.Token.ValueText);
                    }

                    break;
                case InvocationExpressionSyntax invocation when SyntaxNames.InvokedName(invocation) is { } migration && DatabaseTestReach.MigrationCalls.Contains(migration):
                    touchesSchema = true;
                    Classify(migration, invocation, uses);
                    break;
                case ObjectCreationExpressionSyntax creation:
                    Classify(SyntaxNames.SimpleNameOf(creation.Type), creation, creation.ArgumentList, factories, uses);
                    break;
                case ImplicitObjectCreationExpressionSyntax implicitCreation when DeclaredTypeOf(implicitCreation) is { } declared:
                    Classify(SyntaxNames.SimpleNameOf(declared), implicitCreation, implicitCreation.ArgumentList, factories, uses);
                    break;
                case InvocationExpressionSyntax invocation when SyntaxNames.InvokedName(invocation) is { } name:
                    Classify(name, invocation, uses);
                    break;
            }
        }

        // The solution's own data-access code given a real engine's connection string, with SQL or a migration run
        // against it: the database is real even though no connection type is named here.
        if (connectionString is not null && touchesSchema && !uses.Any(u => u.Category == InfrastructureCategory.Database))
        {
            uses.Add(new Use(InfrastructureCategory.Database, "a real database by its connection string", AsyncHygieneFixtures.Text(connectionString), SyntaxNames.LineOf(connectionString), false, TestKind.Integration));
        }

        return uses;
    }

    private static void Classify(string type, ExpressionSyntax creation, ArgumentListSyntax? arguments, HashSet<string> factories, List<Use> uses)
    {
        if (type == "ContainerBuilder" && !FluentChain(creation).Contains("WithImage"))
        {
            // Autofac's ContainerBuilder has the same name; only a Testcontainers builder is given an image.
        }
        else if (DatabaseTypes.TryGetValue(type, out var database))
        {
            uses.Add(new Use(InfrastructureCategory.Database, database, AsyncHygieneFixtures.Text(creation), SyntaxNames.LineOf(creation), false, TestKind.Integration));
        }
        else if (NetworkTypes.TryGetValue(type, out var network))
        {
            uses.Add(new Use(InfrastructureCategory.Network, network, AsyncHygieneFixtures.Text(creation), SyntaxNames.LineOf(creation), false, TestKind.Integration));
        }
        else if (type == "Socket" && arguments?.Arguments.Any(a => a.ToString().Contains("SocketType", StringComparison.Ordinal)) == true)
        {
            uses.Add(new Use(InfrastructureCategory.Network, "a raw socket", AsyncHygieneFixtures.Text(creation), SyntaxNames.LineOf(creation), false, TestKind.Integration));
        }
        else if (type == "HttpClient")
        {
            var handler = arguments?.Arguments.FirstOrDefault()?.Expression;
            if (handler is null)
            {
                uses.Add(new Use(InfrastructureCategory.Network, "a real HttpClient without a stub handler", AsyncHygieneFixtures.Text(creation), SyntaxNames.LineOf(creation), true, TestKind.Integration));
            }
            else if (IsRealHandler(handler))
            {
                uses.Add(new Use(InfrastructureCategory.Network, "an HttpClient over a real network handler", AsyncHygieneFixtures.Text(creation), SyntaxNames.LineOf(creation), true, TestKind.Integration));
            }
        }
        else if (type is "TestServer")
        {
            uses.Add(new Use(InfrastructureCategory.Framework, "an in-process ASP.NET Core server (TestServer)", AsyncHygieneFixtures.Text(creation), SyntaxNames.LineOf(creation), false, TestKind.E2E));
        }
        else if (type is "HostBuilder" or "WebHostBuilder" or "HostApplicationBuilder")
        {
            uses.Add(new Use(InfrastructureCategory.Framework, $"a generic host ({type})", AsyncHygieneFixtures.Text(creation), SyntaxNames.LineOf(creation), false, TestKind.Integration));
        }
        else if (type == "DefaultHttpContext")
        {
            // Middleware or a controller driven through ASP.NET Core's own request object: framework glue, not logic.
            uses.Add(new Use(InfrastructureCategory.Framework, "an ASP.NET Core request (DefaultHttpContext)", AsyncHygieneFixtures.Text(creation), SyntaxNames.LineOf(creation), false, TestKind.Unit));
        }
        else if (factories.Contains(type))
        {
            uses.Add(new Use(InfrastructureCategory.Framework, $"the application host ({type})", AsyncHygieneFixtures.Text(creation), SyntaxNames.LineOf(creation), false, TestKind.E2E));
        }
    }

    private static void Classify(string name, InvocationExpressionSyntax invocation, List<Use> uses)
    {
        var receiver = invocation.Expression is MemberAccessExpressionSyntax { Expression: var r } ? SimpleReceiver(r) : null;
        if (DatabaseProviders.TryGetValue(name, out var provider))
        {
            uses.Add(new Use(InfrastructureCategory.Database, provider, Head(invocation), SyntaxNames.LineOf(invocation), false, TestKind.Integration));
        }
        else if (receiver == "NpgsqlDataSource" && name == "Create")
        {
            uses.Add(new Use(InfrastructureCategory.Database, "a real PostgreSQL data source", Head(invocation), SyntaxNames.LineOf(invocation), false, TestKind.Integration));
        }
        else if (receiver is "WebRequest" or "HttpWebRequest" or "FileWebRequest" && name is "Create" or "CreateHttp")
        {
            uses.Add(new Use(InfrastructureCategory.Network, "a real WebRequest", Head(invocation), SyntaxNames.LineOf(invocation), false, TestKind.Integration));
        }
        else if (receiver == "Dns" && (name.StartsWith("GetHost", StringComparison.Ordinal) || name == "Resolve"))
        {
            uses.Add(new Use(InfrastructureCategory.Network, "a DNS lookup", Head(invocation), SyntaxNames.LineOf(invocation), false, TestKind.Integration));
        }
        else if (receiver is not null && HostFactories.Contains(receiver) && HostBuilderMethods.Contains(name))
        {
            uses.Add(new Use(InfrastructureCategory.Framework, $"a generic host ({receiver}.{name})", Head(invocation), SyntaxNames.LineOf(invocation), false, TestKind.Integration));
        }
        else if (name == "BuildServiceProvider")
        {
            uses.Add(new Use(InfrastructureCategory.Framework, "a dependency-injection container (BuildServiceProvider)", Head(invocation), SyntaxNames.LineOf(invocation), false, TestKind.Unit));
        }
    }

    /// <summary>An invocation's text without a trailing lambda body or long argument list: <c>options.UseSqlite(...)</c>.</summary>
    private static string Head(InvocationExpressionSyntax invocation)
    {
        var text = AsyncHygieneFixtures.Text(invocation);
        return text.Length <= 100 ? text : AsyncHygieneFixtures.Text(invocation.Expression) + "(...)";
    }

    private static string? SimpleReceiver(ExpressionSyntax receiver) => receiver switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The handler argument is (or is a local/field initialized with) a real socket handler, possibly wrapped.</summary>
    private static bool IsRealHandler(ExpressionSyntax handler)
    {
        if (CreatesRealHandler(handler))
        {
            return true;
        }

        if (handler is not IdentifierNameSyntax identifier)
        {
            return false;
        }

        var name = identifier.Identifier.ValueText;
        var container = (SyntaxNode?)handler.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() ?? handler.SyntaxTree.GetRoot();
        return container.Descendants().OfType<VariableDeclaratorSyntax>()
            .Any(v => v.Identifier.ValueText == name && v.Initializer?.Value is { } value && CreatesRealHandler(value));
    }

    private static bool CreatesRealHandler(SyntaxNode node) =>
        node.DescendantsAndSelf().Any(n => n switch
        {
            ObjectCreationExpressionSyntax creation => RealHandlers.Contains(SyntaxNames.SimpleNameOf(creation.Type)),
            _ => false,
        });

    private static TypeSyntax? DeclaredTypeOf(ImplicitObjectCreationExpressionSyntax creation) => creation.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type: var type } } } when type is not IdentifierNameSyntax { IsVar: true } => type,
        EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Type,
        _ => null,
    };
}
