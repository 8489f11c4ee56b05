namespace TestGate.Core.Suite;

/// <summary>
/// Facts of the mocking rules (TG0201–TG0205): where each test's mocks are created, with which library, and which
/// hand-written test doubles (test-project types that implement a production abstraction or are named as fakes) it uses.
/// </summary>
public sealed partial record SuiteModel
{
    /// <summary>The mocking facts of each test, one per entry of <see cref="Tests"/> (same order, same method).</summary>
    public IReadOnlyList<MockingTestFacts> MockingTests { get; init; } = [];

    /// <summary>Production types declared <c>abstract</c> or <c>static</c> (simple names), which no rule may call concrete.</summary>
    public IReadOnlyList<string> AbstractOrStaticTypes { get; init; } = [];
}

/// <summary>
/// One mock created by a test or by a test-project helper it reaches. <see cref="Library"/> is <c>Moq</c>,
/// <c>NSubstitute</c>, <c>FakeItEasy</c>, <c>JustMock</c> or <c>MockQueryable</c>; <see cref="NHibernate"/> says the
/// file imports NHibernate (so <c>ISession</c> is NHibernate's, not ASP.NET Core's).
/// </summary>
public sealed record MockSite(string MockedType, string Library, string Path, int Line, string DeclaringType, bool NHibernate)
{
    /// <summary>The test-project class standing in for <see cref="MockedType"/> when the double is hand-written (<c>StubValidator</c>).</summary>
    public string? HandWritten { get; init; }
}

/// <summary>
/// A hand-written test double a test uses: a test-project type that implements a base type or is named like a fake.
/// <see cref="DatabaseMarkers"/> are the real-database APIs it (or what it reaches) uses: a double over a real engine
/// is no fake database. <see cref="Site"/> is where the test creates it, or its declaration.
/// </summary>
public sealed record TestDoubleUse(string Name, IReadOnlyList<string> BaseTypes, IReadOnlyList<string> DatabaseMarkers, DbSite Declaration, DbSite Site);

/// <summary>The mocks and hand-written doubles one test uses.</summary>
public sealed record MockingTestFacts(
    Model.TestMethod Method,
    IReadOnlyList<MockSite> Mocks,
    IReadOnlyList<TestDoubleUse> Doubles);
