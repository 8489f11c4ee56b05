using TestGate.Core.Model;

namespace TestGate.Core.Suite;

/// <summary>Facts only the pyramid rules (TG0101–TG0106) need.</summary>
public sealed partial record SuiteModel
{
    /// <summary>
    /// What unit tests touch that a unit test must not: a real database, the network, or an application framework.
    /// Found in the test's body, its class's constructor, fields, set-up methods and the same-class helpers it calls.
    /// </summary>
    public IReadOnlyList<InfrastructureUse> UnitTestInfrastructureUses { get; init; } = [];

    /// <summary>For E2E tests: the requests a test performs more than once.</summary>
    public IReadOnlyList<RepeatedRequests> E2ERepeatedRequests { get; init; } = [];

    /// <summary>
    /// E2E tests whose HTTP calls all go to different literal routes (<c>PostAsJsonAsync("/stock/receipts", ...)</c>, then
    /// <c>PostAsJsonAsync("/reservations", ...)</c>), outside loops, with no test-project helper that sends: they send no
    /// request twice, whatever their name says.
    /// </summary>
    public IReadOnlyList<TestMethod> E2ETestsSendingEachRequestOnce { get; init; } = [];

    /// <summary>
    /// Every name written anywhere in a test project that holds unit tests (test classes, factories, helpers), sorted:
    /// a production type missing here is one no unit test reaches, not even through a test-data factory.
    /// </summary>
    public IReadOnlyList<string> NamesInUnitTestProjects { get; init; } = [];
}

/// <summary>The kinds of infrastructure a unit test may not touch.</summary>
public enum InfrastructureCategory
{
    Database,
    Network,
    Framework,
}

/// <summary>
/// One use of infrastructure in a unit test's scope: <see cref="What"/> says what it is ("a real SQLite connection"),
/// <see cref="Expression"/> is the source text, <see cref="Path"/>/<see cref="Line"/> where it is written.
/// </summary>
public sealed record InfrastructureUse(
    TestMethod Test,
    InfrastructureCategory Category,
    string What,
    string Expression,
    string Path,
    int Line);

/// <summary>
/// Members a test's own body calls at least twice, or inside a loop or a <c>Task.WhenAll</c>/<c>Enumerable.Range</c>
/// lambda: the shape of "the same request twice" and of "a failing attempt, then the retry".
/// </summary>
public sealed record RepeatedRequests(TestMethod Test, IReadOnlyList<string> Members);
