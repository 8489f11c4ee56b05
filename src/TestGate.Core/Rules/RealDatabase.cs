using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Core.Rules;

/// <summary>The database engine production code talks to, read from the names it uses.</summary>
internal enum DatabaseEngine
{
    Unknown,
    Sqlite,
    PostgreSql,
    SqlServer,
    MySql,
    EfCore,
}

/// <summary>Real-database set-up lines for example tests: the engine production uses, owned by the test.</summary>
internal static class RealDatabase
{
    public static DatabaseEngine EngineOf(DatabaseIndex index, ProductionFacts type)
    {
        var names = new List<string>();
        foreach (var declarer in index.BaseClasses(type).Prepend(type))
        {
            names.AddRange(declarer.DependencyTypes);
            names.AddRange(declarer.CreatedTypes);
            names.AddRange(declarer.BaseTypes);
            names.AddRange(declarer.InvokedMembers.Where(m => m.StartsWith("Use", StringComparison.Ordinal)));
            foreach (var dependency in declarer.DependencyTypes.SelectMany(d => index.Suite.ProductionBySimpleName[d]))
            {
                names.AddRange(dependency.CreatedTypes);
                names.AddRange(dependency.DependencyTypes);
                names.AddRange(dependency.InvokedMembers.Where(m => m.StartsWith("Use", StringComparison.Ordinal)));
            }
        }

        var engine = EngineNamed(names, firstMatch: true);
        if (engine != DatabaseEngine.Unknown)
        {
            return engine;
        }

        return names.Any(n => n == "DbSet" || index.DbContexts.Contains(n) || n == "DbContext") ? DatabaseEngine.EfCore : DatabaseEngine.Unknown;
    }

    /// <summary>
    /// The engine an example runs on: the type's own, or for EF Core and unknown code, the one engine the rest of the
    /// production code names (an <c>AddDbContext(o =&gt; o.UseNpgsql(...))</c> in Program.cs), else the one the suite's
    /// real-database tests already use; SQLite when neither says.
    /// </summary>
    private static DatabaseEngine Physical(DatabaseIndex index, DatabaseEngine engine) =>
        engine is (DatabaseEngine.Unknown or DatabaseEngine.EfCore) && index.SolutionEngine != DatabaseEngine.Unknown ? index.SolutionEngine : engine;

    /// <summary>
    /// " // the production provider" after a line that builds the context, when the engine is the one the code or the
    /// suite names; empty when the examples fall back to a default.
    /// </summary>
    public static string ProductionProviderComment(DatabaseIndex index, DatabaseEngine engine) =>
        Physical(index, engine) is DatabaseEngine.Unknown or DatabaseEngine.EfCore ? string.Empty : " // the production provider";

    /// <summary>Worked out once per suite (see <see cref="DatabaseIndex.SolutionEngine"/>).</summary>
    public static DatabaseEngine SolutionEngineOf(SuiteModel suite)
    {
        var production = EngineNamed(suite.DatabaseProviders
            .Concat(suite.Production.SelectMany(p => p.CreatedTypes.Concat(p.InvokedMembers.Where(m => m.StartsWith("Use", StringComparison.Ordinal)))))
            .ToArray(), firstMatch: false);
        return production != DatabaseEngine.Unknown
            ? production
            : EngineNamed(suite.DbTests.SelectMany(t => t.DatabaseMarkers).ToArray(), firstMatch: false);
    }

    /// <summary>The engine the names point to: the first in this order, or (without <paramref name="firstMatch"/>) only when they point to exactly one.</summary>
    private static DatabaseEngine EngineNamed(IReadOnlyCollection<string> names, bool firstMatch)
    {
        var engines = new List<DatabaseEngine>();
        if (names.Any(n => n.Contains("Sqlite", StringComparison.Ordinal)))
        {
            engines.Add(DatabaseEngine.Sqlite);
        }

        if (names.Any(n => n.Contains("Npgsql", StringComparison.Ordinal) || n.Contains("Postgre", StringComparison.Ordinal)))
        {
            engines.Add(DatabaseEngine.PostgreSql);
        }

        if (names.Any(n => n is "SqlConnection" or "UseSqlServer" or "UseAzureSql" or "SqlCommand" || n.Contains("SqlServer", StringComparison.Ordinal) || n.Contains("MsSql", StringComparison.Ordinal)))
        {
            engines.Add(DatabaseEngine.SqlServer);
        }

        if (names.Any(n => n.Contains("MySql", StringComparison.OrdinalIgnoreCase)))
        {
            engines.Add(DatabaseEngine.MySql);
        }

        return engines.Count == 1 || (firstMatch && engines.Count > 1) ? engines.First() : DatabaseEngine.Unknown;
    }

    /// <summary>The exception the engine's driver raises for a constraint violation.</summary>
    public static string ConstraintException(DatabaseEngine engine) => engine switch
    {
        DatabaseEngine.Sqlite => "SqliteException",
        DatabaseEngine.PostgreSql => "PostgresException",
        DatabaseEngine.SqlServer => "SqlException",
        DatabaseEngine.MySql => "MySqlException",
        DatabaseEngine.EfCore => "DbUpdateException",
        _ => "DbException",
    };

    /// <summary>
    /// Lines that give a test a database of its own on the real engine and a connection string for it, in
    /// <c>connectionString</c>; the caller disposes nothing else.
    /// </summary>
    public static IReadOnlyList<string> Setup(DatabaseIndex index, DatabaseEngine engine) => Physical(index, engine) switch
    {
        DatabaseEngine.Sqlite =>
        [
            "// A real SQLite database of the test's own: a temporary file, deleted afterwards.",
            "var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(Path.GetTempPath(), $\"{Guid.NewGuid():N}.db\"), Pooling = false }.ToString();",
        ],
        DatabaseEngine.PostgreSql =>
        [
            "// The production engine in a disposable container (Testcontainers.PostgreSql).",
            "await using var postgres = new PostgreSqlBuilder().Build();",
            "await postgres.StartAsync();",
            "var connectionString = postgres.GetConnectionString();",
        ],
        DatabaseEngine.SqlServer =>
        [
            "// The production engine in a disposable container (Testcontainers.MsSql).",
            "await using var sqlServer = new MsSqlBuilder().Build();",
            "await sqlServer.StartAsync();",
            "var connectionString = sqlServer.GetConnectionString();",
        ],
        DatabaseEngine.MySql =>
        [
            "// The production engine in a disposable container (Testcontainers.MySql).",
            "await using var mySql = new MySqlBuilder().Build();",
            "await mySql.StartAsync();",
            "var connectionString = mySql.GetConnectionString();",
        ],
        _ =>
        [
            "// A real engine the test owns (the production one in a container, or a SQLite file) - not EF Core's InMemory provider.",
            "await using var database = await TestDatabase.CreateAsync();",
            "var connectionString = database.ConnectionString;",
        ],
    };

    /// <summary>The EF Core provider call of the engine examples run on (<see cref="Physical"/>): <c>UseNpgsql</c>, ... ; <c>UseSqlite</c> when unknown.</summary>
    public static string Provider(DatabaseIndex index, DatabaseEngine engine) => Physical(index, engine) switch
    {
        DatabaseEngine.PostgreSql => "UseNpgsql",
        DatabaseEngine.SqlServer => "UseSqlServer",
        DatabaseEngine.MySql => "UseMySql",
        _ => "UseSqlite",
    };

    /// <summary>How the example creates <paramref name="type"/> over the test's database: its data-source dependency, built from the connection string.</summary>
    public static string Construct(DatabaseIndex index, ProductionFacts type, DatabaseEngine engine)
    {
        var name = type.Type.SimpleName;
        var variable = TestIdioms.VariableOf(name);
        var created = ClosedName(index, type);
        var source = type.DependencyTypes.FirstOrDefault(d => index.Openers.Contains(d) || index.DbContexts.Contains(d))
            ?? type.DependencyTypes.FirstOrDefault(index.DataSources.Contains);
        if (source is null)
        {
            return $"var {variable} = new {created}({Arguments(type, p => p.Type == "string" && p.Name.Contains("connection", StringComparison.OrdinalIgnoreCase) ? "connectionString" : null, "connectionString")});";
        }

        engine = Physical(index, engine);
        if (index.DbContexts.Contains(source))
        {
            return $"await using var context = {NewContext(index, source, engine)};\n"
                + "await context.Database.MigrateAsync();\n"
                + $"var {variable} = new {created}({Arguments(type, p => p.Type == source ? "context" : null, "context")});";
        }

        var connection = engine switch
        {
            DatabaseEngine.PostgreSql => "NpgsqlConnection",
            DatabaseEngine.SqlServer => "SqlConnection",
            DatabaseEngine.MySql => "MySqlConnection",
            _ => "SqliteConnection",
        };
        switch (source)
        {
            case "NpgsqlDataSource":
                return $"await using var dataSource = NpgsqlDataSource.Create(connectionString);\nvar {variable} = new {created}({Arguments(type, p => p.Type == source ? "dataSource" : null, "dataSource")});";
            case "DbConnection" or "IDbConnection" or "SqliteConnection" or "NpgsqlConnection" or "SqlConnection" or "MySqlConnection":
                return $"await using var connection = new {connection}(connectionString);\nawait connection.OpenAsync();\nvar {variable} = new {created}({Arguments(type, p => p.Type == source ? "connection" : null, "connection")});";
        }

        var implementation = index.Suite.ProductionBySimpleName[source].FirstOrDefault()?.Kind == "interface"
            ? index.Implementations[source].Select(i => i.Type.SimpleName).Order(StringComparer.Ordinal).FirstOrDefault() ?? source
            : source;
        var opened = $"new {implementation}(connectionString)";
        return $"var {variable} = new {created}({Arguments(type, p => p.Type == source ? opened : null, opened)});";
    }

    /// <summary>
    /// <c>new TContext(options, ...)</c> over the test's database (<c>connectionString</c>), with the provider of the
    /// engine the examples run on and a placeholder for each other constructor argument.
    /// </summary>
    public static string NewContext(DatabaseIndex index, string context, DatabaseEngine engine)
    {
        var options = $"new DbContextOptionsBuilder<{context}>().{Provider(index, engine)}(connectionString).Options";
        var facts = index.Suite.ProductionBySimpleName[context].FirstOrDefault();
        return $"new {context}({(facts is null ? options : Arguments(facts, p => p.Type is "DbContextOptions" ? options : null, options))})";
    }

    /// <summary>
    /// The arguments of the constructor that takes what <paramref name="known"/> supplies (else the first one): that
    /// value, and a named placeholder for each other parameter, so the line reads like the real call. Without a
    /// declared constructor, <paramref name="fallback"/>.
    /// </summary>
    private static string Arguments(ProductionFacts type, Func<ParameterFacts, string?> known, string fallback)
    {
        var constructor = type.Constructors.FirstOrDefault(c => c.Any(p => known(p) is not null)) ?? type.Constructors.FirstOrDefault();
        return constructor is null ? fallback : string.Join(", ", constructor.Select(p => known(p) ?? $"/* {p.Type} {p.Name} */ default!"));
    }

    /// <summary>
    /// The type's name as an example constructs it: a generic type closed over a production type that meets its
    /// constraints (<c>EfRepository&lt;CatalogItem&gt;</c> for <c>where T : BaseEntity</c>), or over a named placeholder.
    /// </summary>
    public static string ClosedName(DatabaseIndex index, ProductionFacts type)
    {
        if (type.TypeParameters.Count == 0)
        {
            return type.Type.SimpleName;
        }

        // An entity a context maps (its DbSet<T>) before any other type meeting the constraints (an abstract base, say).
        var mapped = index.DbContexts.SelectMany(c => index.Suite.ProductionBySimpleName[c]).SelectMany(c => c.DependencyTypes).ToHashSet(StringComparer.Ordinal);
        var arguments = type.TypeParameters.Select(parameter =>
            parameter.Constraints.Count > 0
            && index.Suite.Production
                .Where(p => p.Kind is "class" or "record" && p.TypeParameters.Count == 0 && parameter.Constraints.All(c => p.BaseTypes.Contains(c, StringComparer.Ordinal)))
                .Select(p => p.Type.SimpleName)
                .OrderBy(name => mapped.Contains(name) ? 0 : 1)
                .ThenBy(name => name, StringComparer.Ordinal)
                .FirstOrDefault() is { } concrete
                ? concrete
                : $"/* {parameter.Name} */ object");
        return $"{type.Type.SimpleName}<{string.Join(", ", arguments)}>";
    }
}
