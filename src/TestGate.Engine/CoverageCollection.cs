using TestGate.Core.Coverage;
using TestGate.Core.Model;
using TestGate.Coverage;

namespace TestGate.Engine;

/// <summary>
/// Turns the expected coverage files into the merged coverage of the production code: every file read, checked
/// against the sources it claims to measure, restricted to production assemblies, merged, and made repository-relative.
/// Each problem is a TG0001 diagnostic naming the coverage file; nothing is dropped silently.
/// </summary>
public static class CoverageCollection
{
    public static IReadOnlyList<CoveredType> Collect(
        GateInputs inputs,
        RepositoryPaths paths,
        IReadOnlyDictionary<string, int> sourceLineCounts,
        List<GateDiagnostic> diagnostics)
    {
        var testAssemblies = inputs.TestSources.Select(s => s.Assembly).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var productionAssemblies = inputs.ProductionSources.Select(s => s.Assembly).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ignoredAssemblies = new SortedSet<string>(StringComparer.Ordinal);

        // Collectors differ in what they instrument: Microsoft's measures the test assemblies too, coverlet can
        // include third-party assemblies. Only the solution's production assemblies count; test code must never
        // raise a layer.
        bool IsProduction(CoveredType type)
        {
            var counts = type.Assembly is not { } assembly
                ? productionAssemblies.Count == 0
                : !testAssemblies.Contains(assembly) && (productionAssemblies.Count == 0 || productionAssemblies.Contains(assembly));
            if (!counts)
            {
                ignoredAssemblies.Add(type.Assembly ?? "(no assembly)");
            }

            return counts;
        }

        var documents = new List<CoverageDocument>();
        foreach (var document in Read(inputs.Coverage, paths, diagnostics))
        {
            var production = document with { Types = document.Types.Where(IsProduction).ToArray() };
            CheckAgainstSources(production, paths, sourceLineCounts, diagnostics);
            documents.Add(production);
        }

        if (ignoredAssemblies.Count > 0)
        {
            diagnostics.Add(new GateDiagnostic(
                DiagnosticCodes.NoInputs, DiagnosticLevel.Message,
                $"Coverage of assemblies that are not production code of the tested projects was ignored: {string.Join(", ", ignoredAssemblies)}."));
        }

        return CoverageMerger.Merge(documents)
            .Select(t => t with { File = paths.Relative(t.File) })
            .ToArray();
    }

    private static IEnumerable<CoverageDocument> Read(IReadOnlyList<CoverageInput> inputs, RepositoryPaths paths, List<GateDiagnostic> diagnostics)
    {
        foreach (var input in inputs.DistinctBy(i => Path.GetFullPath(i.Path)).OrderBy(i => i.Path, StringComparer.Ordinal))
        {
            if (!File.Exists(input.Path))
            {
                diagnostics.Add(new GateDiagnostic(
                    DiagnosticCodes.CoverageUnreadable, DiagnosticLevel.Warning,
                    $"Expected coverage file was not produced{(input.Project is null ? string.Empty : $" by {input.Project}")}: did its tests run with coverage? Layers it should have measured are reported as TG0902.",
                    paths.Relative(input.Path)));
                continue;
            }

            CoverageDocument document;
            try
            {
                document = CoberturaReader.Read(input.Path);
            }
            catch (CoverageReadException ex)
            {
                diagnostics.Add(new GateDiagnostic(
                    DiagnosticCodes.CoverageUnreadable, DiagnosticLevel.Error, ex.Message, paths.Relative(ex.FilePath), ex.Line));
                continue;
            }

            yield return document;
        }
    }

    /// <summary>
    /// Coverage that does not fit the sources measured something else: a line beyond the end of a file means the
    /// file changed since the tests ran (an error: the figures would be wrong); a measured file that is gone from the
    /// repository was deleted or renamed (an error). Files outside the repository usually come from another machine or
    /// from deterministic build paths (<c>/_/src/...</c>): they still map to layers by name, so that is a warning.
    /// </summary>
    private static void CheckAgainstSources(
        CoverageDocument document, RepositoryPaths paths, IReadOnlyDictionary<string, int> sourceLineCounts, List<GateDiagnostic> diagnostics)
    {
        var coveragePath = paths.Relative(document.SourcePath);
        var elsewhere = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in document.Types.GroupBy(t => t.File, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var lastLine = file.SelectMany(t => t.Lines.Keys).DefaultIfEmpty(0).Max();
            if (sourceLineCounts.TryGetValue(file.Key, out var lineCount))
            {
                if (lastLine > lineCount)
                {
                    diagnostics.Add(new GateDiagnostic(
                        DiagnosticCodes.CoverageUnreadable, DiagnosticLevel.Error,
                        $"Coverage measures line {lastLine} of {paths.Relative(file.Key)}, which has only {lineCount} lines: the coverage was produced from a different version of the source. Run the tests again on this commit.",
                        coveragePath));
                }
            }
            // Source generators (Regex, LoggerMessage, ...) emit files that exist only in the compilation.
            else if (!File.Exists(file.Key) && !TestGate.Analysis.GeneratedCode.IsGeneratedPath(file.Key))
            {
                if (paths.Contains(file.Key))
                {
                    diagnostics.Add(new GateDiagnostic(
                        DiagnosticCodes.CoverageUnreadable, DiagnosticLevel.Error,
                        $"Coverage measures {paths.Relative(file.Key)}, which no longer exists: the coverage is older than the sources. Run the tests again on this commit.",
                        coveragePath));
                }
                else
                {
                    elsewhere.Add(file.Key);
                }
            }
        }

        if (elsewhere.Count > 0)
        {
            diagnostics.Add(new GateDiagnostic(
                DiagnosticCodes.CoverageUnreadable, DiagnosticLevel.Warning,
                $"Coverage names {elsewhere.Count} source file(s) that do not exist on this machine (first: {elsewhere.Min}); they are mapped to layers by type name only. Coverage from another machine or from deterministic build paths (/_/) needs the same checkout path or coverlet's source mapping.",
                coveragePath));
        }
    }
}
