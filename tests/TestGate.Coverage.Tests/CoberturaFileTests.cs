using TestGate.Core.Coverage;

namespace TestGate.Coverage.Tests;

/// <summary>Real files written by coverlet.msbuild, coverlet.collector and Microsoft's collector, and broken files on disk.</summary>
[Trait("Category", "Integration")]
public sealed class CoberturaFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("testgate-coverage-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static (int Lines, int Covered, int CoveredBranches, int Branches) Totals(CoveredType type) =>
        (type.Lines.Count, type.Lines.Values.Count(h => h.Hits > 0), type.Lines.Values.Sum(h => h.CoveredBranches), type.Lines.Values.Sum(h => h.TotalBranches));

    [Fact]
    public void Coverlet_msbuild_file_resolves_sources_and_counts_lines_and_branches()
    {
        var document = CoberturaReader.Read(Fixture("coverlet-msbuild.cobertura.xml"));

        var order = Assert.Single(document.Types, t => t.TypeName == "Domain.Order");
        Assert.Equal("Domain", order.Assembly);
        Assert.Equal("/repo/src/Domain/Order.cs", order.File);
        Assert.Equal((21, 6, 1, 8), Totals(order));
        var service = Assert.Single(document.Types, t => t.TypeName == "Application.OrderService");
        Assert.Equal((4, 4, 0, 0), Totals(service));
    }

    [Fact]
    public void Coverlet_collector_file_with_root_source_and_relative_names_resolves_to_absolute_paths()
    {
        var order = Assert.Single(CoberturaReader.Read(Fixture("coverlet-collector.cobertura.xml")).Types);

        Assert.Equal("/repo/src/Domain/Order.cs", order.File);
        Assert.Equal((21, 21, 8, 8), Totals(order));
    }

    [Fact]
    public void Microsoft_code_coverage_file_folds_generated_classes_and_keeps_assemblies()
    {
        var document = CoberturaReader.Read(Fixture("microsoft-codecoverage.cobertura.xml"));

        Assert.Equal(
            ["Domain.Order", "Domain.UnitTests.OrderRulesTests", "Domain.UnitTests.OrderTests"],
            document.Types.Select(t => t.TypeName).Order(StringComparer.Ordinal));
        Assert.Equal((21, 21, 8, 8), Totals(document.Types.Single(t => t.TypeName == "Domain.Order")));
        // The lambdas' classes (<>c, <>c__DisplayClass2_0) report lines the test class already has.
        Assert.Equal((9, 9, 2, 2), Totals(document.Types.Single(t => t.TypeName == "Domain.UnitTests.OrderRulesTests")));
    }

    [Fact]
    public void Unit_and_collector_runs_merge_into_full_coverage_of_the_shared_type()
    {
        var merged = CoverageMerger.Merge(
        [
            CoberturaReader.Read(Fixture("coverlet-msbuild.cobertura.xml")),
            CoberturaReader.Read(Fixture("coverlet-collector.cobertura.xml")),
        ]);

        Assert.Equal((21, 21, 8, 8), Totals(merged.Single(t => t.TypeName == "Domain.Order")));
        Assert.Equal(2, merged.Count);
    }

    [Fact]
    public void Every_source_root_is_tried_not_only_the_first_or_every_other()
    {
        var second = Path.Combine(_directory, "second");
        var third = Path.Combine(_directory, "third");
        Directory.CreateDirectory(Path.Combine(third, "Domain"));
        File.WriteAllText(Path.Combine(third, "Domain", "Order.cs"), "namespace Domain;\n");
        var path = Path.Combine(_directory, "roots.xml");
        File.WriteAllText(path, $"""
            <coverage>
              <sources><source>{_directory}/first/</source><source>{second}/</source><source>{third}/</source></sources>
              <packages><package name="Domain"><classes>
                <class name="Domain.Order" filename="Domain/Order.cs"><lines><line number="1" hits="1" /></lines></class>
              </classes></package></packages>
            </coverage>
            """);

        var order = Assert.Single(CoberturaReader.Read(path).Types);

        Assert.Equal($"{third}/Domain/Order.cs", order.File);
    }

    [Fact]
    public void An_empty_file_says_it_is_empty()
    {
        var path = Path.Combine(_directory, "empty.xml");
        File.WriteAllText(path, string.Empty);

        var error = Assert.Throws<CoverageReadException>(() => CoberturaReader.Read(path));

        Assert.Contains("empty", error.Message);
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void A_missing_file_says_it_could_not_be_opened()
    {
        var path = Path.Combine(_directory, "absent.xml");

        var error = Assert.Throws<CoverageReadException>(() => CoberturaReader.Read(path));

        Assert.Contains("could not be opened", error.Message);
    }

    [Fact]
    public void A_file_cut_in_the_middle_of_a_real_report_is_truncated()
    {
        var full = File.ReadAllText(Fixture("coverlet-msbuild.cobertura.xml"));
        var path = Path.Combine(_directory, "truncated.xml");
        File.WriteAllText(path, full[..(full.Length / 2)]);

        var error = Assert.Throws<CoverageReadException>(() => CoberturaReader.Read(path));

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void An_external_entity_pointing_at_a_real_file_is_never_read()
    {
        var secret = Path.Combine(_directory, "secret.txt");
        File.WriteAllText(secret, "TOP-SECRET");
        var path = Path.Combine(_directory, "xxe.xml");
        File.WriteAllText(path, $"""
            <?xml version="1.0"?>
            <!DOCTYPE coverage [ <!ENTITY s SYSTEM "file://{secret}"> ]>
            <coverage><sources><source>&s;</source></sources></coverage>
            """);

        var error = Assert.Throws<CoverageReadException>(() => CoberturaReader.Read(path));

        Assert.Contains("DTD", error.Message);
        Assert.DoesNotContain("TOP-SECRET", error.Message);
    }

    [Fact]
    public void A_file_being_written_by_another_process_can_still_be_read()
    {
        var path = Path.Combine(_directory, "shared.xml");
        File.Copy(Fixture("coverlet-collector.cobertura.xml"), path);
        using var writer = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);

        Assert.Single(CoberturaReader.Read(path).Types);
    }
}
