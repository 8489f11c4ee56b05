using TestGate.Core.Configuration;
using TestGate.Core.Layers;
using TestGate.Core.Model;

namespace TestGate.Core.Tests.Configuration;

public class GateConfigurationTests
{
    private static LayerSetting Setting(
        string name,
        string? namespaces = null,
        string? assemblies = null,
        string? paths = null,
        string? typeNames = null,
        string? minLine = null,
        string? minBranch = null,
        string? severity = null,
        string? testType = null) =>
        new(name, namespaces, assemblies, paths, typeNames, minLine, minBranch, severity, testType);

    private static (LayerDefinition Layer, List<GateDiagnostic> Diagnostics) One(LayerSetting setting)
    {
        var diagnostics = new List<GateDiagnostic>();
        var layers = GateConfiguration.Layers([setting], diagnostics);
        return (Assert.Single(layers), diagnostics);
    }

    private static void AssertInvalidConfiguration(GateDiagnostic diagnostic, params string[] mentions)
    {
        Assert.Equal("TG0002", diagnostic.Code);
        Assert.Equal(DiagnosticLevel.Error, diagnostic.Level);
        foreach (var mention in mentions)
        {
            Assert.Contains(mention, diagnostic.Message);
        }
    }

    [Fact]
    public void No_layer_settings_means_the_default_layers()
    {
        var diagnostics = new List<GateDiagnostic>();

        Assert.Same(DefaultLayers.All, GateConfiguration.Layers([], diagnostics));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Pattern_lists_split_on_semicolons_and_commas_and_are_trimmed()
    {
        var (layer, diagnostics) = One(Setting("Core", namespaces: " Shop.Core; Shop.Kernel ,Shop.Shared;; ", typeNames: "*Policy"));

        Assert.Equal(["Shop.Core", "Shop.Kernel", "Shop.Shared"], layer.Namespaces.Select(p => p.Text));
        Assert.Equal(["*Policy"], layer.TypeNames.Select(p => p.Text));
        Assert.Empty(layer.Assemblies);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void A_layer_without_patterns_claims_its_name_as_a_segment()
    {
        var (layer, _) = One(Setting("Domain"));

        Assert.Equal(["Domain", "Domain.*", "*.Domain", "*.Domain.*"], layer.Namespaces.Select(p => p.Text));
        Assert.Equal(["Domain", "Domain.*", "*.Domain", "*.Domain.*"], layer.Assemblies.Select(p => p.Text));
        Assert.Equal("Domain", new LayerMapper([layer]).Map("Shop.Domain.Order", null, null)?.Layer.Name);
    }

    [Fact]
    public void A_layer_with_only_paths_does_not_also_claim_its_name()
    {
        var (layer, _) = One(Setting("Domain", paths: "src/Core/**"));

        Assert.Empty(layer.Namespaces);
        Assert.Null(new LayerMapper([layer]).Map("Shop.Domain.Order", "Shop", "src/Other/Order.cs"));
    }

    [Theory]
    [InlineData("95", 0.95)]
    [InlineData("92.5", 0.925)]
    [InlineData("95%", 0.95)]
    [InlineData(" 80 ", 0.80)]
    [InlineData("0", 0.0)]
    [InlineData("100", 1.0)]
    public void Thresholds_are_percentages_stored_as_fractions(string text, double expected)
    {
        var (layer, diagnostics) = One(Setting("Domain", minLine: text, minBranch: text));

        Assert.Equal(expected, layer.MinLineCoverage!.Value, 10);
        Assert.Equal(expected, layer.MinBranchCoverage!.Value, 10);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void A_threshold_written_as_a_fraction_is_taken_literally_but_warned_about()
    {
        var (layer, diagnostics) = One(Setting("Domain", minLine: "0.95"));

        Assert.Equal(0.0095, layer.MinLineCoverage!.Value, 10);
        var warning = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticLevel.Warning, warning.Level);
        Assert.Contains("write 95 for 95%", warning.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Blank_thresholds_mean_no_requirement(string? text)
    {
        var (layer, diagnostics) = One(Setting("Domain", minLine: text));

        Assert.Null(layer.MinLineCoverage);
        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("95,5")]
    [InlineData("abc")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void An_invalid_threshold_is_TG0002_naming_layer_metadata_and_value(string text)
    {
        var (layer, diagnostics) = One(Setting("Domain", minLine: text));

        Assert.Null(layer.MinLineCoverage);
        AssertInvalidConfiguration(Assert.Single(diagnostics), "'Domain'", "MinLineCoverage", $"'{text}'");
    }

    [Fact]
    public void An_invalid_branch_threshold_names_MinBranchCoverage()
    {
        var (_, diagnostics) = One(Setting("Services", minBranch: "lots"));

        AssertInvalidConfiguration(Assert.Single(diagnostics), "'Services'", "MinBranchCoverage", "'lots'");
    }

    [Theory]
    [InlineData("Domain", Severity.P1)]
    [InlineData("domain", Severity.P1)]
    [InlineData("Services", Severity.P2)]
    [InlineData("Billing", Severity.P2)]
    public void Severity_defaults_to_P1_for_Domain_and_P2_for_other_layers(string name, Severity expected) =>
        Assert.Equal(expected, One(Setting(name)).Layer.Severity);

    [Theory]
    [InlineData("P0", Severity.P0)]
    [InlineData("p3", Severity.P3)]
    [InlineData(" P2 ", Severity.P2)]
    public void An_explicit_severity_is_parsed(string text, Severity expected)
    {
        var (layer, diagnostics) = One(Setting("Domain", severity: text));

        Assert.Equal(expected, layer.Severity);
        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("Domain", Severity.P1)]
    [InlineData("Services", Severity.P2)]
    public void An_invalid_severity_is_TG0002_and_keeps_the_default_severity(string name, Severity expected)
    {
        var (layer, diagnostics) = One(Setting(name, severity: "High"));

        Assert.Equal(expected, layer.Severity);
        AssertInvalidConfiguration(Assert.Single(diagnostics), $"'{name}'", "Severity='High'");
    }

    [Theory]
    [InlineData("Repositories", null, "Integration")]
    [InlineData("services", null, "Application")]
    [InlineData("Handlers", "  ", "E2E")]
    [InlineData("Billing", null, "Unit")]
    [InlineData("Billing", " Integration ", "Integration")]
    public void Recommended_test_type_defaults_by_layer_name(string name, string? configured, string expected) =>
        Assert.Equal(expected, One(Setting(name, testType: configured)).Layer.RecommendedTestType);

    [Fact]
    public void Layer_names_are_trimmed()
    {
        var (layer, _) = One(Setting("  Domain  "));

        Assert.Equal("Domain", layer.Name);
        Assert.Equal(Severity.P1, layer.Severity);
    }

    [Fact]
    public void A_layer_declared_twice_is_TG0002_and_the_first_declaration_wins()
    {
        var diagnostics = new List<GateDiagnostic>();

        var layers = GateConfiguration.Layers(
            [Setting("Domain", minLine: "95"), Setting("DOMAIN", minLine: "50"), Setting("Services")], diagnostics);

        Assert.Equal(["Domain", "Services"], layers.Select(l => l.Name));
        Assert.Equal(0.95, layers[0].MinLineCoverage);
        AssertInvalidConfiguration(Assert.Single(diagnostics), "'DOMAIN'", "declared twice");
    }

    [Fact]
    public void Every_invalid_value_of_a_layer_is_reported()
    {
        var (_, diagnostics) = One(Setting("Domain", minLine: "x", minBranch: "y", severity: "z"));

        Assert.Equal(3, diagnostics.Count);
        Assert.All(diagnostics, d => Assert.Equal("TG0002", d.Code));
    }

    [Theory]
    [InlineData(null, Severity.P1)]
    [InlineData("", Severity.P1)]
    [InlineData("P2", Severity.P2)]
    [InlineData(" p0 ", Severity.P0)]
    [InlineData("None", null)]
    [InlineData("none", null)]
    public void FailOn_parses_a_severity_or_None_and_defaults_to_P1(string? failOn, Severity? expected)
    {
        var diagnostics = new List<GateDiagnostic>();

        var policy = GateConfiguration.Policy(failOn, [], diagnostics);

        Assert.Equal(expected, policy.FailOn);
        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("P9")]
    [InlineData("High")]
    public void An_invalid_FailOn_is_TG0002_and_keeps_failing_on_P1(string failOn)
    {
        var diagnostics = new List<GateDiagnostic>();

        var policy = GateConfiguration.Policy(failOn, [], diagnostics);

        Assert.Equal(Severity.P1, policy.FailOn);
        AssertInvalidConfiguration(Assert.Single(diagnostics), $"TestGateFailOn='{failOn}'");
    }

    [Theory]
    [InlineData("P0", Severity.P0)]
    [InlineData("p3", Severity.P3)]
    [InlineData(" None ", null)]
    public void A_rule_setting_becomes_an_override(string severity, Severity? expected)
    {
        var diagnostics = new List<GateDiagnostic>();

        var policy = GateConfiguration.Policy(null, [new RuleSetting(" TG0303 ", severity)], diagnostics);

        Assert.True(policy.RuleSeverities.TryGetValue("TG0303", out var overridden));
        Assert.Equal(expected, overridden);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Rule_overrides_are_found_whatever_the_case_of_the_rule_id()
    {
        var diagnostics = new List<GateDiagnostic>();

        var policy = GateConfiguration.Policy(null, [new RuleSetting("tg0903", "None")], diagnostics);

        Assert.Empty(policy.Apply([Make.Finding("TG0903", Severity.P3)]));
    }

    [Fact]
    public void An_unknown_rule_id_is_TG0002_naming_the_id()
    {
        var diagnostics = new List<GateDiagnostic>();

        var policy = GateConfiguration.Policy(null, [new RuleSetting("TG9999", "P1")], diagnostics);

        Assert.Empty(policy.RuleSeverities);
        AssertInvalidConfiguration(Assert.Single(diagnostics), "'TG9999'");
    }

    [Theory]
    [InlineData("Low")]
    [InlineData("")]
    [InlineData(null)]
    public void An_invalid_rule_severity_is_TG0002_and_no_override(string? severity)
    {
        var diagnostics = new List<GateDiagnostic>();

        var policy = GateConfiguration.Policy(null, [new RuleSetting("TG0303", severity)], diagnostics);

        Assert.Empty(policy.RuleSeverities);
        AssertInvalidConfiguration(Assert.Single(diagnostics), "'TG0303'", $"Severity='{severity}'");
    }
}
