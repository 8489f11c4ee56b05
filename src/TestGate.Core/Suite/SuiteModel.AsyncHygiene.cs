using TestGate.Core.Model;

namespace TestGate.Core.Suite;

/// <summary>Facts only the async-hygiene rules (TG0301–TG0305) need.</summary>
public sealed partial record SuiteModel
{
    /// <summary>
    /// Blocking waits on tasks in synchronous fixture code: constructors, field initializers, <c>Dispose</c> and
    /// synchronous set-up/tear-down methods of test classes, of their base classes, and of xUnit class/collection
    /// fixtures (with the same-class helpers those members call).
    /// </summary>
    public IReadOnlyList<FixtureBlockingWait> FixtureBlockingWaits { get; init; } = [];

    /// <summary>
    /// Test projects that give every test a timeout: NUnit <c>[assembly: Timeout(...)]</c>, or a project's own
    /// <c>FactAttribute</c>/<c>TheoryAttribute</c> that sets <c>Timeout</c>.
    /// </summary>
    public IReadOnlyList<string> ProjectsWithDefaultTimeout { get; init; } = [];
}

/// <summary>
/// One blocking wait in fixture code. <see cref="Role"/> says how the class is used ("test class", "class fixture",
/// "collection fixture", "base class of test classes", "set-up fixture"); <see cref="Member"/> is the synchronous
/// member that runs it ("constructor", "Dispose", "SetUp", "field initializer of _db"); <see cref="UsedBy"/> are the
/// simple names of the test classes that run this code; <see cref="AssignedTo"/> is what the waited result is stored in
/// (<c>_db</c> for <c>_db = CreateAsync().Result</c>, <c>var db</c> for a local), or null.
/// </summary>
public sealed record FixtureBlockingWait(
    string ClassName,
    string Role,
    string Member,
    bool IsTearDown,
    string Expression,
    string Path,
    int Line,
    string Framework,
    TestKind Kind,
    IReadOnlyList<string> UsedBy,
    string? AssignedTo = null)
{
    /// <summary>The member runs once per class or assembly (<c>[ClassInitialize]</c>, <c>[OneTimeSetUp]</c>, a static constructor), not per test.</summary>
    public bool RunsOnce { get; init; }
}
