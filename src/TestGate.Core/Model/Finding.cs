namespace TestGate.Core.Model;

/// <summary>
/// One shortfall, in the standard's five-field review format plus the rule that found it and where.
/// </summary>
public sealed record Finding(
    string RuleId,
    Severity Severity,
    string MissingOrBrokenTest,
    string Risk,
    string RecommendedTestType,
    string ExampleTestOutline,
    SourceLocation? Location)
{
    public string RuleName => RuleCatalog.NameOf(RuleId);
}
