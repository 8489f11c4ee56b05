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
    public Finding AsNote(string why) => GradedTo(Severity.P3, why);

    /// <summary>The same finding graded down to <paramref name="severity"/> (never up), with the reason appended.</summary>
    public Finding GradedTo(Severity severity, string why) => severity < Severity ? this : this with
    {
        Severity = severity,
        MissingOrBrokenTest = MissingOrBrokenTest.TrimEnd('.') + $" ({why}).",
    };
}
