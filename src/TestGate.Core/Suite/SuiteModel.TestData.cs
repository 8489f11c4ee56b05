using TestGate.Core.Model;

namespace TestGate.Core.Suite;

/// <summary>The test-data family's facts (TG0701–TG0704), read from the test projects' sources.</summary>
public sealed partial record SuiteModel
{
    /// <summary>Static fields, properties and collections of test code that code outside one-time set-up writes or mutates.</summary>
    public IReadOnlyList<SharedStaticState> SharedStaticStates { get; init; } = [];

    /// <summary>Attributes that impose an execution order on tests (<c>TestCaseOrderer</c>, NUnit <c>[Order]</c>, <c>[TestPriority]</c>).</summary>
    public IReadOnlyList<TestOrdering> TestOrderings { get; init; } = [];

    /// <summary>A test that reads state only another test of the same class writes.</summary>
    public IReadOnlyList<StateHandOff> StateHandOffs { get; init; } = [];

    /// <summary>Randomness in test code without a fixed seed (<c>new Random()</c>, <c>Random.Shared</c>, Bogus without a seed).</summary>
    public IReadOnlyList<UnseededRandomness> UnseededRandomness { get; init; } = [];

    /// <summary>Constructions of production types with three or more literal arguments in test bodies.</summary>
    public IReadOnlyList<LiteralConstruction> LiteralConstructions { get; init; } = [];

    /// <summary>Per test project: the production types it has a factory or builder for, and whether it uses a data generator.</summary>
    public IReadOnlyList<TestDataFactories> TestDataFactories { get; init; } = [];

    /// <summary>Tests that build production objects from values that look copied from a real record (ids, references, timestamps).</summary>
    public IReadOnlyList<CopiedRecordValues> CopiedRecordValues { get; init; } = [];
}

/// <summary>One write to shared state: where (method or constructor) and how (assigned, incremented, <c>Add</c>, ...).</summary>
public sealed record StateWrite(string Member, bool InTest, string How, int Line);

/// <param name="Kind">"static field", "static property" or "static collection".</param>
/// <param name="MemberType">The declared type as written (<c>List&lt;Order&gt;</c>).</param>
public sealed record SharedStaticState(
    string Project,
    string ClassName,
    string Member,
    string MemberType,
    string Kind,
    string Path,
    int Line,
    IReadOnlyList<StateWrite> Writes);

/// <param name="ClassName">The ordered class, or empty for an assembly-wide attribute.</param>
/// <param name="Attribute">The attribute as written, shortened.</param>
/// <param name="OrderedTests">How many test methods of the class carry an order or priority attribute.</param>
public sealed record TestOrdering(string Project, string ClassName, string Attribute, string Framework, string Path, int Line, int OrderedTests);

/// <param name="IsStatic">False for an NUnit instance field: one fixture instance serves every test of the class.</param>
/// <param name="Readers">The tests that read the member without writing it, in source order; the finding points at the first.</param>
/// <param name="ReadLine">Where the first reader reads it.</param>
public sealed record StateHandOff(string Project, string ClassName, string Member, bool IsStatic, TestMethod Writer, int WriteLine, IReadOnlyList<TestMethod> Readers, int ReadLine);

/// <param name="Source">System.Random, Random.Shared or Bogus.</param>
/// <param name="Member">The method, property or field that uses it.</param>
/// <param name="Occurrences">How many unseeded sources the member has (the finding points at the first).</param>
/// <param name="InTest">The member is a test method (otherwise a helper, fake or field initializer).</param>
public sealed record UnseededRandomness(string Project, string ClassName, string Member, bool InTest, string Source, string Expression, string Path, int Line, int Occurrences);

/// <param name="Expression">The construction as written, shortened.</param>
/// <param name="Literals">Per argument position, the literal as written, or null where the argument is not a literal.</param>
public sealed record LiteralConstruction(
    string Project, string TypeName, TestMethod Test, string Expression, IReadOnlyList<string?> Literals, string Path, int Line)
{
    public int LiteralArguments => Literals.Count(l => l is not null);

    /// <summary>How many argument positions hold the same literal in both constructions.</summary>
    public int SharedLiterals(LiteralConstruction other)
    {
        var shared = 0;
        for (var i = 0; i < Math.Min(Literals.Count, other.Literals.Count); i++)
        {
            if (Literals[i] is { } literal && literal == other.Literals[i])
            {
                shared++;
            }
        }

        return shared;
    }
}

/// <param name="FactoryFor">Production type names some helper of the project returns, or that have a <c>*Builder</c>/<c>*Factory</c>/<c>*Mother</c>.</param>
/// <param name="UsesGenerator">The project builds data with AutoFixture or Bogus <c>Faker&lt;T&gt;</c>.</param>
public sealed record TestDataFactories(string Project, IReadOnlyList<string> FactoryFor, bool UsesGenerator);

/// <summary>
/// A test that builds production objects (<c>new T(...)</c> or <c>T.Create(...)</c>) from three or more values that look
/// copied from a real record: GUIDs, reference codes mixing letters and digits, timestamps.
/// </summary>
/// <param name="TypeNames">The production types built with them, in order of first use.</param>
/// <param name="Values">The record-like string literals, distinct, in order of appearance.</param>
/// <param name="Expression">The first construction that uses one, shortened.</param>
public sealed record CopiedRecordValues(
    string Project, TestMethod Test, IReadOnlyList<string> TypeNames, IReadOnlyList<string> Values, string Expression, string Path, int Line);
