namespace TestGate.Core.Layers;

/// <summary>Why a type landed in a layer, so reports can explain the mapping.</summary>
public sealed record LayerMatch(LayerDefinition Layer, string Reason);

/// <summary>
/// Assigns types to layers. Namespace patterns decide first, then assembly, then path patterns, then type-name
/// conventions. Within one kind, the pattern that matches deepest wins (<c>Shop.Api.Contracts</c> is a DTO namespace,
/// not a handler one); ties go to the layer declared first.
/// </summary>
public sealed class LayerMapper
{
    private readonly IReadOnlyList<LayerDefinition> _layers;

    public LayerMapper(IReadOnlyList<LayerDefinition> layers) => _layers = layers;

    public IReadOnlyList<LayerDefinition> Layers => _layers;

    public LayerMatch? Map(string fullTypeName, string? assembly, string? path)
    {
        var ns = Model.TypeNames.NamespaceOf(fullTypeName);
        var simpleName = Model.TypeNames.SimpleNameOf(fullTypeName);
        return Best(ns, l => l.Namespaces, "namespace")
            ?? Best(assembly, l => l.Assemblies, "assembly")
            ?? Best(path, l => l.Paths, "path")
            ?? Best(simpleName, l => l.TypeNames, "type name");
    }

    private LayerMatch? Best(string? value, Func<LayerDefinition, IReadOnlyList<GlobPattern>> patternsOf, string kind)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        LayerMatch? best = null;
        var bestDepth = -1;
        foreach (var layer in _layers)
        {
            foreach (var pattern in patternsOf(layer))
            {
                var depth = pattern.MatchDepth(value);
                if (depth > bestDepth)
                {
                    bestDepth = depth;
                    best = new LayerMatch(layer, $"{kind} '{value}' matches '{pattern.Text}'");
                }
            }
        }

        return best;
    }
}
