using System.Text.RegularExpressions;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Core.Rules;

public static partial class StructuralRules
{
    static partial void Mocking(SuiteModel suite, List<Finding> findings) => MockingRules.Evaluate(suite, findings);
}

/// <summary>
/// TG0201–TG0205: mock boundaries, not implementations. Each finding is located at the line that creates the mock (or
/// configures the fake database) and lists the tests that use it; one finding per mocked type and declaring class.
/// </summary>
internal static class MockingRules
{
    /// <summary>Names the standard allows to mock: external APIs, queues, payment providers, email/SMS, time.</summary>
    private static readonly Regex BoundaryName = new(
        @"(?:Client|Gateway|Sender|Publisher|Bus|Queue|PaymentProvider|Clock|TimeProvider|HttpMessageHandler)$", RegexOptions.CultureInvariant);

    /// <summary>More boundary-like names, for the conservative internal-helper rule only.</summary>
    private static readonly Regex BoundaryLikeName = new(
        @"(?:Mailer|Notifier|Producer|Consumer|Api|Proxy|Adapter|Connector|Storage|Broker|Channel|Provider|Service(?:Client)?Factory|Handler)$|Email|Mail|Sms|Http|Grpc|Blob|S3|Queue|Topic",
        RegexOptions.CultureInvariant);

    /// <summary>Internal helpers by name: the only interfaces TG0203 reports are those implemented only by these.</summary>
    private static readonly Regex HelperName = new(
        @"(?:Helper|Helpers|Util|Utils|Utility|Utilities|Calculator|Mapper|Formatter|Validator|Converter|Parser|Translator|Normalizer|Sanitizer|Comparer)$",
        RegexOptions.CultureInvariant);

    /// <summary>Dependencies that make a type a wrapper of something outside the process.</summary>
    private static readonly Regex ExternalDependency = new(
        @"^(?:HttpClient|IHttpClientFactory|HttpMessageHandler|DelegatingHandler|SmtpClient|GrpcChannel|IAmazon\w+|Amazon\w+|ServiceBus\w+|IConnection|IModel|IChannel|IProducer|IConsumer|IConnectionMultiplexer|ConnectionMultiplexer)$|Client$",
        RegexOptions.CultureInvariant);

    private static readonly HashSet<string> OrmTypes = new(StringComparer.Ordinal)
    {
        "DbContext", "DbSet", "IQueryable", "IOrderedQueryable", "IQueryProvider", "IAsyncQueryProvider", "DatabaseFacade", "IDbConnection",
        "DbConnection", "IDbCommand", "DbCommand", "IDbTransaction", "DbTransaction", "IDataReader", "DbDataReader", "IDbContextTransaction",
        "IDocumentSession", "IQuerySession", "IMongoCollection",
    };

    private static readonly HashSet<string> NHibernateTypes = new(StringComparer.Ordinal) { "ISession", "IStatelessSession", "ISessionFactory", "IQueryOver", "IQuery", "ICriteria" };

    /// <summary>Connection-level types whose mock means an integration test has no database at all (TG0205, not TG0204).</summary>
    private static readonly HashSet<string> ConnectionTypes = new(StringComparer.Ordinal)
    {
        "IDbConnection", "DbConnection", "IDbCommand", "DbCommand", "DbDataSource", "IDbConnectionFactory", "IDataReader", "DbDataReader",
    };

    private static readonly Regex FakeDatabaseName = new(
        @"^(?:InMemory|Fake|Stub|Dummy|Mock)\w*(?:Repository|Dao|DataAccess|Database|DbContext|Db)$", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> DomainKinds = new(StringComparer.Ordinal) { "class", "record", "struct", "interface" };

    public static void Evaluate(SuiteModel suite, List<Finding> findings)
    {
        var index = DatabaseIndex.Of(suite);
        var uses = index.Tests
            .SelectMany(t => t.Mocking.Mocks.Select(m => (Test: t, Mock: m)))
            .ToArray();
        DomainMocks(index, uses, findings);
        RepositoryMocks(index, uses, findings);
        HelperMocks(index, [.. uses, .. HandWrittenHelperDoubles(index)], findings);
        OrmMocks(index, uses, findings);
        FakeDatabases(index, uses, findings);
    }

    // ---- TG0201 ----

    private static void DomainMocks(DatabaseIndex index, IReadOnlyList<(DatabaseIndex.TestView Test, MockSite Mock)> uses, List<Finding> findings)
    {
        foreach (var group in Group(uses.Where(u => IsDomainLogic(index, u.Mock.MockedType))))
        {
            var (type, mock, tests) = group;
            var facts = index.Suite.ProductionBySimpleName[type].First();
            var members = facts.Methods.Where(m => m.IsPublic).Select(m => m.Name).Distinct(StringComparer.Ordinal).Take(4).ToArray();
            var style = index.Style;
            var variable = TestIdioms.VariableOf(type);
            var body = facts.Kind == "interface"
                ? new[]
                {
                    $"// Use the real domain implementation of {type} ({string.Join(", ", index.Implementations[type].Select(i => i.Type.SimpleName).Order(StringComparer.Ordinal))}), built from a test-data factory.",
                    $"var {variable} = /* new {index.Implementations[type].Select(i => i.Type.SimpleName).Order(StringComparer.Ordinal).First()}(...) */;",
                }
                : new[]
                {
                    $"// A real {type} in the state the test needs, from a test-data factory - not {MockExpression(mock)}.",
                    $"var {variable} = /* {type}Factory.Valid() */;",
                };
            findings.Add(DatabaseRules.Make(
                "TG0201",
                $"{TestsText(tests)} mock{(tests.Count == 1 ? "s" : string.Empty)} the domain type {type} ({facts.Type.FullName}) with {mock.Library} ({MockExpression(mock)} in {mock.DeclaringType}).",
                $"A mocked {type} returns whatever the setup says, so the test checks its own setup instead of {type}'s rules{(members.Length > 0 ? $" ({string.Join(", ", members)})" : string.Empty)}: a broken invariant or state transition in {facts.Type.Namespace} stays green. Domain logic is tested with real domain objects.",
                "Unit",
                style.Class($"{type}Tests", [SyncMethod(style, $"{type}_behaves_as_the_rule_says", [.. body, string.Empty, "// Act on it and assert the outcome of the domain rule itself."])]),
                Location(mock, tests)));
        }
    }

    private static bool IsDomainLogic(DatabaseIndex index, string name)
    {
        var candidates = index.Suite.ProductionBySimpleName[name].ToArray();
        if (candidates.Length == 0 || !candidates.All(c => (IsDomain(index, c) || IsCoreInterface(c)) && DomainKinds.Contains(c.Kind)) || IsAllowed(index, name))
        {
            return false;
        }

        if (DatabaseIndex.IsRepositoryInterfaceName(name) || DatabaseIndex.HasRepositoryName(name) || index.RepositoryRoles.Contains(name))
        {
            return false;
        }

        // An interface is domain logic only when the domain implements it; one implemented elsewhere is a port.
        return candidates.All(c => c.Kind != "interface")
            || (index.Implementations[name].Any() && index.Implementations[name].All(i => IsDomain(index, i)));
    }

    /// <summary>
    /// A domain type: its namespace or assembly has a <c>Domain*</c> segment, or (for classes, records and structs) an
    /// <c>Entities</c>, <c>ValueObjects</c> or <c>*Aggregate(s)</c> segment, the folders of domain models in layered
    /// solutions that do not call their core "Domain" (<c>ApplicationCore.Entities.OrderAggregate</c>). In a <c>Core</c>
    /// or <c>Model</c> project or namespace (<c>Warehouse.Core.Inventory.StockItem</c>, <c>Ledger.Model.Accounts.Account</c>),
    /// which holds the domain beside the ports and services of a clean architecture, a class, record or struct that
    /// depends on no interface and no data access:
    /// services there take their ports as interfaces, entities and value objects do not.
    /// </summary>
    private static bool IsDomain(DatabaseIndex index, ProductionFacts type) =>
        Segments(type.Type.Namespace).Concat(Segments(type.Type.Assembly)).Any(s => s.StartsWith("Domain", StringComparison.Ordinal))
        || (type.Kind != "interface" && Segments(type.Type.Namespace).Any(s =>
            s is "Entities" or "Entity" or "ValueObjects" or "Aggregates" || s.EndsWith("Aggregate", StringComparison.Ordinal)))
        || (type.Kind != "interface"
            && Segments(type.Type.Namespace).Concat(Segments(type.Type.Assembly)).Any(s => s is "Core" or "Model")
            && !type.DependencyTypes.Any(index.IsInterfaceName)
            && !index.DoesDataAccess(type));

    /// <summary>
    /// An interface in a <c>Core</c> or <c>Model</c> project or namespace (<c>Dispatch.Core.Pricing.IPricingPolicy</c>): the
    /// domain's own abstraction when the domain implements it, a port otherwise (decided by the caller from its
    /// implementations).
    /// </summary>
    private static bool IsCoreInterface(ProductionFacts type) =>
        type.Kind == "interface"
        && Segments(type.Type.Namespace).Concat(Segments(type.Type.Assembly)).Any(s => s is "Core" or "Model")
        && !BoundaryLikeName.IsMatch(type.Type.SimpleName) && !ServiceLikeName.IsMatch(type.Type.SimpleName);

    /// <summary>Services a core project also declares beside its domain: generators, formatters, mappers, caches...</summary>
    private static readonly Regex ServiceLikeName = new(
        @"(?:Service|Generator|Factory|Composer|Formatter|Serializer|Mapper|Logger|Resolver|Store|Cache|Reader|Writer|Accessor)$", RegexOptions.CultureInvariant);

    private static string[] Segments(string name) => name.Split('.', StringSplitOptions.RemoveEmptyEntries);

    private static bool IsAllowed(DatabaseIndex index, string name) =>
        index.Suite.IsDeclaredBoundary(name) || BoundaryName.IsMatch(name);

    // ---- TG0202 ----

    private static void RepositoryMocks(DatabaseIndex index, IReadOnlyList<(DatabaseIndex.TestView Test, MockSite Mock)> uses, List<Finding> findings)
    {
        // An application test that runs the use case over the real database has the database right there: a repository
        // faked in it skips the data access the test could run, as in an integration test.
        foreach (var group in Group(uses.Where(u => (u.Test.EffectiveIntegration || (u.Test.Test.Kind == TestKind.Application && u.Test.RealDatabase))
            && (IsRepositoryRole(index, u.Mock.MockedType) || IsUnitOfWork(u.Mock.MockedType)))))
        {
            var (type, mock, tests) = group;
            var application = tests.All(t => t.Test.Kind == TestKind.Application);
            var unitOfWork = !IsRepositoryRole(index, type);
            var real = unitOfWork
                ? index.Suite.ProductionBySimpleName[type].FirstOrDefault(t => t.Kind != "interface") ?? index.Implementations[type].FirstOrDefault()
                : index.Repositories.FirstOrDefault(r => r.Type.SimpleName == type || r.BaseTypes.Contains(type, StringComparer.Ordinal));
            var style = index.Style;
            var body = new List<string>();
            if (real is not null)
            {
                var engine = RealDatabase.EngineOf(index, real);
                body.AddRange(RealDatabase.Setup(index, engine));
                body.Add(RealDatabase.Construct(index, real, engine));
                body.Add($"// Pass {TestIdioms.VariableOf(real.Type.SimpleName)} where the test passed {MockExpression(mock)}; assert on the rows it stored.");
            }
            else
            {
                body.AddRange(RealDatabase.Setup(index, DatabaseEngine.Unknown));
                body.Add($"// Use the production implementation of {type} over this database instead of {MockExpression(mock)}.");
            }

            findings.Add(DatabaseRules.Make(
                "TG0202",
                $"{(application ? "Application" : "Integration")} test{(tests.Count == 1 ? string.Empty : "s")} {TestsText(tests)} mock{(tests.Count == 1 ? "s" : string.Empty)} the {(unitOfWork ? "unit of work" : "repository")} {type} with {mock.Library} ({MockExpression(mock)} in {mock.DeclaringType}){(application ? " while running against the real database" : string.Empty)}.",
                $"{(application ? "A test that already has the real database should run the data access through it" : "An integration test exists to run the data access for real")}; with {type} mocked"
                    + (unitOfWork
                        ? $", {(real is not null ? $"{real.Type.SimpleName}'s" : "the")} commit and rollback never run, so the test cannot show that the use case's writes are stored together or not at all,"
                        : real is not null ? $", {real.Type.SimpleName}'s SQL, mappings, constraints and transactions never run" : ", no SQL, mapping, constraint or transaction runs")
                    + " and the test proves only the mock's setup. "
                    + (unitOfWork ? "Run the use case through the real unit of work and assert on the rows it committed, and after a failure that none were."
                        : application ? "Seed the rows the scenario needs through the real repository instead."
                        : "Mock repositories, if at all, in application tests without a database."),
                "Integration",
                style.Class($"{TestIdioms.WithoutInterfacePrefix(type)}IntegrationTests",
                    [DatabaseRules.Method(style, unitOfWork ? "Commits_through_the_real_unit_of_work" : "Uses_the_real_repository_over_a_real_database", body)]),
                Location(mock, tests)));
        }
    }

    /// <summary>A unit of work (<c>IUnitOfWork</c>, <c>EfUnitOfWork</c>): the transaction boundary of the data access.</summary>
    private static bool IsUnitOfWork(string name) => name.EndsWith("UnitOfWork", StringComparison.Ordinal);

    private static bool IsRepositoryRole(DatabaseIndex index, string name) =>
        index.RepositoryRoles.Contains(name)
        || DatabaseIndex.IsRepositoryInterfaceName(name)
        || (name.EndsWith("Repository", StringComparison.Ordinal) && name.Length > "Repository".Length);

    // ---- TG0203 ----

    private static void HelperMocks(DatabaseIndex index, IReadOnlyList<(DatabaseIndex.TestView Test, MockSite Mock)> uses, List<Finding> findings)
    {
        foreach (var group in Group(uses.Where(u => InternalHelper(index, u.Mock.MockedType) is not null)))
        {
            var (type, mock, tests) = group;
            var helper = InternalHelper(index, type)!;
            var style = index.Style;
            var real = helper.Type.SimpleName;
            var dependencies = helper.DependencyTypes.Where(d => index.Suite.ProductionBySimpleName[d].Any()).Take(3).ToArray();
            findings.Add(DatabaseRules.Make(
                "TG0203",
                $"{TestsText(tests)} mock{(tests.Count == 1 ? "s" : string.Empty)} the internal helper {type}{(real != type ? $" (implemented only by {real})" : string.Empty)} with {mock.Library} ({MockExpression(mock)} in {mock.DeclaringType}).",
                $"{real} is the project's own code, not a boundary: mocking it couples the tests to the call graph. A refactoring of {real} breaks them while a real defect in it passes, because its code never runs in these tests.",
                tests.Any(t => t.Test.Kind == TestKind.Application) ? "Application" : "Unit",
                style.Class($"{real}UsageTests", [SyncMethod(style, $"Uses_the_real_{real}", [
                    $"var {TestIdioms.VariableOf(real)} = new {real}({string.Join(", ", dependencies.Select(d => $"/* real {d} */"))});   // instead of {MockExpression(mock)}",
                    "// Pass it to the code under test and assert the outcome; fake only what leaves the process (HTTP, queues, time).",
                ])]),
                Location(mock, tests)));
        }
    }

    /// <summary>
    /// Hand-written doubles that stand in for an internal helper: a test-project class implementing a production interface
    /// whose only implementations are helpers by name (<c>StubValidator&lt;T&gt; : IValidator&lt;T&gt;</c> where only
    /// <c>*Validator</c> classes implement it). A hand-written fake of a boundary is what the standard asks for; of a
    /// helper, it is a mock by other means.
    /// </summary>
    private static IEnumerable<(DatabaseIndex.TestView Test, MockSite Mock)> HandWrittenHelperDoubles(DatabaseIndex index) =>
        index.Tests.SelectMany(t => t.Mocking.Doubles.SelectMany(d => d.BaseTypes
            .Where(b => index.Implementations[b].Any() && index.Implementations[b].All(i => HelperName.IsMatch(i.Type.SimpleName)) && InternalHelper(index, b) is not null)
            .Take(1)
            .Select(b => (t, new MockSite(b, "a hand-written double", d.Site.Path, d.Site.Line, d.Site.DeclaringType, false) { HandWritten = d.Name }))));

    /// <summary>The production type a mock of <paramref name="name"/> stands for when that is an internal helper; null otherwise.</summary>
    private static ProductionFacts? InternalHelper(DatabaseIndex index, string name)
    {
        var candidates = index.Suite.ProductionBySimpleName[name].ToArray();
        if (candidates.Length != 1 || IsAllowed(index, name) || BoundaryLikeName.IsMatch(name) || IsDomainLogic(index, name)
            || candidates.Any(c => IsDomain(index, c)) || IsRepositoryRole(index, name) || OrmTypes.Contains(name) || index.DbContexts.Contains(name))
        {
            return null;
        }

        var type = candidates[0];
        if (type.Kind == "class")
        {
            return type.Type.HasCode && !index.IsAbstractOrStatic(type) && !IsBoundaryWrapper(index, type) && !index.DoesDataAccess(type) ? type : null;
        }

        if (type.Kind != "interface")
        {
            return null;
        }

        var implementations = index.Implementations[name].ToArray();
        return implementations.Length > 0
            && implementations.All(i => (HelperName.IsMatch(i.Type.SimpleName) || IsSelfContained(index, i))
                && !IsBoundaryWrapper(index, i) && !index.DoesDataAccess(i) && !i.Type.Namespace.Contains("Domain", StringComparison.Ordinal))
            ? implementations.OrderBy(i => i.Type.FullName, StringComparer.Ordinal).First()
            : null;
    }

    private static readonly HashSet<string> NonDeterministicCalls = new(StringComparer.Ordinal)
    {
        "NewGuid", "CreateVersion7", "Now", "UtcNow", "GetUtcNow", "GetTimestamp", "Next", "NextDouble", "NextInt64", "NextBytes",
        "GetRandomFileName", "GetTempFileName", "GetEnvironmentVariable", "GetInt32", "Fill",
    };

    /// <summary>
    /// An implementation that is plain in-process code: no constructor parameters, no dependency on an interface or on
    /// another type of the solution, no awaited I/O and nothing non-deterministic (a GUID, the clock, random numbers)
    /// that a test would have a reason to control. <c>CorrelationContext</c> over an <c>AsyncLocal</c> is one; mocking
    /// its interface replaces working code the test could simply use.
    /// </summary>
    private static bool IsSelfContained(DatabaseIndex index, ProductionFacts type) =>
        type.Constructors.All(c => c.Count == 0)
        && type.DependencyTypes.All(d => !index.Suite.ProductionBySimpleName.Contains(d) && !(d.Length > 1 && d[0] == 'I' && char.IsUpper(d[1])))
        && !type.InvokedMembers.Any(m => m.EndsWith("Async", StringComparison.Ordinal) || NonDeterministicCalls.Contains(m));

    private static bool IsBoundaryWrapper(DatabaseIndex index, ProductionFacts type) =>
        type.DependencyTypes.Concat(type.CreatedTypes).Concat(type.BaseTypes)
            .Any(d => ExternalDependency.IsMatch(d) || BoundaryName.IsMatch(d) || BoundaryLikeName.IsMatch(d) || index.Suite.IsDeclaredBoundary(d));

    // ---- TG0204 ----

    private static void OrmMocks(DatabaseIndex index, IReadOnlyList<(DatabaseIndex.TestView Test, MockSite Mock)> uses, List<Finding> findings)
    {
        var orm = uses.Where(u => IsOrm(index, u.Mock) && !(u.Test.EffectiveIntegration && IsConnection(index, u.Mock.MockedType)));

        // A context and its DbSets mocked in one class are one way of not running the provider: one finding, even when
        // the sets come from another library (MockQueryable over a FakeItEasy or Moq context). Mocked ADO.NET connections
        // and commands in the same class bypass another path: a finding of their own.
        var byClass = orm
            .GroupBy(u => (u.Mock.Path, u.Mock.DeclaringType, Connection: IsConnection(index, u.Mock.MockedType)))
            .Select(g => g.OrderBy(u => u.Mock.Line).ThenBy(u => u.Mock.MockedType, StringComparer.Ordinal).ToArray())
            .Select(g => (
                Types: g.Select(u => u.Mock.MockedType).Distinct(StringComparer.Ordinal).ToArray(),
                Libraries: g.Select(u => u.Mock.Library).Distinct(StringComparer.Ordinal).ToArray(),
                First: g[0].Mock,
                Tests: Distinct(g.Select(u => u.Test))))
            .OrderBy(g => g.First.Path, StringComparer.Ordinal).ThenBy(g => g.First.Line);
        foreach (var (types, libraries, mock, tests) in byClass)
        {
            var type = types.FirstOrDefault(index.DbContexts.Contains) ?? types[0];
            var style = index.Style;
            var context = index.DbContexts.Contains(type) ? type : index.DbContexts.Order(StringComparer.Ordinal).FirstOrDefault();

            // The example runs what the tests exercise over the context (a handler, a service), else a repository on it.
            var repository = tests.SelectMany(t => t.Exercised).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                    .SelectMany(n => index.Suite.ProductionBySimpleName[n])
                    .FirstOrDefault(p => context is not null && p.Kind is "class" or "record" && p.DependencyTypes.Contains(context, StringComparer.Ordinal))
                ?? index.Repositories.FirstOrDefault(r => context is not null && r.DependencyTypes.Contains(context, StringComparer.Ordinal));
            var engine = repository is not null ? RealDatabase.EngineOf(index, repository) : DatabaseEngine.Unknown;
            var body = new List<string>(RealDatabase.Setup(index, engine));
            if (repository is not null)
            {
                body.Add(RealDatabase.Construct(index, repository, engine));
            }
            else if (context is not null)
            {
                body.Add($"await using var context = {RealDatabase.NewContext(index, context, engine)};{RealDatabase.ProductionProviderComment(index, engine)}");
                body.Add("await context.Database.MigrateAsync();");
            }
            else
            {
                body.Add("await using var connection = /* a connection to this database */;");
            }

            body.Add($"// Seed real rows instead of {MockExpression(mock)}, run the query through the real provider and assert its result.");
            findings.Add(DatabaseRules.Make(
                "TG0204",
                $"{TestsText(tests)} mock{(tests.Count == 1 ? "s" : string.Empty)} the ORM/data-access type{(types.Length == 1 ? string.Empty : "s")} {Prose.List(types)} with {Prose.List(libraries)} ({MockExpression(mock)} in {mock.DeclaringType}).",
                $"A mocked {type} answers LINQ in memory (LINQ to Objects) or returns scripted rows: query translation, case and null semantics, Include/tracking, SaveChanges and the real SQL never run, so a query that fails or returns different rows on the real provider passes here.",
                "Integration",
                style.Class($"{(repository?.Type.SimpleName ?? context ?? "Query")}IntegrationTests", [DatabaseRules.Method(style, "Runs_the_query_against_the_real_provider", body)]),
                Location(mock, tests)));
        }
    }

    private static bool IsOrm(DatabaseIndex index, MockSite mock) =>
        OrmTypes.Contains(mock.MockedType)
        || (mock.NHibernate && NHibernateTypes.Contains(mock.MockedType))
        || index.DbContexts.Contains(mock.MockedType)
        || (mock.MockedType.EndsWith("DbContext", StringComparison.Ordinal)
            && index.Suite.ProductionBySimpleName[mock.MockedType].Any(p => p.Kind == "interface" || p.DependencyTypes.Contains("DbSet", StringComparer.Ordinal)))
        || index.Suite.ProductionBySimpleName[mock.MockedType].Any(p => p.Kind == "interface" && p.DependencyTypes.Contains("DbSet", StringComparer.Ordinal));

    private static bool IsConnection(DatabaseIndex index, string name) =>
        ConnectionTypes.Contains(name) || index.ConnectionInterfaces.Contains(name) || index.ConnectionProviders.Contains(name);

    // ---- TG0205 ----

    private static void FakeDatabases(DatabaseIndex index, IReadOnlyList<(DatabaseIndex.TestView Test, MockSite Mock)> uses, List<Finding> findings)
    {
        var integration = index.Tests.Where(t => t.EffectiveIntegration).ToArray();
        var style = index.Style;

        foreach (var group in integration
            .SelectMany(t => t.Db.InMemoryDatabaseSites.Select(s => (Test: t, Site: s)))
            .GroupBy(x => x.Site)
            .OrderBy(g => g.Key.Path, StringComparer.Ordinal).ThenBy(g => g.Key.Line))
        {
            var tests = Distinct(group.Select(g => g.Test));
            var context = index.DbContexts.Order(StringComparer.Ordinal).FirstOrDefault() ?? "AppDbContext";
            findings.Add(DatabaseRules.Make(
                "TG0205",
                $"Integration test{(tests.Count == 1 ? string.Empty : "s")} {TestsText(tests)} run{(tests.Count == 1 ? "s" : string.Empty)} on EF Core's InMemory provider (UseInMemoryDatabase in {group.Key.DeclaringType}) instead of a real database.",
                "EF Core's InMemory provider is not a relational database: it enforces no unique or foreign keys, has no transactions, no locking and no concurrency tokens, and translates no SQL. Constraint, rollback and concurrency tests pass on it and fail on the real engine.",
                "Integration",
                style.Class($"{context}IntegrationTests", [DatabaseRules.Method(style, "Runs_on_the_production_provider", [
                    "// Replace UseInMemoryDatabase with the production provider over a database the tests own:",
                    .. RealDatabase.Setup(index, DatabaseEngine.Unknown),
                    $"await using var context = {RealDatabase.NewContext(index, context, DatabaseEngine.Unknown)};{RealDatabase.ProductionProviderComment(index, DatabaseEngine.Unknown)}",
                    "await context.Database.MigrateAsync();",
                    string.Empty,
                    "// Arrange, act and assert as before: constraints, transactions and SQL translation are now real.",
                ])]),
                new SourceLocation(group.Key.Path, group.Key.Line, FirstTest(tests))));
        }

        foreach (var group in integration
            .SelectMany(t => t.Mocking.Doubles.Where(d => IsFakeRepository(index, d)).Select(d => (Test: t, Double: d)))
            .GroupBy(x => (x.Double.Name, x.Double.Site))
            .OrderBy(g => g.Key.Site.Path, StringComparer.Ordinal).ThenBy(g => g.Key.Site.Line).ThenBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            var tests = Distinct(group.Select(g => g.Test));
            var fake = group.First().Double;
            var role = fake.BaseTypes.FirstOrDefault(b => index.RepositoryRoles.Contains(b) || DatabaseIndex.IsRepositoryInterfaceName(b));
            var real = index.Repositories.FirstOrDefault(r => r.Type.SimpleName == role || (role is not null && r.BaseTypes.Contains(role, StringComparer.Ordinal)));
            var body = new List<string>();
            if (real is not null)
            {
                var engine = RealDatabase.EngineOf(index, real);
                body.AddRange(RealDatabase.Setup(index, engine));
                body.Add($"{RealDatabase.Construct(index, real, engine)}   // instead of new {fake.Name}()");
            }
            else
            {
                body.AddRange(RealDatabase.Setup(index, DatabaseEngine.Unknown));
                body.Add($"// Use the production implementation{(role is null ? string.Empty : $" of {role}")} over this database instead of {fake.Name}.");
            }

            body.Add("// Keep hand-written fakes for external systems (payment providers, queues, email) and for application tests.");
            findings.Add(DatabaseRules.Make(
                "TG0205",
                $"Integration test{(tests.Count == 1 ? string.Empty : "s")} {TestsText(tests)} use{(tests.Count == 1 ? "s" : string.Empty)} the hand-written fake {fake.Name}{(role is null ? string.Empty : $" for {role}")} instead of a real database (created in {fake.Site.DeclaringType}).",
                $"{fake.Name} keeps rows in memory: it enforces no constraint, has no transaction, lock or isolation, and runs no SQL{(real is not null ? $", so {real.Type.SimpleName}'s data access is never part of the test" : string.Empty)}. An integration test over it proves the fake, not the database.",
                "Integration",
                style.Class($"{(real?.Type.SimpleName ?? role ?? fake.Name)}IntegrationTests", [DatabaseRules.Method(style, "Runs_against_the_real_repository_and_database", body)]),
                new SourceLocation(fake.Site.Path, fake.Site.Line, FirstTest(tests))));
        }

        foreach (var group in Group(uses.Where(u => u.Test.EffectiveIntegration && IsConnection(index, u.Mock.MockedType))))
        {
            var (type, mock, tests) = group;
            findings.Add(DatabaseRules.Make(
                "TG0205",
                $"Integration test{(tests.Count == 1 ? string.Empty : "s")} {TestsText(tests)} mock{(tests.Count == 1 ? "s" : string.Empty)} the database connection {type} with {mock.Library} ({MockExpression(mock)} in {mock.DeclaringType}) instead of opening a real one.",
                $"With {type} mocked, no SQL reaches an engine: the test asserts the commands it scripted, and every constraint, transaction and query stays unproven.",
                "Integration",
                style.Class("RealDatabaseIntegrationTests", [DatabaseRules.Method(style, "Opens_a_real_connection", [
                    .. RealDatabase.Setup(index, DatabaseEngine.Unknown),
                    $"// Hand the code under test a real connection (factory) over this database instead of {MockExpression(mock)}, and assert on the stored rows.",
                ])]),
                Location(mock, tests)));
        }
    }

    private static bool IsFakeRepository(DatabaseIndex index, TestDoubleUse fake)
    {
        if (fake.DatabaseMarkers.Count > 0)
        {
            return false;
        }

        return fake.BaseTypes.Any(b => index.RepositoryRoles.Contains(b) || DatabaseIndex.IsRepositoryInterfaceName(b))
            || FakeDatabaseName.IsMatch(fake.Name);
    }

    // ---- shared ----

    /// <summary>Mock uses grouped by mocked type and the type that creates the mock, located at its first creation.</summary>
    private static IEnumerable<(string Type, MockSite First, IReadOnlyList<DatabaseIndex.TestView> Tests)> Group(IEnumerable<(DatabaseIndex.TestView Test, MockSite Mock)> uses) =>
        uses
            .GroupBy(u => (u.Mock.MockedType, u.Mock.Path, u.Mock.DeclaringType))
            .Select(g => (
                Type: g.Key.MockedType,
                First: g.Select(u => u.Mock).OrderBy(m => m.Line).First(),
                Tests: Distinct(g.Select(u => u.Test))))
            .OrderBy(g => g.First.Path, StringComparer.Ordinal).ThenBy(g => g.First.Line).ThenBy(g => g.Type, StringComparer.Ordinal);

    private static IReadOnlyList<DatabaseIndex.TestView> Distinct(IEnumerable<DatabaseIndex.TestView> tests) =>
        tests.Distinct()
            .OrderBy(t => t.Test.Method.Path, StringComparer.Ordinal).ThenBy(t => t.Test.Method.Line).ThenBy(t => t.Test.Method.MethodName, StringComparer.Ordinal)
            .ToArray();

    private static string TestsText(IReadOnlyList<DatabaseIndex.TestView> tests) =>
        tests.Count switch
        {
            1 => DatabaseRules.TestName(tests[0]),
            <= 3 => string.Join(", ", tests.Select(DatabaseRules.TestName)),
            _ => $"{string.Join(", ", tests.Take(2).Select(DatabaseRules.TestName))} and {tests.Count - 2} more tests",
        };

    private static string FirstTest(IReadOnlyList<DatabaseIndex.TestView> tests) =>
        tests.Count == 0 ? string.Empty : $"{tests[0].Test.Method.ClassName}.{tests[0].Test.Method.MethodName}";

    private static SourceLocation Location(MockSite mock, IReadOnlyList<DatabaseIndex.TestView> tests) => new(mock.Path, mock.Line, FirstTest(tests));

    private static string MockExpression(MockSite mock) => mock.Library switch
    {
        "Moq" => $"Mock<{mock.MockedType}>",
        "NSubstitute" => $"Substitute.For<{mock.MockedType}>()",
        "FakeItEasy" => $"A.Fake<{mock.MockedType}>()",
        "JustMock" => $"Mock.Create<{mock.MockedType}>()",
        "MockQueryable" => mock.MockedType == "DbSet" ? "BuildMockDbSet()" : "BuildMock()",
        _ when mock.HandWritten is { } name => $"new {name}()",
        _ => $"a mocked {mock.MockedType}",
    };

    private static string SyncMethod(TestIdioms style, string name, IEnumerable<string> body) =>
        $"{style.TestAttribute(async: false)}\n{style.Signature(async: false, name)}\n{{\n" + string.Join("\n", body.Select(l => l.Length == 0 ? l : "    " + l)) + "\n}";
}
