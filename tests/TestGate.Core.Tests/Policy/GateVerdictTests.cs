using TestGate.Core.Coverage;
using TestGate.Core.Model;
using TestGate.Core.Policy;

namespace TestGate.Core.Tests.Policy;

public class GateVerdictTests
{
    private static readonly TestCounts Tests = new(10, 3, 2, 1, 0);

    private static GateVerdict Decide(IEnumerable<Finding> findings, GatePolicy? policy = null, params GateDiagnostic[] diagnostics) =>
        GateVerdict.Decide((policy ?? GatePolicy.Default).Apply(findings), [], Tests, diagnostics);

    private static GateDiagnostic Diagnostic(DiagnosticLevel level) =>
        new(DiagnosticCodes.CoverageUnreadable, level, "coverage.cobertura.xml is truncated");

    [Fact]
    public void A_clean_run_passes_with_exactly_the_standards_phrase()
    {
        var verdict = Decide([]);

        Assert.True(verdict.Passed);
        Assert.Equal("Testing standards satisfied.", verdict.Summary);
        Assert.Equal(GateVerdict.SatisfiedText, verdict.Summary);
    }

    [Fact]
    public void P3_findings_do_not_withhold_the_standards_phrase()
    {
        var verdict = Decide([Make.Finding("TG0903", Severity.P3)]);

        Assert.True(verdict.Passed);
        Assert.Equal("Testing standards satisfied.", verdict.Summary);
    }

    [Fact]
    public void Gate_warnings_do_not_fail_but_withhold_the_phrase()
    {
        var verdict = Decide([], null, Diagnostic(DiagnosticLevel.Warning), Diagnostic(DiagnosticLevel.Message));

        Assert.True(verdict.Passed);
        Assert.Equal("Testing standards not fully satisfied: 1 gate warning(s): part of the inputs was not judged.", verdict.Summary);
    }

    [Fact]
    public void Messages_alone_do_not_withhold_the_phrase()
    {
        var verdict = Decide([], null, Diagnostic(DiagnosticLevel.Message));

        Assert.True(verdict.Passed);
        Assert.Equal("Testing standards satisfied.", verdict.Summary);
    }

    [Theory]
    [InlineData(Severity.P0)]
    [InlineData(Severity.P1)]
    [InlineData(Severity.P2)]
    public void A_non_blocking_finding_at_P0_to_P2_passes_but_withholds_the_phrase(Severity severity)
    {
        var verdict = Decide([Make.Finding("TG0303", severity)], new GatePolicy(failOn: null));

        Assert.True(verdict.Passed);
        Assert.Equal("Testing standards not fully satisfied: 1 non-blocking finding(s) at P0-P2.", verdict.Summary);
    }

    [Fact]
    public void A_blocking_finding_fails()
    {
        var verdict = Decide([Make.Finding("TG0901", Severity.P1)]);

        Assert.False(verdict.Passed);
        Assert.Equal("Testing standards not satisfied: 1 blocking finding(s).", verdict.Summary);
    }

    [Fact]
    public void Blocking_and_non_blocking_findings_are_counted_apart()
    {
        var verdict = Decide(
        [
            Make.Finding("TG0401", Severity.P0),
            Make.Finding("TG0901", Severity.P1),
            Make.Finding("TG0303", Severity.P2),
            Make.Finding("TG0903", Severity.P3),
        ]);

        Assert.False(verdict.Passed);
        Assert.Equal("Testing standards not satisfied: 2 blocking finding(s), 1 non-blocking finding(s) at P0-P2.", verdict.Summary);
    }

    [Fact]
    public void A_blocking_P3_finding_fails_without_counting_as_non_blocking()
    {
        var verdict = Decide([Make.Finding("TG0903", Severity.P3)], new GatePolicy(Severity.P3));

        Assert.False(verdict.Passed);
        Assert.Equal("Testing standards not satisfied: 1 blocking finding(s).", verdict.Summary);
    }

    [Fact]
    public void An_error_diagnostic_fails_even_without_findings()
    {
        var verdict = Decide([], null, Diagnostic(DiagnosticLevel.Error));

        Assert.False(verdict.Passed);
        Assert.Equal("Testing standards not satisfied: 1 gate error(s): the suite could not be measured.", verdict.Summary);
    }

    [Fact]
    public void An_error_diagnostic_fails_even_when_nothing_is_allowed_to_block()
    {
        var verdict = Decide([], new GatePolicy(failOn: null), Diagnostic(DiagnosticLevel.Error));

        Assert.False(verdict.Passed);
        Assert.NotEqual(GateVerdict.SatisfiedText, verdict.Summary);
    }

    [Fact]
    public void Errors_come_first_in_the_summary()
    {
        var verdict = Decide([Make.Finding("TG0901", Severity.P1)], null, Diagnostic(DiagnosticLevel.Error));

        Assert.Equal(
            "Testing standards not satisfied: 1 gate error(s): the suite could not be measured, 1 blocking finding(s).",
            verdict.Summary);
    }

    [Fact]
    public void The_verdict_carries_what_the_reporters_need()
    {
        var findings = GatePolicy.Default.Apply([Make.Finding("TG0901", Severity.P1)]);
        LayerCoverage[] layers = [Make.Coverage(Make.DefaultLayer("Domain"), 10, 10)];
        GateDiagnostic[] diagnostics = [Diagnostic(DiagnosticLevel.Warning)];

        var verdict = GateVerdict.Decide(findings, layers, Tests, diagnostics);

        Assert.Same(findings, verdict.Findings);
        Assert.Same(layers, verdict.Layers);
        Assert.Same(Tests, verdict.Tests);
        Assert.Same(diagnostics, verdict.Diagnostics);
    }
}
