using TestGate.Core.Model;

namespace TestGate.Core.Suite;

/// <summary>
/// Facts of the database rules (TG0401–TG0408): what the production code does against a database (SQL it runs,
/// constraints and schema it declares, transactions, locks, idempotent inserts, migrations) and, for every test, which
/// real database it reaches and how its body exercises failures, concurrency and repetition.
/// </summary>
public sealed partial record SuiteModel
{
    /// <summary>Database signals of the production types that have any (a type without signals is not listed).</summary>
    public IReadOnlyList<DbTypeFacts> DbTypes { get; init; } = [];

    /// <summary>
    /// Constraints declared in the production projects' SQL scripts (<c>CREATE TABLE ... UNIQUE</c>, <c>REFERENCES</c>,
    /// <c>CREATE UNIQUE INDEX</c> in DbUp-style migrations): the schema no C# type declares. <see cref="DbFeature.Owner"/>
    /// is the table, <see cref="DbFeature.Path"/> and <see cref="DbFeature.Line"/> the script and its line.
    /// </summary>
    public IReadOnlyList<DbFeature> SchemaScriptFeatures { get; init; } = [];

    /// <summary>The database facts of each test, one per entry of <see cref="Tests"/> (same order, same method).</summary>
    public IReadOnlyList<DbTestFacts> DbTests { get; init; } = [];

    /// <summary>
    /// The EF Core provider calls anywhere in production code, top-level statements included (<c>UseNpgsql</c> in an
    /// <c>AddDbContext</c> of Program.cs): the engine production runs on when no type says.
    /// </summary>
    public IReadOnlyList<string> DatabaseProviders { get; init; } = [];
}

/// <summary>EF Core's provider calls (<c>UseSqlite</c>, <c>UseNpgsql</c>, ...): the analysis collects them, the rules read the engine from them.</summary>
public static class EfCoreProviders
{
    public static readonly IReadOnlySet<string> Calls = new HashSet<string>(StringComparer.Ordinal)
    {
        "UseSqlite", "UseNpgsql", "UseSqlServer", "UseAzureSql", "UseMySql", "UseMySQL", "UseOracle", "UseFirebird",
    };
}

/// <summary>The kinds of <see cref="DbFeature"/>.</summary>
public static class DbFeatureKinds
{
    /// <summary>A SQL <c>UNIQUE</c> constraint or unique index, EF <c>HasIndex(...).IsUnique()</c>/<c>HasAlternateKey</c>, <c>[Index(IsUnique = true)]</c>.</summary>
    public const string Unique = "unique";

    /// <summary>A SQL <c>REFERENCES</c>/<c>FOREIGN KEY</c>, EF <c>HasForeignKey</c>, <c>[ForeignKey]</c>.</summary>
    public const string ForeignKey = "foreign-key";

    /// <summary>A SQL statement that changes existing rows: <c>UPDATE ... SET</c>, upserts, <c>MERGE</c>, EF <c>ExecuteUpdate</c>.</summary>
    public const string Update = "update";

    /// <summary>EF Core/NHibernate <c>SaveChanges</c>/<c>SaveChangesAsync</c>; <see cref="DbFeature.Method"/> says where.</summary>
    public const string SaveChanges = "save-changes";

    /// <summary>An ORM call that marks an entity modified: <c>Update</c>, <c>UpdateRange</c>, <c>Attach</c>, <c>Entry</c>, <c>SaveOrUpdate</c>.</summary>
    public const string OrmUpdate = "orm-update";

    /// <summary>A version column or concurrency token: <c>version = version + 1</c>, rowversion, <c>IsRowVersion</c>, <c>[ConcurrencyCheck]</c>, <c>[Timestamp]</c>.</summary>
    public const string ConcurrencyToken = "concurrency-token";

    /// <summary>A transaction opened: <c>BeginTransaction(Async)</c>, <c>TransactionScope</c>, SQL <c>BEGIN</c>.</summary>
    public const string Transaction = "transaction";

    /// <summary><c>Commit</c>/<c>Rollback</c> called (a transaction is ended here).</summary>
    public const string Commit = "commit";

    /// <summary>A database lock: <c>FOR UPDATE</c>, <c>BEGIN IMMEDIATE</c>, <c>UPDLOCK</c>, <c>pg_advisory_lock</c>, a distributed lock.</summary>
    public const string Lock = "lock";

    /// <summary>An in-process lock (<c>SemaphoreSlim</c>) in a type; a database lock only where the type does data access.</summary>
    public const string ProcessLock = "process-lock";

    /// <summary>An idempotent write: <c>INSERT OR IGNORE</c>, <c>ON CONFLICT DO NOTHING</c>, a processed-events table, <c>TryMarkProcessed</c>.</summary>
    public const string Idempotency = "idempotency";

    /// <summary>DDL: <c>CREATE TABLE</c>, <c>ALTER TABLE</c>, <c>CREATE INDEX</c>.</summary>
    public const string Schema = "schema";

    /// <summary>A migration: a <c>*Migrator</c>-like type, an EF Core/FluentMigrator <c>Migration</c>, a <c>[Migration]</c> attribute, DbUp.</summary>
    public const string Migration = "migration";

    /// <summary>Migrations applied here: <c>Migrate()</c>, <c>MigrateAsync()</c>, <c>MigrateUp()</c>, <c>PerformUpgrade()</c>.</summary>
    public const string MigrationRun = "migration-run";
}

/// <summary>
/// One database signal in a production type. <see cref="Owner"/> is the table (SQL, lower case) or the entity type
/// (EF Core) it belongs to, when known; <see cref="Related"/> the referenced table or related entities; <see cref="Method"/>
/// the enclosing method, when there is one.
/// </summary>
public sealed record DbFeature(string Kind, string Detail, string? Owner, IReadOnlyList<string> Related, string? Method, string Path, int Line);

/// <summary>The database signals of one production type and the tables its SQL writes and reads.</summary>
public sealed record DbTypeFacts(
    ProductionType Type,
    bool IsAbstract,
    bool IsStatic,
    IReadOnlyList<DbFeature> Features,
    IReadOnlyList<string> TablesWritten,
    IReadOnlyList<string> TablesRead)
{
    public bool Has(string kind) => Features.Any(f => f.Kind == kind);

    public IEnumerable<DbFeature> Of(string kind) => Features.Where(f => f.Kind == kind);
}

/// <summary>
/// What one test reaches and does, as far as the database rules care. "Reached" covers the test's scope (body, class
/// constructor, fields, set-up and same-class helpers), its class's base types, and the test-project helper types it
/// uses (fixtures, harnesses, test databases), transitively.
/// </summary>
/// <param name="Method">The test.</param>
/// <param name="DatabaseMarkers">Real-database APIs reached: <c>SqliteConnection</c>, <c>UseNpgsql</c>, <c>PostgreSqlBuilder</c>...</param>
/// <param name="DirectTypes">Production type names named in the test's own scope.</param>
/// <param name="ReachedTypes">Production type names named anywhere the test reaches.</param>
/// <param name="ReachedSupportTypes">Test-project types (fixtures, harnesses, fakes) the test reaches.</param>
/// <param name="MigrationCalls">Migration entry points invoked where the test reaches: <c>Migrate</c>, <c>MigrateAsync</c>, <c>MigrateUp</c>...</param>
/// <param name="InMemoryDatabaseSites">EF Core <c>UseInMemoryDatabase</c> calls the test reaches.</param>
/// <param name="Tables">Tables named by SQL in the test's own scope.</param>
/// <param name="ExpectsException">The body asserts an exception (<c>Assert.Throws*</c>, <c>Should().Throw*</c>, <c>Record.Exception</c>, a catch clause, <c>[ExpectedException]</c>).</param>
/// <param name="ExpectedExceptions">The exception types it names there.</param>
/// <param name="RunsConcurrently">The body starts work concurrently: <c>Task.WhenAll</c>/<c>WhenAny</c>, <c>Parallel.*</c>, threads, a barrier.</param>
/// <param name="ConnectionsOpened">Connections or contexts the body opens or creates itself.</param>
/// <param name="RepeatedCalls">Members the body invokes twice or more (or in a loop or a concurrent lambda).</param>
/// <param name="AssertsSingleEffect">The body asserts a single effect: <c>Assert.Single</c>, an equality with 1, <c>Assert.False</c>, <c>Times.Once</c>.</param>
/// <param name="AssertsStateAfterFailure">After a failure the test expects or injects (a trigger that makes a statement fail), the body reads state back and asserts on it.</param>
/// <param name="HasAssertion">The body asserts anything.</param>
/// <param name="OnlyReadsConcurrently">What the body runs concurrently (the tasks given to <c>Task.WhenAll</c>, the
/// lambdas given to <c>Parallel.*</c> or <c>Task.Run</c>) is found and only reads (<c>Find*</c>, <c>Get*</c>, ...):
/// concurrency, but no concurrent update.</param>
public sealed record DbTestFacts(
    TestMethod Method,
    IReadOnlyList<string> DatabaseMarkers,
    IReadOnlyList<string> DirectTypes,
    IReadOnlyList<string> ReachedTypes,
    IReadOnlyList<string> ReachedSupportTypes,
    IReadOnlyList<string> MigrationCalls,
    IReadOnlyList<DbSite> InMemoryDatabaseSites,
    IReadOnlyList<string> Tables,
    bool ExpectsException,
    IReadOnlyList<string> ExpectedExceptions,
    bool RunsConcurrently,
    int ConnectionsOpened,
    IReadOnlyList<string> RepeatedCalls,
    bool AssertsSingleEffect,
    bool AssertsStateAfterFailure,
    bool HasAssertion,
    bool OnlyReadsConcurrently = false);

/// <summary>A place in the test code: the file, the line and the type it is declared in.</summary>
public sealed record DbSite(string Path, int Line, string DeclaringType);
