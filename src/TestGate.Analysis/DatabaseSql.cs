using System.Text.RegularExpressions;
using TestGate.Core.Suite;

namespace TestGate.Analysis;

/// <summary>
/// What a string of SQL says, by pattern: the tables it writes and reads, and the constraints, locks, transactions,
/// idempotent inserts and DDL it contains. Text that does not look like SQL (a log message that says "select an item
/// from the list") is not SQL: keywords count in upper case, or in lower case only in the shape of a real statement.
/// </summary>
internal static class DatabaseSql
{
    /// <summary>One signal found in a SQL text, at <see cref="Offset"/> in it.</summary>
    internal sealed record SqlSignal(string Kind, string Detail, string? Table, IReadOnlyList<string> Related, int Offset);

    internal sealed record SqlAnalysis(
        IReadOnlyList<string> TablesWritten,
        IReadOnlyList<string> TablesRead,
        IReadOnlyList<SqlSignal> Signals);

    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);
    private const RegexOptions Exact = RegexOptions.CultureInvariant;
    private const RegexOptions AnyCase = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    // The patterns that scan a whole string for a statement anywhere in it (lazy "[\s\S]*?" spans) run in linear time:
    // a backtracking engine took up to its timeout on each long SQL-like constant of a generated file.
    private const RegexOptions Linear = RegexOptions.NonBacktracking;
    private const string Name = @"(?<t>[\w""\[\]`]+(?:\.[\w""\[\]`]+)*)";

    // Upper-case statements: the convention of SQL embedded in C#.
    private static readonly Regex UpperStatement = new(
        @"\bSELECT\b[\s\S]*?\bFROM\b|\bINSERT\s+(?:OR\s+[A-Z]+\s+)?(?:IGNORE\s+)?INTO\b|\bREPLACE\s+INTO\b|\bUPDATE\s+\S+\s+SET\b|\bDELETE\s+FROM\b"
        + @"|\bCREATE\s+(?:UNIQUE\s+)?(?:CLUSTERED\s+|NONCLUSTERED\s+)?(?:TEMP(?:ORARY)?\s+)?(?:TABLE|INDEX)\b|\bALTER\s+TABLE\b|\bMERGE\s+INTO\b"
        + @"|\bBEGIN\s+(?:IMMEDIATE|EXCLUSIVE|DEFERRED|TRANSACTION|TRAN)\b|\bSELECT\s+pg_\w+\s*\(",
        Exact | Linear, Timeout);

    // Lower- or mixed-case statements, only in the full shape of a statement.
    private static readonly Regex ShapedStatement = new(
        @"\binsert\s+(?:or\s+\w+\s+)?(?:ignore\s+)?into\s+[\w""\[\]`.]+\s*\("
        + @"|\bupdate\s+[\w""\[\]`.]+\s+set\s+[\w""\[\]`]+\s*="
        + @"|\bdelete\s+from\s+[\w""\[\]`.]+\s*(?:where\b|;|$)"
        + @"|\bselect\s+[\w\s,.*()""]+?\s+from\s+[\w""\[\]`.]+\s+(?:where\s+[\w"".]+\s*(?:=|<|>|\bin\b|\bis\b|\blike\b)|order\s+by\b|group\s+by\b|join\b|limit\b)"
        + @"|\bcreate\s+(?:unique\s+)?(?:temp(?:orary)?\s+)?(?:table|index)\s+(?:if\s+not\s+exists\s+)?[\w""\[\]`.]+\s*(?:\(|on\b)"
        + @"|\balter\s+table\s+[\w""\[\]`.]+\s+(?:add|drop|alter|rename)\b",
        AnyCase | Linear, Timeout);

    private static readonly Regex Written = new(
        @"\b(?:INSERT\s+(?:OR\s+\w+\s+)?(?:IGNORE\s+)?INTO|REPLACE\s+INTO|MERGE\s+INTO|DELETE\s+FROM)\s+" + Name + @"|\bUPDATE\s+" + Name.Replace("<t>", "<u>", StringComparison.Ordinal) + @"\s+SET\b",
        AnyCase, Timeout);

    private static readonly Regex Read = new(@"\b(?:FROM|JOIN)\s+" + Name, AnyCase, Timeout);

    private static readonly Regex UpdateStatement = new(@"\bUPDATE\s+" + Name + @"\s+SET\b", AnyCase, Timeout);

    // The SET list and WHERE clause of one UPDATE statement, read after its "UPDATE t SET".
    private static readonly Regex UpdateTail = new(@"^(?<set>[^;]*?)(?:\bWHERE\b(?<where>[^;]*))?(?:;|$)", AnyCase | Linear, Timeout);

    private static readonly Regex Assignment = new(@"^\s*(?<c>[\w""\[\]`.]+)\s*=\s*(?<v>[\s\S]+?)\s*$", AnyCase, Timeout);

    private static readonly Regex ConstantValue = new(
        @"^(?:NULL|TRUE|FALSE|-?\d+(?:\.\d+)?|'[^']*'|CURRENT_TIMESTAMP|now\(\)|datetime\('now'\)|GETUTCDATE\(\)|GETDATE\(\)|SYSUTCDATETIME\(\)|SYSDATETIMEOFFSET\(\))$",
        AnyCase, Timeout);

    // Columns whose last writer winning loses nothing: what happened last, and when.
    private static readonly Regex BookkeepingColumn = new(@"(?i:error|message|reason|note|timestamp|updated|modified|_at$|_on$)|[a-z](?:At|On)$", Exact, Timeout);

    // A condition on the row's current state: a NULL test, an ordering comparison or a comparison with a constant.
    private static readonly Regex StateGuard = new(
        @"\bIS\s+(?:NOT\s+)?NULL\b|<=|>=|<>|!=|[\w""\]`]\s*[<>]\s*[\w@:$(]|=\s*'[^']*'|=\s*-?\d",
        AnyCase, Timeout);

    private static readonly Regex TokenColumn = new(@"version|etag|xmin|concurrency|rowstamp", AnyCase, Timeout);

    // A parameter of the statement (@Quantity, :quantity, $1): named after a column, it is still the caller's value.
    private static readonly Regex Parameter = new(@"[@:$]\w+", AnyCase, Timeout);

    /// <summary>
    /// An UPDATE whose effect does not depend on what the caller read before: its WHERE clause tests the row's current
    /// state (<c>WHERE id = @Id AND sent_at IS NULL</c>, <c>AND quantity &gt;= @n</c>), or every value it sets is computed
    /// from the row itself (<c>attempts = attempts + 1</c>), a constant, or bookkeeping (the last error, a timestamp).
    /// A version check is an optimistic token, not this: TG0404 still asks for its concurrency test.
    /// </summary>
    internal static bool IsSelfContainedUpdate(string afterSet)
    {
        if (!Safe(() => !TokenColumn.IsMatch(afterSet)))
        {
            return false;
        }

        if (MatchOrNull(UpdateTail, afterSet) is not { Success: true } tail)
        {
            return false;
        }

        if (tail.Groups["where"].Success && Safe(() => StateGuard.IsMatch(tail.Groups["where"].Value)))
        {
            return true;
        }

        var assignments = SplitTopLevel(tail.Groups["set"].Value);
        var selfRelative = false;
        foreach (var text in assignments)
        {
            if (MatchOrNull(Assignment, text) is not { Success: true } assignment)
            {
                return false;
            }

            var column = Unquote(assignment.Groups["c"].Value.Split('.').Last());
            var value = assignment.Groups["v"].Value;
            var computed = Parameter.Replace(value, "?");
            if (column.Length > 0 && Safe(() => Regex.IsMatch(computed, $@"\b{Regex.Escape(column)}\b", AnyCase, Timeout)))
            {
                selfRelative = true;
            }
            else if (!Safe(() => ConstantValue.IsMatch(value)) && !Safe(() => BookkeepingColumn.IsMatch(column)))
            {
                return false;
            }
        }

        return selfRelative;
    }

    /// <summary>
    /// An UPDATE that sets every column to itself (<c>UPDATE Loans SET Version = Version WHERE Id = @id</c>): it changes
    /// nothing, and is written to take the row's write lock before reading it (SQLite has no <c>SELECT ... FOR UPDATE</c>).
    /// </summary>
    internal static bool IsNoOpUpdate(string afterSet)
    {
        if (MatchOrNull(UpdateTail, afterSet) is not { Success: true } tail)
        {
            return false;
        }

        var assignments = SplitTopLevel(tail.Groups["set"].Value);
        return assignments.Count > 0 && assignments.All(text =>
            MatchOrNull(Assignment, text) is { Success: true } assignment
            && Unquote(assignment.Groups["c"].Value.Split('.').Last()) is { Length: > 0 } column
            && string.Equals(column, Unquote(assignment.Groups["v"].Value.Split('.').Last()), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The items of a comma-separated list, not splitting inside parentheses or quotes.</summary>
    private static List<string> SplitTopLevel(string list)
    {
        var items = new List<string>();
        var (depth, quoted, start) = (0, false, 0);
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '\'':
                    quoted = !quoted;
                    break;
                case '(' when !quoted:
                    depth++;
                    break;
                case ')' when !quoted:
                    depth--;
                    break;
                case ',' when !quoted && depth == 0:
                    items.Add(list[start..i]);
                    start = i + 1;
                    break;
            }
        }

        items.Add(list[start..]);
        return items;
    }

    private static readonly Regex Upsert = new(
        @"\bON\s+CONFLICT\b[^;]*?\bDO\s+UPDATE\b|\bON\s+DUPLICATE\s+KEY\s+UPDATE\b|\bMERGE\s+INTO\b|\bINSERT\s+OR\s+REPLACE\b|\bREPLACE\s+INTO\b",
        AnyCase, Timeout);

    private static readonly Regex VersionColumn = new(
        @"\b(?<c>\w*version)\s*=\s*\k<c>\s*\+\s*1\b|\browversion\b|\bxmin\b", AnyCase, Timeout);

    private static readonly Regex CreateTable = new(
        @"\bCREATE\s+(?:TEMP(?:ORARY)?\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?" + Name + @"\s*\(", AnyCase, Timeout);

    private static readonly Regex UniqueIndex = new(
        @"\bCREATE\s+UNIQUE\s+(?:CLUSTERED\s+|NONCLUSTERED\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?<n>[\w""\[\]`.]+)\s+ON\s+" + Name + @"\s*(?:USING\s+\w+\s*)?\((?<c>[^)]*)\)",
        AnyCase, Timeout);

    private static readonly Regex OtherDdl = new(@"\bALTER\s+TABLE\b|\bCREATE\s+(?:UNIQUE\s+)?(?:CLUSTERED\s+|NONCLUSTERED\s+)?INDEX\b", AnyCase, Timeout);

    private static readonly Regex AlterConstraint = new(
        @"\bALTER\s+TABLE\s+(?:ONLY\s+)?" + Name + @"\s+ADD\s+(?:CONSTRAINT\s+(?<n>[\w""\[\]`]+)\s+)?"
        + @"(?:(?<unique>UNIQUE)\b\s*(?:\((?<c>[^)]*)\))?|(?<fk>FOREIGN\s+KEY)\s*\((?<fc>[^)]*)\)\s*REFERENCES\s+(?<r>[\w""\[\]`.]+))",
        AnyCase, Timeout);

    private static readonly Regex ConstraintPrefix = new(@"^\s*CONSTRAINT\s+[\w""\[\]`]+\s+", AnyCase, Timeout);
    private static readonly Regex TableUnique = new(@"^\s*UNIQUE\s*(?:KEY\s+\w+\s*)?\((?<c>[^)]*)\)", AnyCase, Timeout);
    private static readonly Regex TableForeignKey = new(@"^\s*FOREIGN\s+KEY\s*\((?<c>[^)]*)\)\s*REFERENCES\s+(?<r>[\w""\[\]`.]+)", AnyCase, Timeout);
    private static readonly Regex NotAColumn = new(@"^\s*(?:PRIMARY\s+KEY|CHECK|INDEX|KEY|EXCLUDE)\b", AnyCase, Timeout);
    private static readonly Regex UniqueWord = new(@"\bUNIQUE\b", AnyCase, Timeout);
    private static readonly Regex References = new(@"\bREFERENCES\s+(?<r>[\w""\[\]`.]+)", AnyCase, Timeout);

    private static readonly Regex LockKeywords = new(
        @"\bFOR\s+(?:NO\s+KEY\s+)?UPDATE\b|\bFOR\s+(?:KEY\s+)?SHARE\b|\bBEGIN\s+(?:IMMEDIATE|EXCLUSIVE)\b"
        + @"|\bWITH\s*\([^)]*\b(?:UPDLOCK|HOLDLOCK|XLOCK|ROWLOCK|PAGLOCK|TABLOCKX?|SERIALIZABLE)\b[^)]*\)|\bLOCK\s+TABLES?\b|\bLOCK\s+IN\s+SHARE\s+MODE\b",
        Exact, Timeout);

    private static readonly Regex LockKeywordsAnyCase = new(LockKeywords.ToString(), AnyCase, Timeout);

    private static readonly Regex LockFunctions = new(
        @"\bpg_(?:try_)?advisory_(?:xact_)?lock(?:_shared)?\s*\(|\bsp_getapplock\b|\bGET_LOCK\s*\(", AnyCase, Timeout);

    private static readonly Regex TransactionSql = new(
        @"\bBEGIN\s+(?:TRANSACTION|TRAN|IMMEDIATE|EXCLUSIVE|DEFERRED)\b|\bSTART\s+TRANSACTION\b|^\s*BEGIN\s*;", Exact, Timeout);

    private static readonly Regex IdempotentInsert = new(
        @"\bINSERT\s+OR\s+IGNORE\b|\bINSERT\s+IGNORE\b|\bON\s+CONFLICT\b[^;]*?\bDO\s+NOTHING\b", AnyCase, Timeout);

    private static readonly Regex InsertIfAbsent = new(
        @"\bINSERT\b[\s\S]*\bWHERE\s+NOT\s+EXISTS\b|\bIF\s+NOT\s+EXISTS\s*\(\s*SELECT\b[\s\S]*\bINSERT\b", AnyCase | Linear, Timeout);

    private static readonly Regex IdempotencyTable = new(
        @"^(?:processed_\w+|\w+_processed|idempoten\w*|inbox\w*|handled_\w+|dedup\w*|deduplication\w*)$", AnyCase, Timeout);

    // A trigger that makes a statement fail (SQLite RAISE(ABORT|FAIL|ROLLBACK), PostgreSQL RAISE EXCEPTION, SQL Server
    // THROW/RAISERROR), the usual way a test breaks the second write of a transaction on a real database.
    private static readonly Regex FaultTrigger = new(
        @"\bCREATE\s+(?:OR\s+REPLACE\s+|TEMP(?:ORARY)?\s+)*(?:TRIGGER|FUNCTION)\b[\s\S]*?\b(?:RAISE\s*\(\s*(?:ABORT|FAIL|ROLLBACK)|RAISE\s+EXCEPTION|THROW\s+5\d{4}|RAISERROR)",
        AnyCase, Timeout);

    /// <summary>True when the SQL creates a trigger (or trigger function) that makes a statement fail: an injected database fault.</summary>
    public static bool InjectsFault(string text) =>
        text.Length >= 20
        && (text.Contains("RAISE", StringComparison.OrdinalIgnoreCase) || text.Contains("THROW", StringComparison.OrdinalIgnoreCase))
        && Safe(() => FaultTrigger.IsMatch(text));

    /// <summary>True when the text is a SQL statement (or several).</summary>
    public static bool IsSql(string text) =>
        text.Length >= 10 && Safe(() => UpperStatement.IsMatch(text) || ShapedStatement.IsMatch(text));

    /// <summary>Lock hints and functions can stand alone in a short string (<c>"SELECT pg_advisory_lock(@key)"</c>, <c>"BEGIN IMMEDIATE;"</c>).</summary>
    public static IEnumerable<SqlSignal> LocksOutsideStatements(string text) =>
        WithinTimeout(() => Matches(LockKeywords, text).Concat(Matches(LockFunctions, text))
            .Select(match => new SqlSignal(DbFeatureKinds.Lock, Collapse(match.Value), null, [], match.Index))
            .Concat(Matches(TransactionSql, text).Select(match => new SqlSignal(DbFeatureKinds.Transaction, Collapse(match.Value), null, [], match.Index)))
            .ToArray(), []);

    /// <summary>
    /// What a SQL text writes, reads and declares. Every pattern has a timeout: a text that takes longer (a thread
    /// stalled mid-match on a loaded machine) yields nothing rather than failing the review.
    /// </summary>
    public static SqlAnalysis Analyze(string text) => WithinTimeout(() => AnalyzeWithoutGuard(text), new SqlAnalysis([], [], []));

    private static T WithinTimeout<T>(Func<T> read, T fallback)
    {
        try
        {
            return read();
        }
        catch (RegexMatchTimeoutException)
        {
            return fallback;
        }
    }

    private static SqlAnalysis AnalyzeWithoutGuard(string text)
    {
        var written = new List<string>();
        var read = new List<string>();
        var signals = new List<SqlSignal>();

        foreach (var match in Matches(Written, text))
        {
            var table = TableName(match.Groups["t"].Success ? match.Groups["t"].Value : match.Groups["u"].Value);
            if (table.Length > 0)
            {
                written.Add(table);
                if (IdempotencyTable.IsMatch(table))
                {
                    signals.Add(new SqlSignal(DbFeatureKinds.Idempotency, $"writes the {table} table", table, [], match.Index));
                }
            }
        }

        foreach (var match in Matches(Read, text))
        {
            var table = TableName(match.Groups["t"].Value);
            if (table.Length > 0 && !IsKeyword(table))
            {
                read.Add(table);
            }
        }

        foreach (var match in Matches(UpdateStatement, text))
        {
            var table = TableName(match.Groups["t"].Value);
            var afterSet = text[(match.Index + match.Length)..];
            if (IsNoOpUpdate(afterSet))
            {
                // Still an update below when it touches a version column: the read-modify-write cycle it opens is what
                // the token's concurrency test is about.
                signals.Add(new SqlSignal(DbFeatureKinds.Lock, $"UPDATE {table} SET {Collapse(MatchOrNull(UpdateTail, afterSet)!.Groups["set"].Value.Trim())} (takes the write lock)", table, [], match.Index));
            }

            // One statement that decides from the row's current state cannot lose another writer's update.
            if (IsSelfContainedUpdate(afterSet))
            {
                continue;
            }

            signals.Add(new SqlSignal(DbFeatureKinds.Update, $"UPDATE {table}", table, [], match.Index));
        }

        foreach (var match in Matches(Upsert, text))
        {
            signals.Add(new SqlSignal(DbFeatureKinds.Update, Collapse(match.Value.Length > 40 ? match.Value[..40] : match.Value), written.FirstOrDefault(), [], match.Index));
        }

        foreach (var match in Matches(VersionColumn, text))
        {
            signals.Add(new SqlSignal(DbFeatureKinds.ConcurrencyToken, Collapse(match.Value), written.FirstOrDefault(), [], match.Index));
        }

        foreach (var match in Matches(LockKeywordsAnyCase, text).Concat(Matches(LockFunctions, text)))
        {
            signals.Add(new SqlSignal(DbFeatureKinds.Lock, Collapse(match.Value), written.FirstOrDefault() ?? read.FirstOrDefault(), [], match.Index));
        }

        foreach (var match in Matches(TransactionSql, text))
        {
            signals.Add(new SqlSignal(DbFeatureKinds.Transaction, Collapse(match.Value), null, [], match.Index));
        }

        foreach (var match in Matches(IdempotentInsert, text).Concat(Matches(InsertIfAbsent, text)))
        {
            var detail = Collapse(match.Value);
            signals.Add(new SqlSignal(DbFeatureKinds.Idempotency, detail.Length > 60 ? detail[..60] : detail, written.FirstOrDefault(), [], match.Index));
        }

        foreach (var match in Matches(CreateTable, text))
        {
            var table = TableName(match.Groups["t"].Value);
            signals.Add(new SqlSignal(DbFeatureKinds.Schema, $"CREATE TABLE {table}", table, [], match.Index));
            var open = match.Index + match.Length - 1;
            var close = ClosingParenthesis(text, open);
            if (close > open)
            {
                ColumnConstraints(text, open + 1, close, table, signals);
            }
        }

        foreach (var match in Matches(UniqueIndex, text))
        {
            var table = TableName(match.Groups["t"].Value);
            var columns = Columns(match.Groups["c"].Value);
            signals.Add(new SqlSignal(DbFeatureKinds.Unique, $"unique index {Unquote(match.Groups["n"].Value)} on {table} ({string.Join(", ", columns)})", table, columns, match.Index));
        }

        foreach (var match in Matches(OtherDdl, text))
        {
            signals.Add(new SqlSignal(DbFeatureKinds.Schema, Collapse(match.Value), null, [], match.Index));
        }

        foreach (var match in Matches(AlterConstraint, text))
        {
            var table = TableName(match.Groups["t"].Value);
            var name = match.Groups["n"].Success ? $" ({Unquote(match.Groups["n"].Value)})" : string.Empty;
            if (match.Groups["unique"].Success)
            {
                var columns = Columns(match.Groups["c"].Value);
                signals.Add(new SqlSignal(DbFeatureKinds.Unique, $"{table} UNIQUE ({string.Join(", ", columns)}){name}", table, columns, match.Groups["unique"].Index));
            }
            else if (match.Groups["fk"].Success)
            {
                var target = TableName(match.Groups["r"].Value);
                signals.Add(new SqlSignal(DbFeatureKinds.ForeignKey, $"{table} ({string.Join(", ", Columns(match.Groups["fc"].Value))}) REFERENCES {target}{name}", table, [target], match.Groups["fk"].Index));
            }
        }

        return new SqlAnalysis(written.Distinct(StringComparer.Ordinal).ToArray(), read.Distinct(StringComparer.Ordinal).ToArray(), signals);
    }

    /// <summary>The table names in an identifier as SQL writes it: <c>"dbo"."Orders"</c> → orders.</summary>
    public static string TableName(string raw)
    {
        var last = raw.Split('.', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;
        return Unquote(last).ToLowerInvariant();
    }

    /// <summary>Tables a test's own SQL names (written or read).</summary>
    public static IEnumerable<string> TablesIn(string text)
    {
        if (!IsSql(text))
        {
            return [];
        }

        var analysis = Analyze(text);
        return analysis.TablesWritten.Concat(analysis.TablesRead).Concat(analysis.Signals.Select(s => s.Table).OfType<string>());
    }

    private static void ColumnConstraints(string text, int start, int end, string table, List<SqlSignal> signals)
    {
        foreach (var (definition, offset) in Definitions(text, start, end))
        {
            var constraint = ConstraintPrefix.Match(definition);
            var body = constraint.Success ? definition[constraint.Length..] : definition;
            var bodyOffset = offset + (constraint.Success ? constraint.Length : 0);
            var constraintName = constraint.Success ? $" ({Unquote(constraint.Value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1])})" : string.Empty;

            if (TableUnique.Match(body) is { Success: true } unique)
            {
                var columns = Columns(unique.Groups["c"].Value);
                signals.Add(new SqlSignal(DbFeatureKinds.Unique, $"{table} UNIQUE ({string.Join(", ", columns)}){constraintName}", table, columns, bodyOffset + unique.Index + LeadingSpace(body)));
                continue;
            }

            if (TableForeignKey.Match(body) is { Success: true } foreignKey)
            {
                var target = TableName(foreignKey.Groups["r"].Value);
                signals.Add(new SqlSignal(DbFeatureKinds.ForeignKey, $"{table} ({string.Join(", ", Columns(foreignKey.Groups["c"].Value))}) REFERENCES {target}{constraintName}", table, [target], bodyOffset + foreignKey.Index + LeadingSpace(body)));
                continue;
            }

            if (constraint.Success || NotAColumn.IsMatch(body))
            {
                continue;
            }

            var column = Unquote(body.TrimStart().Split((char[])[' ', '\t', '\r', '\n'], 2)[0]);
            var constraintInColumn = ConstraintNameIn(body);
            if (UniqueWord.Match(body) is { Success: true } uniqueWord)
            {
                signals.Add(new SqlSignal(DbFeatureKinds.Unique, $"{table}.{column} UNIQUE{constraintInColumn}", table, [column], bodyOffset + uniqueWord.Index));
            }

            if (References.Match(body) is { Success: true } reference)
            {
                var target = TableName(reference.Groups["r"].Value);
                signals.Add(new SqlSignal(DbFeatureKinds.ForeignKey, $"{table}.{column} REFERENCES {target}", table, [target], bodyOffset + reference.Index));
            }
        }
    }

    private static string ConstraintNameIn(string columnDefinition)
    {
        var match = Regex.Match(columnDefinition, @"\bCONSTRAINT\s+(?<n>[\w""\[\]`]+)", AnyCase, Timeout);
        return match.Success ? $" ({Unquote(match.Groups["n"].Value)})" : string.Empty;
    }

    private static int LeadingSpace(string text) => text.Length - text.TrimStart().Length;

    /// <summary>The comma-separated definitions between a CREATE TABLE's parentheses, with their offsets.</summary>
    private static IEnumerable<(string Text, int Offset)> Definitions(string text, int start, int end)
    {
        var depth = 0;
        var from = start;
        for (var i = start; i < end; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case '\'':
                    i = SkipQuoted(text, i, end);
                    break;
                case ',' when depth == 0:
                    yield return (text[from..i], from);
                    from = i + 1;
                    break;
            }
        }

        if (from < end)
        {
            yield return (text[from..end], from);
        }
    }

    private static int ClosingParenthesis(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    if (--depth == 0)
                    {
                        return i;
                    }

                    break;
                case '\'':
                    i = SkipQuoted(text, i, text.Length);
                    break;
            }
        }

        return -1;
    }

    private static int SkipQuoted(string text, int quote, int end)
    {
        var close = text.IndexOf('\'', quote + 1);
        return close < 0 || close >= end ? end - 1 : close;
    }

    private static IReadOnlyList<string> Columns(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => Unquote(c.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty))
            .Where(c => c.Length > 0)
            .ToArray();

    private static string Unquote(string name) => name.Trim().Trim('"', '[', ']', '`');

    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "select", "where", "the", "a", "an", "on", "set", "values", "lateral", "unnest", "generate_series", "json_each", "dual",
    };

    private static bool IsKeyword(string table) => Keywords.Contains(table) || table.StartsWith('(') || table.StartsWith('$') || table.StartsWith('@') || table.StartsWith('{');

    private static string Collapse(string text) => Regex.Replace(text.Trim(), @"\s+", " ", RegexOptions.CultureInvariant, Timeout);

    private static IEnumerable<Match> Matches(Regex regex, string text)
    {
        try
        {
            return regex.Matches(text).ToArray();
        }
        catch (RegexMatchTimeoutException)
        {
            return [];
        }
    }

    /// <summary>The first match, or null when the pattern ran out of time (an unknown shape is not a match).</summary>
    private static Match? MatchOrNull(Regex regex, string text)
    {
        try
        {
            return regex.Match(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static bool Safe(Func<bool> test)
    {
        try
        {
            return test();
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
