using TestGate.Core.Model;
using TestGate.Core.Suite;
using static TestGate.Core.Rules.ObservabilityTestDataStyle;
using static TestGate.Core.Rules.Prose;

namespace TestGate.Core.Rules;

/// <summary>
/// TG0701–TG0704: factories, not magic values; no shared mutable test state; order-independent tests; explicit data
/// over random. Every finding points at the test code that breaks the rule.
/// </summary>
public static partial class StructuralRules
{
    static partial void TestData(SuiteModel suite, List<Finding> findings)
    {
        var testsByClass = suite.Tests.ToLookup(t => t.Method.ClassName, StringComparer.Ordinal);
        var testsByProject = suite.Tests.ToLookup(t => t.Method.Project, StringComparer.Ordinal);

        string KindOf(string project, string className)
        {
            var tests = testsByClass[className].Where(t => t.Method.Project == project).ToArray();
            if (tests.Length == 0)
            {
                tests = testsByProject[project].ToArray();
            }

            var kind = tests.Select(t => t.Kind).Where(k => k != TestKind.Unclassified)
                .GroupBy(k => k).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstOrDefault();
            return Kind(kind);
        }

        // The suite's style once, in each class's own framework (memoized: findings may be many).
        var suiteStyle = new Lazy<TestIdioms>(() => TestIdioms.Of(suite));
        var styles = new Dictionary<(string, string), TestIdioms>();
        TestIdioms StyleOf(string project, string className)
        {
            if (!styles.TryGetValue((project, className), out var style))
            {
                var tests = testsByClass[className].Where(t => t.Method.Project == project).ToArray();
                style = suiteStyle.Value.For(tests.Length > 0 ? tests : testsByProject[project]);
                styles[(project, className)] = style;
            }

            return style;
        }

        foreach (var state in suite.SharedStaticStates)
        {
            findings.Add(SharedMutableState(state, KindOf(state.Project, state.ClassName), StyleOf(state.Project, state.ClassName)));
        }

        foreach (var ordering in suite.TestOrderings)
        {
            findings.Add(OrderedTests(ordering, KindOf(ordering.Project, ordering.ClassName), StyleOf(ordering.Project, ordering.ClassName)));
        }

        foreach (var handOff in suite.StateHandOffs)
        {
            findings.Add(HandedOffState(handOff, KindOf(handOff.Project, handOff.ClassName), StyleOf(handOff.Project, handOff.ClassName)));
        }

        foreach (var random in suite.UnseededRandomness)
        {
            findings.Add(Unseeded(random, KindOf(random.Project, random.ClassName)));
        }

        var magicValues = MagicValues(suite, KindOf, StyleOf).ToArray();
        findings.AddRange(magicValues);
        findings.AddRange(CopiedValues(suite, KindOf, StyleOf, magicValues.Select(f => f.Location?.Symbol).OfType<string>().ToHashSet(StringComparer.Ordinal)));
    }

    // ------------------------------------------------------------------ TG0701

    private static Finding SharedMutableState(SharedStaticState state, string kind, TestIdioms style)
    {
        var className = SimpleOf(state.ClassName);
        var writes = state.Writes.Select(w => $"`{w.Member}` ({w.How}, line {Line(w.Line)})").ToArray();
        var inTests = state.Writes.Where(w => w.InTest).Select(w => w.Member).Distinct(StringComparer.Ordinal).ToArray();
        var missing =
            $"`{className}.{state.Member}` is a {state.Kind} (`{state.MemberType}`) shared by every test in the process and changed by {List(writes)}"
            + (inTests.Length > 0 ? $"; {(inTests.Length == 1 ? "the test" : "the tests")} {List(inTests.Select(t => $"`{t}`"))} {(inTests.Length == 1 ? "changes" : "change")} it directly." : ".");
        var parallel = style.Framework switch
        {
            "nunit" => "fixtures marked [Parallelizable]",
            "mstest" => "classes once [assembly: Parallelize] is on",
            "tunit" => "tests, in parallel by default in TUnit",
            _ => "test classes, in parallel by default in xUnit",
        };
        var risk =
            $"Tests that touch `{state.Member}` see each other's data: the outcome depends on which tests ran before and on what runs in parallel "
            + $"({parallel}), so they fail when run alone, reordered or sharded, or pass for the wrong reason together.";

        var field = "_" + TestIdioms.CamelOf(state.Member.TrimStart('_'));
        var declaration = state.Kind == "static collection"
            ? $"private {(style.Framework == "nunit" ? string.Empty : "readonly ")}{state.MemberType} {field} = {(state.MemberType.EndsWith("[]", StringComparison.Ordinal) ? "[]" : "new()")};"
            : $"private {state.MemberType} {field};";
        var lines = new List<string>
        {
            $"// instead of: static {state.MemberType} {state.Member}",
            $"// state every test builds for itself ({(style.Framework == "nunit" ? "reset in [SetUp]: NUnit shares one fixture instance" : "an instance field: the framework creates the class per test")})",
            declaration,
        };
        if (style.Framework == "nunit")
        {
            lines.Add(string.Empty);
            lines.Add("[SetUp]");
            lines.Add($"public void ResetState() => {field} = {(state.Kind != "static collection" ? "default!" : state.MemberType.EndsWith("[]", StringComparison.Ordinal) ? "[]" : "new()")};");
        }

        lines.Add(string.Empty);
        lines.Add(style.TestAttribute(false));
        lines.Add(style.Signature(false, $"Uses_its_own_{Identifier(state.Member.TrimStart('_'))}"));
        lines.Add("{");
        lines.Add($"    // arrange {field} from a factory here; assert only on what this test put in it");
        lines.Add("}");

        return new Finding(
            "TG0701",
            RuleCatalog.Get("TG0701").DefaultSeverity,
            missing,
            risk,
            kind,
            Lines(lines.ToArray()),
            new SourceLocation(state.Path, state.Line, $"{state.ClassName}.{state.Member}"));
    }

    // ------------------------------------------------------------------ TG0702

    private static Finding OrderedTests(TestOrdering ordering, string kind, TestIdioms style)
    {
        var assemblyWide = ordering.ClassName.Length == 0;
        var className = SimpleOf(ordering.ClassName);
        var missing = assemblyWide
            ? $"The test assembly {ordering.Project} imposes an execution order with `{ordering.Attribute}`: its tests may rely on what earlier tests or collections left behind."
            : $"`{className}` imposes an execution order on its tests with `{ordering.Attribute}`"
                + (ordering.OrderedTests > 0 ? $" ({Count(ordering.OrderedTests, "test carries", "tests carry")} an order or priority)" : string.Empty)
                + ": each test may rely on what an earlier one left behind instead of arranging its own data.";
        var risk =
            (assemblyWide ? $"Tests of {ordering.Project}" : $"The tests of `{className}`")
            + " pass only in the order written down. Run alone, filtered (`dotnet test --filter`), sharded across agents or in parallel, "
            + "they fail, or they pass without having checked what their name says; an ordering attribute also hides which test created the state a failure is about.";
        var lines = new[]
        {
            $"// remove {ordering.Attribute} and let every test arrange what it needs",
            style.TestAttribute(false),
            style.Signature(false, "Arranges_its_own_data"),
            "{",
            "    var subject = /* built here from a factory, with unique keys */ default(object);",
            "    // act and assert on this test's own data only; no state from a previous test",
            "}",
        };
        return new Finding(
            "TG0702",
            RuleCatalog.Get("TG0702").DefaultSeverity,
            missing,
            risk,
            kind,
            Lines(lines),
            new SourceLocation(ordering.Path, ordering.Line, assemblyWide ? ordering.Project : ordering.ClassName));
    }

    private static Finding HandedOffState(StateHandOff handOff, string kind, TestIdioms style)
    {
        var className = SimpleOf(handOff.ClassName);
        var reader = handOff.Readers[0];
        var others = handOff.Readers.Skip(1).Select(r => $"`{r.MethodName}`").ToArray();
        var missing =
            $"`{className}.{reader.MethodName}` reads `{handOff.Member}` without setting it; only `{handOff.Writer.MethodName}` sets it (line {Line(handOff.WriteLine)})"
            + (others.Length > 0 ? $", and {List(others)} read it the same way" : string.Empty)
            + (handOff.IsStatic ? "." : ". NUnit creates one instance of the fixture for all its tests, so the instance field carries over from test to test.");
        var risk =
            $"`{reader.MethodName}` passes only when `{handOff.Writer.MethodName}` ran before it in the same process. Run alone, filtered, in another "
            + "order or in parallel, it fails or asserts on stale data, and the failure points at the wrong test.";
        var lines = new[]
        {
            style.TestAttribute(false),
            style.Signature(false, reader.MethodName),
            "{",
            $"    // arrange what {handOff.Writer.MethodName} used to leave in {handOff.Member}, in this test, from a factory",
            $"    var {TestIdioms.VariableOf(handOff.Member.TrimStart('_'))} = /* the same arrange steps as {handOff.Writer.MethodName} */ default(object);",
            "    // act and assert as before, on this local value",
            "}",
        };
        return new Finding(
            "TG0702",
            RuleCatalog.Get("TG0702").DefaultSeverity,
            missing,
            risk,
            kind,
            Lines(lines),
            new SourceLocation(reader.Path, handOff.ReadLine, $"{reader.ClassName}.{reader.MethodName}"));
    }

    // ------------------------------------------------------------------ TG0703

    private static Finding Unseeded(UnseededRandomness random, string kind)
    {
        var className = SimpleOf(random.ClassName);

        // A Faker<T> subclass or its constructor is the class itself, not "MemberFaker.MemberFaker".
        var ofClass = random.Member == className;
        var where = ofClass ? className : $"{className}.{random.Member}";
        var source = random.Source switch
        {
            "Random.Shared" => "the process-wide `Random.Shared`",
            "Bogus" => "Bogus without a seed (no `UseSeed`, no `Randomizer.Seed`)",
            _ => "`System.Random` without a fixed seed",
        };
        var missing =
            $"`{where}` {(random.InTest ? "generates its test data" : "generates test data")} from {source}: `{random.Expression}` (line {Line(random.Line)})"
            + (random.Occurrences > 1 ? $", {Count(random.Occurrences, "unseeded source", "unseeded sources")} in that member." : ".");
        var risk =
            $"Every run of the tests using `{random.Member}` sees different values. A failure that only some values trigger cannot be reproduced: "
            + "the rerun draws new data, passes, and the defect is lost; the standard asks for explicit data unless the test is property-based.";
        var fix = random.Source == "Bogus"
            ? new[]
            {
                "// one fixed seed for the whole test project (e.g. in a module initializer or fixture):",
                "Randomizer.Seed = new Random(8675309);",
                "// or per faker: new Faker<Order>().UseSeed(8675309).RuleFor(...)",
            }
            : new[]
            {
                "// explicit values where they matter, a fixed seed where variety helps:",
                "private static readonly Random Random = new(20240601); // same data every run; a failure replays",
                "// property-based tests (FsCheck, CsCheck) report the seed of a failing case instead",
            };
        return new Finding(
            "TG0703",
            RuleCatalog.Get("TG0703").DefaultSeverity,
            missing,
            risk,
            kind,
            Lines(fix),
            new SourceLocation(random.Path, random.Line, string.IsNullOrEmpty(random.ClassName) ? random.Member : ofClass ? random.ClassName : $"{random.ClassName}.{random.Member}"));
    }

    // ------------------------------------------------------------------ TG0704

    private const int MagicValueTests = 3;

    private const int MaxComparedConstructions = 400;

    private static IEnumerable<Finding> MagicValues(
        SuiteModel suite, Func<string, string, string> kindOf, Func<string, string, TestIdioms> styleOf)
    {
        var factories = suite.TestDataFactories.ToDictionary(f => f.Project, StringComparer.Ordinal);
        foreach (var group in suite.LiteralConstructions
            .GroupBy(c => (c.Project, c.TypeName))
            .OrderBy(g => g.Key.Project, StringComparer.Ordinal)
            .ThenBy(g => g.Key.TypeName, StringComparer.Ordinal))
        {
            var (project, typeName) = group.Key;
            if (group.Select(c => c.Test).Distinct().Count() < MagicValueTests
                || (factories.TryGetValue(project, out var known) && (known.UsesGenerator || known.FactoryFor.Contains(typeName, StringComparer.Ordinal))))
            {
                continue;
            }

            // The same literals repeated: constructions sharing at least three literal arguments with one of them.
            var constructions = group.OrderBy(c => c.Path, StringComparer.Ordinal).ThenBy(c => c.Line).Take(MaxComparedConstructions).ToArray();
            var (first, repeated) = constructions
                .Select(c => (Construction: c, Repeated: constructions.Where(d => c.SharedLiterals(d) >= 3).ToArray()))
                .OrderByDescending(x => x.Repeated.Select(d => d.Test).Distinct().Count())
                .First();
            var tests = repeated.Select(c => c.Test).Distinct().ToArray();
            if (tests.Length < MagicValueTests)
            {
                continue;
            }

            var examples = repeated
                .Select(c => $"`{SimpleOf(c.Test.ClassName)}.{c.Test.MethodName}` line {Line(c.Line)}").Distinct(StringComparer.Ordinal).ToArray();
            var missing =
                $"{Count(tests.Length, "test", "tests")} in {project} build `{typeName}` from the same literal values "
                + $"(`{first.Expression}`{(repeated.All(c => c.SharedLiterals(first) == first.LiteralArguments && c.LiteralArguments == first.LiteralArguments) ? string.Empty : " or small variations of it")}; "
                + $"{List(examples)}), and the project has no factory or builder for `{typeName}`.";
            var risk =
                $"The literals hide which value each test is about. When `{typeName}`'s constructor or one of its invariants changes, "
                + $"all {Count(tests.Length, "test", "tests")} break for a reason unrelated to what they check, and a reader cannot tell the significant value from the filler.";
            var style = styleOf(project, first.Test.ClassName);
            string[] lines =
            [
                $"internal static class {typeName}Factory",
                "{",
                $"    // the defaults, named once; tests override only the value they are about",
                $"    public static {typeName} Valid() => {first.Expression};",
                "}",
                string.Empty,
                .. TestUsingFactory(style, first.Test.MethodName, typeName, $"instead of {first.Expression}"),
            ];
            yield return new Finding(
                "TG0704",
                RuleCatalog.Get("TG0704").DefaultSeverity,
                missing,
                risk,
                kindOf(project, first.Test.ClassName),
                Lines(lines),
                new SourceLocation(first.Path, first.Line, $"{first.Test.ClassName}.{first.Test.MethodName}"));
        }
    }

    /// <summary>
    /// One test that builds production objects from values copied out of a real record (ids, references, timestamps):
    /// a single test is enough, since the values say nothing about what the test checks. Tests already reported for
    /// repeated literals are not reported again.
    /// </summary>
    private static IEnumerable<Finding> CopiedValues(
        SuiteModel suite, Func<string, string, string> kindOf, Func<string, string, TestIdioms> styleOf, IReadOnlySet<string> reported)
    {
        var factories = suite.TestDataFactories.ToDictionary(f => f.Project, StringComparer.Ordinal);
        foreach (var copied in suite.CopiedRecordValues)
        {
            var symbol = $"{copied.Test.ClassName}.{copied.Test.MethodName}";
            if (reported.Contains(symbol))
            {
                continue;
            }

            var withFactory = factories.TryGetValue(copied.Project, out var known)
                ? copied.TypeNames.Where(t => known.FactoryFor.Contains(t, StringComparer.Ordinal)).ToArray()
                : [];
            var types = List(copied.TypeNames.Select(t => $"`{t}`").ToArray());
            var values = List(copied.Values.Select(v => $"`{v}`").ToArray(), 4);
            var missing =
                $"`{SimpleOf(copied.Test.ClassName)}.{copied.Test.MethodName}` builds {types} from {copied.Values.Count} values that look copied from a real record ({values}); "
                + (withFactory.Length > 0
                    ? $"the project has a factory for {List(withFactory.Select(t => $"`{t}`").ToArray())} that would name its defaults."
                    : "the project has no factory that would name them.");
            var risk =
                $"Copied ids, references and timestamps look significant: a reader cannot tell which of them the test depends on, a change to how {types} "
                + "is created must be made by hand in this test instead of once in a factory, and data copied from production can carry real customers' identifiers into the repository.";
            var subject = withFactory.FirstOrDefault() ?? copied.TypeNames[0];
            var style = styleOf(copied.Project, copied.Test.ClassName);
            var lines = TestUsingFactory(
                style,
                copied.Test.MethodName,
                subject,
                $"named defaults instead of {string.Join(", ", copied.Values.Take(3).Select(v => $"\"{v}\""))}",
                $"override only the value this test is about, by name: {subject}Factory.Valid(amount: 1_000m)");
            yield return new Finding(
                "TG0704",
                RuleCatalog.Get("TG0704").DefaultSeverity,
                missing,
                risk,
                kindOf(copied.Project, copied.Test.ClassName),
                Lines(lines),
                new SourceLocation(copied.Path, copied.Line, symbol));
        }
    }

    /// <summary>The test rewritten to take its object from a factory, as both kinds of TG0704 finding show it.</summary>
    private static string[] TestUsingFactory(TestIdioms style, string methodName, string typeName, string instead, string? hint = null) =>
    [
        style.TestAttribute(false),
        style.Signature(false, methodName),
        "{",
        $"    var {TestIdioms.VariableOf(typeName)} = {typeName}Factory.Valid(); // {instead}",
        .. (hint is null ? Array.Empty<string>() : [$"    // {hint}"]),
        "    // act and assert as before",
        "}",
    ];
}
