using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Model;

namespace TestGate.Analysis;

/// <summary>
/// Lists the production types declared in source, one entry per top-level type (nested types belong to their
/// outer type, as coverage reports fold them). Partial types are reported once, at their first declaration.
/// Top-level statements are the compiler's <c>Program</c> class, so they are reported as <c>Program</c>.
/// </summary>
public static class ProductionTypeScanner
{
    public static IReadOnlyList<ProductionType> Scan(IReadOnlyList<(SourceFile File, SyntaxTree Tree)> trees)
    {
        SyntaxIndex.Prepare(trees.Select(t => t.Tree));
        var byName = new Dictionary<(string Assembly, string Name), ProductionType>();
        foreach (var (file, tree) in trees)
        {
            var root = tree.GetRoot();
            if (root is CompilationUnitSyntax { Members: var members }
                && members.OfType<GlobalStatementSyntax>().FirstOrDefault(IsTopLevelStatement) is { } statement)
            {
                // The compiler puts top-level statements into Program.<Main>$, in the global namespace.
                Add(byName, new ProductionType(TopLevelProgram, file.Assembly, file.Path, LineOf(statement.GetFirstToken()), HasCode: true));
            }

            foreach (var declaration in root.Descendants(DescendIntoTypeContainers).OfType<BaseTypeDeclarationSyntax>())
            {
                // A declaration without a name (class { ... } in a broken file) is no type anyone can cover.
                if (declaration.Parent is BaseTypeDeclarationSyntax || declaration.Identifier.IsMissing)
                {
                    continue;
                }

                var line = LineOf(declaration.Identifier);
                Add(byName, new ProductionType(FullNameOf(declaration), file.Assembly, file.Path, line, HasExecutableCode(declaration)));
            }
        }

        return byName.Values.OrderBy(t => t.Assembly, StringComparer.Ordinal).ThenBy(t => t.FullName, StringComparer.Ordinal).ToArray();
    }

    private const string TopLevelProgram = "Program";

    // Broken or binary files parse into stray statements full of errors; a real Program.cs compiles.
    private static bool IsTopLevelStatement(GlobalStatementSyntax global) =>
        global.Statement is not EmptyStatementSyntax && !global.ContainsDiagnostics;

    private static int LineOf(SyntaxToken token) => token.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private static void Add(Dictionary<(string Assembly, string Name), ProductionType> byName, ProductionType found)
    {
        var key = (found.Assembly, found.FullName);
        byName[key] = byName.TryGetValue(key, out var seen)
            ? Earlier(seen, found) with { HasCode = seen.HasCode || found.HasCode }
            : found;
    }

    private static bool DescendIntoTypeContainers(SyntaxNode node) =>
        node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax;

    private static ProductionType Earlier(ProductionType a, ProductionType b) =>
        string.CompareOrdinal(a.Path, b.Path) switch
        {
            < 0 => a,
            > 0 => b,
            _ => a.Line <= b.Line ? a : b,
        };

    public static string FullNameOf(BaseTypeDeclarationSyntax declaration)
    {
        var parts = new Stack<string>();
        parts.Push(declaration.Identifier.ValueText);
        for (var node = declaration.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case BaseTypeDeclarationSyntax outer:
                    parts.Push(outer.Identifier.ValueText);
                    break;
                case BaseNamespaceDeclarationSyntax ns:
                    parts.Push(NameOf(ns.Name));
                    break;
            }
        }

        // Names missing from broken source are empty; they must not leave ".Type" or "Ns..Type" behind.
        return string.Join('.', parts.Where(p => p.Length > 0));
    }

    /// <summary>The namespace that encloses a node, as the compiler names it (no spaces, comments or '@').</summary>
    internal static string NamespaceOf(SyntaxNode node) =>
        string.Join('.', node.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Reverse().Select(ns => NameOf(ns.Name)).Where(n => n.Length > 0));

    private static string NameOf(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => string.Join('.', new[] { NameOf(qualified.Left), NameOf(qualified.Right) }.Where(n => n.Length > 0)),
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => name.ToString(),
    };

    /// <summary>
    /// Whether a type compiles to statements a coverage tool can measure. Interfaces without default members, enums,
    /// delegates, positional records and auto-property bags produce none, so expecting coverage from them would be a
    /// false alarm.
    /// </summary>
    public static bool HasExecutableCode(BaseTypeDeclarationSyntax declaration)
    {
        // Interface members with bodies (default implementations) are code like any other.
        if (declaration is not TypeDeclarationSyntax type)
        {
            return false;
        }

        return type.Members.Any(member => member switch
        {
            BaseMethodDeclarationSyntax method => method.Body is not null || method.ExpressionBody is not null,
            PropertyDeclarationSyntax property => property.ExpressionBody is not null || property.Initializer is not null || HasAccessorBodies(property),
            IndexerDeclarationSyntax indexer => indexer.ExpressionBody is not null || HasAccessorBodies(indexer),
            EventDeclarationSyntax @event => HasAccessorBodies(@event),
            FieldDeclarationSyntax field => !field.Modifiers.Any(SyntaxKind.ConstKeyword) && field.Declaration.Variables.Any(v => v.Initializer is not null),
            TypeDeclarationSyntax nested => HasExecutableCode(nested),
            _ => false,
        });
    }

    private static bool HasAccessorBodies(BasePropertyDeclarationSyntax property) =>
        property.AccessorList?.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null) == true;
}
