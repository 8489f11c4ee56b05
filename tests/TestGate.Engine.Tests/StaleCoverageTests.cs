using TestGate.Core.Model;

namespace TestGate.Engine.Tests;

/// <summary>Coverage that does not fit the sources on disk: never a pass with figures measured on other code.</summary>
[Trait("Category", "Integration")]
public sealed class StaleCoverageTests : IDisposable
{
    private readonly ShopRepository _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Lines_beyond_the_end_of_a_source_file_are_a_TG0001_error_naming_the_coverage_file()
    {
        // The source shrank after the tests ran: Order.cs now ends before the lines the coverage measured.
        _repo.Write("src/Domain/Order.cs", "namespace Domain;\n\npublic sealed class Order\n{\n    public int Quantity { get; set; }\n}\n");

        var run = GateRunner.Run(_repo.Inputs(_repo.FullCoverage()), _repo.Settings());

        // Both coverage files measured Order.cs; each is named, so the user knows which results to regenerate.
        var errors = run.Verdict.Diagnostics.Where(d => d.Code == "TG0001" && d.Level == DiagnosticLevel.Error).ToArray();
        Assert.Equal(2, errors.Length);
        Assert.All(errors, e => Assert.Contains("of src/Domain/Order.cs, which has only 7 lines", e.Message));
        Assert.Equal(
            [ShopRepository.CoveragePathOf(ShopRepository.IntegrationTests), ShopRepository.CoveragePathOf(ShopRepository.UnitTests)],
            errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.False(run.Verdict.Passed);
    }

    [Fact]
    public void A_measured_source_deleted_from_the_repository_is_a_TG0001_error()
    {
        var coverage = _repo.FullCoverage();
        File.Delete(_repo.Full("src/Application/OrderService.cs"));
        _repo.Write("src/Application/OrderWorkflow.cs", "namespace Application;\n\npublic sealed class OrderWorkflow\n{\n    public int Run() => 1;\n}\n");

        var run = GateRunner.Run(
            _repo.Inputs(coverage, [_repo.Production("src/Domain/Order.cs", "Domain"), _repo.Production("src/Application/OrderWorkflow.cs", "Application")]),
            _repo.Settings());

        var error = Assert.Single(run.Verdict.Diagnostics, d => d.Code == "TG0001" && d.Message.Contains("no longer exists"));
        Assert.Equal(DiagnosticLevel.Error, error.Level);
        Assert.Contains("src/Application/OrderService.cs", error.Message);
        Assert.False(run.Verdict.Passed);
    }

    [Fact]
    public void Sources_outside_the_repository_are_a_warning_and_still_count_by_type_name()
    {
        var coverage = _repo.FullCoverage()
            .Select(c => new CoverageInput(c.Path, c.Project))
            .ToArray();
        foreach (var input in coverage)
        {
            // Absolute names and the collector's root-relative names ("tmp/...") both move to another machine's checkout.
            File.WriteAllText(input.Path, File.ReadAllText(input.Path).Replace(_repo.Root.TrimStart('/'), "_/build-agent/checkout"));
        }

        var run = GateRunner.Run(_repo.Inputs(coverage), _repo.Settings());

        Assert.Contains(run.Verdict.Diagnostics, d => d.Code == "TG0001" && d.Level == DiagnosticLevel.Warning && d.Message.Contains("do not exist on this machine"));
        Assert.DoesNotContain(run.Verdict.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal(1.0, run.Verdict.Layers.Single(l => l.Layer.Name == "Domain").LineRate);
        Assert.True(run.Verdict.Passed);
        Assert.NotEqual("Testing standards satisfied.", run.Verdict.Summary);
    }

    [Fact]
    public void Source_generated_files_that_exist_only_in_the_compilation_are_not_stale()
    {
        var coverage = _repo.FullCoverage();
        var generated = _repo.Full("src/Domain/obj/Debug/net8.0/System.Text.RegularExpressions.Generator/RegexGenerator.g.cs");
        File.WriteAllText(coverage[0].Path, File.ReadAllText(coverage[0].Path).Replace(
            "</classes>",
            $"<class name=\"Domain.Order\" filename=\"{generated}\"><lines><line number=\"1\" hits=\"1\" /></lines></class></classes>"));

        var run = GateRunner.Run(_repo.Inputs(coverage), _repo.Settings());

        Assert.DoesNotContain(run.Verdict.Diagnostics, d => d.Code == "TG0001");
    }

    [Fact]
    public void Coverage_that_fits_the_sources_raises_nothing()
    {
        var run = GateRunner.Run(_repo.Inputs(_repo.FullCoverage()), _repo.Settings());

        Assert.DoesNotContain(run.Verdict.Diagnostics, d => d.Code == "TG0001");
    }
}
