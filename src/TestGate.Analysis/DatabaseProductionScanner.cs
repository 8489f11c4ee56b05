using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Analysis;

/// <summary>
/// The database signals of production types, from syntax: SQL in string literals (joined across <c>+</c> and
/// interpolation, located to the exact source line), EF Core model configuration (<c>HasIndex().IsUnique()</c>,
/// <c>HasForeignKey</c>, <c>IsRowVersion</c>), attributes, transactions, locks, idempotent writes and migrations.
/// </summary>
internal static class DatabaseProductionScanner
{
    public static IReadOnlyList<DbTypeFacts> Scan(IReadOnlyList<(SourceFile File, SyntaxTree Tree)> production, IReadOnlyList<ProductionFacts> facts)
    {
        var types = facts.ToDictionary(f => (f.Type.Assembly, f.Type.FullName), f => f.Type);
        var parts = new Dictionary<(string Assembly, string Name), List<(SourceFile File, SyntaxNode Node)>>();
        foreach (var (file, tree) in production)
        {
            var root = tree.GetRoot();
            foreach (var declaration in root.Descendants(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<BaseTypeDeclarationSyntax>())
            {
                if (!declaration.Identifier.IsMissing)
                {
                    Add(parts, (file.Assembly, ProductionTypeScanner.FullNameOf(declaration)), file, declaration);
                }
            }

            // Top-level statements belong to the compiler's Program class (where EF Core's Migrate() often is).
            if (root is CompilationUnitSyntax unit)
            {
                foreach (var global in unit.Members.OfType<GlobalStatementSyntax>())
                {
                    Add(parts, (file.Assembly, "Program"), file, global);
                }
            }
        }

        var result = new List<DbTypeFacts>();
        foreach (var (key, nodes) in parts)
        {
            if (!types.TryGetValue(key, out var type))
            {
                continue;
            }

            var scan = new TypeScan(type);
            foreach (var (file, node) in nodes)
            {
                scan.Visit(file, node);
            }

            if (scan.Features.Count > 0 || scan.Written.Count > 0 || scan.Read.Count > 0)
            {
                result.Add(scan.ToFacts(nodes.Select(n => n.Node)));
            }
        }

        return result.OrderBy(f => f.Type.Assembly, StringComparer.Ordinal).ThenBy(f => f.Type.FullName, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// The unique and foreign-key constraints of SQL scripts, located to their line: the schema a DbUp-style project
    /// keeps in <c>.sql</c> files. Other statements of a script (seed data, grants) say nothing about the code's intent.
    /// </summary>
    public static IReadOnlyList<DbFeature> ScanScripts(IReadOnlyList<(SourceFile File, string Text)> scripts)
    {
        var features = new List<DbFeature>();
        foreach (var (file, text) in scripts)
        {
            if (!DatabaseSql.IsSql(text))
            {
                continue;
            }

            var lines = Microsoft.CodeAnalysis.Text.SourceText.From(text).Lines;
            foreach (var signal in DatabaseSql.Analyze(text).Signals.Where(s => s.Kind is DbFeatureKinds.Unique or DbFeatureKinds.ForeignKey))
            {
                features.Add(new DbFeature(signal.Kind, signal.Detail, signal.Table, signal.Related, null, file.Path, lines.GetLineFromPosition(signal.Offset).LineNumber + 1));
            }
        }

        return features;
    }

    private static void Add(Dictionary<(string, string), List<(SourceFile, SyntaxNode)>> parts, (string, string) key, SourceFile file, SyntaxNode node)
    {
        if (!parts.TryGetValue(key, out var list))
        {
            parts[key] = list = [];
        }

        list.Add((file, node));
    }

    /// <summary>Names that make a type a migration runner or schema owner.</summary>
    private static readonly Regex MigratorName = new(@"(?:Migrator|Migrations|MigrationRunner|MigrationService|Migration|Migrations?Host|SchemaInitializer|SchemaCreator|DatabaseInitializer|DbInitializer|DatabaseMigrat\w*)$", RegexOptions.CultureInvariant);

    // A lookup by key (FindByIdempotencyKeyAsync) reads what the mechanism stored; it is not the mechanism.
    private static readonly Regex IdempotentMethod = new(
        @"^(?!(?:Find|Get|Query|Load|List|Read|Exists|Has|Count|Search|Lookup|Fetch|Is)(?:[A-Z_]|$))(?:\w*Idempoten|TryMark|Mark\w*Processed|TryRecord\w*Processed|\w*Deduplicat)",
        RegexOptions.CultureInvariant);

    private static readonly HashSet<string> MigrationBaseTypes = new(StringComparer.Ordinal) { "Migration", "ForwardOnlyMigration", "AutoReversingMigration" };

    private static readonly HashSet<string> DistributedLocks = new(StringComparer.Ordinal)
    {
        "PostgresDistributedLock", "PostgresAdvisoryLock", "SqlDistributedLock", "MySqlDistributedLock", "OracleDistributedLock", "SqlDistributedReaderWriterLock",
    };

    private sealed class TypeScan(ProductionType type)
    {
        public List<DbFeature> Features { get; } = [];
        public List<string> Written { get; } = [];
        public List<string> Read { get; } = [];

        public void Visit(SourceFile file, SyntaxNode node)
        {
            var path = file.Path;
            foreach (var root in StringRoots(node))
            {
                VisitString(path, root);
            }

            var invocations = node.DescendantsAndSelf().OfType<InvocationExpressionSyntax>().ToArray();
            foreach (var invocation in invocations)
            {
                VisitInvocation(path, invocation);
            }

            // Microsoft.Data.Sqlite's BeginTransaction(deferred: false) issues BEGIN IMMEDIATE: the write lock is taken
            // when the transaction begins. Written out, directly or passed down to the call that begins it, it is the
            // type's locking; the library's default, left implicit, is not read as a choice.
            if (invocations.Any(i => SyntaxNames.InvokedName(i) is "BeginTransaction" or "BeginTransactionAsync"))
            {
                foreach (var invocation in invocations.Where(i => i.ArgumentList.Arguments.Any(IsNotDeferred)))
                {
                    Add(DbFeatureKinds.Lock, $"{SyntaxNames.InvokedName(invocation)}(deferred: false) (BEGIN IMMEDIATE)", null, [], invocation, path);
                }
            }

            foreach (var creation in node.DescendantsAndSelf().OfType<BaseObjectCreationExpressionSyntax>())
            {
                var name = CreatedName(creation);
                if (name == "TransactionScope")
                {
                    Add(DbFeatureKinds.Transaction, "new TransactionScope", null, [], creation, path);
                }
                else if (name == "SemaphoreSlim")
                {
                    Add(DbFeatureKinds.ProcessLock, "SemaphoreSlim", null, [], creation, path);
                }
                else if (name is not null && DistributedLocks.Contains(name))
                {
                    Add(DbFeatureKinds.Lock, $"new {name}", null, [], creation, path);
                }
            }

            foreach (var attribute in node.DescendantsAndSelf().OfType<AttributeSyntax>())
            {
                VisitAttribute(path, attribute);
            }

            foreach (var method in node.DescendantsAndSelf().OfType<MethodDeclarationSyntax>())
            {
                if (IdempotentMethod.IsMatch(method.Identifier.ValueText) && (method.Body is not null || method.ExpressionBody is not null))
                {
                    Features.Add(new DbFeature(DbFeatureKinds.Idempotency, $"{method.Identifier.ValueText}()", null, [], method.Identifier.ValueText, path, SyntaxNames.LineOf(method.Identifier)));
                }
            }

            if (node is TypeDeclarationSyntax declaration and not InterfaceDeclarationSyntax)
            {
                var line = SyntaxNames.LineOf(declaration.Identifier);
                var bases = declaration.BaseList?.Types.Select(b => SyntaxNames.SimpleNameOf(b.Type)).ToArray() ?? [];
                if (bases.Any(MigrationBaseTypes.Contains))
                {
                    Features.Add(new DbFeature(DbFeatureKinds.Migration, $"{declaration.Identifier.ValueText} : {bases.First(MigrationBaseTypes.Contains)}", null, [], null, path, line));
                }
                else if (MigratorName.IsMatch(declaration.Identifier.ValueText) && ProductionTypeScanner.HasExecutableCode(declaration))
                {
                    Features.Add(new DbFeature(DbFeatureKinds.Migration, declaration.Identifier.ValueText, null, [], null, path, line));
                }

                if (declaration.Descendants().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == "DeployChanges"))
                {
                    Features.Add(new DbFeature(DbFeatureKinds.Migration, "DbUp DeployChanges", null, [], null, path, line));
                }
            }
        }

        private void VisitString(string path, ExpressionSyntax root)
        {
            var text = SqlText.Of(root);
            if (text.Text.Length < 8)
            {
                return;
            }

            if (!DatabaseSql.IsSql(text.Text))
            {
                foreach (var signal in DatabaseSql.LocksOutsideStatements(text.Text))
                {
                    Features.Add(new DbFeature(signal.Kind, signal.Detail, signal.Table, signal.Related, MethodOf(root), path, text.LineAt(signal.Offset)));
                }

                return;
            }

            var analysis = DatabaseSql.Analyze(text.Text);
            Written.AddRange(analysis.TablesWritten);
            Read.AddRange(analysis.TablesRead);
            foreach (var signal in analysis.Signals)
            {
                Features.Add(new DbFeature(signal.Kind, signal.Detail, signal.Table, signal.Related, MethodOf(root), path, text.LineAt(signal.Offset)));
            }
        }

        private static bool IsNotDeferred(ArgumentSyntax argument) =>
            argument.NameColon?.Name.Identifier.ValueText == "deferred" && argument.Expression.IsKind(SyntaxKind.FalseLiteralExpression);

        private void VisitInvocation(string path, InvocationExpressionSyntax invocation)
        {
            switch (SyntaxNames.InvokedName(invocation))
            {
                case "BeginTransaction" or "BeginTransactionAsync" or "BeginDbTransaction" or "BeginDbTransactionAsync":
                    Add(DbFeatureKinds.Transaction, $"{SyntaxNames.InvokedName(invocation)}()", null, [], invocation, path);
                    break;
                case "Commit" or "CommitAsync" or "Rollback" or "RollbackAsync" or "CommitTransaction" or "CommitTransactionAsync" or "RollbackTransaction" or "RollbackTransactionAsync":
                    Add(DbFeatureKinds.Commit, $"{SyntaxNames.InvokedName(invocation)}()", null, [], invocation, path);
                    break;
                case "IsUnique" when IsTrueOrEmpty(invocation) && Chain(invocation).Any(c => SyntaxNames.InvokedName(c) == "HasIndex"):
                {
                    var hasIndex = Chain(invocation).First(c => SyntaxNames.InvokedName(c) == "HasIndex");
                    var entity = EntityOf(invocation);
                    var columns = IndexColumns(hasIndex);
                    Add(DbFeatureKinds.Unique, $"{entity ?? "entity"} HasIndex({string.Join(", ", columns)}).IsUnique()", entity, columns, hasIndex, path);
                    break;
                }

                case "HasAlternateKey":
                {
                    var entity = EntityOf(invocation);
                    var columns = IndexColumns(invocation);
                    Add(DbFeatureKinds.Unique, $"{entity ?? "entity"} HasAlternateKey({string.Join(", ", columns)})", entity, columns, invocation, path);
                    break;
                }

                case "HasForeignKey":
                {
                    var entity = EntityOf(invocation);
                    var related = RelatedEntities(invocation).Where(r => r != entity).ToArray();
                    var columns = IndexColumns(invocation);
                    Add(DbFeatureKinds.ForeignKey, $"{entity ?? "entity"}{(related.Length > 0 ? " → " + string.Join(", ", related) : string.Empty)} HasForeignKey({string.Join(", ", columns)})", entity, related, invocation, path);
                    break;
                }

                case "IsRowVersion" or "IsConcurrencyToken" or "UseXminAsConcurrencyToken":
                    Add(DbFeatureKinds.ConcurrencyToken, $"{EntityOf(invocation) ?? "entity"} {SyntaxNames.InvokedName(invocation)}()", EntityOf(invocation), [], invocation, path);
                    break;
                case "SaveChanges" or "SaveChangesAsync":
                    Add(DbFeatureKinds.SaveChanges, $"{SyntaxNames.InvokedName(invocation)}()", null, [], invocation, path);
                    break;
                case "ExecuteUpdate" or "ExecuteUpdateAsync":
                    Add(DbFeatureKinds.Update, $"{SyntaxNames.InvokedName(invocation)}()", null, [], invocation, path);
                    break;
                case "Update" or "UpdateRange" or "Attach" or "AttachRange" or "Entry" or "SaveOrUpdate" or "SaveOrUpdateAsync" or "Merge" or "MergeAsync":
                    Add(DbFeatureKinds.OrmUpdate, $"{SyntaxNames.InvokedName(invocation)}()", null, [], invocation, path);
                    break;
                case "Migrate" or "MigrateAsync" or "MigrateUp" or "MigrateDown" or "PerformUpgrade":
                    Add(DbFeatureKinds.MigrationRun, $"{SyntaxNames.InvokedName(invocation)}()", null, [], invocation, path);
                    break;
            }
        }

        private void VisitAttribute(string path, AttributeSyntax attribute)
        {
            var name = TestMethodScanner.AttributeName(attribute);
            var owner = attribute.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;
            var arguments = attribute.ArgumentList?.Arguments ?? default;
            switch (name)
            {
                case "Index" when arguments.Any(a => a.NameEquals?.Name.Identifier.ValueText == "IsUnique" && a.Expression.IsKind(SyntaxKind.TrueLiteralExpression)):
                {
                    var columns = arguments.Where(a => a.NameEquals is null).Select(a => NameIn(a.Expression)).OfType<string>().ToArray();
                    Add(DbFeatureKinds.Unique, $"[Index({string.Join(", ", columns)}, IsUnique = true)] on {owner}", owner, columns, attribute, path);
                    break;
                }

                case "ConcurrencyCheck" or "Timestamp":
                    Add(DbFeatureKinds.ConcurrencyToken, $"[{name}] on {owner}", owner, [], attribute, path);
                    break;
                case "ForeignKey":
                {
                    var navigation = arguments.Select(a => NameIn(a.Expression)).OfType<string>().ToArray();
                    Add(DbFeatureKinds.ForeignKey, $"[ForeignKey({string.Join(", ", navigation)})] on {owner}", owner, navigation, attribute, path);
                    break;
                }

                case "Migration" when attribute.Parent?.Parent is ClassDeclarationSyntax:
                    Add(DbFeatureKinds.Migration, $"[Migration] {owner}", owner, [], attribute, path);
                    break;
            }
        }

        private void Add(string kind, string detail, string? owner, IReadOnlyList<string> related, SyntaxNode node, string path) =>
            Features.Add(new DbFeature(kind, detail, owner, related, MethodOf(node), path, node is InvocationExpressionSyntax invocation ? DatabaseTestReach.NameLine(invocation) : SyntaxNames.LineOf(node)));

        public DbTypeFacts ToFacts(IEnumerable<SyntaxNode> nodes)
        {
            var modifiers = nodes.OfType<BaseTypeDeclarationSyntax>().SelectMany(d => d.Modifiers).ToArray();
            return new DbTypeFacts(
                type,
                modifiers.Any(m => m.IsKind(SyntaxKind.AbstractKeyword)),
                modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword)),
                Features
                    .DistinctBy(f => (f.Kind, f.Detail, f.Path, f.Line))
                    .OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Kind, StringComparer.Ordinal).ThenBy(f => f.Detail, StringComparer.Ordinal)
                    .ToArray(),
                Written.Distinct(StringComparer.Ordinal).ToArray(),
                Read.Distinct(StringComparer.Ordinal).ToArray());
        }
    }

    /// <summary>The outermost string expressions: literals, interpolations and <c>+</c> chains of them.</summary>
    private static IEnumerable<ExpressionSyntax> StringRoots(SyntaxNode node)
    {
        // Each chain is climbed once: a piece stops at the first ancestor an earlier piece climbed through (whose root
        // was yielded then), so a generated 20,000-term concatenation stays linear.
        var climbed = new HashSet<SyntaxNode>(ReferenceEqualityComparer.Instance);
        foreach (var piece in node.DescendantsAndSelf().Where(n => n is InterpolatedStringExpressionSyntax || n.IsKind(SyntaxKind.StringLiteralExpression)))
        {
            SyntaxNode root = piece;
            var known = false;
            while (root.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } or ParenthesizedExpressionSyntax)
            {
                if (!climbed.Add(root.Parent))
                {
                    known = true;
                    break;
                }

                root = root.Parent;
            }

            if (!known && root is ExpressionSyntax expression && !IsMessageText(expression))
            {
                yield return expression;
            }
        }
    }

    private static readonly HashSet<string> MessageWriters = new(StringComparer.Ordinal)
    {
        "Write", "WriteLine", "Fail", "Assert", "Information", "Warning", "Error", "Debug", "Verbose", "Fatal", "Trace",
        "TraceInformation", "TraceWarning", "TraceError",
    };

    /// <summary>
    /// Text for people, not for the database: an exception's message (<c>new InvalidOperationException("SELECT ... FOR
    /// UPDATE needs a transaction")</c>) or a log or console line.
    /// </summary>
    private static bool IsMessageText(ExpressionSyntax root) =>
        root.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: var call } }
        && call switch
        {
            ObjectCreationExpressionSyntax creation => SyntaxNames.SimpleNameOf(creation.Type).EndsWith("Exception", StringComparison.Ordinal),
            InvocationExpressionSyntax invocation => SyntaxNames.InvokedName(invocation) is { } name
                && (name.StartsWith("Log", StringComparison.Ordinal) || MessageWriters.Contains(name)),
            _ => false,
        };

    private static string? MethodOf(SyntaxNode node) =>
        node.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;

    /// <summary>The type a <c>new</c> creates, named or (for a target-typed <c>new()</c>) declared; null when neither says.</summary>
    internal static string? CreatedName(BaseObjectCreationExpressionSyntax creation) => creation switch
    {
        ObjectCreationExpressionSyntax explicitType => SyntaxNames.SimpleNameOf(explicitType.Type),
        ImplicitObjectCreationExpressionSyntax implicitType => DeclaredTypeOf(implicitType),
        _ => null,
    };

    /// <summary>The declared type a target-typed <c>new()</c> creates: the field, property or local it initializes.</summary>
    internal static string? DeclaredTypeOf(ImplicitObjectCreationExpressionSyntax creation) => creation.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } } when declaration.Type is not IdentifierNameSyntax { IsVar: true } => SyntaxNames.SimpleNameOf(declaration.Type),
        EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => SyntaxNames.SimpleNameOf(property.Type),
        _ => null,
    };

    private static bool IsTrueOrEmpty(InvocationExpressionSyntax invocation) =>
        invocation.ArgumentList.Arguments.Count == 0 || invocation.ArgumentList.Arguments[0].Expression.IsKind(SyntaxKind.TrueLiteralExpression);

    /// <summary>The invocation and the invocations it is called on: <c>a.B().C().D()</c> from D → D, C, B.</summary>
    private static IEnumerable<InvocationExpressionSyntax> Chain(InvocationExpressionSyntax invocation)
    {
        for (ExpressionSyntax? current = invocation; current is not null;)
        {
            if (current is InvocationExpressionSyntax call)
            {
                yield return call;
                current = call.Expression;
            }
            else if (current is MemberAccessExpressionSyntax member)
            {
                current = member.Expression;
            }
            else
            {
                current = null;
            }
        }
    }

    /// <summary>
    /// The entity an EF Core configuration call is about: <c>Entity&lt;T&gt;()</c> in its chain or around it, an
    /// <c>EntityTypeBuilder&lt;T&gt;</c> parameter, or the <c>IEntityTypeConfiguration&lt;T&gt;</c> the class implements.
    /// </summary>
    private static string? EntityOf(InvocationExpressionSyntax invocation)
    {
        foreach (var call in Chain(invocation).Concat(invocation.Ancestors().OfType<InvocationExpressionSyntax>()))
        {
            if (GenericCallee(call) is { Identifier.ValueText: "Entity", TypeArgumentList.Arguments: [var entity] })
            {
                return SyntaxNames.SimpleNameOf(entity);
            }
        }

        var parameters = invocation.Ancestors().OfType<BaseMethodDeclarationSyntax>().FirstOrDefault()?.ParameterList.Parameters ?? default;
        foreach (var parameter in parameters)
        {
            if (parameter.Type is GenericNameSyntax { Identifier.ValueText: "EntityTypeBuilder" or "OwnedNavigationBuilder", TypeArgumentList.Arguments: [.., var entity] })
            {
                return SyntaxNames.SimpleNameOf(entity);
            }
        }

        var type = invocation.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        return type?.BaseList?.Types.Select(b => b.Type).OfType<GenericNameSyntax>()
            .Where(g => g.Identifier.ValueText == "IEntityTypeConfiguration" && g.TypeArgumentList.Arguments.Count == 1)
            .Select(g => SyntaxNames.SimpleNameOf(g.TypeArgumentList.Arguments[0]))
            .FirstOrDefault();
    }

    private static IEnumerable<string> RelatedEntities(InvocationExpressionSyntax invocation) =>
        Chain(invocation)
            .Select(GenericCallee)
            .Where(g => g is { Identifier.ValueText: "HasOne" or "HasMany" or "WithOne" or "WithMany" or "HasForeignKey" or "Entity" })
            .SelectMany(g => g!.TypeArgumentList.Arguments.Select(SyntaxNames.SimpleNameOf))
            .Distinct(StringComparer.Ordinal);

    private static GenericNameSyntax? GenericCallee(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } => generic,
        GenericNameSyntax generic => generic,
        _ => null,
    };

    /// <summary>The properties an index or key names: <c>o =&gt; o.Number</c>, <c>o =&gt; new { o.A, o.B }</c>, <c>"Number"</c>.</summary>
    private static IReadOnlyList<string> IndexColumns(InvocationExpressionSyntax invocation) =>
        invocation.ArgumentList.Arguments.SelectMany(a => a.Expression switch
        {
            SimpleLambdaExpressionSyntax { ExpressionBody: AnonymousObjectCreationExpressionSyntax anonymous } =>
                anonymous.Initializers.Select(i => i.NameEquals?.Name.Identifier.ValueText ?? NameIn(i.Expression)).OfType<string>(),
            SimpleLambdaExpressionSyntax { ExpressionBody: { } body } => NameIn(body) is { } single ? [single] : [],
            var other => NameIn(other) is { } name ? [name] : [],
        }).ToArray();

    private static string? NameIn(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } nameOf when nameOf.ArgumentList.Arguments.Count == 1 =>
            nameOf.ArgumentList.Arguments[0].Expression is MemberAccessExpressionSyntax m ? m.Name.Identifier.ValueText : nameOf.ArgumentList.Arguments[0].Expression.ToString(),
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        _ => null,
    };
}

/// <summary>
/// The text of a string expression as it runs (literal pieces joined, interpolations as <c>{…}</c>), with a map from
/// offsets in that text back to source lines, raw and verbatim literals included.
/// </summary>
internal sealed class SqlText
{
    private readonly List<(int Start, SyntaxToken Token, string Value)> _segments = [];
    private readonly StringBuilder _text = new();
    private int _fallbackLine;

    public string Text { get; private set; } = string.Empty;

    public static SqlText Of(ExpressionSyntax root)
    {
        var text = new SqlText { _fallbackLine = SyntaxNames.LineOf(root) };
        text.Append(root);
        text.Text = text._text.ToString();
        return text;
    }

    /// <summary>Joins the pieces left to right with an explicit stack: generated SQL can join thousands of literals.</summary>
    private void Append(ExpressionSyntax root)
    {
        var pending = new Stack<ExpressionSyntax>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                    pending.Push(binary.Right);
                    pending.Push(binary.Left);
                    break;
                case ParenthesizedExpressionSyntax parenthesized:
                    pending.Push(parenthesized.Expression);
                    break;
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    Segment(literal.Token, literal.Token.ValueText);
                    break;
                case InterpolatedStringExpressionSyntax interpolated:
                    foreach (var content in interpolated.Contents)
                    {
                        if (content is InterpolatedStringTextSyntax piece)
                        {
                            Segment(piece.TextToken, piece.TextToken.ValueText);
                        }
                        else
                        {
                            _text.Append(" {").Append(content is InterpolationSyntax i ? i.Expression.ToString() : "x").Append("} ");
                        }
                    }

                    break;
                case var other:
                    _text.Append(" {").Append(other.ToString()).Append("} ");
                    break;
            }
        }
    }

    private void Segment(SyntaxToken token, string value)
    {
        _segments.Add((_text.Length, token, value));
        _text.Append(value);
    }

    /// <summary>The source line of the character at <paramref name="offset"/> of <see cref="Text"/>.</summary>
    public int LineAt(int offset)
    {
        var index = _segments.FindLastIndex(s => s.Start <= offset);
        if (index < 0)
        {
            return _fallbackLine;
        }

        var (start, token, value) = _segments[index];
        var tokenLine = token.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
        var local = Math.Min(offset - start, value.Length);
        var lineStart = local == 0 ? 0 : value.LastIndexOf('\n', Math.Max(0, local - 1)) + 1;
        var lineEnd = value.IndexOf('\n', local);
        var needle = value[lineStart..(lineEnd < 0 ? value.Length : lineEnd)].Trim();
        var source = token.Text;

        // Raw and verbatim literals keep their line structure (a raw literal adds its opening line): start looking at
        // the value's line number, so a line repeated earlier in the literal is not taken for this one.
        var valueLine = value.AsSpan(0, lineStart).Count('\n');
        var from = 0;
        for (var seen = 0; seen < valueLine && from < source.Length; seen++)
        {
            var next = source.IndexOf('\n', from);
            if (next < 0)
            {
                from = 0;
                break;
            }

            from = next + 1;
        }

        var found = needle.Length > 0 ? source.IndexOf(needle, from, StringComparison.Ordinal) : -1;
        if (found < 0 && needle.Length > 0)
        {
            found = source.IndexOf(needle, StringComparison.Ordinal);
        }

        if (found >= 0)
        {
            return tokenLine + source.AsSpan(0, found).Count('\n');
        }

        return tokenLine + (source.Contains('\n', StringComparison.Ordinal) ? value.AsSpan(0, local).Count('\n') : 0);
    }
}
