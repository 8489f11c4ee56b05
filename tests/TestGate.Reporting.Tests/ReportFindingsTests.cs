using TestGate.Core.Model;

namespace TestGate.Reporting.Tests;

public class ReportFindingsTests
{
    [Fact]
    public void Gate_errors_are_blocking_P0_findings_listed_before_rule_findings()
    {
        var verdict = Sample.With(findings: [Sample.Finding("TG0401", Severity.P0, Sample.OrderLocation)], diagnostics: Sample.CoverageError);

        var findings = ReportFindings.Of(verdict);

        Assert.Equal(["TG0001", "TG0401"], findings.Select(f => f.Finding.RuleId));
        Assert.Equal(Severity.P0, findings[0].Severity);
        Assert.True(findings[0].Blocking);
        Assert.Equal("See docs/rules/TG0001.md for causes and fixes.", findings[0].Finding.ExampleTestOutline);
        Assert.Equal(new SourceLocation("coverage.cobertura.xml", 3, null), findings[0].Finding.Location);
    }

    [Fact]
    public void Gate_warnings_are_non_blocking_P2_findings()
    {
        var warning = new GateDiagnostic(DiagnosticCodes.SourceUnreadable, DiagnosticLevel.Warning, "src/Broken.cs could not be read.");

        var finding = Assert.Single(ReportFindings.Of(Sample.With(diagnostics: warning)));

        Assert.Equal(("TG0003", Severity.P2, false), (finding.Finding.RuleId, finding.Severity, finding.Blocking));
        Assert.Equal("src/Broken.cs could not be read.", finding.Finding.MissingOrBrokenTest);
        Assert.Null(finding.Finding.Location);
    }

    [Fact]
    public void Message_level_diagnostics_are_not_findings()
    {
        var message = new GateDiagnostic(DiagnosticCodes.NoInputs, DiagnosticLevel.Message, "nothing to do");

        Assert.Empty(ReportFindings.Of(Sample.With(diagnostics: message)));
    }
}
