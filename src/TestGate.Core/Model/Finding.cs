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

    /// <summary>
    /// The same finding graded down to a P3 note because of what the code shows; <paramref name="why"/> is appended
    /// to the missing-test field so the reader sees the reason.
    /// </summary>
    public Finding AsNote(string why) => this with
    {
        Severity = Severity.P3,
        MissingOrBrokenTest = MissingOrBrokenTest.TrimEnd('.') + $" ({why}).",
    };
}
