using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace TestGate.Analysis;

/// <summary>
/// Every node of a syntax tree in document order, with the end of each node's subtree, read in one walk. The rule
/// families look at the same test bodies many times; Roslyn's <c>DescendantNodes()</c> walks the tree again each time
/// (about as costly as parsing it), while a slice of this array costs almost nothing. Built once per tree, on first
/// use, and safe to share between threads. The array also keeps the tree's nodes alive, so a node stays the same
/// object (and the same dictionary key) for as long as the tree is analysed. A node is found by binary search on its
/// start: in document order starts never decrease, and only a short chain of nodes shares one.
/// </summary>
public sealed class SyntaxIndex
{
    private static readonly ConditionalWeakTable<SyntaxTree, Lazy<SyntaxIndex>> Indexes = new();

    private readonly SyntaxNode[] _nodes;
    private readonly int[] _starts;
    private readonly int[] _ends;
    private readonly int _count;

    private SyntaxIndex(SyntaxNode root)
    {
        // Sized from the text (C# has about one node per ten characters) and grown by doubling; trimmed only when mostly
        // empty, since copying the arrays to their exact size would allocate as much again.
        _nodes = new SyntaxNode[Math.Max(16, root.FullSpan.Length / 10)];
        _starts = new int[_nodes.Length];
        _ends = new int[_nodes.Length];
        var open = new Stack<int>();
        foreach (var node in root.DescendantNodesAndSelf())
        {
            // Pre-order: every open node that is not this node's parent has no more descendants.
            while (open.Count > 0 && !ReferenceEquals(_nodes[open.Peek()], node.Parent))
            {
                _ends[open.Pop()] = _count;
            }

            if (_count == _nodes.Length)
            {
                Array.Resize(ref _nodes, _count * 2);
                Array.Resize(ref _starts, _count * 2);
                Array.Resize(ref _ends, _count * 2);
            }

            open.Push(_count);
            _nodes[_count] = node;
            _starts[_count] = node.FullSpan.Start;
            _count++;
        }

        while (open.Count > 0)
        {
            _ends[open.Pop()] = _count;
        }

        // The index lives as long as its tree: a text that holds few nodes (one huge literal) is not left half empty.
        if (_count < _nodes.Length / 2)
        {
            Array.Resize(ref _nodes, _count);
            Array.Resize(ref _starts, _count);
            Array.Resize(ref _ends, _count);
        }
    }

    /// <summary>Where a node is in <see cref="_nodes"/>; false for a node of another tree.</summary>
    private bool TryFind(SyntaxNode node, out int index)
    {
        var start = node.FullSpan.Start;
        var (low, high) = (0, _count);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (_starts[middle] < start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (index = low; index < _count && _starts[index] == start; index++)
        {
            if (ReferenceEquals(_nodes[index], node))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Builds the indexes of many trees at once, in parallel (reading a tree's nodes the first time is the costly part).</summary>
    public static void Prepare(IEnumerable<SyntaxTree> trees) => Parallel.ForEach(trees, tree => Of(tree));

    /// <summary>The index of a node's tree, built on first use.</summary>
    public static SyntaxIndex Of(SyntaxNode node) => Of(node.SyntaxTree);

    public static SyntaxIndex Of(SyntaxTree tree) =>
        Indexes.GetValue(tree, t => new Lazy<SyntaxIndex>(() => new SyntaxIndex(t.GetRoot()))).Value;

    /// <summary>The same nodes as <c>node.DescendantNodes()</c>, in the same order: a slice of the index, not a copy.</summary>
    public ArraySegment<SyntaxNode> Descendants(SyntaxNode node) =>
        TryFind(node, out var i) ? new ArraySegment<SyntaxNode>(_nodes, i + 1, _ends[i] - i - 1) : node.DescendantNodes().ToArray();

    /// <summary>The same nodes as <c>node.DescendantNodesAndSelf()</c>, in the same order: a slice of the index, not a copy.</summary>
    public ArraySegment<SyntaxNode> DescendantsAndSelf(SyntaxNode node) =>
        TryFind(node, out var i) ? new ArraySegment<SyntaxNode>(_nodes, i, _ends[i] - i) : node.DescendantNodesAndSelf().ToArray();

    /// <summary>
    /// The same nodes as <c>node.DescendantNodes(descendIntoChildren)</c>: a node for which the predicate is false is
    /// still returned, its subtree is not; as in Roslyn, the predicate is asked about <paramref name="node"/> itself first.
    /// </summary>
    public IEnumerable<SyntaxNode> Descendants(SyntaxNode node, Func<SyntaxNode, bool> descendIntoChildren, bool includeSelf = false)
    {
        if (!TryFind(node, out var start))
        {
            return includeSelf ? node.DescendantNodesAndSelf(descendIntoChildren) : node.DescendantNodes(descendIntoChildren);
        }

        return Walk(start, descendIntoChildren, includeSelf);
    }

    private IEnumerable<SyntaxNode> Walk(int start, Func<SyntaxNode, bool> descendIntoChildren, bool includeSelf)
    {
        if (includeSelf)
        {
            yield return _nodes[start];
        }

        if (!descendIntoChildren(_nodes[start]))
        {
            yield break;
        }

        var end = _ends[start];
        for (var i = start + 1; i < end;)
        {
            var node = _nodes[i];
            yield return node;
            i = descendIntoChildren(node) ? i + 1 : _ends[i];
        }
    }
}

/// <summary>
/// Drop-in replacements for Roslyn's <c>DescendantNodes</c> family that read the tree's <see cref="SyntaxIndex"/>
/// instead of walking the tree again. Use these in analysis code.
/// </summary>
public static class SyntaxIndexExtensions
{
    // A struct slice: `foreach` over it allocates nothing, and it can be kept as a list without copying.
    public static ArraySegment<SyntaxNode> Descendants(this SyntaxNode node) => SyntaxIndex.Of(node).Descendants(node);

    public static IEnumerable<SyntaxNode> Descendants(this SyntaxNode node, Func<SyntaxNode, bool> descendIntoChildren) =>
        SyntaxIndex.Of(node).Descendants(node, descendIntoChildren);

    public static ArraySegment<SyntaxNode> DescendantsAndSelf(this SyntaxNode node) => SyntaxIndex.Of(node).DescendantsAndSelf(node);

    public static IEnumerable<SyntaxNode> DescendantsAndSelf(this SyntaxNode node, Func<SyntaxNode, bool> descendIntoChildren) =>
        SyntaxIndex.Of(node).Descendants(node, descendIntoChildren, includeSelf: true);
}
