using TestGate.Core.Layers;
using TestGate.Core.Model;

namespace TestGate.Core.Coverage;

/// <summary>
/// Maps production types and measured coverage to layers and sums lines and branches per layer. Pure: the inputs
/// are the source inventory (which types exist) and the merged coverage (which lines ran).
/// </summary>
public static class LayerCoverageCalculator
{
    /// <param name="testAssemblies">The assemblies the tests are made of (test projects and the libraries that serve
    /// them): coverage recorded in them is not a layer's, whatever their namespaces say.</param>
    public static CoverageAssessment Assess(
        LayerMapper mapper, IReadOnlyList<ProductionType> inventory, IReadOnlyList<CoveredType> coverage, IReadOnlySet<string>? testAssemblies = null)
    {
        var typesByLayer = mapper.Layers.ToDictionary(l => l.Name, _ => new List<ProductionType>());
        var unmapped = new List<ProductionType>();
        foreach (var type in inventory)
        {
            if (mapper.Map(type.FullName, type.Assembly, type.Path) is { } match)
            {
                typesByLayer[match.Layer.Name].Add(type);
            }
            else if (type.HasCode)
            {
                unmapped.Add(type);
            }
        }

        var measuredAssemblies = new HashSet<string>(
            coverage.Where(c => c.Assembly is not null).Select(c => c.Assembly!), StringComparer.OrdinalIgnoreCase);
        var measuredTypeNames = new HashSet<string>(coverage.Select(c => c.TypeName), StringComparer.Ordinal);
        var coverageByLayer = mapper.Layers.ToDictionary(l => l.Name, _ => new List<CoveredType>());
        foreach (var covered in coverage)
        {
            // A test-support library's code (Shop.Testing.Data) is read with the tests: not a layer's to cover.
            if (covered.Assembly is { } assembly && (TestSupportProjects.IsSupportName(assembly) || testAssemblies?.Contains(assembly) == true))
            {
                continue;
            }

            if (mapper.Map(covered.TypeName, covered.Assembly, covered.File) is { } match)
            {
                coverageByLayer[match.Layer.Name].Add(covered);
            }
        }

        var layers = mapper.Layers
            .Select(layer => Sum(layer, typesByLayer[layer.Name], coverageByLayer[layer.Name], measuredAssemblies, measuredTypeNames))
            .ToArray();
        return new CoverageAssessment(layers, unmapped.OrderBy(t => t.FullName, StringComparer.Ordinal).ToArray());
    }

    private static LayerCoverage Sum(
        LayerDefinition layer,
        List<ProductionType> types,
        List<CoveredType> coverage,
        HashSet<string> measuredAssemblies,
        HashSet<string> measuredTypeNames)
    {
        // The same file line can be reported under two types (a partial type, a type and its folded nested
        // type): it ran once, so it counts once.
        var lines = new Dictionary<(string File, int Line), LineHits>();
        foreach (var covered in coverage)
        {
            foreach (var (number, hits) in covered.Lines)
            {
                var key = (covered.File, number);
                lines[key] = lines.TryGetValue(key, out var seen)
                    ? new LineHits(Math.Max(seen.Hits, hits.Hits), Math.Max(seen.CoveredBranches, hits.CoveredBranches), Math.Max(seen.TotalBranches, hits.TotalBranches))
                    : hits;
            }
        }

        var measuredTypes = coverage
            .GroupBy(c => c.TypeName, StringComparer.Ordinal)
            .Select(g => TypeCoverageOf(g.Key, g.ToList()))
            .OrderBy(t => t.TypeName, StringComparer.Ordinal)
            .ToArray();

        // An assembly no coverage file mentions was not measured at all (excluded, not instrumented, its tests did
        // not run): its types must not count as covered, nor silently disappear.
        var unmeasured = types
            .Where(t => t.HasCode && !measuredTypeNames.Contains(t.FullName) && !measuredAssemblies.Contains(t.Assembly))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray();

        return new LayerCoverage(
            layer,
            types.OrderBy(t => t.FullName, StringComparer.Ordinal).ToArray(),
            Lines: lines.Count,
            CoveredLines: lines.Values.Count(h => h.Hits > 0),
            Branches: lines.Values.Sum(h => h.TotalBranches),
            CoveredBranches: lines.Values.Sum(h => Math.Min(h.CoveredBranches, h.TotalBranches)),
            measuredTypes,
            unmeasured);
    }

    private static TypeCoverage TypeCoverageOf(string typeName, List<CoveredType> parts)
    {
        var lines = new Dictionary<(string File, int Line), long>();
        foreach (var part in parts)
        {
            foreach (var (number, hits) in part.Lines)
            {
                var key = (part.File, number);
                lines[key] = lines.TryGetValue(key, out var seen) ? Math.Max(seen, hits.Hits) : hits.Hits;
            }
        }

        var uncovered = lines.Where(l => l.Value == 0).Select(l => l.Key)
            .OrderBy(k => k.File, StringComparer.Ordinal).ThenBy(k => k.Line)
            .Select(k => ((string File, int Line)?)k).FirstOrDefault();
        var file = uncovered?.File ?? parts.Select(p => p.File).Min(StringComparer.Ordinal)!;
        return new TypeCoverage(typeName, parts[0].Assembly, file, lines.Count, lines.Values.Count(h => h > 0), uncovered?.Line ?? 0);
    }
}
