using System.Globalization;
using System.Text.RegularExpressions;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Core.Rules;

public static partial class StructuralRules
{
    static partial void Database(SuiteModel suite, List<Finding> findings) => DatabaseRules.Evaluate(suite, findings);
}

/// <summary>
/// TG0401–TG0408: data access must be proven against a real database. Each rule fires only where production has the
/// feature (a repository, a constraint, an update, a transaction, a lock, an idempotent write, a migration) and no
/// integration test over a real engine exercises it with the matching intent (name and body).
/// </summary>
internal static class DatabaseRules
{
    private static readonly HashSet<string> UniqueWords = Set("unique", "uniqueness", "duplicate", "duplicates", "duplicated", "duplication");
    private static readonly HashSet<string> ForeignKeyWords = Set("foreign", "fk", "orphan", "orphaned", "orphans", "referential", "dangling");
    private static readonly HashSet<string> ReferenceWords = Set("reference", "references", "referencing", "referenced", "refer", "refers");
    private static readonly HashSet<string> AbsentRowWords = Set("existing", "missing", "unknown", "nonexistent", "absent", "deleted", "inexistent");
    private static readonly HashSet<string> ConcurrencyWords = Set(
        "concurrent", "concurrently", "concurrency", "parallel", "simultaneous", "simultaneously", "race", "racing", "stale", "conflict",
        "conflicting", "optimistic", "lost", "contention", "contended", "competing");
    private static readonly HashSet<string> RollbackWords = Set(
        "rollback", "rollbacks", "roll", "rolls", "rolled", "atomic", "atomically", "atomicity", "partial", "partially", "transaction",
        "transactional", "undo", "undone", "revert", "reverted", "reverts");
    // What a lock does, not what it prevents: "concurrent reservations never oversell" holds as well through a
    // conditional UPDATE or a unique key, and asserts no lock behaviour.
    private static readonly HashSet<string> LockWords = Set(
        "lock", "locks", "locked", "locking", "serialized", "serializes", "serialize", "serialised", "serialises", "busy", "mutex");

    // Words that also name business states (a refund no longer blocks its seat, a ticket waits for payment): about a
    // lock only in a test that runs callers concurrently.
    private static readonly HashSet<string> ContentionWords = Set(
        "blocks", "blocked", "blocking", "exclusive", "wait", "waits", "waiting", "mutual", "queued");
    private static readonly HashSet<string> IdempotencyWords = Set(
        "idempotent", "idempotency", "idempotently", "twice", "again", "duplicate", "duplicates", "duplicated", "same", "once", "repeated",
        "repeat", "repeats", "replay", "replayed", "replays", "redelivered", "redelivery", "already", "retried", "retry", "retries", "resubmit",
        "resubmitted", "resubmitting", "rerun", "reapplied", "dedup", "deduplicated", "deduplicates", "deduplication");

    private static readonly Regex DuplicateException = new(@"Duplicate|Unique|AlreadyExists|AlreadyTaken", RegexOptions.CultureInvariant);
    private static readonly Regex ForeignKeyException = new(@"ForeignKey|Referential|Orphan", RegexOptions.CultureInvariant);
    private static readonly Regex ConcurrencyException = new(@"Concurrency|Conflict|Stale|OptimisticLock|Version", RegexOptions.CultureInvariant);
    private static readonly HashSet<string> VersionNames = Set("Version", "RowVersion", "ConcurrencyToken", "ConcurrencyStamp", "Xmin", "ETag", "Timestamp", "ExpectedVersion");
    private static readonly string[] InsertOnlyPrefixes = ["Add", "Insert", "Create", "Register", "Append", "Delete", "Remove"];

    public static void Evaluate(SuiteModel suite, List<Finding> findings)
    {
        var index = DatabaseIndex.Of(suite);
        RepositoriesWithoutIntegrationTest(index, findings);
        Constraints(index, findings, "TG0402", DbFeatureKinds.Unique, UniqueIntent);
        Constraints(index, findings, "TG0403", DbFeatureKinds.ForeignKey, ForeignKeyIntent);
        ConcurrentUpdates(index, findings);
        Rollbacks(index, findings);
        Locks(index, findings);
        Idempotency(index, findings);
        Migrations(index, findings);
    }

    // ---- TG0401 ----

    private static void RepositoriesWithoutIntegrationTest(DatabaseIndex index, List<Finding> findings)
    {
        var realDatabaseTests = index.Tests.Where(t => t.QualifiesForDatabase)
            .OrderBy(t => t.Test.Method.Path, StringComparer.Ordinal).ThenBy(t => t.Test.Method.Line)
            .ToArray();
        var realDatabaseIntegrationTests = realDatabaseTests.Where(t => t.EffectiveIntegration).ToArray();
        foreach (var repository in index.Repositories)
        {
            var candidates = index.TestsReaching[repository.Type.SimpleName]
                .Concat(repository.BaseTypes.Where(index.IsInterfaceName).SelectMany(i => index.TestsReaching[i]))
                .Distinct()
                .ToArray();
            var reaching = candidates.Where(t => Reaches(index, t, repository))
                .OrderBy(t => t.Test.Method.Path, StringComparer.Ordinal).ThenBy(t => t.Test.Method.Line)
                .ToArray();
            // An integration test that runs it through the infrastructure composed around it (a dispatcher resolved from
            // the real container) reaches it too, when its interfaces have no other implementation that could be the one
            // registered. A use-case or E2E test that gets there through the container tests the workflow, not the data
            // access: that alone is not enough.
            if (reaching.Any(t => t.QualifiesForDatabase)
                || (repository.BaseTypes.Where(index.IsInterfaceName).All(i => index.Implementations[i].Count() <= 1)
                    && index.ExercisingThroughComposition(repository, realDatabaseIntegrationTests).Any()))
            {
                continue;
            }

            var name = repository.Type.SimpleName;
            var elsewhere = realDatabaseTests.Except(candidates).ToArray();
            var interfaces = repository.BaseTypes.Where(b => index.Suite.ProductionBySimpleName[b].Any(i => i.Kind == "interface")).ToArray();
            var mocked = index.MockedBy(name).Concat(interfaces.SelectMany(index.MockedBy)).Distinct().Count();
            var notes = reaching
                .GroupBy(t => !t.EffectiveIntegration ? $"{KindText(t.Test.Kind)} test(s)" : t.Test.IsSkipped ? "skipped integration test(s)" : "integration test(s) without a real database")
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Count()} {g.Key} (e.g. {TestName(g.First())})")
                .ToArray();
            var missing = $"No integration test exercises {name} ({repository.Type.FullName}) against a real database."
                + (notes.Length > 0 ? $" It is reached only by {string.Join(", ", notes)}." : string.Empty)
                + (mocked > 0 ? $" {mocked} test(s) mock it or its interface instead." : string.Empty)
                + (candidates.Length == 0 && mocked == 0 ? elsewhere.Length > 0 ? " No test names it." : " No test reaches it at all." : string.Empty)
                + (elsewhere.Length > 0
                    ? $" {elsewhere.Length} test(s) run against a real database without naming it (e.g. {TestName(elsewhere[0])}); a use-case or E2E test that reaches it through the application host or dependency injection proves the workflow, not {name}'s queries: exercise {name} in an integration test, directly or through the code that uses it."
                    : string.Empty);

            var db = index.DbOf(repository);
            var tables = db is null ? [] : db.TablesWritten.Concat(db.TablesRead).Distinct(StringComparer.Ordinal).ToArray();
            var engine = RealDatabase.EngineOf(index, repository);
            var methods = PublicMethods(repository);
            var through = repository.DependencyTypes.Where(index.DataSources.Contains).ToArray();
            findings.Add(Make(
                "TG0401",
                missing,
                $"{name} accesses {(tables.Length > 0 ? string.Join(", ", tables) : "the database")}{(through.Length > 0 ? $" through {string.Join(", ", through)}" : string.Empty)}"
                    + (methods.Count > 0 ? $" ({string.Join(", ", methods.Take(5).Select(m => m.Name))})" : string.Empty)
                    + ". Wrong SQL, broken mappings, missing columns, violated constraints and transaction mistakes only show against the real engine: untested, the first run against the real schema is in production.",
                "Integration",
                RoundTripOutline(index, repository, engine),
                repository.Location));
        }
    }

    private static bool Reaches(DatabaseIndex index, DatabaseIndex.TestView test, ProductionFacts repository)
    {
        var name = repository.Type.SimpleName;
        if (test.Reached.Contains(name) && !test.Mocked.Contains(name))
        {
            return true;
        }

        // Resolved through its interface (a DI container over the real database): only when it is the one implementation.
        return repository.BaseTypes.Any(i =>
            index.IsInterfaceName(i)
            && test.Reached.Contains(i)
            && index.Implementations[i].Count() == 1
            && !test.Mocked.Contains(i)
            && !test.Mocking.Doubles.Any(d => d.BaseTypes.Contains(i, StringComparer.Ordinal)));
    }

    private static string RoundTripOutline(DatabaseIndex index, ProductionFacts repository, DatabaseEngine engine)
    {
        var style = index.Style;
        var name = repository.Type.SimpleName;
        var variable = TestIdioms.VariableOf(name);
        var methods = PublicMethods(repository);
        var write = methods.FirstOrDefault(m => StartsWithAny(m.Name, "Add", "Insert", "Create", "Save", "Store", "Upsert", "Append", "TryMark", "Mark", "Record", "Put", "Enqueue"));
        var read = methods.FirstOrDefault(m => StartsWithAny(m.Name, "Find", "Get", "Load", "Read", "Query", "Exists", "Is", "Count", "List", "Search", "Fetch"));
        var body = new List<string>(RealDatabase.Setup(index, engine))
        {
            RealDatabase.Construct(index, repository, engine),
        };
        if (MigrationRunner(index) is { } migrator)
        {
            body.Add($"// Apply the production schema first, as the application does ({migrator}).");
        }

        body.Add(string.Empty);
        body.Add(write is null ? "// Write through the repository." : $"{Call(style, variable, write, "/* a factory-built entity */")};");
        if (read is not null)
        {
            body.Add($"var stored = {Call(style, variable, read, "/* its key */")};");
            body.Add(string.Empty);
            body.Add(style.NotNull("stored"));
            body.Add("// Assert every mapped column came back as written.");
        }
        else
        {
            body.Add(string.Empty);
            body.Add("// Read the row back with SQL and assert every mapped column.");
        }

        var testName = write is not null && read is not null ? $"{write.Name}_then_{read.Name}_round_trips_through_the_database" : $"{name}_round_trips_through_the_database";
        return style.Class($"{name}IntegrationTests", [Method(style, testName, body)]);
    }

    // ---- TG0402 / TG0403 ----

    /// <summary>
    /// An expected failure that the name calls a duplicate, or whose body names the violation: the exception
    /// (<c>DuplicateEmailException</c>), the engine's code (<c>SqliteConstraintUnique</c>, <c>PostgresErrorCodes.UniqueViolation</c>,
    /// "23505") or its message ("UNIQUE constraint failed", "duplicate key").
    /// </summary>
    private static bool UniqueIntent(DatabaseIndex.TestView test) =>
        test.Db.ExpectsException
        && (test.Test.NameSays([.. UniqueWords]) || NameSaysAtMostOne(test.Test.Method.MethodName) || test.Db.ExpectedExceptions.Any(DuplicateException.IsMatch)
            || test.Test.Identifiers.Any(i => i.Contains("Unique", StringComparison.Ordinal) || i.Contains("Duplicate", StringComparison.Ordinal))
            || test.Test.StringLiterals.Any(l => l == "23505" || l.Contains("UNIQUE constraint", StringComparison.OrdinalIgnoreCase) || l.Contains("duplicate key", StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// A name that limits something to one (<c>A_claim_can_be_queued_only_once</c>, <c>has_at_most_one_entry_per_type</c>,
    /// <c>one_account_per_email</c>): with a failure expected, the second write is refused by a uniqueness rule.
    /// </summary>
    private static bool NameSaysAtMostOne(string methodName)
    {
        var words = TypeNames.WordsOf(methodName).ToArray();
        for (var i = 0; i + 1 < words.Length; i++)
        {
            if ((words[i], words[i + 1]) is ("only", "once") or ("most", "one") or ("one", "per"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The same for a foreign key: the name says so (<c>..._foreign_key</c>, <c>Orphan...</c>, or a reference to a row
    /// that is not there: <c>A_rental_must_reference_existing_equipment</c>, <c>References_an_unknown_customer</c>), or the
    /// body names <c>SqliteConstraintForeignKey</c>, "23503", "FOREIGN KEY constraint failed".
    /// </summary>
    private static bool ForeignKeyIntent(DatabaseIndex.TestView test) =>
        test.Db.ExpectsException
        && (test.Test.NameSays([.. ForeignKeyWords])
            || (test.Test.NameSays([.. ReferenceWords]) && test.Test.NameSays([.. AbsentRowWords]))
            || test.Db.ExpectedExceptions.Any(ForeignKeyException.IsMatch)
            || test.Test.Identifiers.Any(i => i.Contains("ForeignKey", StringComparison.Ordinal))
            || test.Test.StringLiterals.Any(l => l == "23503" || l.Contains("FOREIGN KEY constraint", StringComparison.OrdinalIgnoreCase)));

    private static void Constraints(DatabaseIndex index, List<Finding> findings, string ruleId, string kind, Func<DatabaseIndex.TestView, bool> intent)
    {
        // Declared by a type (SQL in C#, an EF Core model), or by a SQL script (no type) for a table no type declares it on.
        var declaredInCode = index.Suite.DbTypes
            .SelectMany(d => d.Features.Where(f => f.Kind == kind).Select(f => (Declarer: (ProductionType?)d.Type, Feature: f)))
            .ToArray();
        var tablesInCode = declaredInCode.Select(c => c.Feature.Owner).OfType<string>().Select(TableKey).ToHashSet(StringComparer.Ordinal);
        var declaredInScripts = index.Suite.SchemaScriptFeatures
            .Where(f => f.Kind == kind && !(f.Owner is { } table && tablesInCode.Contains(TableKey(table))))
            .Select(f => (Declarer: (ProductionType?)null, Feature: f));
        var groups = declaredInCode.Concat(declaredInScripts)
            .GroupBy(x => (x.Declarer, Owner: x.Feature.Owner ?? string.Empty))
            .OrderBy(g => g.Key.Declarer?.FullName ?? string.Empty, StringComparer.Ordinal).ThenBy(g => g.Key.Owner, StringComparer.Ordinal)
            .ToArray();
        // The constrained columns as the engine names them ("payout_queue.claim_id UNIQUE" gives payout_queue.claim_id),
        // and the tables each candidate's asserted message names, read once per test.
        var columns = groups.SelectMany(g => g).Select(x => x.Feature.Detail.Split(' ')[0]).Where(c => c.Contains('.', StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidates = index.Tests.Where(t => t.QualifiesForDatabase && intent(t)).Select(t => (Test: t, Violated: ViolatedTables(t, columns))).ToArray();
        var untested = new List<(IGrouping<(ProductionType? Declarer, string Owner), (ProductionType? Declarer, DbFeature Feature)> Group, DbFeature[] Features, string? Owner, string[] Related)>();
        foreach (var group in groups)
        {
            var features = group.Select(g => g.Feature).OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ToArray();
            var owner = group.Key.Owner.Length == 0 ? null : group.Key.Owner;
            var related = features.SelectMany(f => f.Related).Distinct(StringComparer.Ordinal).ToArray();
            if (!candidates.Any(c => Relates(index, c.Test, c.Violated, owner, kind == DbFeatureKinds.ForeignKey ? related : [])))
            {
                untested.Add((group, features, owner, related));
            }
        }

        // A suite that shows the engine enforcing one constraint of this kind has the pattern; the others untested are
        // notes, so a schema with many indexes is not a wall of errors for one missing habit.
        var suiteTestsTheKind = untested.Count < groups.Length;
        foreach (var (group, features, owner, related) in untested)
        {

            var declarer = group.Key.Declarer is { } type ? index.Production.GetValueOrDefault(type) : null;
            var first = features[0];
            var list = string.Join("; ", features.Select(f => f.Detail));
            var engine = declarer is null ? DatabaseEngine.Unknown : RealDatabase.EngineOf(index, declarer);
            var writer = WriterOf(index, owner);
            if (engine == DatabaseEngine.Unknown && writer is not null)
            {
                engine = RealDatabase.EngineOf(index, writer);
            }

            // The file's name, not its path: finding texts carry no machine-specific paths (the location has the relative one).
            var fileName = first.Path[(first.Path.LastIndexOfAny(['/', '\\']) + 1)..];
            var line = first.Line.ToString(CultureInfo.InvariantCulture);
            var where = group.Key.Declarer is { } declaring ? $"{declaring.SimpleName} ({fileName}:{line})" : $"the schema script {fileName}:{line}";
            findings.Add(kind == DbFeatureKinds.Unique
                ? Make(
                    ruleId,
                    $"No integration test inserts a duplicate into {OwnerText(owner)} and asserts the database rejects it: {list}, declared in {where}.",
                    $"Nothing proves {list} exists in the deployed schema and is enforced. If a migration drops or never creates it, duplicate {ColumnsText(features)} are stored silently; if its violation reaches callers as a raw {RealDatabase.ConstraintException(engine)}{MappedText(index)}, a retried request fails with a 500 instead of a meaningful error.",
                    "Integration",
                    UniqueOutline(index, owner, features, writer, engine),
                    new SourceLocation(first.Path, first.Line, group.Key.Declarer?.FullName))
                : Make(
                    ruleId,
                    $"No integration test writes a row of {OwnerText(owner)} that references a missing {string.Join(", ", related.DefaultIfEmpty("parent"))} row and asserts the database rejects it: {list}, declared in {where}.",
                    $"Nothing proves {list} is enforced: orphan {OwnerText(owner)} rows can be written and deletes can leave dangling references"
                        + (engine == DatabaseEngine.Sqlite ? " (SQLite ignores foreign keys on every connection that does not run PRAGMA foreign_keys = ON)" : string.Empty)
                        + "; reports, joins and cascades then see data that should not exist.",
                    "Integration",
                    ForeignKeyOutline(index, owner, related, engine),
                    new SourceLocation(first.Path, first.Line, group.Key.Declarer?.FullName)));
            if (suiteTestsTheKind)
            {
                var finding = findings[^1];
                findings[^1] = finding.AsNote($"the suite shows another {(kind == DbFeatureKinds.Unique ? "unique" : "foreign key")} constraint enforced by the real database: a note, not an error");
            }
        }
    }

    /// <summary>An entity or table by its singular words: <c>Order</c> and <c>orders</c> are one table.</summary>
    private static string TableKey(string ownerOrTable) => string.Join(' ', TypeNames.WordsOf(ownerOrTable).Select(DatabaseWords.Singular));

    /// <summary>A test is about a table or entity when its SQL or name names it, or it exercises code that writes or uses it.</summary>
    /// <param name="violated">The tables whose violation the test asserts by message (see <see cref="ViolatedTables"/>).</param>
    private static bool Relates(DatabaseIndex index, DatabaseIndex.TestView test, IReadOnlySet<string> violated, string? owner, IReadOnlyList<string> related)
    {
        if (owner is null)
        {
            return true;
        }

        // The engine's message names the table whose constraint the test expects to fail ("UNIQUE constraint failed:
        // ledger_entries.claim_id, ledger_entries.entry_type", or just "payout_queue.claim_id"): a test about that table
        // is not about the claims it seeds.
        if (violated.Count > 0)
        {
            return violated.Contains(TableKey(owner));
        }

        foreach (var name in related.Prepend(owner))
        {
            if (index.Suite.ProductionBySimpleName[name].Any())
            {
                if (test.Exercised.Contains(name) || DatabaseIndex.NameMentions(test, name) || index.EntityUsers[name].Any(test.Exercised.Contains)
                    || NamesItsDbSet(test, name))
                {
                    return true;
                }
            }
            else if (test.Db.Tables.Contains(name, StringComparer.Ordinal) || DatabaseIndex.NameMentions(test, name) || index.TableWriters[name].Any(test.Exercised.Contains))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The tables, as table keys, whose violation the test's literals name: SQLite's message (<c>UNIQUE constraint failed:
    /// policies.policy_number</c>), or one of the constrained <paramref name="columns"/> on its own (<c>payout_queue.claim_id</c>).
    /// </summary>
    private static HashSet<string> ViolatedTables(DatabaseIndex.TestView test, IReadOnlySet<string> columns)
    {
        const string Failed = "constraint failed:";
        var violated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var literal in test.Test.StringLiterals)
        {
            var at = literal.IndexOf(Failed, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                if (columns.Contains(literal.Trim()))
                {
                    violated.Add(TableKey(literal.Trim().Split('.')[0]));
                }

                continue;
            }

            foreach (var column in literal[(at + Failed.Length)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var table = column.Split('.')[0].Trim('"', '\'', '`', '[', ']');
                if (table.Length > 0)
                {
                    violated.Add(TableKey(table));
                }
            }
        }

        return violated;
    }

    /// <summary>The test writes through the entity's DbSet (<c>db.LoanApplications.Add(...)</c>, <c>Set&lt;Loan&gt;()</c>).</summary>
    private static bool NamesItsDbSet(DatabaseIndex.TestView test, string entity) =>
        test.Test.Mentions(entity + "s") || test.Test.Mentions(entity + "es")
        || (entity.EndsWith('y') && test.Test.Mentions(entity[..^1] + "ies"))
        || (test.Test.Invokes("Set") && test.Test.Mentions(entity));

    private static ProductionFacts? WriterOf(DatabaseIndex index, string? owner)
    {
        if (owner is null)
        {
            return null;
        }

        var writers = index.TableWriters[owner].Concat(index.EntityUsers[owner]).ToHashSet(StringComparer.Ordinal);
        return index.Repositories.Where(r => writers.Contains(r.Type.SimpleName)).OrderBy(r => r.Type.FullName, StringComparer.Ordinal).FirstOrDefault();
    }

    private static string OwnerText(string? owner) => owner ?? "the constrained table";

    private static string ColumnsText(IReadOnlyList<DbFeature> features)
    {
        var columns = features.SelectMany(f => f.Related).Distinct(StringComparer.Ordinal).ToArray();
        return columns.Length == 0 ? "values" : string.Join(", ", columns) + " values";
    }

    private static string MappedText(DatabaseIndex index)
    {
        var domain = index.Suite.Production
            .Where(p => p.Type.SimpleName.EndsWith("Exception", StringComparison.Ordinal) && DuplicateException.IsMatch(p.Type.SimpleName))
            .Select(p => p.Type.SimpleName).Order(StringComparer.Ordinal).FirstOrDefault();
        return domain is null ? string.Empty : $" instead of {domain}";
    }

    private static string UniqueOutline(DatabaseIndex index, string? owner, IReadOnlyList<DbFeature> features, ProductionFacts? writer, DatabaseEngine engine)
    {
        var style = index.Style;
        var column = features.SelectMany(f => f.Related).FirstOrDefault() ?? "key";
        var exception = index.Suite.Production
            .Where(p => p.Type.SimpleName.EndsWith("Exception", StringComparison.Ordinal) && DuplicateException.IsMatch(p.Type.SimpleName))
            .Select(p => p.Type.SimpleName).Order(StringComparer.Ordinal).FirstOrDefault() ?? RealDatabase.ConstraintException(engine);
        var body = new List<string>(RealDatabase.Setup(index, engine));
        var testName = $"Duplicate_{Snake(column)}_is_rejected_by_the_unique_constraint";
        var write = writer is null ? null : PublicMethods(writer).FirstOrDefault(m => StartsWithAny(m.Name, "Add", "Insert", "Create", "Save", "Store", "Upsert", "Register"));
        if (writer is not null && write is not null)
        {
            var variable = TestIdioms.VariableOf(writer.Type.SimpleName);
            body.Add(RealDatabase.Construct(index, writer, engine));
            body.Add($"{Call(style, variable, write, $"/* an entity with {column} \"A-1\" */")};");
            body.Add(string.Empty);
            body.Add(style.ThrowsAsync(exception, Call(style, variable, write, $"/* another entity with the same {column} \"A-1\" */", awaited: false)));
            body.Add(string.Empty);
            body.Add($"// Read back: only the first {OwnerText(owner)} row exists, unchanged.");
        }
        else
        {
            body.Add($"await InsertAsync(connectionString, /* a {OwnerText(owner)} row with {column} \"A-1\" */);");
            body.Add(string.Empty);
            body.Add(style.ThrowsAsync(exception, $"InsertAsync(connectionString, /* another {OwnerText(owner)} row with the same {column} \"A-1\" */)"));
        }

        return style.Class($"{Pascal(owner ?? "Constraint")}ConstraintTests", [Method(style, testName, body)]);
    }

    private static string ForeignKeyOutline(DatabaseIndex index, string? owner, IReadOnlyList<string> related, DatabaseEngine engine)
    {
        var style = index.Style;
        var parent = related.FirstOrDefault() ?? "parent";
        var body = new List<string>(RealDatabase.Setup(index, engine));
        if (engine == DatabaseEngine.Sqlite)
        {
            body.Add("// Use the connections production uses: they must run PRAGMA foreign_keys = ON.");
        }

        body.Add(string.Empty);
        body.Add(style.ThrowsAsync(
            RealDatabase.ConstraintException(engine),
            $"InsertAsync(connectionString, /* {Prose.Article(OwnerText(owner))} {OwnerText(owner)} row whose reference points at no {parent} row */)"));
        body.Add(string.Empty);
        body.Add($"// Read back: no {OwnerText(owner)} row was stored. For ON DELETE rules, also delete {Prose.Article(parent)} {parent} row and assert what happens to its {OwnerText(owner)} rows.");
        return style.Class($"{Pascal(owner ?? "Reference")}ForeignKeyTests", [Method(style, $"{Pascal(owner ?? "Row")}_row_without_its_{Snake(parent)}_row_is_rejected_by_the_foreign_key", body)]);
    }

    // ---- TG0404 ----

    private static void ConcurrentUpdates(DatabaseIndex index, List<Finding> findings)
    {
        // Tokens an entity configuration declares, read once for all repositories.
        var entityTokens = index.Suite.DbTypes.SelectMany(d => d.Of(DbFeatureKinds.ConcurrencyToken))
            .Where(f => f.Owner is not null).Select(f => (Entity: f.Owner!, f.Detail)).ToArray();
        foreach (var repository in index.Repositories)
        {
            var features = index.OwnedFeaturesOf(repository);
            var ormUpdateMethods = features.Where(f => f.Feature.Kind == DbFeatureKinds.OrmUpdate).Select(f => f.Feature.Method ?? string.Empty).ToHashSet(StringComparer.Ordinal);
            var updates = features
                .Where(f => f.Feature.Kind == DbFeatureKinds.Update
                    || (f.Feature.Kind == DbFeatureKinds.SaveChanges && (ormUpdateMethods.Count > 0
                        ? ormUpdateMethods.Contains(f.Feature.Method ?? string.Empty)
                        : f.Feature.Method is null || !StartsWithAny(f.Feature.Method, InsertOnlyPrefixes))))
                .OrderBy(f => f.Declarer == repository ? 0 : 1).ThenBy(f => f.Feature.Path, StringComparer.Ordinal).ThenBy(f => f.Feature.Line)
                .ToArray();
            if (updates.Length == 0)
            {
                continue;
            }

            var name = repository.Type.SimpleName;
            var contexts = repository.DependencyTypes.Where(index.DbContexts.Contains).ToArray();

            // The repository's own tokens, its DbContext's, and those an entity configuration declares for an entity it
            // uses (IsConcurrencyToken in LoanConfiguration for the Loan that LoanRepository stores).
            var tokens = features.Where(f => f.Feature.Kind == DbFeatureKinds.ConcurrencyToken).Select(f => f.Feature.Detail)
                .Concat(index.Suite.DbTypes.Where(d => contexts.Contains(d.Type.SimpleName)).SelectMany(d => d.Of(DbFeatureKinds.ConcurrencyToken)).Select(f => f.Detail))
                .Concat(entityTokens.Where(t => index.EntityUsers[t.Entity].Contains(name, StringComparer.Ordinal)).Select(t => t.Detail))
                .Distinct(StringComparer.Ordinal).ToArray();

            // Where the repository locks the rows it updates and has no optimistic check, a test showing that the lock
            // serializes concurrent callers is its concurrent-update test: pessimistic locking is its concurrency
            // control. With a version token as well, the lock test leaves the token's check unexercised.
            var locks = tokens.Length == 0 && features.Any(f => f.Feature.Kind is DbFeatureKinds.Lock or DbFeatureKinds.ProcessLock);
            var methods = updates.Select(u => u.Feature.Method).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
            if (index.ExercisingTypeOrDerived(name).Concat(contexts.SelectMany(c => index.TestsExercising[c]))
                .Any(t => t.QualifiesForDatabase && (ConcurrencyIntent(t, optimistic: tokens.Length > 0) || (locks && LockIntent(t))))
                || (tokens.Length == 0 && ConcurrentThroughAUser(index, repository, methods)))
            {
                continue;
            }

            var update = updates[0].Feature;
            var member = methods.Length > 0 ? $"{name}.{methods[0]}" : name;
            var tables = updates.Select(u => u.Feature.Owner).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
            var row = tables.Length > 0 ? $"the same {tables[0]} row" : "the same row";
            findings.Add(Make(
                "TG0404",
                $"No integration test runs concurrent updates of {row} through {member} against a real database (e.g. Task.WhenAll over two writers, or two connections with stale copies).",
                $"Two writers updating {row} at once through {member} ({update.Detail}) can overwrite each other: a lost update or corrupted state. "
                    + (tokens.Length > 0
                        ? $"The optimistic check ({string.Join("; ", tokens)}) is never exercised under contention, so a wrong WHERE clause or token mapping would let the last writer win silently."
                        : $"No version column or concurrency token was found for {name}, so the last writer likely wins silently; a test makes the behaviour explicit."),
                "Integration",
                ConcurrencyOutline(index, repository, methods.FirstOrDefault()),
                LocationOf(repository, updates[0])));
        }
    }

    /// <summary>
    /// Concurrent callers of a production type that runs one of the repository's updates (a webhook handler delivered
    /// four times at once against the real database, asserting the outcome): the updates race through the real code.
    /// Only for a repository without an optimistic token: concurrent retries of a use case collide on its idempotency
    /// key long before two writers hold stale copies of one version.
    /// </summary>
    private static bool ConcurrentThroughAUser(DatabaseIndex index, ProductionFacts repository, IReadOnlyList<string> updateMethods) =>
        updateMethods.Count > 0
        && index.UsersWithin(repository).Where(u => updateMethods.Any(u.Invokes))
            .SelectMany(u => index.ExercisingTypeOrDerived(u.Type.SimpleName))
            .Any(t => t.QualifiesForDatabase && t.Db.RunsConcurrently && !t.Db.OnlyReadsConcurrently && t.Db.HasAssertion);

    /// <summary>
    /// Concurrent writers against the database, or two sessions (or a concurrency name) with a stale-copy conflict: the
    /// concurrency exception expected or, without an optimistic token, a version compared. With a token, a test that
    /// reads a version after one writer blocked the other (a lock test) does not exercise the token's check.
    /// </summary>
    private static bool ConcurrencyIntent(DatabaseIndex.TestView test, bool optimistic) =>
        (test.Db.RunsConcurrently && !test.Db.OnlyReadsConcurrently && test.Db.HasAssertion)
        || ((test.Db.ConnectionsOpened >= 2 || test.Test.NameSays([.. ConcurrencyWords]))
            && (test.Db.ExpectedExceptions.Any(ConcurrencyException.IsMatch) || (!optimistic && test.Test.Identifiers.Any(VersionNames.Contains))));

    private static string ConcurrencyOutline(DatabaseIndex index, ProductionFacts repository, string? updateMethod)
    {
        var style = index.Style;
        var engine = RealDatabase.EngineOf(index, repository);
        var name = repository.Type.SimpleName;
        var variable = TestIdioms.VariableOf(name);
        var methods = PublicMethods(repository);
        var update = methods.FirstOrDefault(m => m.Name == updateMethod) ?? methods.FirstOrDefault(m => StartsWithAny(m.Name, "Update", "Save", "Set", "Change", "Upsert"));
        var read = methods.FirstOrDefault(m => StartsWithAny(m.Name, "Find", "Get", "Load", "Read"));
        var write = methods.FirstOrDefault(m => StartsWithAny(m.Name, "Add", "Insert", "Create"));
        var exception = index.Suite.Production.Select(p => p.Type.SimpleName)
            .Where(n => n.EndsWith("Exception", StringComparison.Ordinal) && (n.Contains("Concurrency", StringComparison.Ordinal) || n.Contains("Conflict", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal).FirstOrDefault()
            ?? (engine == DatabaseEngine.EfCore || repository.DependencyTypes.Any(index.DbContexts.Contains) ? "DbUpdateConcurrencyException" : "Exception");
        var body = new List<string>(RealDatabase.Setup(index, engine)) { RealDatabase.Construct(index, repository, engine) };
        if (write is not null)
        {
            body.Add($"{Call(style, variable, write, "/* a factory-built entity */")};");
        }

        body.Add("// Two writers start from the same stored state and change it differently.");
        body.Add(read is null ? "var writers = new[] { /* copy 1 */, /* copy 2 */ };" : $"var writers = new[] {{ {Call(style, variable, read, "/* its key */")}, {Call(style, variable, read, "/* its key */")} }};");
        body.Add(string.Empty);
        body.Add("// Task.Run: some drivers complete synchronously, and the writers must really overlap.");
        body.Add("var outcomes = await Task.WhenAll(writers.Select(writer => Task.Run(async () =>");
        body.Add("{");
        body.Add("    try");
        body.Add("    {");
        body.Add($"        {(update is null ? "/* update the row through the repository */" : Call(style, variable, update, "writer!"))};");
        body.Add("        return true;");
        body.Add("    }");
        body.Add(exception == "Exception" ? $"    catch (Exception) // the exception {name} throws for a stale version" : $"    catch ({exception})");
        body.Add("    {");
        body.Add("        return false;");
        body.Add("    }");
        body.Add("})));");
        body.Add(string.Empty);
        body.Add(style.Equal("1", "outcomes.Count(won => won)"));
        body.Add("// Read the row back: it holds exactly the winner's change (and its version advanced once).");
        return style.Class($"{name}ConcurrencyTests", [Method(style, "Concurrent_updates_from_the_same_version_let_exactly_one_win", body)]);
    }

    // ---- TG0405 ----

    private static void Rollbacks(DatabaseIndex index, List<Finding> findings)
    {
        foreach (var type in index.Suite.Production.Where(index.IsConcreteDataAccess))
        {
            var features = index.OwnedFeaturesOf(type);
            var transactions = features.Where(f => f.Feature.Kind == DbFeatureKinds.Transaction).ToArray();
            if (transactions.Length == 0)
            {
                transactions = features.Where(f => f.Feature.Kind == DbFeatureKinds.Commit).ToArray();
            }

            if (transactions.Length == 0 || (transactions.All(t => t.Feature.Kind == DbFeatureKinds.Commit) && CommitsAnInjectedUnitOfWork(index, type)))
            {
                continue;
            }

            // A unit of work is often only reached through the factory that creates it, with the transaction it commits,
            // and a session's transaction through the unit of work or repositories built on it. The standard asks
            // integration tests for rollback behaviour: a use case whose failure leaves nothing behind shows the
            // workflow's outcome, not which statements the transaction undid.
            var name = type.Type.SimpleName;
            if (index.ExercisingTypeOrDerived(name).Concat(index.ExercisingCreatorsOf(name)).Concat(index.ExercisingDataAccessUsersOf(type))
                .Any(t => t.QualifiesForDatabase && t.EffectiveIntegration && RollbackIntent(t)))
            {
                continue;
            }

            var first = transactions.OrderBy(t => t.Declarer == type ? 0 : 1).ThenBy(t => t.Feature.Path, StringComparer.Ordinal).ThenBy(t => t.Feature.Line).First();
            var methods = transactions.Select(t => t.Feature.Method).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var tables = features.Select(f => f.Declarer).Distinct().Select(index.DbOf).OfType<DbTypeFacts>().SelectMany(d => d.TablesWritten).Distinct(StringComparer.Ordinal).ToArray();
            var member = methods.Length > 0 ? $"{name}.{string.Join("/", methods.Take(3))}" : name;
            var schema = features.Where(f => f.Feature.Kind == DbFeatureKinds.Schema).Select(f => f.Feature.Detail).Distinct(StringComparer.Ordinal).Take(3).ToArray();
            var writes = new List<string>();
            if (schema.Length > 0)
            {
                writes.Add($"schema changes ({string.Join(", ", schema)})");
            }

            if (tables.Length > 0)
            {
                writes.Add($"rows of {string.Join(", ", tables)}");
            }

            var example = schema.Length > 0 ? " (a migration half applied: some of its tables created, its version not recorded, or the reverse)"
                : tables.Length >= 2 ? $" (for example {Prose.Article(tables[0])} {tables[0]} row without its {tables[1]} rows)"
                : string.Empty;
            var finding = Make(
                "TG0405",
                $"No integration test makes {member} fail inside its transaction ({first.Feature.Detail}) and then asserts what is stored.",
                $"{member} write{(methods.Length > 1 ? string.Empty : "s")} {(writes.Count > 0 ? string.Join(" and ", writes) : "several statements")} in one transaction. If a later statement fails and the rollback is wrong (a command outside the transaction, a swallowed exception, a commit on every path), a partial write stays committed{example}.",
                "Integration",
                RollbackOutline(index, type, methods.FirstOrDefault(), tables),
                LocationOf(type, first));

            // A schema migrator (by its name, or because each of its transactions is in a method that changes the schema)
            // whose migrations run against the real engine in tests (called by them, or by the test database they use) has its transaction exercised on the success path; a failing script is worth a test, but it is the migration tests' gap (TG0408), not a
            // data-access class committing partial writes.
            var migrates = IsMigrator(type)
                || transactions.All(t => t.Feature.Method is { } method && features.Any(f => f.Feature.Kind == DbFeatureKinds.Schema && f.Feature.Method == method));
            findings.Add(migrates && index.ExercisingTypeOrDerived(name).Concat(index.TestsReaching[name]).Any(t => t.QualifiesForDatabase)
                ? finding.AsNote("a schema migrator whose migrations are tested against the real database: a note, not an error")
                : finding);
        }
    }

    /// <summary>
    /// A use case that only commits a unit of work it is given (<c>IUnitOfWork.CommitAsync</c>, implemented by the
    /// DbContext or a connection-owning unit of work) and writes no SQL itself: what one commit stores atomically is the
    /// unit of work's to prove, and its rollback test (or this rule's finding) is there, not at each handler.
    /// </summary>
    private static bool CommitsAnInjectedUnitOfWork(DatabaseIndex index, ProductionFacts type) =>
        type.DependencyTypes.Any(d => index.DataSources.Contains(d) && index.Suite.ProductionBySimpleName[d].Any(i => i.Kind == "interface"))
        && !type.CreatedTypes.Any(index.DataSources.Contains)
        && index.DbOf(type) is not { TablesWritten.Count: > 0 };

    /// <summary>
    /// The test expects the failure or injects it (a trigger that makes a statement fail), reads the state back
    /// afterwards, and its name says rollback (<c>..._rolls_back</c>, <c>Partial_write_is_undone</c>) or that the failure
    /// leaves nothing behind (<c>A_failed_save_leaves_no_inbox_row</c>, <c>Database_failure_leaves_it_untouched</c>).
    /// </summary>
    private static bool RollbackIntent(DatabaseIndex.TestView test) =>
        test.Db.AssertsStateAfterFailure
        && (NameSaysUnnegated(test, RollbackWords) || (test.Test.NameSays([.. FailureNameWords]) && LeavesNothing(test.Test.Method.MethodName)));

    private static readonly HashSet<string> FailureNameWords = Set(
        "fail", "fails", "failed", "failing", "failure", "error", "errors", "throws", "crash", "crashes", "aborted", "aborts", "interrupted");

    /// <summary>The name says nothing is left behind: "nothing", "unchanged", "untouched", "intact", or "leaves/left no ...".</summary>
    private static bool LeavesNothing(string methodName)
    {
        var words = TypeNames.WordsOf(methodName).ToArray();
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i] is "nothing" or "unchanged" or "untouched" or "intact"
                || (words[i] is "leaves" or "left" or "leave" or "leaving" && i + 1 < words.Length && words[i + 1] == "no"))
            {
                return true;
            }
        }

        return false;
    }

    private static string RollbackOutline(DatabaseIndex index, ProductionFacts type, string? method, IReadOnlyList<string> tables)
    {
        var style = index.Style;
        var engine = RealDatabase.EngineOf(index, type);
        var name = type.Type.SimpleName;
        var variable = TestIdioms.VariableOf(name);
        var methods = PublicMethods(type);
        var act = methods.FirstOrDefault(m => m.Name == method) ?? methods.FirstOrDefault();
        var read = methods.FirstOrDefault(m => StartsWithAny(m.Name, "Find", "Get", "Load", "Read"));
        var body = new List<string>(RealDatabase.Setup(index, engine)) { RealDatabase.Construct(index, type, engine) };
        if (engine == DatabaseEngine.Sqlite && tables.Count >= 2)
        {
            body.Add($"// Make the second write fail inside the transaction, the way a full disk would:");
            body.Add($"await ExecuteAsync(connectionString, \"CREATE TRIGGER fail_{tables[1]} BEFORE INSERT ON {tables[1]} BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;\");");
        }
        else
        {
            body.Add($"// Make a statement after the first write fail inside the transaction{(tables.Count >= 2 ? $" (e.g. an invalid {tables[1]} row, or a trigger that raises)" : string.Empty)}.");
        }

        body.Add(string.Empty);
        body.Add(style.ThrowsAsync(RealDatabase.ConstraintException(engine), act is null ? "/* the transactional call */" : Call(style, variable, act, "/* the input */", awaited: false)));
        body.Add(string.Empty);
        if (read is not null)
        {
            body.Add(style.Null(Call(style, variable, read, "/* its key */")));
        }

        body.Add($"// Count the rows{(tables.Count > 0 ? $" of {string.Join(", ", tables)}" : string.Empty)}: nothing of the failed call is stored.");
        return style.Class($"{name}RollbackTests", [Method(style, $"{act?.Name ?? "Write"}_that_fails_midway_rolls_back_every_write", body)]);
    }

    // ---- TG0406 ----

    private static void Locks(DatabaseIndex index, List<Finding> findings)
    {
        foreach (var type in index.Suite.Production.Where(index.IsConcreteDataAccess))
        {
            // A schema migrator's transaction mode (BEGIN IMMEDIATE around each script) makes a script atomic; its
            // tests are migration tests (TG0408), not contention between callers.
            var locks = index.OwnedFeaturesOf(type).Where(f => f.Feature.Kind is DbFeatureKinds.Lock or DbFeatureKinds.ProcessLock).ToArray();
            if (locks.Length == 0 || IsMigrator(type))
            {
                continue;
            }

            // Contention through a use case that reaches the repository exercises the lock as well as a test of the
            // repository itself, when the test says it is about what the lock guarantees (never oversells, the second
            // caller waits): concurrent deliveries of one webhook applied exactly once are about idempotency, which a
            // unique key gives as well as a lock.
            var name = type.Type.SimpleName;
            var entries = LockEntriesOf(type, locks);
            if (index.ExercisingTypeOrDerived(name).Any(t => t.QualifiesForDatabase && LockIntent(t) && RunsALockingMethod(t, type, entries))
                || index.ExercisingUsersOf(type).Any(t => t.QualifiesForDatabase && LockIntent(t)))
            {
                continue;
            }

            var first = locks.OrderBy(l => l.Feature.Kind == DbFeatureKinds.Lock ? 0 : 1).ThenBy(l => l.Feature.Path, StringComparer.Ordinal).ThenBy(l => l.Feature.Line).First();
            var method = first.Feature.Method;
            var member = method is null ? name : $"{name}.{method}";
            var what = string.Join("; ", locks.Select(l => l.Feature.Detail).Distinct(StringComparer.Ordinal));
            findings.Add(Make(
                "TG0406",
                $"No integration test runs {member} from concurrent callers against a real database to show its lock ({what}) serializes them.",
                $"{member} relies on {what} to keep concurrent callers from acting on the same rows at once. A lock on the wrong rows, outside the transaction, or released too early lets two callers read the same state and both act on it (double booking, overselling, a balance updated twice); only contention against the real engine shows it.",
                "Integration",
                LockOutline(index, type, method),
                LocationOf(type, first)));
        }
    }

    /// <summary>
    /// The public methods that take the type's locks: the methods declaring them and the public methods that call those
    /// (through other methods of the type). Null when a lock's method is unknown, a base class takes it, or no public method is found to take it.
    /// </summary>
    private static HashSet<string>? LockEntriesOf(ProductionFacts type, (DbFeature Feature, ProductionFacts Declarer)[] locks)
    {
        // A lock a base class takes is reached through members this type does not declare.
        if (locks.Any(l => l.Feature.Method is null || !ReferenceEquals(l.Declarer, type)))
        {
            return null;
        }

        var taking = new HashSet<string>(locks.Select(l => l.Feature.Method!), StringComparer.Ordinal);
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var method in type.Methods)
            {
                if (!taking.Contains(method.Name) && method.InvokedMembers.Any(taking.Contains))
                {
                    grew |= taking.Add(method.Name);
                }
            }
        }

        var entries = type.Methods.Where(m => m.IsPublic && taking.Contains(m.Name)).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        return entries.Count > 0 ? entries : null;
    }

    /// <summary>
    /// A concurrent test of the type runs one of its locking methods: contention on <c>UpdateAsync</c> does not show
    /// that the lock in <c>ReserveAsync</c> serializes callers. A test that runs none of the type's public methods
    /// (it goes through a helper) is given the benefit of the doubt.
    /// </summary>
    private static bool RunsALockingMethod(DatabaseIndex.TestView test, ProductionFacts type, HashSet<string>? entries) =>
        entries is null || entries.Any(test.Test.Runs) || !PublicMethods(type).Any(m => test.Test.Runs(m.Name));

    private static bool IsMigrator(ProductionFacts type) =>
        type.Type.SimpleName.Contains("Migrat", StringComparison.Ordinal) || type.Type.SimpleName.EndsWith("SchemaUpdater", StringComparison.Ordinal)
        || type.Type.SimpleName.EndsWith("SchemaInitializer", StringComparison.Ordinal);

    private static bool LockIntent(DatabaseIndex.TestView test) =>
        ((test.Db.RunsConcurrently || test.Db.ConnectionsOpened >= 2) && NameSaysUnnegated(test, LockWords))
        || (test.Db.RunsConcurrently && NameSaysUnnegated(test, ContentionWords));

    /// <summary>
    /// The test's class or method name has one of the words, not negated in the method name: a cancelled begin that
    /// "takes_no_lock" or "starts_no_transaction" is a cancellation test.
    /// </summary>
    private static bool NameSaysUnnegated(DatabaseIndex.TestView test, HashSet<string> words)
    {
        var method = TypeNames.WordsOf(test.Test.Method.MethodName).ToArray();
        for (var i = 0; i < method.Length; i++)
        {
            if (words.Contains(method[i]) && (i == 0 || method[i - 1] is not ("no" or "without" or "never")))
            {
                return true;
            }
        }

        return TypeNames.WordsOf(TypeNames.SimpleNameOf(test.Test.Method.ClassName)).Any(words.Contains);
    }

    private static string LockOutline(DatabaseIndex index, ProductionFacts type, string? method)
    {
        var style = index.Style;
        var engine = RealDatabase.EngineOf(index, type);
        var name = type.Type.SimpleName;
        var variable = TestIdioms.VariableOf(name);
        var act = PublicMethods(type).FirstOrDefault(m => m.Name == method) ?? PublicMethods(type).FirstOrDefault();
        var body = new List<string>(RealDatabase.Setup(index, engine))
        {
            RealDatabase.Construct(index, type, engine),
            "// Arrange a row that only one caller may take (e.g. stock of 1, a seat, a balance).",
            string.Empty,
            $"var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => {(act is null ? "/* the locking call */" : Call(style, variable, act, "/* the same row */", awaited: false))})));",
            string.Empty,
            "// Assert the invariant the lock protects: exactly one caller succeeded, and the stored row shows one change.",
        };
        return style.Class($"{name}LockingTests", [Method(style, $"{act?.Name ?? "Call"}_from_concurrent_callers_is_serialized_by_the_lock", body)]);
    }

    // ---- TG0407 ----

    private static void Idempotency(DatabaseIndex index, List<Finding> findings)
    {
        foreach (var type in index.Suite.Production.Where(index.IsConcreteDataAccess))
        {
            var features = index.OwnedFeaturesOf(type).Where(f => f.Feature.Kind == DbFeatureKinds.Idempotency).ToArray();
            if (features.Length == 0)
            {
                continue;
            }

            var name = type.Type.SimpleName;
            var methods = new HashSet<string>(PublicMethods(type).Select(m => m.Name), StringComparer.Ordinal);
            // A store whose SQL has no idempotency clause of its own (it only records keys in an idempotency table, or is
            // named for it) is made idempotent by the use case above it, which looks the key up before recording it: that
            // use case repeated with the same key against the real database is the test. A clause (ON CONFLICT DO NOTHING)
            // is the store's own, and a use case that checks first would never reach it.
            var usersCarryIt = features.All(f => f.Feature.Detail.EndsWith("()", StringComparison.Ordinal) || f.Feature.Detail.StartsWith("writes the ", StringComparison.Ordinal));
            if (index.ExercisingTypeOrDerived(name).Concat(usersCarryIt ? index.ExercisingUsersOf(type) : []).Any(t => t.QualifiesForDatabase && IdempotencyIntent(t, name)))
            {
                continue;
            }

            var first = features.OrderBy(f => f.Feature.Path, StringComparer.Ordinal).ThenBy(f => f.Feature.Line).First();
            var operation = features.Select(f => f.Feature.Method).OfType<string>().FirstOrDefault(methods.Contains) ?? features.Select(f => f.Feature.Method).OfType<string>().FirstOrDefault();
            var member = operation is null ? name : $"{name}.{operation}";
            var sql = features.Where(f => !f.Feature.Detail.EndsWith("()", StringComparison.Ordinal)).Select(f => f.Feature.Detail).Distinct(StringComparer.Ordinal).ToArray();
            var mechanism = string.Join("; ", sql.Length > 0 ? sql : features.Select(f => f.Feature.Detail).Distinct(StringComparer.Ordinal));
            findings.Add(Make(
                "TG0407",
                $"No integration test repeats {member} with the same input against a real database and asserts a single effect.",
                $"{member} is what makes a repeated delivery or retry safe ({mechanism}). If the conflict target, key or ignore clause is wrong, the repeat is applied twice (a second charge, a duplicate row) or fails with a constraint error instead of being a no-op; only the real engine executes that clause.",
                "Integration",
                IdempotencyOutline(index, type, operation),
                LocationOf(type, first)));
        }
    }

    /// <summary>
    /// The test repeats an operation of the type, asserts a single effect and says it is about repetition. Repeating a
    /// method alone is not enough: two different records stored to set up a purge are not the same request twice.
    /// </summary>
    /// <remarks>The words of the type under test do not count: every test of an <c>IdempotencyKeyRepository</c> would say
    /// "idempotency" through its class name.</remarks>
    private static bool IdempotencyIntent(DatabaseIndex.TestView test, string typeName)
    {
        if (test.Db.RepeatedCalls.Count == 0 || !test.Db.AssertsSingleEffect)
        {
            return false;
        }

        var own = TypeNames.WordsOf(typeName).ToHashSet(StringComparer.Ordinal);
        return TypeNames.WordsOf(test.Test.Method.MethodName).Concat(TypeNames.WordsOf(TypeNames.SimpleNameOf(test.Test.Method.ClassName)).Where(w => !own.Contains(w)))
            .Any(IdempotencyWords.Contains);
    }

    private static string IdempotencyOutline(DatabaseIndex index, ProductionFacts type, string? operation)
    {
        var style = index.Style;
        var engine = RealDatabase.EngineOf(index, type);
        var name = type.Type.SimpleName;
        var variable = TestIdioms.VariableOf(name);
        var methods = PublicMethods(type);
        var act = methods.FirstOrDefault(m => m.Name == operation) ?? methods.FirstOrDefault();
        var call = act is null ? "/* the idempotent call */" : Call(style, variable, act, "input", awaited: false);
        var body = new List<string>(RealDatabase.Setup(index, engine))
        {
            RealDatabase.Construct(index, type, engine),
            "var input = /* a factory-built event or request with a fixed key */;",
            string.Empty,
            $"var first = await {call};",
            $"var second = await {call};",
            string.Empty,
            "// One effect: the second call reports \"already done\" and exactly one row exists for the key.",
            style.False("second"),
            style.Equal("1", "await CountAsync(connectionString, /* rows for the key */)"),
        };
        return style.Class($"{name}IdempotencyTests", [Method(style, $"{act?.Name ?? "Call"}_twice_with_the_same_key_has_one_effect", body)]);
    }

    // ---- TG0408 ----

    private static readonly HashSet<string> MigrationEntryPoints = Set("Migrate", "MigrateAsync", "MigrateUp", "MigrateDown", "PerformUpgrade");

    private static void Migrations(DatabaseIndex index, List<Finding> findings)
    {
        var qualifying = index.Tests.Where(t => t.QualifiesForDatabase).ToArray();
        var owners = new List<(ProductionFacts Type, IReadOnlyList<DbFeature> Features)>();
        var frameworkMigrations = new List<(ProductionFacts Type, DbFeature Feature)>();
        var runners = new List<(ProductionFacts Type, DbFeature Feature)>();

        // A static class's migration method is usually an extension (services.ApplyMigrationsAsync()): called, not named.
        // Only names that say what they do count: a test calling some other Initialize or Run proves nothing.
        var staticRunMethods = new HashSet<string>(StringComparer.Ordinal);
        foreach (var db in index.Suite.DbTypes)
        {
            if (!index.Production.TryGetValue(db.Type, out var type) || db.IsAbstract)
            {
                continue;
            }

            if (db.IsStatic)
            {
                // A static class can run migrations (an extension method at start-up); it owns no schema a test could reach.
                if (db.Of(DbFeatureKinds.MigrationRun).FirstOrDefault() is { } staticRun)
                {
                    runners.Add((type, staticRun));
                    staticRunMethods.UnionWith(db.Of(DbFeatureKinds.MigrationRun).Select(f => f.Method).OfType<string>().Where(NamesMigration));
                }

                continue;
            }

            var migrationClass = db.Of(DbFeatureKinds.Migration).Where(f => f.Detail.Contains(" : ", StringComparison.Ordinal) || f.Detail.StartsWith("[Migration]", StringComparison.Ordinal)).ToArray();
            var own = db.Features.Where(f => f.Kind is DbFeatureKinds.Schema or DbFeatureKinds.Migration && !migrationClass.Contains(f)).ToArray();
            if (migrationClass.Length > 0)
            {
                frameworkMigrations.Add((type, migrationClass[0]));
            }
            else if (own.Any(f => f.Kind == DbFeatureKinds.Schema) || (own.Length > 0 && index.DoesDataAccess(type)))
            {
                // A class named like a migrator counts when it touches the database (a "DataMigration" DTO does not).
                owners.Add((type, own.Concat(db.Of(DbFeatureKinds.MigrationRun)).ToArray()));
            }
            else if (db.Of(DbFeatureKinds.MigrationRun).FirstOrDefault() is { } run)
            {
                runners.Add((type, run));
            }
        }

        foreach (var (type, features) in owners.OrderBy(o => o.Type.Type.FullName, StringComparer.Ordinal))
        {
            var name = type.Type.SimpleName;
            if (index.TestsReaching[name].Any(t => t.QualifiesForDatabase && IsMigrationTest(t, [name])))
            {
                continue;
            }

            var first = features.OrderBy(f => f.Kind == DbFeatureKinds.Migration ? 0 : 1).ThenBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).First();
            var schema = features.Where(f => f.Kind == DbFeatureKinds.Schema).Select(f => f.Detail).Distinct(StringComparer.Ordinal).ToArray();
            findings.Add(Make(
                "TG0408",
                $"No integration test applies the schema of {name} to a real database{(schema.Length > 0 ? $" ({string.Join(", ", schema.Take(4))}{(schema.Length > 4 ? ", ..." : string.Empty)})" : string.Empty)}.",
                $"{name} creates or changes the schema. A migration that fails on the real engine, depends on an order that is not guaranteed, or is not idempotent when run a second time first fails at deployment, with the application down.",
                "Integration",
                MigrationOutline(index, type),
                new SourceLocation(first.Path, first.Line, type.Type.FullName)));
        }

        // EF Core / FluentMigrator / DbUp migrations: one finding for the set, at the place that runs them.
        if (frameworkMigrations.Count == 0 && runners.Count == 0)
        {
            return;
        }

        var runnerNames = runners.Select(r => r.Type.Type.SimpleName).ToHashSet(StringComparer.Ordinal);
        var runningOwners = owners.Where(o => o.Features.Any(f => f.Kind == DbFeatureKinds.MigrationRun)).Select(o => o.Type.Type.SimpleName);
        var migrators = runnerNames.Concat(runningOwners).ToArray();
        if (qualifying.Any(t => (t.Db.MigrationCalls.Any(MigrationEntryPoints.Contains) || staticRunMethods.Any(t.Test.Runs)) && IsMigrationTest(t, migrators))
            || migrators.SelectMany(n => index.TestsReaching[n]).Any(t => t.QualifiesForDatabase && IsMigrationTest(t, migrators)))
        {
            return;
        }

        if (frameworkMigrations.Count == 0 && owners.Count > 0)
        {
            // Only runner calls outside a migrator: the migrator's own finding already covers them.
            return;
        }

        var (at, atFeature) = runners.OrderBy(r => r.Feature.Path, StringComparer.Ordinal).ThenBy(r => r.Feature.Line).FirstOrDefault();
        var location = at is not null
            ? new SourceLocation(atFeature.Path, atFeature.Line, at.Type.FullName)
            : frameworkMigrations.OrderBy(m => m.Type.Type.FullName, StringComparer.Ordinal).First().Type.Location;
        var names = frameworkMigrations.Select(m => m.Type.Type.SimpleName).Order(StringComparer.Ordinal).ToArray();
        var context = index.DbContexts.Order(StringComparer.Ordinal).FirstOrDefault() ?? "AppDbContext";
        var style = index.Style;
        var usesEnsureCreated = index.Tests.Any(t => t.Db.MigrationCalls.Any(c => c.StartsWith("EnsureCreated", StringComparison.Ordinal)));
        var body = new List<string>(RealDatabase.Setup(index, DatabaseEngine.Unknown))
        {
            $"await using var context = {RealDatabase.NewContext(index, context, DatabaseEngine.Unknown)};{RealDatabase.ProductionProviderComment(index, DatabaseEngine.Unknown)}",
            string.Empty,
            "await context.Database.MigrateAsync();",
            "await context.Database.MigrateAsync(); // a second run must apply nothing",
            string.Empty,
            style.Equal("0", "(await context.Database.GetPendingMigrationsAsync()).Count()"),
        };
        findings.Add(Make(
            "TG0408",
            $"No integration test applies the migrations ({(names.Length > 0 ? $"{names.Length} migration class(es), e.g. {string.Join(", ", names.Take(3))}" : $"run by {at!.Type.SimpleName}")}) to a real database{(usesEnsureCreated ? "; EnsureCreated does not count, it bypasses migrations" : string.Empty)}.",
            "The migrations only ever run at deployment: one that fails on the real engine, or a model change without a migration, takes the application down before any test notices.",
            "Integration",
            style.Class($"{context}MigrationTests", [Method(style, "Migrations_apply_to_an_empty_database_and_a_second_run_changes_nothing", body)]),
            location));
    }

    /// <summary>
    /// A test about the migrations: its name or its class's says so (<c>Migrations_apply_to_an_empty_database</c>,
    /// <c>SchemaTests</c>; not a test of one constraint "in the schema", <c>The_event_id_is_unique_in_the_schema</c>), or
    /// its class is named after the migrator (<c>DbInitializerTests</c>). Every integration test whose fixture migrates a
    /// fresh database applies the migrations too, but only as set-up: it asserts nothing about them (a second run,
    /// pending model changes, the schema they build).
    /// </summary>
    private static bool IsMigrationTest(DatabaseIndex.TestView test, IEnumerable<string> migrators) =>
        test.Test.Words.Any(w => w.StartsWith("migrat", StringComparison.Ordinal))
        || (test.Test.Words.Any(w => w is "schema" or "schemas") && !test.Test.Words.Any(ConstraintWords.Contains))
        || migrators.Any(m => TypeNames.SimpleNameOf(test.Test.Method.ClassName).StartsWith(m, StringComparison.Ordinal));

    private static readonly HashSet<string> ConstraintWords = Set(
        "unique", "uniqueness", "duplicate", "duplicates", "foreign", "fk", "constraint", "constraints", "orphan", "orphans");

    private static bool NamesMigration(string method) =>
        method.Contains("Migrat", StringComparison.Ordinal) || method.Contains("Database", StringComparison.Ordinal)
        || method.Contains("Schema", StringComparison.Ordinal) || method.Contains("Db", StringComparison.Ordinal);

    private static string MigrationOutline(DatabaseIndex index, ProductionFacts type)
    {
        var style = index.Style;
        var engine = RealDatabase.EngineOf(index, type);
        var name = type.Type.SimpleName;
        var variable = TestIdioms.VariableOf(name);
        var methods = PublicMethods(type);
        var run = methods.FirstOrDefault(m => m.Name.Contains("Migrat", StringComparison.Ordinal))
            ?? methods.FirstOrDefault(m => StartsWithAny(m.Name, "Apply", "Run", "Upgrade", "Initialize", "Ensure", "Create"))
            ?? methods.FirstOrDefault();
        var body = new List<string>(RealDatabase.Setup(index, engine)) { RealDatabase.Construct(index, type, engine), string.Empty };
        if (run is not null)
        {
            body.Add($"{Call(style, variable, run, string.Empty)};");
            body.Add($"{Call(style, variable, run, string.Empty)}; // a second run must change nothing and keep the data");
        }
        else
        {
            body.Add("// Apply the schema twice: the second run must change nothing and keep the data.");
        }

        body.Add(string.Empty);
        body.Add("// Assert the tables, constraints and recorded versions exist (query the engine's catalog).");
        return style.Class($"{name}Tests", [Method(style, "Schema_applies_to_an_empty_database_and_a_second_run_changes_nothing", body)]);
    }

    private static string? MigrationRunner(DatabaseIndex index) =>
        index.Suite.DbTypes
            .Where(d => !d.IsAbstract && !d.IsStatic && d.Of(DbFeatureKinds.Migration).Any(f => !f.Detail.Contains(" : ", StringComparison.Ordinal) && !f.Detail.StartsWith("[Migration]", StringComparison.Ordinal)))
            .Select(d => d.Type.SimpleName).Order(StringComparer.Ordinal).FirstOrDefault();

    // ---- shared ----

    internal static Finding Make(string id, string missing, string risk, string type, string outline, SourceLocation? location) =>
        new(id, RuleCatalog.Get(id).DefaultSeverity, missing, risk, type, outline, location);

    private static SourceLocation LocationOf(ProductionFacts type, (DbFeature Feature, ProductionFacts Declarer) feature) =>
        feature.Declarer == type
            ? new SourceLocation(feature.Feature.Path, feature.Feature.Line, type.Type.FullName + (feature.Feature.Method is null ? string.Empty : "." + feature.Feature.Method))
            : type.Location;

    private static IReadOnlyList<MethodFacts> PublicMethods(ProductionFacts type) =>
        type.Methods.Where(m => m.IsPublic).GroupBy(m => m.Name, StringComparer.Ordinal).Select(g => g.First()).ToArray();

    /// <summary>A call of a production method in an outline: awaited when async, with the suite's token when it takes one.</summary>
    internal static string Call(TestIdioms style, string variable, MethodFacts method, string arguments, bool awaited = true)
    {
        var parameters = new List<string>();
        if (method.ParameterTypes.Any(p => p != "CancellationToken") && arguments.Length > 0)
        {
            parameters.Add(arguments);
        }

        if (method.TakesCancellationToken)
        {
            parameters.Add(style.Token);
        }

        var async = method.IsAsync || method.Name.EndsWith("Async", StringComparison.Ordinal);
        var call = $"{variable}.{method.Name}({string.Join(", ", parameters)})";
        return async && awaited ? $"await {call}" : call;
    }

    internal static string Method(TestIdioms style, string name, IEnumerable<string> body) =>
        $"{style.TestAttribute(async: true, 30_000)}\n{style.AsyncSignature(name)}\n{{\n" + string.Join("\n", body.Select(l => l.Length == 0 ? l : "    " + l.Replace("\n", "\n    ", StringComparison.Ordinal))) + "\n}";

    private static bool StartsWithAny(string name, params string[] prefixes) => prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    private static string KindText(TestKind kind) => kind switch
    {
        TestKind.Unit => "unit",
        TestKind.Application => "application",
        TestKind.E2E => "end-to-end",
        TestKind.Integration => "integration",
        _ => "unclassified",
    };

    internal static string TestName(DatabaseIndex.TestView test) => $"{TypeNames.SimpleNameOf(test.Test.Method.ClassName)}.{test.Test.Method.MethodName}";

    private static string Snake(string name) => string.Join("_", TypeNames.WordsOf(name));

    private static string Pascal(string name) =>
        string.Concat(TypeNames.WordsOf(name).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static HashSet<string> Set(params string[] values) => new(values, StringComparer.Ordinal);
}
