using TestGate.Core.Configuration;
using TestGate.Core.Model;

namespace TestGate.Engine.Tests;

/// <summary>One configuration for a solution verdict: the first test project by name decides, disagreement is reported.</summary>
public sealed class SolutionConfigurationTests
{
    private static readonly LayerSetting StrictDomain = new("Domain", null, null, null, null, "95", "90", null, null);
    private static readonly LayerSetting LaxDomain = new("Domain", null, null, null, null, "60", null, null, null);

    private static ProjectConfiguration Project(string name, string? failOn = "P1", LayerSetting[]? layers = null, RuleSetting[]? rules = null) =>
        new(name, failOn, layers ?? [StrictDomain], rules ?? []);

    [Fact]
    public void No_projects_give_no_configuration_and_no_diagnostic()
    {
        var diagnostics = new List<GateDiagnostic>();

        Assert.Null(SolutionConfiguration.Consolidate([], diagnostics));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Projects_that_agree_even_in_FailOn_case_give_the_first_by_name_without_a_diagnostic()
    {
        var diagnostics = new List<GateDiagnostic>();

        var chosen = SolutionConfiguration.Consolidate(
            [Project("Shop.Domain.Tests", failOn: "p1"), Project("Shop.Api.Tests", failOn: "P1")], diagnostics);

        Assert.Equal("Shop.Api.Tests", chosen?.Project);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void An_unset_FailOn_agrees_with_an_empty_one()
    {
        var diagnostics = new List<GateDiagnostic>();

        SolutionConfiguration.Consolidate([Project("A.Tests", failOn: null), Project("B.Tests", failOn: "")], diagnostics);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Disagreeing_projects_use_the_first_by_name_and_report_a_TG0002_warning_naming_both()
    {
        var diagnostics = new List<GateDiagnostic>();

        var chosen = SolutionConfiguration.Consolidate(
            [Project("Shop.Domain.Tests", failOn: "P2"), Project("Shop.Api.Tests", failOn: "P1")], diagnostics);

        Assert.Equal("P1", chosen?.FailOn);
        Assert.Equal("Shop.Api.Tests", chosen?.Project);
        var warning = Assert.Single(diagnostics);
        Assert.Equal("TG0002", warning.Code);
        Assert.Equal(DiagnosticLevel.Warning, warning.Level);
        Assert.Contains("Shop.Api.Tests and Shop.Domain.Tests configure TestGate differently", warning.Message);
        Assert.Contains("uses Shop.Api.Tests's", warning.Message);
    }

    [Fact]
    public void Different_layers_alone_are_a_disagreement()
    {
        var diagnostics = new List<GateDiagnostic>();

        var chosen = SolutionConfiguration.Consolidate(
            [Project("B.Tests", layers: [LaxDomain]), Project("A.Tests", layers: [StrictDomain])], diagnostics);

        Assert.Equal([StrictDomain], chosen?.Layers);
        Assert.Equal("TG0002", Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void Different_rules_alone_are_a_disagreement()
    {
        var diagnostics = new List<GateDiagnostic>();

        SolutionConfiguration.Consolidate(
            [Project("A.Tests", rules: [new RuleSetting("TG0903", "None")]), Project("B.Tests")], diagnostics);

        Assert.Equal("TG0002", Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void Each_dissenting_project_is_reported_once_and_agreeing_ones_not_at_all()
    {
        var diagnostics = new List<GateDiagnostic>();

        SolutionConfiguration.Consolidate(
            [Project("C.Tests", failOn: "P0"), Project("A.Tests"), Project("B.Tests"), Project("D.Tests", failOn: "None")], diagnostics);

        Assert.Equal(2, diagnostics.Count);
        Assert.Contains("A.Tests and C.Tests", diagnostics[0].Message);
        Assert.Contains("A.Tests and D.Tests", diagnostics[1].Message);
    }

    [Fact]
    public void The_name_order_is_ordinal_so_it_does_not_depend_on_the_machine_culture()
    {
        var diagnostics = new List<GateDiagnostic>();

        var chosen = SolutionConfiguration.Consolidate([Project("a.Tests", failOn: "P2"), Project("B.Tests")], diagnostics);

        Assert.Equal("B.Tests", chosen?.Project);
    }
}
