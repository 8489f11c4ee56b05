using System.Diagnostics;
using System.Globalization;
using System.Xml;
using TestGate.Core.Coverage;
using TestGate.Coverage;

// bench/large-coverage.sh drives this app. Commands:
//   generate <path> <megabytes>   write a coverlet-shaped Cobertura file of about that size (streamed, deterministic)
//   testgate <path>               read + merge it with TestGate.Coverage, print what was found, time and peak memory
return args switch
{
    ["generate", var path, var megabytes] when int.TryParse(megabytes, out var mb) && mb > 0 => Generate(path, mb),
    ["testgate", var path] => RunTestGate(path),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: LargeCoverage generate <path> <megabytes>");
    Console.Error.WriteLine("       LargeCoverage testgate <path>");
    return 2;
}

static int Generate(string path, int megabytes)
{
    var target = (long)megabytes * 1024 * 1024;
    var stopwatch = Stopwatch.StartNew();

    // Pass 1 writes into a counting null stream to find how many types reach the size and what the totals are, so
    // pass 2 can write the root and package rates up front, as coverlet does.
    var plan = CoberturaGenerator.Plan(target);
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
    {
        CoberturaGenerator.Write(file, plan);
    }

    var size = new FileInfo(path).Length;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"generated {path}: {size:N0} bytes ({size / 1048576.0:F1} MiB), {plan.Packages.Count} packages, {plan.Classes:N0} <class> elements, " +
        $"{plan.Types:N0} source types in {plan.Files:N0} files, {plan.Totals.Lines:N0} lines ({plan.Totals.CoveredLines:N0} covered), " +
        $"{plan.Totals.Branches:N0} branches ({plan.Totals.CoveredBranches:N0} covered), {stopwatch.ElapsedMilliseconds:N0} ms"));
    return 0;
}

static int RunTestGate(string path)
{
    var stopwatch = Stopwatch.StartNew();
    var document = CoberturaReader.Read(path);
    var readMs = stopwatch.ElapsedMilliseconds;
    var merged = CoverageMerger.Merge([document]);
    var totalMs = stopwatch.ElapsedMilliseconds;

    long lines = 0, covered = 0, branches = 0, coveredBranches = 0;
    foreach (var type in merged)
    {
        foreach (var hits in type.Lines.Values)
        {
            lines++;
            covered += hits.Hits > 0 ? 1 : 0;
            branches += hits.TotalBranches;
            coveredBranches += hits.CoveredBranches;
        }
    }

    // What stays reachable once reading is done (the document and the merge result, as the gate holds them).
    var retained = GC.GetTotalMemory(forceFullCollection: true);
    GC.KeepAlive(document);
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"testgate: read {readMs} ms, read+merge {totalMs} ms; {merged.Count} types ({document.Types.Count} before merge), " +
        $"{lines} lines ({covered} covered), {branches} branches ({coveredBranches} covered); " +
        $"retained managed heap {retained / 1048576.0:F1} MiB, peak working set {self.PeakWorkingSet64 / 1048576.0:F1} MiB"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RESULT elapsed_ms={totalMs} types={merged.Count} lines={lines} covered={covered} branches={branches} covered_branches={coveredBranches} peak_ws_kb={self.PeakWorkingSet64 / 1024}"));
    return 0;
}

internal sealed record PackagePlan(string Name, int FirstType, int TypeCount, Totals Totals);

internal sealed record GenerationPlan(IReadOnlyList<PackagePlan> Packages, Totals Totals, long Types, long Classes, long Files);

internal sealed class Totals
{
    public long Lines;
    public long CoveredLines;
    public long Branches;
    public long CoveredBranches;
    public long Complexity;

    public void Add(Totals other)
    {
        Lines += other.Lines;
        CoveredLines += other.CoveredLines;
        Branches += other.Branches;
        CoveredBranches += other.CoveredBranches;
        Complexity += other.Complexity;
    }

    public string LineRate => Rate(CoveredLines, Lines);

    public string BranchRate => Rate(CoveredBranches, Branches);

    private static string Rate(long part, long whole) =>
        whole == 0 ? "1" : Math.Round((double)part / whole, 4).ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Writes what coverlet.msbuild writes for a large solution: two <c>&lt;source&gt;</c> roots, one package per
/// assembly, one source file per type, each type as a <c>&lt;class&gt;</c> with its methods (each repeating its lines)
/// and the class-level lines, plus compiler-generated nested classes in the same file (<c>Order/&lt;&gt;c</c> for
/// lambdas, <c>Order/&lt;SubmitAsync&gt;d__7</c> for async methods) and generic types (<c>Repository`1</c>). About
/// 85% of lines are hit; about one line in seven is a branch with <c>condition-coverage="50% (1/2)"</c> and its
/// <c>&lt;conditions&gt;</c>. Everything derives from the type's index, so the same size gives the same file.
/// </summary>
internal static class CoberturaGenerator
{
    private const string MainSource = "/home/build/shop/src/";
    private const string GeneratedSource = "/home/build/shop/obj/generated/";

    private static readonly string[] Areas = ["Orders", "Billing", "Catalog", "Customers", "Shipping", "Inventory", "Pricing", "Identity", "Reporting", "Search"];
    private static readonly string[] Nouns = ["Order", "Invoice", "Product", "Customer", "Shipment", "Warehouse", "Price", "Account", "Report", "Query", "Basket", "Payment", "Address", "Discount", "Refund", "Session"];
    private static readonly string[] Suffixes = ["", "Service", "Repository", "Handler", "Validator", "Mapper", "Factory", "Policy", "Controller", "Options"];
    private static readonly string[] Verbs = ["Submit", "Cancel", "Validate", "Calculate", "Load", "Save", "Map", "Find", "Apply", "Refresh", "Build", "Handle"];
    private static readonly string[] Signatures = ["()", "(System.String)", "(System.Int32,System.String)", "(System.Guid,System.Threading.CancellationToken)", "(System.Collections.Generic.IReadOnlyList`1<System.String>)"];

    public static GenerationPlan Plan(long targetBytes)
    {
        var counter = new CountingStream();
        var packages = new List<PackagePlan>();
        var totals = new Totals();
        long classes = 0;
        var type = 0;
        using (var writer = XmlWriter.Create(counter, Settings()))
        {
            // Same nesting as pass 2, so the indentation (a good part of the bytes) is counted right.
            WriteHeader(writer, new Totals());
            for (var p = 0; counter.Length < targetBytes; p++)
            {
                var packageTotals = new Totals();
                var first = type;
                var count = TypesInPackage(p);
                WritePackageStart(writer, PackageName(p), packageTotals);
                for (var t = 0; t < count && counter.Length < targetBytes; t++, type++)
                {
                    classes += WriteType(writer, type, packageTotals);
                    writer.Flush();
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
                packages.Add(new PackagePlan(PackageName(p), first, type - first, packageTotals));
                totals.Add(packageTotals);
            }
        }

        return new GenerationPlan(packages, totals, type, classes, type);
    }

    public static void Write(Stream stream, GenerationPlan plan)
    {
        using var writer = XmlWriter.Create(stream, Settings());
        WriteHeader(writer, plan.Totals);
        foreach (var package in plan.Packages)
        {
            WritePackageStart(writer, package.Name, package.Totals);
            var scratch = new Totals();
            for (var type = package.FirstType; type < package.FirstType + package.TypeCount; type++)
            {
                WriteType(writer, type, scratch);
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static void WriteHeader(XmlWriter writer, Totals totals)
    {
        writer.WriteStartDocument();
        writer.WriteStartElement("coverage");
        writer.WriteAttributeString("line-rate", totals.LineRate);
        writer.WriteAttributeString("branch-rate", totals.BranchRate);
        writer.WriteAttributeString("version", "1.9");
        writer.WriteAttributeString("timestamp", "1795677074");
        writer.WriteAttributeString("lines-covered", Text(totals.CoveredLines));
        writer.WriteAttributeString("lines-valid", Text(totals.Lines));
        writer.WriteAttributeString("branches-covered", Text(totals.CoveredBranches));
        writer.WriteAttributeString("branches-valid", Text(totals.Branches));
        writer.WriteStartElement("sources");
        writer.WriteElementString("source", MainSource);
        writer.WriteElementString("source", GeneratedSource);
        writer.WriteEndElement();
        writer.WriteStartElement("packages");
    }

    private static void WritePackageStart(XmlWriter writer, string name, Totals totals)
    {
        writer.WriteStartElement("package");
        writer.WriteAttributeString("name", name);
        writer.WriteAttributeString("line-rate", totals.LineRate);
        writer.WriteAttributeString("branch-rate", totals.BranchRate);
        writer.WriteAttributeString("complexity", Text(totals.Complexity));
        writer.WriteStartElement("classes");
    }

    private static XmlWriterSettings Settings() => new() { Indent = true, IndentChars = "  ", Encoding = new System.Text.UTF8Encoding(false) };

    private static int TypesInPackage(int package) => 150 + new Random(package * 31 + 7).Next(350);

    private static string PackageName(int package) => $"Shop.Module{package:D3}";

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes one source type (its class and its nested classes); returns how many classes it wrote.</summary>
    private static int WriteType(XmlWriter writer, int type, Totals packageTotals)
    {
        // The writer never sees the package of a type in pass 1 (it is counting only), but the name is stable anyway.
        var random = new Random(type * 7919 + 13);
        var package = PackageOf(type);
        var area = Areas[random.Next(Areas.Length)];
        var noun = Nouns[random.Next(Nouns.Length)] + Suffixes[random.Next(Suffixes.Length)];
        var generic = random.Next(12) == 0;
        var typeName = $"{package}.{area}.{noun}{type}";
        var className = generic ? typeName + "`1" : typeName;
        var generated = random.Next(10) == 0;
        var fileName = generated
            ? $"{package}/{area}/{noun}{type}.g.cs"
            : $"{package}/{area}/{noun}{type}{(generic ? "`1" : string.Empty)}.cs".Replace("`1", "OfT");

        var nextLine = 8 + random.Next(12);
        var methods = new List<Method>();
        for (int m = 0, count = 3 + random.Next(12); m < count; m++)
        {
            methods.Add(NewMethod(random, m, ref nextLine));
        }

        WriteClass(writer, className, fileName, methods, packageTotals);
        var classes = 1;

        if (random.Next(10) < 4)
        {
            var lambdas = new List<Method>();
            for (int m = 0, count = 1 + random.Next(4); m < count; m++)
            {
                lambdas.Add(NewMethod(random, m, ref nextLine, $"<{Verbs[random.Next(Verbs.Length)]}>b__{m}_0", "(System.Object)", maxLines: 3));
            }

            WriteClass(writer, className + "/<>c", fileName, lambdas, packageTotals);
            classes++;
        }

        if (random.Next(10) < 3)
        {
            var verb = Verbs[random.Next(Verbs.Length)];
            var moveNext = NewMethod(random, 0, ref nextLine, "MoveNext", "()", maxLines: 14);
            WriteClass(writer, $"{className}/<{verb}Async>d__{random.Next(20)}", fileName, [moveNext], packageTotals);
            classes++;
        }

        return classes;
    }

    private static string PackageOf(int type)
    {
        // Packages are sized deterministically, so a type's package is found by walking them.
        var first = 0;
        for (var p = 0; ; p++)
        {
            var count = TypesInPackage(p);
            if (type < first + count)
            {
                return PackageName(p);
            }

            first += count;
        }
    }

    private static Method NewMethod(Random random, int index, ref int nextLine, string? name = null, string? signature = null, int maxLines = 12)
    {
        name ??= index == 0 ? ".ctor" : random.Next(4) == 0 ? $"get_{Nouns[random.Next(Nouns.Length)]}" : $"{Verbs[random.Next(Verbs.Length)]}{Nouns[random.Next(Nouns.Length)]}";
        signature ??= Signatures[random.Next(Signatures.Length)];
        var called = random.Next(10) < 8;
        var lines = new List<Line>();
        var lineCount = 1 + random.Next(maxLines);
        for (var l = 0; l < lineCount; l++)
        {
            var number = nextLine;
            nextLine += random.Next(4) == 0 ? 2 : 1;
            var hits = called && random.Next(10) < 9 ? 1 + (long)Math.Pow(random.Next(1, 60), random.Next(1, 4)) : 0;
            if (random.Next(7) == 0)
            {
                var conditions = random.Next(3) == 0 ? 2 : 1;
                var total = conditions * 2;
                var covered = hits == 0 ? 0 : total - random.Next(total / 2 + 1);
                lines.Add(new Line(number, hits, total, covered, random.Next(5, 200)));
            }
            else
            {
                lines.Add(new Line(number, hits, 0, 0, 0));
            }
        }

        nextLine += 2 + random.Next(4);
        return new Method(name, signature, lines);
    }

    private static void WriteClass(XmlWriter writer, string name, string fileName, IReadOnlyList<Method> methods, Totals packageTotals)
    {
        var all = methods.SelectMany(m => m.Lines).OrderBy(l => l.Number).ToList();
        var classTotals = Measure(all);
        packageTotals.Add(classTotals);

        writer.WriteStartElement("class");
        writer.WriteAttributeString("name", name);
        writer.WriteAttributeString("filename", fileName);
        writer.WriteAttributeString("line-rate", classTotals.LineRate);
        writer.WriteAttributeString("branch-rate", classTotals.BranchRate);
        writer.WriteAttributeString("complexity", Text(classTotals.Complexity));
        writer.WriteStartElement("methods");
        foreach (var method in methods)
        {
            var methodTotals = Measure(method.Lines);
            writer.WriteStartElement("method");
            writer.WriteAttributeString("name", method.Name);
            writer.WriteAttributeString("signature", method.Signature);
            writer.WriteAttributeString("line-rate", methodTotals.LineRate);
            writer.WriteAttributeString("branch-rate", methodTotals.BranchRate);
            writer.WriteAttributeString("complexity", Text(methodTotals.Complexity));
            WriteLines(writer, method.Lines);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        WriteLines(writer, all);
        writer.WriteEndElement();
    }

    private static Totals Measure(IReadOnlyList<Line> lines)
    {
        var totals = new Totals { Complexity = 1 };
        foreach (var line in lines)
        {
            totals.Lines++;
            totals.CoveredLines += line.Hits > 0 ? 1 : 0;
            totals.Branches += line.Branches;
            totals.CoveredBranches += line.CoveredBranches;
            totals.Complexity += line.Branches / 2;
        }

        return totals;
    }

    private static void WriteLines(XmlWriter writer, IReadOnlyList<Line> lines)
    {
        writer.WriteStartElement("lines");
        foreach (var line in lines)
        {
            writer.WriteStartElement("line");
            writer.WriteAttributeString("number", Text(line.Number));
            writer.WriteAttributeString("hits", Text(line.Hits));
            // coverlet writes bool.ToString(): "True" / "False".
            writer.WriteAttributeString("branch", line.Branches > 0 ? "True" : "False");
            if (line.Branches > 0)
            {
                var percent = line.CoveredBranches * 100 / line.Branches;
                writer.WriteAttributeString("condition-coverage", $"{percent}% ({line.CoveredBranches}/{line.Branches})");
                writer.WriteStartElement("conditions");
                for (var c = 0; c < line.Branches / 2; c++)
                {
                    var coveredHere = Math.Clamp(line.CoveredBranches - (c * 2), 0, 2);
                    writer.WriteStartElement("condition");
                    writer.WriteAttributeString("number", Text(line.FirstCondition + (c * 12)));
                    writer.WriteAttributeString("type", "jump");
                    writer.WriteAttributeString("coverage", $"{coveredHere * 50}%");
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private sealed record Method(string Name, string Signature, List<Line> Lines);

    private sealed record Line(int Number, long Hits, int Branches, int CoveredBranches, int FirstCondition);

    /// <summary>A write-only stream that only counts bytes: pass 1 measures without touching the disk.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
