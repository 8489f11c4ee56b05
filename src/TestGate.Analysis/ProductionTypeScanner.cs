using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Model;

namespace TestGate.Analysis;

/// <summary>
/// Lists the production types declared in source, one entry per top-level type (nested types belong to their
/// outer type, as coverage reports fold them). Partial types are reported once, at their first declaration.
/// </summary>
public static class ProductionTypeScanner
{
    public static IReadOnlyList<ProductionType> Scan(IReadOnlyList<(SourceFile File, SyntaxTree Tree)> trees)
    {
        var byName = new Dictionary<(string Assembly, string Name), ProductionType>();
        foreach (var (file, tree) in trees)
        {
            var root = tree.GetRoot();
            foreach (var declaration in root.DescendantNodes(DescendIntoTypeContainers).OfType<BaseTypeDeclarationSyntax>())
            {
                if (declaration.Parent is BaseTypeDeclarationSyntax)
                {
                    continue;
                }

                var name = FullNameOf(declaration);
                var line = declaration.Identifier.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                var found = new ProductionType(name, file.Assembly, file.Path, line, HasExecutableCode(declaration));
                var key = (file.Assembly, name);
                byName[key] = byName.TryGetValue(key, out var seen)
                    ? Earlier(seen, found) with { HasCode = seen.HasCode || found.HasCode }
                    : found;
            }
        }

        return byName.Values.OrderBy(t => t.Assembly, StringComparer.Ordinal).ThenBy(t => t.FullName, StringComparer.Ordinal).ToArray();
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
                    parts.Push(ns.Name.ToString());
                    break;
            }
        }

        return string.Join('.', parts);
    }

    /// <summary>
    /// Whether a type compiles to statements a coverage tool can measure. Interfaces, enums, delegates, positional
    /// records and auto-property bags produce none, so expecting coverage from them would be a false alarm.
    /// </summary>
    public static bool HasExecutableCode(BaseTypeDeclarationSyntax declaration)
    {
        if (declaration is not TypeDeclarationSyntax type || type is InterfaceDeclarationSyntax)
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
