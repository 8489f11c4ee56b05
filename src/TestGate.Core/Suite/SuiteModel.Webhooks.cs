using TestGate.Core.Model;

namespace TestGate.Core.Suite;

/// <summary>
/// Facts for the webhook (TG0501–TG0504) and failure-mode (TG0601–TG0605) rules: what each test does in more detail
/// than <see cref="TestFacts"/> (how often it calls what, what it asserts, what it makes fail or hang), and the
/// test-project helper types (harnesses, fakes, fixtures) a test reaches through its names.
/// </summary>
public sealed partial record SuiteModel
{
    /// <summary>One entry per test, in the order of <see cref="Tests"/>.</summary>
    public IReadOnlyList<TestActionFacts> TestActions { get; init; } = [];

    /// <summary>Types declared in test projects that are not test classes: harnesses, fakes, builders, fixtures, base classes.</summary>
    public IReadOnlyList<TestHelperTypeFacts> TestHelperTypes { get; init; } = [];
}

/// <summary>
/// What one test does, read from its body and the same-class helpers it calls (transitively).
/// </summary>
/// <param name="MethodWords">The words of the test method's name, in order (<c>Handle_OutOfOrderEvent</c> → handle, out, of, order, event).</param>
/// <param name="ClassWords">The words of the test class's name, in order.</param>
/// <param name="ClassBaseTypes">Names in the test class's base list (<c>IClassFixture&lt;WebhookFixture&gt;</c> gives IClassFixture, WebhookFixture).</param>
/// <param name="RepeatedCalls">Members the test calls at least twice: two call sites, a call in a loop or in a fan-out lambda
/// (<c>Select</c>, <c>ForEach</c>, <c>Parallel.For</c>), or a call inside a same-class helper that is itself called repeatedly.
/// Assertion APIs are left out.</param>
/// <param name="ResentCalls">Members the test calls at least twice with the same local, field or parameter as an argument
/// (the same payload re-sent). Cancellation tokens are left out.</param>
/// <param name="FansOut">The test runs work concurrently: <c>Task.WhenAll</c>, <c>Task.WaitAll</c>, <c>Parallel.*</c>.</param>
/// <param name="AssertsExactlyOne">The test asserts a count of one: <c>Assert.Single</c>, <c>Assert.Equal(1, ...)</c>, <c>Times.Once</c>,
/// <c>Received(1)</c>, <c>MustHaveHappenedOnceExactly</c>, <c>HaveCount(1)</c>, <c>Is.EqualTo(1)</c>, ...</param>
/// <param name="AssertsThrows">The test asserts an exception: <c>Assert.Throws*</c>, FluentAssertions/Shouldly <c>Throw*</c>,
/// <c>Record.Exception*</c>, NUnit <c>Throws.*</c>, MSTest <c>[ExpectedException]</c>.</param>
/// <param name="CatchesException">The test (or a same-class helper) has a <c>try</c>/<c>catch</c>.</param>
/// <param name="AssertsOther">The test has an assertion that is not about an exception.</param>
/// <param name="AssertsAttemptCount">An assertion counts calls or attempts (<c>Assert.Equal(4, gateway.Calls)</c>,
/// <c>Times.Exactly(n)</c>, <c>Received(n)</c> with n &gt; 1, <c>MustHaveHappened(n, ...)</c>).</param>
/// <param name="AssertsRetryLimit">An assertion's arguments name a retry limit (<c>MaxRetryAttempts + 1</c>, <c>RetryCount</c>).</param>
/// <param name="Order">The order the test's own body delivers sequence-like values in (see <see cref="DeliveryOrder"/>).</param>
/// <param name="InjectsThrow">A test double is set up to throw (<c>.Throws</c>/<c>.ThrowsAsync</c> on a mock set-up,
/// <c>Task.FromException</c>, a throwing lambda handed to <c>Returns</c>/<c>Callback</c>/<c>Do</c>).</param>
/// <param name="ThrowingMockTypes">The mocked types those set-ups belong to, where the receiver resolves to a mock
/// declared in the test's scope; "*" when it does not resolve.</param>
/// <param name="DelaysOrHangs">The test's scope delays or hangs: <c>Task.Delay</c>, <c>Thread.Sleep</c>,
/// <c>Timeout.InfiniteTimeSpan</c>, or advances a fake <c>TimeProvider</c>.</param>
/// <param name="BoundsTime">The test's scope bounds a wait: <c>CancelAfter</c>, <c>new CancellationTokenSource(timeout)</c>,
/// <c>WaitAsync(timeout)</c>, or sets a <c>Timeout</c> property.</param>
/// <param name="WebhookRoutes">String literals naming a webhook route ("webhook" in them), when the test sends HTTP requests.</param>
public sealed record TestActionFacts(
    TestMethod Method,
    IReadOnlyList<string> MethodWords,
    IReadOnlyList<string> ClassWords,
    IReadOnlyList<string> ClassBaseTypes,
    IReadOnlyList<string> RepeatedCalls,
    IReadOnlyList<string> ResentCalls,
    bool FansOut,
    bool AssertsExactlyOne,
    bool AssertsThrows,
    bool CatchesException,
    bool AssertsOther,
    bool AssertsAttemptCount,
    bool AssertsRetryLimit,
    DeliveryOrder Order,
    bool InjectsThrow,
    IReadOnlyList<string> ThrowingMockTypes,
    bool DelaysOrHangs,
    bool BoundsTime,
    IReadOnlyList<string> WebhookRoutes)
{
    public bool Repeats(string member) => RepeatedCalls.Contains(member, StringComparer.Ordinal);
}

/// <summary>The order in which a test delivers sequence-like values (<c>sequence: 2</c>, <c>Version = 3</c>, timestamps).</summary>
public enum DeliveryOrder
{
    /// <summary>The body does not show an order: no such values, values the deliveries do not all carry, or only equal ones.</summary>
    Unknown,

    /// <summary>Every delivery carries one value and they rise one step at a time: events in the order they were sent.</summary>
    InOrder,

    /// <summary>A value follows a larger one (<c>sequence: 2</c> then <c>sequence: 1</c>), or a timestamp is set back in time
    /// (<c>OccurredAt = now.AddMinutes(-5)</c>).</summary>
    Reversed,
}

/// <summary>
/// A type declared in a test project that has no test methods: a harness, fake, stub, builder, fixture or base class.
/// </summary>
/// <param name="Name">Simple name.</param>
/// <param name="BaseTypes">Names in its base list (with generic arguments).</param>
/// <param name="Mentions">Every simple name written in its declaration: types it creates or declares, members it calls.</param>
/// <param name="SlowMembers">Its methods whose body delays or hangs (<c>Task.Delay</c>, <c>Thread.Sleep</c>, <c>Timeout.InfiniteTimeSpan</c>).</param>
/// <param name="FailingMembers">Its methods whose body throws or creates a failure (<c>throw</c>, <c>Task.FromException</c>,
/// <c>new ...Exception(...)</c>); <c>NotImplementedException</c>/<c>NotSupportedException</c> stubs are left out.</param>
/// <param name="DbFailureMembers">Its methods that make the database fail: SQL that raises (<c>RAISE(ABORT, ...)</c>,
/// <c>RAISERROR</c>, <c>RAISE EXCEPTION</c>, <c>SIGNAL SQLSTATE</c>) or a thrown/created database exception.</param>
/// <param name="Throws">Some member throws something other than a not-implemented stub.</param>
public sealed record TestHelperTypeFacts(
    string Name,
    string Project,
    IReadOnlyList<string> BaseTypes,
    IReadOnlyList<string> Mentions,
    IReadOnlyList<string> SlowMembers,
    IReadOnlyList<string> FailingMembers,
    IReadOnlyList<string> DbFailureMembers,
    bool Throws);
