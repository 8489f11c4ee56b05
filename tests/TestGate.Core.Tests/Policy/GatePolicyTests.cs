using TestGate.Core.Model;
using TestGate.Core.Policy;

namespace TestGate.Core.Tests.Policy;

public class GatePolicyTests
{
    [Theory]
    [InlineData(Severity.P1, Severity.P0, true)]
    [InlineData(Severity.P1, Severity.P1, true)]
    [InlineData(Severity.P1, Severity.P2, false)]
    [InlineData(Severity.P1, Severity.P3, false)]
    [InlineData(Severity.P0, Severity.P0, true)]
    [InlineData(Severity.P0, Severity.P1, false)]
    [InlineData(Severity.P3, Severity.P3, true)]
    [InlineData(Severity.P2, Severity.P3, false)]
    public void FailOn_is_the_least_severe_level_that_still_blocks(Severity failOn, Severity severity, bool expected)
    {
        var policy = new GatePolicy(failOn);

        var evaluated = Assert.Single(policy.Apply([Make.Finding("TG0303", severity)]));

        Assert.Equal(expected, evaluated.Blocking);
        Assert.Equal(expected, policy.IsBlocking(severity));
    }

    [Theory]
    [InlineData(Severity.P0)]
    [InlineData(Severity.P3)]
    public void FailOn_none_blocks_nothing(Severity severity)
    {
        var evaluated = Assert.Single(new GatePolicy(failOn: null).Apply([Make.Finding("TG0401", severity)]));

        Assert.False(evaluated.Blocking);
    }

    [Fact]
    public void The_default_policy_fails_on_P1() =>
        Assert.Equal(Severity.P1, GatePolicy.Default.FailOn);

    [Fact]
    public void A_rule_override_replaces_the_severity_and_decides_blocking_on_it()
    {
        var policy = new GatePolicy(Severity.P1, new Dictionary<string, Severity?> { ["TG0303"] = Severity.P1 });

        var evaluated = Assert.Single(policy.Apply([Make.Finding("TG0303", Severity.P2)]));

        Assert.Equal(Severity.P1, evaluated.Severity);
        Assert.Equal(Severity.P1, evaluated.Finding.Severity);
        Assert.True(evaluated.Blocking);
    }

    [Fact]
    public void A_rule_override_can_lower_a_blocking_rule_below_FailOn()
    {
        var policy = new GatePolicy(Severity.P1, new Dictionary<string, Severity?> { ["TG0401"] = Severity.P3 });

        var evaluated = Assert.Single(policy.Apply([Make.Finding("TG0401", Severity.P0)]));

        Assert.Equal(Severity.P3, evaluated.Severity);
        Assert.False(evaluated.Blocking);
    }

    [Fact]
    public void A_None_override_removes_the_rules_findings_only()
    {
        var policy = new GatePolicy(Severity.P1, new Dictionary<string, Severity?> { ["TG0903"] = null });

        var evaluated = policy.Apply([Make.Finding("TG0903", Severity.P3), Make.Finding("TG0901", Severity.P1)]);

        Assert.Equal(["TG0901"], evaluated.Select(f => f.Finding.RuleId));
    }

    [Fact]
    public void Overrides_leave_other_rules_untouched()
    {
        var policy = new GatePolicy(Severity.P1, new Dictionary<string, Severity?> { ["TG0303"] = Severity.P0 });

        var evaluated = Assert.Single(policy.Apply([Make.Finding("TG0304", Severity.P2)]));

        Assert.Equal(Severity.P2, evaluated.Severity);
        Assert.False(evaluated.Blocking);
    }

    [Fact]
    public void Findings_are_ordered_by_severity_rule_path_and_line()
    {
        Finding[] findings =
        [
            Make.Finding("TG0903", Severity.P3, path: "a.cs", line: 1),
            Make.Finding("TG0901", Severity.P1, path: "b.cs", line: 5),
            Make.Finding("TG0901", Severity.P1, path: "b.cs", line: 2),
            Make.Finding("TG0901", Severity.P1, path: "a.cs", line: 9),
            Make.Finding("TG0401", Severity.P1, path: "z.cs", line: 1),
            Make.Finding("TG0501", Severity.P0, path: "z.cs", line: 1),
        ];

        var ordered = new GatePolicy(Severity.P1).Apply(findings)
            .Select(f => $"{f.Severity} {f.Finding.RuleId} {f.Finding.Location!.Path}:{f.Finding.Location.Line}");

        Assert.Equal(
            ["P0 TG0501 z.cs:1", "P1 TG0401 z.cs:1", "P1 TG0901 a.cs:9", "P1 TG0901 b.cs:2", "P1 TG0901 b.cs:5", "P3 TG0903 a.cs:1"],
            ordered);
    }

    [Fact]
    public void Ordering_is_by_effective_severity_after_overrides()
    {
        var policy = new GatePolicy(Severity.P1, new Dictionary<string, Severity?> { ["TG0903"] = Severity.P0 });

        var evaluated = policy.Apply([Make.Finding("TG0901", Severity.P1), Make.Finding("TG0903", Severity.P3)]);

        Assert.Equal(["TG0903", "TG0901"], evaluated.Select(f => f.Finding.RuleId));
    }
}
