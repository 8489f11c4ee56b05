using System.Globalization;
using System.Xml;
using TestGate.Core.Coverage;

namespace TestGate.Coverage;

/// <summary>
/// Reads a Cobertura file (coverlet, coverlet.collector, Microsoft "Code Coverage;Format=cobertura") in one forward
/// pass. Rates are recomputed from the line data later: the <c>line-rate</c> attributes are ignored because producers
/// disagree on them and some write them with the machine's decimal comma. DTDs are refused outright and nothing is
/// ever resolved, so a hostile file cannot expand entities or reach the network or disk.
/// </summary>
public static class CoberturaReader
{
    public static CoverageDocument Read(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CoverageReadException(path, $"Coverage file could not be opened: {ex.Message}", inner: ex);
        }

        using (stream)
        {
            if (stream.Length == 0)
            {
                throw new CoverageReadException(path, "Coverage file is empty: the test run that should have written it probably crashed or was cancelled. Run the tests again.");
            }

            return Read(stream, path);
        }
    }

    public static CoverageDocument Read(Stream stream, string path)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            MaxCharactersFromEntities = 1024,
            CloseInput = false,
        };

        using var reader = XmlReader.Create(stream, settings);
        try
        {
            return new Parser(reader, path).Parse();
        }
        catch (XmlException ex)
        {
            throw new CoverageReadException(path, Explain(ex), ex.LineNumber > 0 ? ex.LineNumber : null, ex);
        }
    }

    private static string Explain(XmlException ex)
    {
        var where = ex.LineNumber > 0 ? $" (line {ex.LineNumber}, position {ex.LinePosition})" : string.Empty;
        if (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return $"Coverage file contains a document type declaration (DTD){where}. Cobertura never needs one, and TestGate refuses them because they can expand entities or reach external resources. Regenerate the file with the coverage tool.";
        }

        if (ex.Message.Contains("end of file", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("Root element is missing", StringComparison.Ordinal))
        {
            return $"Coverage file is truncated{where}: it ends before the XML is complete. The run that wrote it was probably interrupted; run the tests again.";
        }

        return $"Coverage file is not well-formed XML{where}: {ex.Message}";
    }

    /// <summary>
    /// Walks the element tree keeping only what coverage needs. Class-level <c>&lt;lines&gt;</c> are authoritative;
    /// method-level lines repeat them (coverlet) and are used only for a class that has no class-level lines.
    /// </summary>
    private sealed class Parser(XmlReader reader, string path)
    {
        private readonly List<string> _sources = [];
        private readonly Dictionary<(string Type, string? Assembly, string File), Dictionary<int, LineHits>> _types = [];
        private readonly List<(string Type, string? Assembly, string FileName)> _classes = [];

        public CoverageDocument Parse()
        {
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "coverage")
            {
                throw Invalid($"Not a Cobertura coverage file: the root element is <{reader.LocalName}>, expected <coverage>. Set CoverletOutputFormat (or the collector's Format) to cobertura.");
            }

            if (reader.IsEmptyElement)
            {
                return Finish();
            }

            var rootDepth = reader.Depth;
            string? package = null;
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == rootDepth)
                {
                    break;
                }

                if (reader.NodeType == XmlNodeType.Element)
                {
                    switch (reader.LocalName)
                    {
                        case "source":
                            // ReadElementContentAsString already moves past </source>, onto the next node (often the
                            // next <source>): reading again here would skip it.
                            var source = reader.ReadElementContentAsString();
                            if (!string.IsNullOrWhiteSpace(source))
                            {
                                _sources.Add(source.Trim());
                            }

                            continue;
                        case "package":
                            package = CoverageClassNames.AssemblyOf(reader.GetAttribute("name"));
                            break;
                        case "class":
                            ReadClass(package);
                            break;
                    }
                }

                reader.Read();
            }

            return Finish();
        }

        private void ReadClass(string? assembly)
        {
            var name = reader.GetAttribute("name");
            var fileName = reader.GetAttribute("filename");
            if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(fileName))
            {
                throw Invalid("A <class> element has no name or filename attribute; every Cobertura class needs both.");
            }

            var classLines = new Dictionary<int, LineHits>();
            var methodLines = new Dictionary<int, LineHits>();
            if (!reader.IsEmptyElement)
            {
                var classDepth = reader.Depth;
                var inMethods = false;
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.EndElement)
                    {
                        if (reader.Depth == classDepth)
                        {
                            break;
                        }

                        if (reader.LocalName == "methods")
                        {
                            inMethods = false;
                        }

                        continue;
                    }

                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }

                    if (reader.LocalName == "methods" && !reader.IsEmptyElement)
                    {
                        inMethods = true;
                    }
                    else if (reader.LocalName == "line")
                    {
                        var (number, hits) = ReadLine();
                        var target = inMethods ? methodLines : classLines;
                        target[number] = target.TryGetValue(number, out var seen) ? Max(seen, hits) : hits;
                    }
                }
            }

            var key = (CoverageClassNames.Fold(name), assembly, fileName.Trim());
            var lines = classLines.Count > 0 ? classLines : methodLines;
            if (!_types.TryGetValue(key, out var existing))
            {
                _types[key] = lines;
                _classes.Add(key);
                return;
            }

            // The same source type split over several <class> elements (nested or compiler-generated types) covers
            // disjoint lines; where a line repeats it was measured once, so the larger figure stands.
            foreach (var (number, hits) in lines)
            {
                existing[number] = existing.TryGetValue(number, out var seen) ? Max(seen, hits) : hits;
            }
        }

        private (int Number, LineHits Hits) ReadLine()
        {
            var numberText = reader.GetAttribute("number");
            if (!int.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
            {
                throw Invalid($"A <line> element has an invalid number attribute '{numberText}'; expected a positive integer.");
            }

            var hitsText = reader.GetAttribute("hits");
            if (!long.TryParse(hitsText, NumberStyles.None, CultureInfo.InvariantCulture, out var hits))
            {
                // Some producers overflow or write a float for very hot lines; any positive number means it ran.
                if (!double.TryParse(hitsText?.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var approximate) || approximate < 0)
                {
                    throw Invalid($"Line {number} has an invalid hits attribute '{hitsText}'; expected a non-negative integer.");
                }

                hits = approximate >= long.MaxValue ? long.MaxValue : (long)Math.Ceiling(approximate);
            }

            var (covered, total) = string.Equals(reader.GetAttribute("branch"), "true", StringComparison.OrdinalIgnoreCase)
                ? ConditionCoverage.Parse(reader.GetAttribute("condition-coverage"))
                : (0, 0);
            return (number, new LineHits(hits, covered, total));
        }

        private static LineHits Max(LineHits a, LineHits b) =>
            new(Math.Max(a.Hits, b.Hits), Math.Max(a.CoveredBranches, b.CoveredBranches), Math.Max(a.TotalBranches, b.TotalBranches));

        private CoverageDocument Finish()
        {
            var types = _classes
                .Select(key => new CoveredType(key.Type, key.Assembly, CoveragePaths.Resolve(key.FileName, _sources), _types[key]))
                .ToArray();
            return new CoverageDocument(path, types);
        }

        private CoverageReadException Invalid(string message) =>
            new(path, message, reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null);
    }
}
