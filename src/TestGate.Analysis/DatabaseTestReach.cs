using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Analysis;

/// <summary>
/// What each test reaches beyond its own class: the test-project helper types (fixtures, harnesses, test databases,
/// hand-written fakes) it names, transitively, with the real-database APIs, EF Core in-memory providers, mocks and
/// production types found there. Also the facts of each test's body that the database rules judge intent by. Shared by
/// the Database and Mocking enrichments and computed once per suite; each helper type is summarised once (memoised),
/// so the cost stays proportional to the size of the test code.
/// </summary>
internal sealed class DatabaseTestReach
{
    /// <summary>APIs that open a real database engine (or start one in a container).</summary>
    public static readonly HashSet<string> RealDatabaseApis = new(StringComparer.Ordinal)
    {
        "SqliteConnection", "SqliteConnectionStringBuilder", "UseSqlite", "SQLiteConnection",
        "NpgsqlConnection", "NpgsqlDataSource", "NpgsqlDataSourceBuilder", "NpgsqlConnectionStringBuilder", "UseNpgsql",
        "SqlConnection", "SqlConnectionStringBuilder", "UseSqlServer", "UseAzureSql",
        "MySqlConnection", "MySqlConnectionStringBuilder", "UseMySql", "UseMySQL", "OracleConnection", "UseOracle",
        "FbConnection", "UseFirebird", "DuckDBConnection", "MongoClient", "MongoDbRunner",
        "PostgreSqlContainer", "PostgreSqlBuilder", "MsSqlContainer", "MsSqlBuilder", "MySqlContainer", "MySqlBuilder",
        "MariaDbContainer", "MariaDbBuilder", "OracleContainer", "OracleBuilder", "SqlEdgeContainer", "SqlEdgeBuilder",
        "CockroachDbContainer", "CockroachDbBuilder", "MongoDbContainer", "MongoDbBuilder", "FirebirdSqlContainer", "FirebirdSqlBuilder",
    };

    /// <summary>A real-database API that connects to an engine (a connection-string builder alone does not).</summary>
    public static bool OpensDatabase(string api) => !api.EndsWith("ConnectionStringBuilder", StringComparison.Ordinal);

    private static readonly HashSet<string> NoNames = [];

    /// <summary>Calls that apply a schema to a database (EF Core, FluentMigrator, DbUp, a migrator of the solution's own).</summary>
    public static readonly HashSet<string> MigrationCalls = new(StringComparer.Ordinal)
    {
        "Migrate", "MigrateAsync", "MigrateUp", "MigrateDown", "PerformUpgrade", "EnsureCreated", "EnsureCreatedAsync",
    };

    private readonly Dictionary<string, SupportType> _support = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _nestedKeys = new(StringComparer.Ordinal);
    private readonly IReadOnlySet<string> _productionNames;
    private readonly TestScopes _scopes;
    private readonly ILookup<string, string> _derived;

    // Per test declaration: what a test reaches does not depend on its kind, so the kinds can be inferred from it.
    private readonly ConcurrentDictionary<MethodDeclarationSyntax, (DbTestFacts Db, MockingTestFacts Mocking)> _tests = new();

    /// <param name="productionNames">The simple names of the solution's production types.</param>
    public DatabaseTestReach(SuiteSyntax syntax, IReadOnlySet<string> productionNames)
    {
        _scopes = syntax.Scopes;
        _productionNames = productionNames;
        IndexSupportTypes(syntax);
        _derived = _support.Values
            .SelectMany(s => s.BaseNames.Select(b => (Base: b, Derived: s.Key)))
            .ToLookup(p => p.Base, p => p.Derived, StringComparer.Ordinal);
    }

    /// <summary>The database and mocking facts of a suite's tests, in the tests' order.</summary>
    public sealed record TestFactLists(IReadOnlyList<DbTestFacts> Db, IReadOnlyList<MockingTestFacts> Mocking);

    /// <summary>
    /// The facts of the tests, each carrying its test as given (with its final kind). Tests are independent and the
    /// memo tables are concurrent: read in parallel, kept in the tests' order. The Database and Mocking families ask for
    /// the same list, which is mapped once.
    /// </summary>
    public TestFactLists FactsOf(IReadOnlyList<(TestMethod Method, MethodDeclarationSyntax Syntax)> tests) =>
        _lists.GetValue(tests, list =>
        {
            var facts = ((IReadOnlyList<(TestMethod Method, MethodDeclarationSyntax Syntax)>)list).AsParallel().AsOrdered().Select(t =>
            {
                var (db, mocking) = Of(t.Method, t.Syntax);
                return ReferenceEquals(db.Method, t.Method) ? (Db: db, Mocking: mocking) : (Db: db with { Method = t.Method }, Mocking: mocking with { Method = t.Method });
            }).ToArray();
            return new TestFactLists(facts.Select(f => f.Db).ToArray(), facts.Select(f => f.Mocking).ToArray());
        });

    private readonly ConditionalWeakTable<object, TestFactLists> _lists = new();

    /// <summary>What one test reaches, in its own scope or through the test-project types it uses (its kind as first scanned).</summary>
    public (DbTestFacts Db, MockingTestFacts Mocking) Of(TestMethod test, MethodDeclarationSyntax method) =>
        _tests.GetOrAdd(method, m => FactsOf(test, m, _derived));

    /// <summary>
    /// A member of a test-project type, as reach sees it: a named method or property runs when something names it; a
    /// constructor, field, initialized property or set-up method runs whenever the type is used.
    /// </summary>
    private sealed class Part(SupportType owner, string? name, bool always, SourceFile file, SyntaxNode node, bool nhibernate)
    {
        public SupportType Owner { get; } = owner;
        public string? Name { get; } = name;
        public bool Always { get; } = always;
        public SourceFile File { get; } = file;
        public SyntaxNode Node { get; } = node;
        public bool NHibernate { get; } = nhibernate;

        /// <summary>
        /// The production types this member names and the support types (keys) it points at: the same for every test
        /// that reaches it, so worked out on the first visit (two threads may both compute it; they get equal arrays).
        /// A reference, so a thread never sees half of another's write.
        /// </summary>
        public PartLinks? Links { get; set; }
    }

    private sealed record PartLinks(string[] Production, string[] Next);

    /// <summary>
    /// A test-project type: its base types, whether it holds tests, and its members. Known by its key: its name for a
    /// top-level type (partial declarations and same-named copies merge), <c>Outer+Inner</c> for a nested one, so that
    /// the <c>Builder</c> nested in each of a thousand test classes stays a thousand small types, not one huge one.
    /// </summary>
    private sealed class SupportType(string key, string name)
    {
        private ILookup<string, Part>? _byName;
        private Part[]? _always;

        public string Key { get; } = key;
        public string Name { get; } = name;
        public bool IsTestClass { get; set; }
        public HashSet<string> BaseNames { get; } = new(StringComparer.Ordinal);
        public List<Part> Parts { get; } = [];
        public DbSite? Declaration { get; set; }

        public ILookup<string, Part> ByName => _byName ??= Parts.Where(p => p.Name is not null).ToLookup(p => p.Name!, StringComparer.Ordinal);

        public Part[] AlwaysParts => _always ??= Parts.Where(p => p.Always).ToArray();
    }

    /// <summary>The facts found in some syntax: names, database APIs, in-memory providers, mocks, creations.</summary>
    private sealed class Facts
    {
        // Most nodes hold none of these: each collection is made on its first entry.
        private HashSet<string>? _markers;
        private List<DbSite>? _inMemorySites;
        private List<MockSite>? _mocks;
        private Dictionary<string, DbSite>? _creations;

        public IReadOnlyCollection<string> Markers => (IReadOnlyCollection<string>?)_markers ?? [];

        public IReadOnlyList<DbSite> InMemorySites => (IReadOnlyList<DbSite>?)_inMemorySites ?? [];

        public IReadOnlyList<MockSite> Mocks => (IReadOnlyList<MockSite>?)_mocks ?? [];

        /// <summary>Where each type is first created.</summary>
        public bool TryGetCreation(string type, out DbSite site)
        {
            site = null!;
            return _creations is not null && _creations.TryGetValue(type, out site!);
        }

        private void AddCreation(string type, SourceFile file, SyntaxNode node)
        {
            _creations ??= new Dictionary<string, DbSite>(StringComparer.Ordinal);
            if (!_creations.ContainsKey(type))
            {
                _creations[type] = SiteOf(file, node);
            }
        }

        public void Scan(SourceFile file, SyntaxNode node, bool nhibernate, HashSet<string>? names = null, List<string>? literals = null)
        {
            foreach (var descendant in node.DescendantsAndSelf())
            {
                if (names is not null && descendant is SimpleNameSyntax simple)
                {
                    names.Add(simple.Identifier.ValueText);
                }
                else if (literals is not null)
                {
                    switch (descendant)
                    {
                        case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                            literals.Add(literal.Token.ValueText);
                            break;
                        case InterpolatedStringTextSyntax text:
                            literals.Add(text.TextToken.ValueText);
                            break;
                    }
                }

                switch (descendant)
                {
                    case SimpleNameSyntax name when RealDatabaseApis.Contains(name.Identifier.ValueText) || MigrationCalls.Contains(name.Identifier.ValueText):
                        (_markers ??= new HashSet<string>(StringComparer.Ordinal)).Add(name.Identifier.ValueText);
                        if (name is GenericNameSyntax markerGeneric)
                        {
                            AddMock(file, markerGeneric, nhibernate);
                        }

                        break;
                    case GenericNameSyntax generic:
                        AddMock(file, generic, nhibernate);
                        break;
                    case InvocationExpressionSyntax invocation:
                        switch (SyntaxNames.InvokedName(invocation))
                        {
                            case "UseInMemoryDatabase":
                                (_inMemorySites ??= []).Add(new DbSite(file.Path, NameLine(invocation), DeclaringTypeOf(invocation)));
                                break;
                            case "BuildMockDbSet" or "BuildMock":
                                (_mocks ??= []).Add(new MockSite(SyntaxNames.InvokedName(invocation) == "BuildMockDbSet" ? "DbSet" : "IQueryable", "MockQueryable", file.Path, NameLine(invocation), DeclaringTypeOf(invocation), nhibernate));
                                break;
                            case "MockedDbContextFor":
                                (_mocks ??= []).Add(new MockSite("DbContext", "EntityFrameworkCore.Testing", file.Path, NameLine(invocation), DeclaringTypeOf(invocation), nhibernate));
                                break;
                        }

                        break;
                    case ObjectCreationExpressionSyntax creation:
                        AddCreation(SyntaxNames.SimpleNameOf(creation.Type), file, creation);
                        break;
                    case ImplicitObjectCreationExpressionSyntax implicitCreation when DatabaseProductionScanner.DeclaredTypeOf(implicitCreation) is { } created:
                        AddCreation(created, file, implicitCreation);
                        break;
                }
            }
        }

        private void AddMock(SourceFile file, GenericNameSyntax generic, bool nhibernate)
        {
            if (MockOf(generic) is { } mock)
            {
                (_mocks ??= []).Add(new MockSite(mock.Type, mock.Library, file.Path, SyntaxNames.LineOf(generic), DeclaringTypeOf(generic), nhibernate));
            }
        }

        public void Add(Facts other)
        {
            if (other._markers is not null)
            {
                (_markers ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(other._markers);
            }

            if (other._inMemorySites is not null)
            {
                (_inMemorySites ??= []).AddRange(other._inMemorySites);
            }

            if (other._mocks is not null)
            {
                (_mocks ??= []).AddRange(other._mocks);
            }

            if (other._creations is not null)
            {
                _creations ??= new Dictionary<string, DbSite>(StringComparer.Ordinal);
                foreach (var (name, site) in other._creations)
                {
                    _creations.TryAdd(name, site);
                }
            }
        }
    }

    /// <summary>The mocked type and library of <c>new Mock&lt;T&gt;()</c>, <c>Mock.Of&lt;T&gt;()</c>, <c>Substitute.For&lt;T&gt;()</c>, <c>A.Fake&lt;T&gt;()</c>.</summary>
    private static (string Type, string Library)? MockOf(GenericNameSyntax generic)
    {
        if (generic.TypeArgumentList.Arguments.Count == 0)
        {
            return null;
        }

        var name = generic.Identifier.ValueText;
        var type = SyntaxNames.SimpleNameOf(generic.TypeArgumentList.Arguments[0]);
        var targetTyped = generic.Parent switch
        {
            // private readonly Mock<Order> _order = new();
            VariableDeclarationSyntax declaration => declaration.Variables.Any(v => v.Initializer?.Value is ImplicitObjectCreationExpressionSyntax),
            PropertyDeclarationSyntax property => property.Initializer?.Value is ImplicitObjectCreationExpressionSyntax,
            _ => false,
        };
        if (generic.Parent is ObjectCreationExpressionSyntax || targetTyped)
        {
            return name switch
            {
                "Mock" => (type, "Moq"),
                "Fake" => (type, "FakeItEasy"),
                _ => null,
            };
        }

        if (generic.Parent is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner } access && access.Name == generic)
        {
            return (owner.Identifier.ValueText, name) switch
            {
                ("Mock", "Of") => (type, "Moq"),
                ("Mock", "Create") => (type, "JustMock"),
                ("Substitute", "For" or "ForPartsOf" or "ForTypeForwardingTo") => (type, "NSubstitute"),
                ("A", "Fake") => (type, "FakeItEasy"),
                _ => null,
            };
        }

        return null;
    }

    /// <summary>The line of the invoked name: in a fluent chain over several lines, the line of that call.</summary>
    internal static int NameLine(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax member => SyntaxNames.LineOf(member.Name),
        _ => SyntaxNames.LineOf(invocation),
    };

    private static string DeclaringTypeOf(SyntaxNode node) =>
        node.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText ?? string.Empty;

    private static DbSite SiteOf(SourceFile file, SyntaxNode node) => new(file.Path, SyntaxNames.LineOf(node), DeclaringTypeOf(node));

    private static bool ImportsNHibernate(SyntaxTree tree) =>
        tree.GetRoot() is CompilationUnitSyntax unit
        && unit.Descendants(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>()
            .Any(u => u.Name?.ToString().StartsWith("NHibernate", StringComparison.Ordinal) == true);

    private void IndexSupportTypes(SuiteSyntax syntax)
    {
        foreach (var (file, tree) in syntax.Tests)
        {
            var nhibernate = ImportsNHibernate(tree);
            foreach (var declaration in tree.GetRoot().Descendants().OfType<TypeDeclarationSyntax>())
            {
                var name = declaration.Identifier.ValueText;
                if (name.Length == 0)
                {
                    continue;
                }

                var key = KeyOf(declaration);
                if (declaration.Parent is TypeDeclarationSyntax && !_support.ContainsKey(key))
                {
                    (_nestedKeys.TryGetValue(name, out var keys) ? keys : _nestedKeys[name] = []).Add(key);
                }

                if (!_support.TryGetValue(key, out var type))
                {
                    _support[key] = type = new SupportType(key, name);
                }

                type.Declaration ??= new DbSite(file.Path, SyntaxNames.LineOf(declaration.Identifier), name);
                type.IsTestClass |= declaration.Members.OfType<MethodDeclarationSyntax>()
                    .Any(m => TestMethodScanner.IsTest(m));
                foreach (var baseType in declaration.BaseList?.Types ?? default)
                {
                    type.BaseNames.UnionWith(SyntaxNames.NamesIn(baseType.Type));
                }

                // Nested types are types of their own; the outer type's members leave them out.
                foreach (var member in declaration.Members.Where(m => m is not BaseTypeDeclarationSyntax))
                {
                    var (memberName, always) = member switch
                    {
                        MethodDeclarationSyntax m => (m.Identifier.ValueText, TestScopes.IsSetUp(m)),
                        PropertyDeclarationSyntax p => (p.Identifier.ValueText, p.Initializer is not null),
                        _ => ((string?)null, true),
                    };
                    type.Parts.Add(new Part(type, memberName, always, file, member, nhibernate));
                }

                if (declaration.ParameterList is { } primary)
                {
                    type.Parts.Add(new Part(type, null, true, file, primary, nhibernate));
                }
            }
        }
    }

    /// <summary>The key of a test-project type: its name, after the names of the types it is nested in.</summary>
    private static string KeyOf(TypeDeclarationSyntax declaration) =>
        declaration.Parent is TypeDeclarationSyntax outer ? KeyOf(outer) + "+" + declaration.Identifier.ValueText : declaration.Identifier.ValueText;

    /// <summary>
    /// The support types (keys) a simple name means where it is written (inside the type with key
    /// <paramref name="scope"/>), looked up as C# does: a type nested in that type or an enclosing one; else one nested
    /// in one of their base types; else a top-level type of that name; else, for a qualified use such as
    /// <c>TestDb.Sqlite</c> or another class's nested helper, every nested type of that name.
    /// </summary>
    private IReadOnlyList<string> Resolve(string name, string? scope)
    {
        if (!_nestedKeys.TryGetValue(name, out var nested))
        {
            return _support.ContainsKey(name) ? [name] : [];
        }

        for (var outer = scope; outer is not null; outer = ContainerOf(outer))
        {
            if (_support.ContainsKey(outer + "+" + name))
            {
                return [outer + "+" + name];
            }
        }

        for (var outer = scope; outer is not null; outer = ContainerOf(outer))
        {
            var bases = _support.TryGetValue(outer, out var type) ? type.BaseNames : [];
            var inBase = nested.Where(k => bases.Contains(SimpleNameOf(ContainerOf(k)!))).ToArray();
            if (inBase.Length > 0)
            {
                return inBase;
            }
        }

        return _support.ContainsKey(name) ? [name] : nested;
    }

    private static string SimpleNameOf(string key) => key.LastIndexOf('+') is var plus and >= 0 ? key[(plus + 1)..] : key;

    /// <summary>Support types (keys) a set of names points at from a scope: helpers (not other test classes), or any base type.</summary>
    private List<string> SupportNamed(IEnumerable<string> names, ISet<string> baseNames, string? scope)
    {
        var keys = new List<string>();
        foreach (var name in names)
        {
            foreach (var key in Resolve(name, scope))
            {
                if (key != scope && (!_support[key].IsTestClass || baseNames.Contains(name)))
                {
                    keys.Add(key);
                }
            }
        }

        return keys;
    }

    /// <summary>The key of the type a nested type is declared in; null for a top-level type.</summary>
    private static string? ContainerOf(string key) => key.LastIndexOf('+') is var plus and >= 0 ? key[..plus] : null;

    /// <summary>
    /// The members of test-project types a test runs, found breadth-first: a type the test uses contributes its
    /// always-run members and the members the user names; each member contributes the same-type members and other
    /// helper types it names. A helper's unused members (a <c>CreateInMemory()</c> beside the <c>CreateSqlite()</c> the
    /// test calls) are not reached.
    /// </summary>
    private sealed class Walk(DatabaseTestReach reach)
    {
        private readonly HashSet<Part> _visited = new(ReferenceEqualityComparer.Instance);
        private readonly Queue<Part> _pending = new();

        /// <summary>The keys of the support types reached.</summary>
        public HashSet<string> Types { get; } = new(StringComparer.Ordinal);
        public Facts Facts { get; } = new();
        public HashSet<string> Production { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// The names the test itself writes: a member of a helper type reached on the way runs when the test names it
        /// (<c>Database.BeginTransactionAsync()</c> on the base class's <c>Database</c> property), whoever led there.
        /// </summary>
        private IReadOnlySet<string> _testNames = NoNames;

        public void Enter(string name, IReadOnlySet<string> names)
        {
            _testNames = names;
            var guard = new HashSet<string>(StringComparer.Ordinal);
            EnterType(name, names, guard);
            while (_pending.Count > 0)
            {
                var part = _pending.Dequeue();
                var summary = reach.SummaryOf(part.File, part.Node, part.NHibernate);
                var links = part.Links ??= new PartLinks(
                    summary.Ids.Where(reach._productionNames.Contains).ToArray(),
                    reach.SupportNamed(summary.Ids, part.Owner.BaseNames, part.Owner.Key).ToArray());
                Facts.Add(summary.Facts);
                Production.UnionWith(links.Production);

                // Members of the same type (and its helper base types) that this member names.
                var owners = new HashSet<SupportType>();
                for (var owner = part.Owner; owner is not null && owners.Count <= AnalysisLimits.BaseTypeDepth && owners.Add(owner); owner = BaseOf(owner))
                {
                    Named(owner, summary.Ids);
                }

                foreach (var next in links.Next)
                {
                    EnterType(next, summary.Ids, new HashSet<string>(StringComparer.Ordinal));
                }
            }
        }

        private SupportType? BaseOf(SupportType type) =>
            type.BaseNames.SelectMany(b => reach.Resolve(b, ContainerOf(type.Key)))
                .Select(k => reach._support[k])
                .FirstOrDefault(b => b != type);

        /// <summary>A type (by key) and its base types, depth first (a type before its bases), without recursion.</summary>
        private void EnterType(string key, IReadOnlySet<string> names, HashSet<string> guard)
        {
            var pending = new Stack<(string Key, int Depth)>();
            pending.Push((key, 0));
            while (pending.Count > 0)
            {
                var (current, depth) = pending.Pop();
                if (!guard.Add(current) || !reach._support.TryGetValue(current, out var type))
                {
                    continue;
                }

                Types.Add(current);
                Production.UnionWith(type.BaseNames.Where(reach._productionNames.Contains));
                foreach (var part in type.AlwaysParts)
                {
                    Visit(part);
                }

                Named(type, names);
                if (!ReferenceEquals(names, _testNames))
                {
                    Named(type, _testNames);
                }

                if (depth < AnalysisLimits.BaseTypeDepth)
                {
                    // Pushed in reverse so the first base is entered first, as a recursive walk would.
                    foreach (var baseName in type.BaseNames.Reverse())
                    {
                        foreach (var baseKey in reach.Resolve(baseName, ContainerOf(type.Key)).Reverse())
                        {
                            pending.Push((baseKey, depth + 1));
                        }
                    }
                }
            }
        }

        private void Named(SupportType type, IReadOnlySet<string> names)
        {
            if (names.Count <= type.Parts.Count)
            {
                foreach (var name in names)
                {
                    foreach (var part in type.ByName[name])
                    {
                        Visit(part);
                    }
                }
            }
            else
            {
                foreach (var part in type.Parts.Where(p => p.Name is not null && names.Contains(p.Name)))
                {
                    Visit(part);
                }
            }
        }

        private void Visit(Part part)
        {
            if (_visited.Add(part))
            {
                _pending.Enqueue(part);
            }
        }
    }

    private readonly ConcurrentDictionary<string, HashSet<string>> _typeMarkers = new(StringComparer.Ordinal);

    /// <summary>The real-database APIs anywhere in a test-project type (for doubles: a fake over a real engine is none).</summary>
    private HashSet<string> MarkersOfType(SupportType type) => _typeMarkers.GetOrAdd(type.Key, _ =>
    {
        var walk = new Walk(this);
        walk.Enter(type.Key, type.Parts.Select(p => p.Name).OfType<string>().ToHashSet(StringComparer.Ordinal));
        return walk.Facts.Markers.Where(RealDatabaseApis.Contains).ToHashSet(StringComparer.Ordinal);
    });

    /// <summary>
    /// What every test of a class shares: the class members each test runs (constructor, fields, properties, set-up),
    /// their names, the support types those names and the class's base types point at, and the production types they
    /// name. Read once per class instead of once per test.
    /// </summary>
    private sealed record ClassPart(
        string? Key, int Members, Facts Facts, HashSet<string> Ids, HashSet<string> BaseNames, IReadOnlyList<string> Tables,
        IReadOnlyList<string> Start, IReadOnlyList<string> Resolved, IReadOnlyList<string> Production);

    private readonly ConcurrentDictionary<TypeDeclarationSyntax, ClassPart> _classParts = new();

    /// <summary>A test outside any type (top-level statements) shares nothing.</summary>
    private static readonly ClassPart NoClass =
        new(null, 0, new Facts(), new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), [], [], [], []);

    private ClassPart ClassPartOf(TypeDeclarationSyntax? type, SourceFile file, bool nhibernate, ILookup<string, string> derived)
    {
        if (type is null)
        {
            return NoClass;
        }

        return _classParts.GetOrAdd(type, type =>
        {
            var self = KeyOf(type);
            var members = _scopes.ClassOf(type).Members;
            var facts = new Facts();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var tables = new List<string>();
            foreach (var member in members)
            {
                var summary = SummaryOf(file, member, nhibernate);
                facts.Add(summary.Facts);
                ids.UnionWith(summary.Ids);
                tables.AddRange(summary.Tables);
            }

            // A primary constructor's parameters are the class's fixtures (xUnit injects them).
            foreach (var parameter in type.ParameterList?.Parameters ?? default)
            {
                if (parameter.Type is { } parameterType)
                {
                    ids.UnionWith(SyntaxNames.NamesIn(parameterType));
                }
            }

            var baseNames = new HashSet<string>(type.BaseList?.Types.SelectMany(b => SyntaxNames.NamesIn(b.Type)) ?? [], StringComparer.Ordinal);
            var start = SupportNamed(ids.Concat(baseNames), baseNames, self).ToHashSet(StringComparer.Ordinal);

            // Tests declared in a base class run in every derived class, with what the derived class provides.
            start.UnionWith(derived[type.Identifier.ValueText].Where(d => d != self));
            return new ClassPart(
                self,
                members.Count,
                facts,
                ids,
                baseNames,
                tables,
                start.ToArray(),
                ids.SelectMany(i => Resolve(i, self)).Where(k => k != self).Distinct(StringComparer.Ordinal).ToArray(),
                ids.Where(_productionNames.Contains).ToArray());
        });
    }

    private (DbTestFacts Db, MockingTestFacts Mocking) FactsOf(TestMethod test, MethodDeclarationSyntax method, ILookup<string, string> derived)
    {
        var file = new SourceFile(test.Path, test.Project, test.Project);
        var nhibernate = _nhibernate.GetOrAdd(method.SyntaxTree, ImportsNHibernate);
        var type = method.Parent as TypeDeclarationSyntax;
        var shared = ClassPartOf(type, file, nhibernate, derived);
        var self = shared.Key;
        var baseNames = shared.BaseNames;

        // The scope is the method, the class members (read once per class), then the helpers reached from either. The
        // method's facts come first: the first creation of a type is the site a finding names.
        var scope = _scopes.Of(method, includeClassMembers: true);
        var own = new Facts();
        var tables = new HashSet<string>(shared.Tables, StringComparer.Ordinal);
        HashSet<string>? extra = null;
        void AddOwn(SyntaxNode node)
        {
            var summary = SummaryOf(file, node, nhibernate);
            own.Add(summary.Facts);
            tables.UnionWith(summary.Tables);
            foreach (var id in summary.Ids)
            {
                if (!shared.Ids.Contains(id))
                {
                    (extra ??= new HashSet<string>(StringComparer.Ordinal)).Add(id);
                }
            }
        }

        AddOwn(method);
        own.Add(shared.Facts);
        for (var i = 1 + shared.Members; i < scope.Count; i++)
        {
            AddOwn(scope[i]);
        }

        IReadOnlyCollection<string> start = shared.Start;
        if (extra is not null && SupportNamed(extra, baseNames, self) is { Count: > 0 } more)
        {
            start = shared.Start.Concat(more).ToHashSet(StringComparer.Ordinal);
        }

        // Most tests reach no helper type: they keep their own facts and allocate no walk.
        var reached = own;
        IReadOnlySet<string> support = NoNames;
        var direct = extra is null ? shared.Production : shared.Production.Concat(extra.Where(_productionNames.Contains)).ToArray();
        var production = new HashSet<string>(direct, StringComparer.Ordinal);
        production.UnionWith(baseNames.Where(_productionNames.Contains));
        if (start.Count > 0)
        {
            // The names the test can reach helpers by: its class's and its own (copied only for a test that walks).
            var ids = shared.Ids;
            if (extra is not null)
            {
                ids = new HashSet<string>(shared.Ids, StringComparer.Ordinal);
                ids.UnionWith(extra);
            }

            var walk = new Walk(this);
            foreach (var name in start.Order(StringComparer.Ordinal))
            {
                walk.Enter(name, ids);
            }

            reached = new Facts();
            reached.Add(own);
            reached.Add(walk.Facts);
            support = walk.Types;
            production.UnionWith(walk.Production);
        }

        var body = _scopes.Of(method, includeClassMembers: false);
        var intent = BodyFacts.Of(method, body);

        var db = new DbTestFacts(
            test,
            SyntaxNames.Sorted(reached.Markers.Where(RealDatabaseApis.Contains)),
            SyntaxNames.Sorted(direct),
            SyntaxNames.Sorted(production),
            SyntaxNames.Sorted(support.Select(k => _support[k].Name)),
            SyntaxNames.Sorted(reached.Markers.Where(MigrationCalls.Contains)),
            reached.InMemorySites.Distinct().OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.Line).ToArray(),
            SyntaxNames.Sorted(tables),
            intent.ExpectsException,
            SyntaxNames.Sorted(intent.ExpectedExceptions),
            intent.RunsConcurrently,
            intent.ConnectionsOpened,
            SyntaxNames.Sorted(intent.RepeatedCalls),
            intent.AssertsSingleEffect,
            intent.AssertsStateAfterFailure,
            intent.HasAssertion,
            intent.OnlyReadsConcurrently);

        var doubles = new List<TestDoubleUse>();
        var resolved = extra is null ? shared.Resolved : shared.Resolved.Concat(extra.SelectMany(i => Resolve(i, self)).Where(k => k != self));
        foreach (var key in support.Concat(resolved).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var candidate = _support[key];
            var name = candidate.Name;
            if (candidate.IsTestClass || candidate.Declaration is null || !IsDouble(candidate))
            {
                continue;
            }

            var site = own.TryGetCreation(name, out var created) ? created
                : reached.TryGetCreation(name, out var inHelper) ? inHelper
                : candidate.Declaration;
            doubles.Add(new TestDoubleUse(
                name,
                SyntaxNames.Sorted(candidate.BaseNames),
                SyntaxNames.Sorted(MarkersOfType(candidate)),
                candidate.Declaration,
                site));
        }

        var mocking = new MockingTestFacts(
            test,
            reached.Mocks.Distinct().OrderBy(m => m.Path, StringComparer.Ordinal).ThenBy(m => m.Line).ThenBy(m => m.MockedType, StringComparer.Ordinal).ToArray(),
            doubles);
        return (db, mocking);
    }

    /// <summary>What one node of a test's scope holds; class members are shared by every test of the class, so each is read once.</summary>
    private sealed record NodeSummary(Facts Facts, HashSet<string> Ids, IReadOnlyList<string> Tables);

    // Several tests may summarise the same node at once; both get the same facts and one is kept.
    private readonly ConcurrentDictionary<SyntaxNode, NodeSummary> _summaries = new();
    private readonly ConcurrentDictionary<SyntaxTree, bool> _nhibernate = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _tablesByLiteral = new(StringComparer.Ordinal);

    private NodeSummary SummaryOf(SourceFile file, SyntaxNode node, bool nhibernate)
    {
        if (_summaries.TryGetValue(node, out var known))
        {
            return known;
        }

        var facts = new Facts();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var literals = new List<string>();
        facts.Scan(file, node, nhibernate, names, literals);
        var ids = names;
        var tables = new List<string>();
        foreach (var literal in literals)
        {
            tables.AddRange(_tablesByLiteral.GetOrAdd(literal, l => DatabaseSql.TablesIn(l).ToArray()));
        }

        return _summaries.GetOrAdd(node, new NodeSummary(facts, ids, tables));
    }

    private static bool IsDouble(SupportType type) =>
        type.BaseNames.Count > 0
        || type.Name.StartsWith("Fake", StringComparison.Ordinal) || type.Name.StartsWith("InMemory", StringComparison.Ordinal)
        || type.Name.StartsWith("Stub", StringComparison.Ordinal) || type.Name.StartsWith("Dummy", StringComparison.Ordinal) || type.Name.StartsWith("Mock", StringComparison.Ordinal)
        || type.Name.EndsWith("Fake", StringComparison.Ordinal) || type.Name.EndsWith("Stub", StringComparison.Ordinal);
}
