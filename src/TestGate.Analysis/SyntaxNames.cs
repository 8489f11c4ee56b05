using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TestGate.Analysis;

/// <summary>Names as rules compare them: simple, without namespace, generic arguments or the Attribute suffix.</summary>
public static class SyntaxNames
{
    /// <summary><c>Acme.ILogger&lt;Order&gt;</c> → <c>ILogger</c>; <c>Order?</c> → <c>Order</c>; <c>Order[]</c> → <c>Order</c>.</summary>
    public static string SimpleNameOf(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => SimpleNameOf(qualified.Right),
        AliasQualifiedNameSyntax alias => SimpleNameOf(alias.Name),
        GenericNameSyntax generic => generic.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        NullableTypeSyntax nullable => SimpleNameOf(nullable.ElementType),
        ArrayTypeSyntax array => SimpleNameOf(array.ElementType),
        PredefinedTypeSyntax predefined => predefined.Keyword.ValueText,
        _ => type.ToString(),
    };

    /// <summary>The type and, for generics, its type arguments: <c>ILogger&lt;OrderService&gt;</c> → ILogger, OrderService.</summary>
    public static IEnumerable<string> NamesIn(TypeSyntax type)
    {
        yield return SimpleNameOf(type);
        foreach (var generic in type.DescendantsAndSelf().OfType<GenericNameSyntax>())
        {
            foreach (var argument in generic.TypeArgumentList.Arguments)
            {
                yield return SimpleNameOf(argument);
            }
        }
    }

    /// <summary>The last name of an expression or type: <c>Xunit.Assert</c> → Assert; <c>LogLevel.Error</c> → Error; <c>Fixture&lt;T&gt;</c> → Fixture.</summary>
    public static string? RightmostName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The member an invocation calls: <c>a.b.SaveAsync(x)</c> → SaveAsync; <c>Foo&lt;T&gt;()</c> → Foo.</summary>
    public static string? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The distinct non-empty names, in ordinal order: how the suite model stores lists of names.</summary>
    /// <remarks>
    /// Called for every list of every test (tens of thousands of times on a large suite, mostly with zero to a few
    /// names), so it collects into a buffer reused by the thread, sorts it in place and skips neighbours that repeat:
    /// the only allocation left is the result.
    /// </remarks>
    public static IReadOnlyList<string> Sorted(IEnumerable<string> values)
    {
        // Taken, not borrowed: if enumerating the values sorts another list on this thread, that call gets its own.
        var buffer = _sortBuffer ?? [];
        _sortBuffer = null;
        try
        {
            foreach (var value in values)
            {
                if (value.Length > 0)
                {
                    buffer.Add(value);
                }
            }

            if (buffer.Count == 0)
            {
                return [];
            }

            buffer.Sort(StringComparer.Ordinal);
            var count = 1;
            for (var i = 1; i < buffer.Count; i++)
            {
                if (!string.Equals(buffer[i], buffer[count - 1], StringComparison.Ordinal))
                {
                    buffer[count++] = buffer[i];
                }
            }

            var sorted = new string[count];
            buffer.CopyTo(0, sorted, 0, count);
            return sorted;
        }
        finally
        {
            // A buffer grown by one huge list is not kept alive for the thread's lifetime.
            buffer.Clear();
            _sortBuffer = buffer.Capacity <= 4096 ? buffer : null;
        }
    }

    [ThreadStatic]
    private static List<string>? _sortBuffer;

    public static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    public static int LineOf(SyntaxToken token) => token.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    public static IEnumerable<string> StringLiteralsIn(SyntaxNode node) =>
        node.Descendants()
            .OfType<LiteralExpressionSyntax>()
            .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression))
            .Select(l => l.Token.ValueText)
            .Concat(node.Descendants().OfType<InterpolatedStringTextSyntax>().Select(t => t.TextToken.ValueText));
}
