using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Core.Rules;

/// <summary>
/// The suite seen by the database and mocking rules: which production types do data access, which are repositories,
/// which open a real database themselves, and for each test whether it is an integration test against a real
/// database and which production types it reaches and exercises. Built once per suite model; lookups are precomputed.
/// </summary>
internal sealed class DatabaseIndex
{
    private static readonly ConditionalWeakTable<SuiteModel, Lazy<DatabaseIndex>> Cache = new();

    /// <summary>The index of a suite, built once even when the rule families that share it ask at the same time.</summary>
    public static DatabaseIndex Of(SuiteModel suite) => Cache.GetValue(suite, s => new Lazy<DatabaseIndex>(() => new DatabaseIndex(s))).Value;

    /// <summary>Types whose use is data access: ADO.NET, EF Core, NHibernate, Marten, MongoDB.</summary>
    private static readonly HashSet<string> DataSourceApis = new(StringComparer.Ordinal)
    {
        "DbConnection", "IDbConnection", "DbDataSource", "SqliteConnection", "SQLiteConnection", "NpgsqlConnection", "NpgsqlDataSource", "SqlConnection",
        "MySqlConnection", "OracleConnection", "DbContext", "IDbContextFactory", "DbSet", "IDbConnectionFactory", "IDbTransaction",
        "DbTransaction", "DbCommand", "IDbCommand", "SqliteCommand", "NpgsqlCommand", "SqlCommand", "ISessionFactory", "IStatelessSession",
        "IDocumentSession", "IQuerySession", "IDocumentStore", "IMongoCollection", "IMongoDatabase", "IMongoClient",
    };

    private static readonly HashSet<string> DataAccessMembers = new(StringComparer.Ordinal)
    {
        "SaveChanges", "SaveChangesAsync", "FromSqlRaw", "FromSqlInterpolated", "FromSql", "ExecuteSqlRaw", "ExecuteSqlRawAsync",
        "ExecuteSqlInterpolated", "ExecuteSqlInterpolatedAsync", "ExecuteSql", "ExecuteSqlAsync", "ExecuteUpdate", "ExecuteUpdateAsync",
        "ExecuteDelete", "ExecuteDeleteAsync", "QueryAsync", "QueryFirstAsync", "QueryFirstOrDefaultAsync", "QuerySingleAsync",
        "QuerySingleOrDefaultAsync", "QueryMultipleAsync", "QueryFirstOrDefault", "QuerySingleOrDefault", "QueryMultiple",
        "ExecuteReader", "ExecuteReaderAsync", "ExecuteNonQuery", "ExecuteNonQueryAsync", "ExecuteScalar", "ExecuteScalarAsync",
        "SaveOrUpdate", "QueryOver", "CreateCriteria", "CreateSQLQuery",
    };

    private static readonly HashSet<string> ConnectionTypes = new(StringComparer.Ordinal)
    {
        "SqliteConnection", "SQLiteConnection", "NpgsqlConnection", "SqlConnection", "MySqlConnection", "OracleConnection", "FbConnection",
        "DuckDBConnection", "NpgsqlDataSourceBuilder", "MongoClient",
    };


    private static readonly HashSet<string> DbContextBases = new(StringComparer.Ordinal)
    {
        "DbContext", "IdentityDbContext", "IdentityUserContext", "ApiAuthorizationDbContext", "KeyApiAuthorizationDbContext",
    };

    private static readonly Regex RepositoryName = new(@"(?:Repository|Store|Dao|DAO|DataAccess)$", RegexOptions.CultureInvariant);

    private static readonly Regex RepositoryInterface = new(@"^I[A-Z]?\w*Repository$", RegexOptions.CultureInvariant);

    public SuiteModel Suite { get; }

    /// <summary>Production facts by type.</summary>
    public IReadOnlyDictionary<ProductionType, ProductionFacts> Production { get; }

    /// <summary>Database signals by type (empty for a type without any).</summary>
    public IReadOnlyDictionary<ProductionType, DbTypeFacts> Db { get; }

    /// <summary>Simple names of production DbContext types.</summary>
    public HashSet<string> DbContexts { get; } = new(StringComparer.Ordinal);

    /// <summary>Simple names of production types that open a real database themselves (create a connection, configure a provider).</summary>
    public HashSet<string> Openers { get; } = new(StringComparer.Ordinal);

    /// <summary>Openers that are no repository: connection factories, data-source wrappers, DbContexts that configure their provider.</summary>
    public HashSet<string> ConnectionProviders { get; } = new(StringComparer.Ordinal);

    /// <summary>Production interfaces implemented by connection providers (an <c>IDbConnectionFactory</c> of the project's own).</summary>
    public HashSet<string> ConnectionInterfaces { get; } = new(StringComparer.Ordinal);

    /// <summary>Simple names whose use is data access (the APIs, DbContexts, connection providers and the interfaces they implement).</summary>
    public HashSet<string> DataSources { get; } = new(StringComparer.Ordinal);

    /// <summary>Concrete production repositories that do data access.</summary>
    public IReadOnlyList<ProductionFacts> Repositories { get; }

    /// <summary>Simple names of the repositories and of the production interfaces they implement.</summary>
    public HashSet<string> RepositoryRoles { get; } = new(StringComparer.Ordinal);

    /// <summary>Interfaces (simple names) by their production implementations.</summary>
    public ILookup<string, ProductionFacts> Implementations { get; }

    /// <summary>Production classes (simple names) by their production base class.</summary>
    public ILookup<string, string> Derived { get; }

    /// <summary>Production types whose SQL writes a table, by table.</summary>
    public ILookup<string, string> TableWriters { get; }

    /// <summary>Production types that use an entity (directly, or through a DbContext exposing it), by entity.</summary>
    public ILookup<string, string> EntityUsers { get; }

    public IReadOnlyList<TestView> Tests { get; }

    /// <summary>Tests by the production type names they reach.</summary>
    public ILookup<string, TestView> TestsReaching { get; }

    /// <summary>Tests by the production type names they exercise.</summary>
    public ILookup<string, TestView> TestsExercising { get; }

    private ILookup<string, TestView>? _mocking;

    /// <summary>The tests that mock a type (in their scope or a helper they reach).</summary>
    public IEnumerable<TestView> MockedBy(string name) =>
        (_mocking ??= Tests.SelectMany(t => t.Mocked.Select(m => (Name: m, Test: t))).ToLookup(x => x.Name, x => x.Test, StringComparer.Ordinal))[name];

    public TestIdioms Style { get; }

    private DatabaseEngine? _solutionEngine;

    /// <summary>The one engine production configures anywhere or, failing that, the suite's real-database tests use; Unknown when several or none.</summary>
    public DatabaseEngine SolutionEngine => _solutionEngine ??= RealDatabase.SolutionEngineOf(Suite);

    /// <summary>Concrete data-access types (repositories, stores, units of work) by the public methods they declare.</summary>
    private ILookup<string, string> DataAccessByMethod { get; }

    private readonly HashSet<string> _abstractOrStatic;
    private readonly Dictionary<ProductionFacts, bool> _dataAccess = [];

    private DatabaseIndex(SuiteModel suite)
    {
        Suite = suite;
        Production = suite.Production.GroupBy(p => p.Type).ToDictionary(g => g.Key, g => g.First());
        Db = suite.DbTypes.GroupBy(d => d.Type).ToDictionary(g => g.Key, g => g.First());
        _abstractOrStatic = new HashSet<string>(suite.AbstractOrStaticTypes, StringComparer.Ordinal);
        _abstractOrStatic.UnionWith(suite.DbTypes.Where(d => d.IsAbstract || d.IsStatic).Select(d => d.Type.SimpleName));

        foreach (var type in suite.Production.Where(IsDbContext))
        {
            DbContexts.Add(type.Type.SimpleName);
        }

        foreach (var type in suite.Production)
        {
            if (type.CreatedTypes.Any(ConnectionTypes.Contains) || type.InvokedMembers.Any(EfCoreProviders.Calls.Contains))
            {
                Openers.Add(type.Type.SimpleName);
            }
        }

        foreach (var type in suite.Production.Where(p => Openers.Contains(p.Type.SimpleName)))
        {
            if (!HasRepositoryName(type.Type.SimpleName) && !type.BaseTypes.Any(IsRepositoryInterfaceName))
            {
                ConnectionProviders.Add(type.Type.SimpleName);
                ConnectionInterfaces.UnionWith(type.BaseTypes.Where(b => suite.ProductionBySimpleName[b].Any(i => i.Kind == "interface")));
            }
        }

        DataSources.UnionWith(DataSourceApis);
        DataSources.UnionWith(DbContexts);
        DataSources.UnionWith(ConnectionProviders);
        DataSources.UnionWith(ConnectionInterfaces);
        foreach (var type in suite.Production.Where(p => DbContexts.Contains(p.Type.SimpleName)))
        {
            DataSources.UnionWith(type.BaseTypes.Where(b => suite.ProductionBySimpleName[b].Any(i => i.Kind == "interface")));
        }

        foreach (var type in suite.Production)
        {
            ComputeDataAccess(type);
        }

        Implementations = suite.Production
            .Where(p => p.Kind != "interface")
            .SelectMany(p => p.BaseTypes.Where(IsInterfaceName).Select(b => (Interface: b, Type: p)))
            .ToLookup(x => x.Interface, x => x.Type, StringComparer.Ordinal);
        Derived = suite.Production
            .Where(p => p.Kind != "interface")
            .SelectMany(p => p.BaseTypes.Where(b => !IsInterfaceName(b)).Select(b => (Base: b, Type: p.Type.SimpleName)))
            .ToLookup(x => x.Base, x => x.Type, StringComparer.Ordinal);

        Repositories = suite.Production.Where(IsRepository).ToArray();
        foreach (var repository in Repositories)
        {
            RepositoryRoles.Add(repository.Type.SimpleName);
            RepositoryRoles.UnionWith(repository.BaseTypes.Where(b => RepositoryInterface.IsMatch(b) || suite.ProductionBySimpleName[b].Any(i => i.Kind == "interface")));
        }

        TableWriters = suite.DbTypes
            .SelectMany(d => d.TablesWritten.Select(t => (Table: t, Type: d.Type.SimpleName)))
            .ToLookup(x => x.Table, x => x.Type, StringComparer.Ordinal);

        // Several services of a repository may each declare an AppDbContext: one name, the entities of all of them.
        var contextEntities = suite.Production
            .Where(p => DbContexts.Contains(p.Type.SimpleName))
            .GroupBy(p => p.Type.SimpleName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.SelectMany(p => p.DependencyTypes).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        EntityUsers = suite.Production
            .SelectMany(p => p.DependencyTypes
                .Concat(p.DependencyTypes.Where(contextEntities.ContainsKey).SelectMany(c => contextEntities[c]))
                .Select(e => (Entity: e, User: p.Type.SimpleName)))
            .ToLookup(x => x.Entity, x => x.User, StringComparer.Ordinal);

        DataAccessByMethod = suite.Production
            .Where(p => p.Kind is "class" or "record" or "struct" && DoesDataAccess(p))
            .SelectMany(p => p.Methods.Where(m => m.IsPublic).Select(m => (Method: m.Name, Type: p.Type.SimpleName)))
            .Distinct()
            .ToLookup(x => x.Method, x => x.Type, StringComparer.Ordinal);

        Tests = BuildTestViews(suite);
        TestsReaching = Tests.SelectMany(t => t.Reached.Select(r => (Name: r, Test: t))).ToLookup(x => x.Name, x => x.Test, StringComparer.Ordinal);
        TestsExercising = Tests.SelectMany(t => t.Exercised.Select(r => (Name: r, Test: t))).ToLookup(x => x.Name, x => x.Test, StringComparer.Ordinal);
        Style = TestIdioms.Of(suite);
    }

    private bool IsDbContext(ProductionFacts type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<ProductionFacts>([type]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!seen.Add(current.Type.FullName))
            {
                continue;
            }

            if (current.BaseTypes.Any(DbContextBases.Contains))
            {
                return true;
            }

            foreach (var baseType in current.BaseTypes.SelectMany(b => Suite.ProductionBySimpleName[b]).Where(b => b.Kind != "interface"))
            {
                pending.Push(baseType);
            }
        }

        return false;
    }

    public bool IsAbstractOrStatic(ProductionFacts type) => _abstractOrStatic.Contains(type.Type.SimpleName);

    /// <summary>An interface: a production interface, or a name in the I-prefix convention when it is not the project's.</summary>
    public bool IsInterfaceName(string name)
    {
        var declared = Suite.ProductionBySimpleName[name].ToArray();
        return declared.Length > 0
            ? declared.Any(d => d.Kind == "interface")
            : name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]);
    }

    /// <summary>The tests that exercise the type or a production class derived from it (which runs its inherited code).</summary>
    public IEnumerable<TestView> ExercisingTypeOrDerived(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { name };
        var pending = new Stack<string>([name]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var test in TestsExercising[current])
            {
                yield return test;
            }

            foreach (var derived in Derived[current].Where(seen.Add))
            {
                pending.Push(derived);
            }
        }
    }

    private ILookup<string, ProductionFacts>? _users;

    /// <summary>Production types by a name they depend on, create or call statically (thread-safe: the rule families share the index).</summary>
    private ILookup<string, ProductionFacts> Users =>
        LazyInitializer.EnsureInitialized(ref _users, () => Suite.Production
            .SelectMany(p => p.DependencyTypes.Concat(p.CreatedTypes).Concat(p.StaticReceivers).Distinct(StringComparer.Ordinal).Select(name => (Name: name, User: p)))
            .Where(x => x.Name != x.User.Type.SimpleName)
            .ToLookup(x => x.Name, x => x.User, StringComparer.Ordinal));

    private readonly ConcurrentDictionary<ProductionFacts, ProductionFacts[]> _usersWithin = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The production types that reach <paramref name="type"/> through their dependencies, what they create or the static
    /// factories they call, by its name or an interface it implements, up to three steps (the unit of work that news up
    /// a repository, the factory that begins it, the handler that uses the factory), nearest first.
    /// </summary>
    public ProductionFacts[] UsersWithin(ProductionFacts type) => _usersWithin.GetOrAdd(type, start =>
    {
        var users = new List<ProductionFacts>();
        var seen = new HashSet<ProductionFacts>(ReferenceEqualityComparer.Instance) { start };
        var frontier = new List<ProductionFacts> { start };
        for (var step = 0; step < 3 && frontier.Count > 0; step++)
        {
            frontier = frontier
                .SelectMany(t => t.BaseTypes.Where(IsInterfaceName).Prepend(t.Type.SimpleName))
                .SelectMany(n => Users[n])
                .Where(seen.Add)
                .ToList();
            users.AddRange(frontier);
        }

        return users.ToArray();
    });

    private ILookup<string, ProductionFacts>? _handlers;

    /// <summary>Production types by the message they handle (see <see cref="MessageHandlers.MessageOf"/>).</summary>
    public ILookup<string, ProductionFacts> HandlersByMessage =>
        LazyInitializer.EnsureInitialized(ref _handlers, () => Suite.Production
            .SelectMany(p => p.Methods
                .Select(MessageHandlers.MessageOf)
                .OfType<string>()
                .Select(message => (Message: message, Handler: p)))
            .Where(x => x.Message != x.Handler.Type.SimpleName && Suite.ProductionBySimpleName[x.Message].Any())
            .Distinct()
            .ToLookup(x => x.Message, x => x.Handler, StringComparer.Ordinal));

    /// <summary>
    /// The tests among <paramref name="tests"/> that run a type through the production code composed around it: they exercise a type that depends on it
    /// (see <see cref="UsersWithin"/>), or send a message such a type handles, and neither mock it nor its interfaces.
    /// An application test that resolves <c>BookAppointmentHandler</c> from the real container runs the
    /// <c>PatientRepository</c> registered for its <c>IPatientRepository</c>.
    /// </summary>
    public IEnumerable<TestView> ExercisingThroughComposition(ProductionFacts type, IEnumerable<TestView> tests)
    {
        var names = type.BaseTypes.Where(IsInterfaceName).Prepend(type.Type.SimpleName).ToArray();
        var users = UsersWithin(type).Select(u => u.Type.SimpleName).ToHashSet(StringComparer.Ordinal);
        if (users.Count == 0)
        {
            return [];
        }

        return tests.Where(t => !names.Any(t.Mocked.Contains)
            && !t.Mocking.Doubles.Any(d => d.BaseTypes.Any(b => names.Contains(b, StringComparer.Ordinal)))
            && (t.Exercised.Overlaps(users) || t.Exercised.Any(e => HandlersByMessage[e].Any(h => users.Contains(h.Type.SimpleName)))));
    }

    private readonly ConcurrentDictionary<string, HashSet<string>> _creators = new(StringComparer.Ordinal);

    /// <summary>The names of the production types that reach a type (see <see cref="UsersWithin"/>), and of their interfaces.</summary>
    private HashSet<string> CreatorsOf(string name) => _creators.GetOrAdd(name, subject =>
        Suite.ProductionBySimpleName[subject]
            .SelectMany(UsersWithin)
            .SelectMany(u => u.BaseTypes.Where(IsInterfaceName).Prepend(u.Type.SimpleName))
            .ToHashSet(StringComparer.Ordinal));

    /// <summary>
    /// Tests that exercise a production type which reaches <paramref name="type"/> (see <see cref="UsersWithin"/>): what
    /// they do concurrently runs through the type.
    /// </summary>
    public IEnumerable<TestView> ExercisingUsersOf(ProductionFacts type) =>
        UsersWithin(type).SelectMany(u => ExercisingTypeOrDerived(u.Type.SimpleName));

    /// <summary>
    /// Tests that exercise another data-access type built on <paramref name="type"/> (the unit of work that begins the
    /// transaction of the session it is given, a repository over it): a failure there runs through the type's transaction.
    /// </summary>
    public IEnumerable<TestView> ExercisingDataAccessUsersOf(ProductionFacts type) =>
        UsersWithin(type).Where(IsConcreteDataAccess).SelectMany(u => ExercisingTypeOrDerived(u.Type.SimpleName));

    /// <summary>
    /// Tests that exercise a production type creating <paramref name="name"/> (a unit-of-work factory that begins the
    /// transaction and returns the unit of work that commits it): what they do runs through the created type.
    /// </summary>
    public IEnumerable<TestView> ExercisingCreatorsOf(string name) =>
        Suite.Production.Where(p => p.Type.SimpleName != name && p.CreatedTypes.Contains(name, StringComparer.Ordinal))
            .SelectMany(p => ExercisingTypeOrDerived(p.Type.SimpleName));

    /// <summary>
    /// The database features a concrete type must answer for itself: its own, and those it inherits from abstract
    /// production base classes (a concrete base class answers for its features in its own findings).
    /// </summary>
    public IReadOnlyList<(DbFeature Feature, ProductionFacts Declarer)> OwnedFeaturesOf(ProductionFacts type) =>
        FeaturesOf(type).Where(f => f.Declarer == type || IsAbstractOrStatic(f.Declarer)).ToArray();

    public DbTypeFacts? DbOf(ProductionFacts type) => Db.TryGetValue(type.Type, out var facts) ? facts : null;

    /// <summary>A type does data access when it uses a data source, runs SQL or calls the ORM, itself or in a production base class.</summary>
    public bool DoesDataAccess(ProductionFacts type) => _dataAccess.GetValueOrDefault(type);

    /// <summary>
    /// Worked out for every type while the index is built, on one thread: the rule families that share the index read it
    /// in parallel, and a table filled while they read would be corrupted (and a type still being worked out would read
    /// as no data access).
    /// </summary>
    private bool ComputeDataAccess(ProductionFacts type)
    {
        if (_dataAccess.TryGetValue(type, out var known))
        {
            return known;
        }

        _dataAccess[type] = false;
        var result = type.Kind != "interface"
            && (type.DependencyTypes.Any(DataSources.Contains)
                || type.CreatedTypes.Any(DataSources.Contains)
                || type.BaseTypes.Any(DataSources.Contains)
                || type.InvokedMembers.Any(DataAccessMembers.Contains)
                || DbOf(type) is { } db && (db.TablesWritten.Count > 0 || db.TablesRead.Count > 0 || db.Has(DbFeatureKinds.Lock))
                || BaseClasses(type).Any(ComputeDataAccess));
        _dataAccess[type] = result;
        return result;
    }

    /// <summary>The production base classes of a type, nearest first.</summary>
    public IEnumerable<ProductionFacts> BaseClasses(ProductionFacts type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { type.Type.FullName };
        var current = type;
        while (current.BaseTypes.SelectMany(b => Suite.ProductionBySimpleName[b]).FirstOrDefault(b => b.Kind is "class" or "record") is { } next
            && seen.Add(next.Type.FullName))
        {
            yield return next;
            current = next;
        }
    }

    /// <summary>The database features of a type and of its production base classes.</summary>
    public IReadOnlyList<(DbFeature Feature, ProductionFacts Declarer)> FeaturesOf(ProductionFacts type)
    {
        var features = new List<(DbFeature, ProductionFacts)>();
        foreach (var declarer in BaseClasses(type).Prepend(type))
        {
            if (DbOf(declarer) is { } db)
            {
                features.AddRange(db.Features.Select(f => (f, declarer)));
            }
        }

        return features;
    }

    public static bool HasRepositoryName(string name) => RepositoryName.IsMatch(name);

    public static bool IsRepositoryInterfaceName(string name) => RepositoryInterface.IsMatch(name);

    private bool IsRepository(ProductionFacts type) =>
        type.Kind is "class" or "record"
        && type.Type.HasCode
        && !IsAbstractOrStatic(type)
        && (HasRepositoryName(type.Type.SimpleName) || type.BaseTypes.Any(IsRepositoryInterfaceName))
        && DoesDataAccess(type);

    /// <summary>A concrete production type that does data access and is no interface, abstract or static type.</summary>
    public bool IsConcreteDataAccess(ProductionFacts type) =>
        type.Kind is "class" or "record" or "struct" && type.Type.HasCode && !IsAbstractOrStatic(type) && DoesDataAccess(type);

    // ---- tests ----

    /// <summary>One test with its shared, database and mocking facts and what the rules derive from them.</summary>
    internal sealed class TestView
    {
        public required TestFacts Test { get; init; }
        public required DbTestFacts Db { get; init; }
        public required MockingTestFacts Mocking { get; init; }
        public required bool RealDatabase { get; init; }
        public required bool EffectiveIntegration { get; init; }
        public required HashSet<string> Reached { get; init; }
        public required HashSet<string> Exercised { get; init; }
        public required HashSet<string> SingularWords { get; init; }

        /// <summary>Types the test mocks: in its scope, or in a helper it reaches.</summary>
        public required HashSet<string> Mocked { get; init; }

        /// <summary>
        /// A test that runs against a real database (and is not skipped): an integration test, or an application test
        /// running the use case over the real engine, which shows what the data access does just as well.
        /// </summary>
        public bool QualifiesForDatabase => (EffectiveIntegration || Test.Kind == TestKind.Application) && RealDatabase && !Test.IsSkipped;
    }

    private IReadOnlyList<TestView> BuildTestViews(SuiteModel suite)
    {
        var db = Align(suite.Tests, suite.DbTests, d => d.Method);
        var mocking = Align(suite.Tests, suite.MockingTests, m => m.Method);
        var views = new List<TestView>(suite.Tests.Count);
        for (var i = 0; i < suite.Tests.Count; i++)
        {
            var test = suite.Tests[i];
            var dbFacts = db[i] ?? new DbTestFacts(test.Method, [], [], [], [], [], [], [], false, [], false, 0, [], false, false, false);
            var mockingFacts = mocking[i] ?? new MockingTestFacts(test.Method, [], []);
            var reached = new HashSet<string>(dbFacts.ReachedTypes, StringComparer.Ordinal);
            var mocked = new HashSet<string>(test.MockedTypes.Concat(mockingFacts.Mocks.Select(m => m.MockedType)), StringComparer.Ordinal);
            var real = dbFacts.DatabaseMarkers.Count > 0
                || (dbFacts.InMemoryDatabaseSites.Count == 0 && reached.Any(Openers.Contains) && !mocked.Any(Openers.Contains));
            var kind = test.Kind;
            var exercised = ExercisedBy(test, dbFacts, mockingFacts, reached, mocked);

            // What a test exercises it reaches, including the type its class is named after when it gets there through
            // the production code that creates it.
            reached.UnionWith(exercised);
            views.Add(new TestView
            {
                Test = test,
                Db = dbFacts,
                Mocking = mockingFacts,
                RealDatabase = real,
                // A test no name classifies is an integration test when it runs on a database: a real one, or EF Core's
                // InMemory provider standing in for one (TG0205 is about exactly that test).
                EffectiveIntegration = kind == TestKind.Integration || (test.Method.KindInferred && (real || dbFacts.InMemoryDatabaseSites.Count > 0)),
                Reached = reached,
                Exercised = exercised,
                SingularWords = new HashSet<string>(test.Words.Select(DatabaseWords.Singular), StringComparer.Ordinal),
                Mocked = mocked,
            });
        }

        return views;
    }

    private readonly Dictionary<string, HashSet<string>> _publicMethods = new(StringComparer.Ordinal);

    private HashSet<string> PublicMethodsOf(string name)
    {
        if (!_publicMethods.TryGetValue(name, out var methods))
        {
            _publicMethods[name] = methods = new HashSet<string>(
                Suite.ProductionBySimpleName[name].SelectMany(p => p.Methods).Where(m => m.IsPublic).Select(m => m.Name), StringComparer.Ordinal);
        }

        return methods;
    }

    private static T?[] Align<T>(IReadOnlyList<TestFacts> tests, IReadOnlyList<T> facts, Func<T, TestMethod> methodOf)
        where T : class
    {
        var aligned = new T?[tests.Count];
        if (facts.Count == tests.Count && Enumerable.Range(0, tests.Count).All(i => methodOf(facts[i]) == tests[i].Method))
        {
            for (var i = 0; i < tests.Count; i++)
            {
                aligned[i] = facts[i];
            }

            return aligned;
        }

        var byMethod = facts.GroupBy(methodOf).ToDictionary(g => g.Key, g => g.First());
        for (var i = 0; i < tests.Count; i++)
        {
            aligned[i] = byMethod.GetValueOrDefault(tests[i].Method);
        }

        return aligned;
    }

    /// <summary>
    /// The production types a test exercises: those its own scope names, and those reached through helpers whose
    /// methods it calls; an interface with a single production implementation stands for that implementation. Types the
    /// test mocks, or replaces with a hand-written double, are not exercised.
    /// </summary>
    private HashSet<string> ExercisedBy(TestFacts test, DbTestFacts db, MockingTestFacts mocking, HashSet<string> reached, HashSet<string> mocked)
    {
        var exercised = new HashSet<string>(db.DirectTypes, StringComparer.Ordinal);
        foreach (var name in reached.Where(r => !exercised.Contains(r)))
        {
            if (PublicMethodsOf(name).Overlaps(test.InvokedMembers))
            {
                exercised.Add(name);
            }
        }

        // A test class named after a type (SqlUnitOfWorkTests) that calls its methods exercises it, however it gets an
        // instance (a factory, a fixture, a static BeginAsync).
        // So does one whose helpers reach it or the production code that creates it: InvoiceRepositoryTests seeding and
        // reloading through a test database's unit of work, whose Invoices is a new InvoiceRepository, or through a
        // test database's SeedAsync that stores with a new InvoiceRepository itself.
        if (TypeNames.SubjectOfTestClass(test.Method.ClassName) is { } subject && !exercised.Contains(subject)
            && Suite.ProductionBySimpleName.Contains(subject)
            && (PublicMethodsOf(subject).Overlaps(test.InvokedMembers) || reached.Contains(subject) || CreatorsOf(subject).Overlaps(reached)))
        {
            exercised.Add(subject);
        }

        // So does a test that calls a data-access type's method through the production code that creates it, which the
        // test reaches: `unit.TrackingEvents.TryRecordAsync(...)` on the unit of work a test database's factory begins,
        // whose TrackingEvents is a new TrackingEventRepository the test never names. A call that a type the test
        // exercises declares as well (a use case's ReserveAsync over a repository's ReserveAsync) is that type's.
        var named = exercised.ToArray();
        foreach (var member in test.InvokedMembers)
        {
            if (!DataAccessByMethod.Contains(member) || named.Any(n => PublicMethodsOf(n).Contains(member)))
            {
                continue;
            }

            foreach (var candidate in DataAccessByMethod[member])
            {
                if (!exercised.Contains(candidate) && CreatorsOf(candidate).Overlaps(reached))
                {
                    exercised.Add(candidate);
                }
            }
        }

        var doubled = new HashSet<string>(mocking.Doubles.SelectMany(d => d.BaseTypes), StringComparer.Ordinal);
        foreach (var name in exercised.ToArray())
        {
            if (Implementations[name].ToArray() is [var single] && !mocked.Contains(name) && !doubled.Contains(name))
            {
                exercised.Add(single.Type.SimpleName);
            }
        }

        exercised.ExceptWith(mocked);
        return exercised;
    }

    /// <summary>A test names a table or entity: every word of it (singular) is a word of the test's name.</summary>
    public static bool NameMentions(TestView test, string tableOrEntity)
    {
        var words = TypeNames.WordsOf(tableOrEntity).Select(DatabaseWords.Singular).ToArray();
        return words.Length > 0 && words.All(test.SingularWords.Contains);
    }
}

/// <summary>Words of identifiers and table names, and a plain English singular, for matching names.</summary>
internal static class DatabaseWords
{
    public static string Singular(string word) => word switch
    {
        { Length: > 4 } when word.EndsWith("ies", StringComparison.Ordinal) => word[..^3] + "y",
        { Length: > 4 } when word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)
            || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal) => word[..^2],
        { Length: > 3 } when word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) => word[..^1],
        _ => word,
    };
}
