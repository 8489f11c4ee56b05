using System.Globalization;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Core.Rules;

/// <summary>
/// What the webhook and failure-mode rules know about the tests: each test with its <see cref="TestActionFacts"/>,
/// the names it reaches (its own, and those of the harnesses, fakes and fixtures it uses, transitively), and the
/// suite's framework and mocking library for outlines. Built once per evaluation; lookups are memoised.
/// </summary>
internal sealed class TestEvidence
{
    private readonly Dictionary<string, List<TestHelperTypeFacts>> _helpersByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _mentionedBy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _reachers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _closures = new(StringComparer.Ordinal);
    private readonly Dictionary<TestFacts, HashSet<string>> _direct = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TestFacts, TestHelperTypeFacts[]> _helpersOf = new(ReferenceEqualityComparer.Instance);

    public TestEvidence(SuiteModel suite)
    {
        var actions = new Dictionary<TestMethod, TestActionFacts>();
        foreach (var action in suite.TestActions)
        {
            actions.TryAdd(action.Method, action);
        }

        Tests = suite.Tests
            .Where(t => !t.IsSkipped && actions.ContainsKey(t.Method))
            .Select(t => new EvidenceTest(t, actions[t.Method]))
            .ToArray();

        foreach (var helper in suite.TestHelperTypes)
        {
            if (!_helpersByName.TryGetValue(helper.Name, out var list))
            {
                _helpersByName[helper.Name] = list = [];
            }

            list.Add(helper);
            foreach (var mention in helper.Mentions.Concat(helper.BaseTypes))
            {
                if (!_mentionedBy.TryGetValue(mention, out var by))
                {
                    _mentionedBy[mention] = by = [];
                }

                by.Add(helper.Name);
            }
        }

        AnyThrowingHelper = suite.TestHelperTypes.Any(h => h.Throws || h.FailingMembers.Count > 0);
        _anyDatabaseFailure = suite.TestHelperTypes.Any(h => h.DbFailureMembers.Count > 0);
        _anySlow = suite.TestHelperTypes.Any(h => h.SlowMembers.Count > 0);
        Idioms = TestIdioms.Of(suite);
    }

    public IReadOnlyList<EvidenceTest> Tests { get; }

    /// <summary>Some test helper type throws or has a failing member (else no helper can inject a failure).</summary>
    public bool AnyThrowingHelper { get; }

    private readonly bool _anyDatabaseFailure;
    private readonly bool _anySlow;

    /// <summary>How outlines are written: the suite's most common framework and mocking library.</summary>
    public TestIdioms Idioms { get; }

    /// <summary>
    /// True when the test names <paramref name="name"/> itself (its body, class members, base list, mocks, created
    /// types) or uses a test helper type that does, directly or through other helpers.
    /// </summary>
    public bool Reaches(EvidenceTest test, string name)
    {
        var direct = Direct(test);
        if (direct.Contains(name))
        {
            return true;
        }

        var reachers = ReachersOf(name);
        return reachers.Count > 0 && (reachers.Count < direct.Count ? reachers.Any(direct.Contains) : direct.Any(reachers.Contains));
    }

    public bool ReachesAny(EvidenceTest test, IEnumerable<string> names) => names.Any(n => Reaches(test, n));

    /// <summary>The test helper types the test uses, directly or through other helpers.</summary>
    public IReadOnlyList<TestHelperTypeFacts> HelpersOf(EvidenceTest test)
    {
        if (_helpersOf.TryGetValue(test.Facts, out var known))
        {
            return known;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Direct(test).Where(_helpersByName.ContainsKey))
        {
            names.UnionWith(ClosureOf(name));
        }

        var helpers = names.Order(StringComparer.Ordinal).SelectMany(n => _helpersByName[n]).ToArray();
        _helpersOf[test.Facts] = helpers;
        return helpers;
    }

    /// <summary>A helper member the test calls whose body makes the database fail (SQL that raises, a database exception).</summary>
    public bool CallsDatabaseFailure(EvidenceTest test) =>
        _anyDatabaseFailure && HelpersOf(test).Any(h => h.DbFailureMembers.Any(test.Facts.Invokes));

    /// <summary>
    /// The test makes a dependency slow through a helper: it calls a helper member whose body delays or hangs
    /// (<c>gateway.Hangs()</c>), or it names a fake whose members delay (<c>new HangingPaymentGateway()</c>), or it reaches
    /// one whose name says so (<c>SlowGateway</c>, <c>HangingHandler</c>, <c>DelayingHandler</c>).
    /// </summary>
    public bool CallsSlowMember(EvidenceTest test)
    {
        if (!_anySlow)
        {
            return false;
        }

        // A fake named by the test counts when it always delays (its slow members are its operations); one whose delay
        // is switched on by a member (WillHangUntilCanceled()) delays only in the tests that call that member.
        var direct = Direct(test);
        return HelpersOf(test).Any(h => h.SlowMembers.Count > 0
            && (h.SlowMembers.Any(test.Facts.Invokes)
                || (h.BaseTypes.Count > 0 && (SlowName(h.Name) || (direct.Contains(h.Name) && !h.SlowMembers.All(IsSwitch))))));
    }

    private static bool IsSwitch(string member) =>
        new[] { "Will", "Hang", "Delay", "Stall", "Make", "Set", "Configure", "Simulate", "When", "On", "Start", "Begin", "Enable" }
            .Any(p => member.StartsWith(p, StringComparison.Ordinal) && member.Length > p.Length && char.IsUpper(member[p.Length]));

    private static bool SlowName(string name) =>
        new[] { "Slow", "Hang", "Delay", "Stall", "Unresponsive", "Sleeping", "Timing" }.Any(w => name.Contains(w, StringComparison.Ordinal));

    /// <summary>The names a test writes itself: identifiers, created and mocked types, its class's base list.</summary>
    public IReadOnlySet<string> DirectNames(EvidenceTest test) => Direct(test);

    /// <summary>The test-project helper types whose transitive mentions include <paramref name="name"/>.</summary>
    public IReadOnlySet<string> HelpersNaming(string name) => ReachersOf(name);

    private HashSet<string> Direct(EvidenceTest test)
    {
        if (!_direct.TryGetValue(test.Facts, out var set))
        {
            set = new HashSet<string>(test.Facts.Identifiers, StringComparer.Ordinal);
            set.UnionWith(test.Facts.CreatedTypes);
            set.UnionWith(test.Facts.MockedTypes);
            set.UnionWith(test.Actions.ClassBaseTypes);
            _direct[test.Facts] = set;
        }

        return set;
    }

    /// <summary>The helper types whose transitive mentions include <paramref name="name"/>.</summary>
    private HashSet<string> ReachersOf(string name)
    {
        if (_reachers.TryGetValue(name, out var known))
        {
            return known;
        }

        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>();
        pending.Enqueue(name);
        while (pending.Count > 0)
        {
            if (!_mentionedBy.TryGetValue(pending.Dequeue(), out var by))
            {
                continue;
            }

            foreach (var helper in by.Where(found.Add))
            {
                pending.Enqueue(helper);
            }
        }

        _reachers[name] = found;
        return found;
    }

    /// <summary>The helper type and every helper type it mentions, transitively.</summary>
    private HashSet<string> ClosureOf(string helper)
    {
        if (_closures.TryGetValue(helper, out var known))
        {
            return known;
        }

        var found = new HashSet<string>(StringComparer.Ordinal) { helper };
        var pending = new Queue<string>();
        pending.Enqueue(helper);
        while (pending.Count > 0)
        {
            foreach (var facts in _helpersByName[pending.Dequeue()])
            {
                foreach (var mention in facts.Mentions.Concat(facts.BaseTypes).Where(m => _helpersByName.ContainsKey(m) && found.Add(m)))
                {
                    pending.Enqueue(mention);
                }
            }
        }

        _closures[helper] = found;
        return found;
    }

}

/// <summary>A test with its detailed actions.</summary>
internal sealed record EvidenceTest(TestFacts Facts, TestActionFacts Actions)
{
    /// <summary>The method's name, or else the class's name, says one of <paramref name="phrases"/> (words in order, "out of order").</summary>
    public bool Says(IReadOnlyList<string[]> phrases) => Has(Actions.MethodWords, phrases) || Has(Actions.ClassWords, phrases);

    public string Name => $"{TypeNames.SimpleNameOf(Facts.Method.ClassName)}.{Facts.Method.MethodName}";

    private static bool Has(IReadOnlyList<string> words, IReadOnlyList<string[]> phrases)
    {
        foreach (var phrase in phrases)
        {
            for (var i = 0; i + phrase.Length <= words.Count; i++)
            {
                var match = true;
                for (var j = 0; j < phrase.Length && match; j++)
                {
                    match = string.Equals(words[i + j], phrase[j], StringComparison.Ordinal);
                }

                if (match)
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>Word lists and writing helpers of the webhook and failure-mode rules.</summary>
internal static class ResilienceText
{
    /// <summary>Phrases from space-separated words: "out of order" is one phrase of three words.</summary>
    public static IReadOnlyList<string[]> Phrases(params string[] phrases) => phrases.Select(p => p.Split(' ')).ToArray();

    public static readonly IReadOnlyList<string[]> FailureWords = Phrases(
        "fail", "fails", "failed", "failing", "failure", "failures", "error", "errors", "throws", "throw", "crash", "crashes", "crashed",
        "abort", "aborts", "aborted", "outage", "unavailable", "down", "broken", "lost", "interrupted", "partial", "partially", "midway",
        "faulted", "faulty", "exception");


    /// <summary>Placeholder arguments for a call with these parameter types; the first parameter of a type in <paramref name="variables"/> gets that variable.</summary>
    public static string Arguments(IReadOnlyList<string> parameterTypes, TestIdioms idioms, IReadOnlyDictionary<string, string>? variables = null)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        return string.Join(", ", parameterTypes.Select(p =>
            variables is not null && variables.TryGetValue(p, out var variable) && used.Add(p) ? variable : Argument(p, idioms)));
    }

    /// <summary>A placeholder argument: a literal, or the variable <see cref="Declarations"/> declares for a type the test builds.</summary>
    public static string Argument(string parameterType, TestIdioms idioms) =>
        TestIdioms.LiteralOf(parameterType, idioms.Token) ?? TestIdioms.VariableOf(parameterType);

    /// <summary><c>var paymentWebhook = TestData.PaymentWebhook();</c> for each parameter an outline passes as a variable; null when none.</summary>
    public static string? Declarations(IReadOnlyList<string> parameterTypes, TestIdioms idioms)
    {
        var lines = parameterTypes.Distinct(StringComparer.Ordinal)
            .Where(p => Argument(p, idioms) == TestIdioms.VariableOf(p))
            .Select(p => $"    var {TestIdioms.VariableOf(p)} = TestData.{TestIdioms.WithoutInterfacePrefix(p)}();")
            .ToArray();
        return lines.Length == 0 ? null : string.Join("\n", lines);
    }

    public static string Await(string call, bool isAsync) => isAsync ? "await " + call : call;

    public static bool IsAsync(MethodFacts method) => method.IsAsync || method.Name.EndsWith("Async", StringComparison.Ordinal);

    public static bool EndsWithAny(string name, params string[] suffixes) => suffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal));

    public static bool ContainsIgnoreCase(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
