using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TestGate.Analysis.Tests;

/// <summary>
/// The index must return exactly what Roslyn's walks return, node for node and in the same order, or every rule
/// that reads it would silently see a different test body.
/// </summary>
public sealed class SyntaxIndexTests
{
    private const string Suite = """
        namespace Shop.Tests;

        public class OrderTests
        {
            private readonly Mock<IClock> _clock = new();

            [Fact]
            public async Task Pays_once()
            {
                var order = Make(() => new Order(1, "a" + "b"));
                await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => order.PayAsync()));
                Assert.Equal(1, order.Payments.Count);
            }

            private static Order Make(Func<Order> create) => create();

            public class Nested
            {
                [Fact] public void Inner() => Assert.True(x is { Length: > 0 } ? y : z);
            }
        }
        """;

    private const string Broken = """
        namespace Shop.Tests
        public class { void M( { var x = new (; if (
        """;

    public static TheoryData<string> Sources => new() { Suite, Broken, "" };

    [Theory]
    [MemberData(nameof(Sources))]
    public void Descendants_of_every_node_match_roslyn(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();

        foreach (var node in root.DescendantNodesAndSelf())
        {
            Assert.Equal(node.DescendantNodes(), node.Descendants());
            Assert.Equal(node.DescendantNodesAndSelf(), node.DescendantsAndSelf());
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Descendants_with_a_descend_predicate_match_roslyn(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        Func<SyntaxNode, bool>[] predicates =
        [
            n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax,
            n => n is not LambdaExpressionSyntax,
            n => n is not (BlockSyntax or ArrowExpressionClauseSyntax),
            _ => false,
        ];

        foreach (var node in root.DescendantNodesAndSelf())
        {
            foreach (var descend in predicates)
            {
                Assert.Equal(node.DescendantNodes(descend), node.Descendants(descend));
                Assert.Equal(node.DescendantNodesAndSelf(descend), node.DescendantsAndSelf(descend));
            }
        }
    }

    [Fact]
    public void Index_is_built_once_per_tree_and_shared_between_threads()
    {
        var tree = CSharpSyntaxTree.ParseText(Suite);

        var indexes = Enumerable.Range(0, 8).AsParallel().Select(_ => SyntaxIndex.Of(tree)).ToArray();

        Assert.All(indexes, index => Assert.Same(indexes[0], index));
    }

    [Fact]
    public void A_node_of_another_tree_falls_back_to_roslyn()
    {
        var indexed = CSharpSyntaxTree.ParseText(Suite);
        var other = CSharpSyntaxTree.ParseText("class C { void M() { N(); } }").GetRoot();
        var method = other.DescendantNodes().OfType<MethodDeclarationSyntax>().Single();

        Assert.Equal(method.DescendantNodes(), SyntaxIndex.Of(indexed).Descendants(method));
    }
}
