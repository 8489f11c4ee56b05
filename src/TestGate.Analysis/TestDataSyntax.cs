using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Model;
using TestGate.Core.Suite;

namespace TestGate.Analysis;

/// <summary>Syntax facts of the test-data family (TG0701–TG0704), read from the test projects' sources.</summary>
internal static class TestDataSyntax
{
    // ------------------------------------------------------------------ writes

    /// <summary>A write to a name: assigned, incremented, passed by ref, or (a mutation) changed through a collection method, an element or a member.</summary>
    internal sealed record WriteSite(string Name, string? Receiver, string How, SyntaxNode Node, bool IsMutation)
    {
        /// <summary>A call of a method that changes the fields of the object it is called on (see <see cref="StatefulTypesOf"/>).</summary>
        public bool ChangesState { get; init; }
    }

    private static readonly HashSet<string> Mutators = new(StringComparer.Ordinal)
    {
        "Add", "AddRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "RemoveWhere", "Clear", "Insert", "InsertRange",
        "Enqueue", "Dequeue", "TryDequeue", "Push", "Pop", "TryPop", "TryAdd", "TryRemove", "AddOrUpdate", "TryUpdate",
        "TryTake", "Sort", "Reverse", "UnionWith", "ExceptWith", "IntersectWith", "SymmetricExceptWith", "AddFirst",
        "AddLast", "RemoveFirst", "RemoveLast", "CompleteAdding",
    };

    internal static readonly HashSet<string> MutableCollections = new(StringComparer.Ordinal)
    {
        "List", "Dictionary", "HashSet", "SortedSet", "SortedDictionary", "SortedList", "Queue", "Stack", "LinkedList",
        "ConcurrentDictionary", "ConcurrentBag", "ConcurrentQueue", "ConcurrentStack", "BlockingCollection",
        "ObservableCollection", "Collection", "IList", "ICollection", "IDictionary", "ISet", "ArrayList", "Hashtable",
    };

    public static IEnumerable<WriteSite> WritesIn(SyntaxNode root) => WritesIn(root, NoStatefulMethods);

    private static readonly HashSet<string> NoStatefulMethods = [];

    /// <param name="statefulMethods">Methods of test-code types that change the instance's own fields (a builder's
    /// <c>WithOdometer</c> that sets a field and returns <c>this</c>): a call of one changes the object it is called on.</param>
    public static IEnumerable<WriteSite> WritesIn(SyntaxNode root, IReadOnlySet<string> statefulMethods)
    {
        foreach (var node in root.DescendantsAndSelf())
        {
            switch (node)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax called } when statefulMethods.Contains(called.Name.Identifier.ValueText)
                    && !Mutators.Contains(called.Name.Identifier.ValueText):
                    if (Mutated(called.Expression, called.Name.Identifier.ValueText, node) is { } changed)
                    {
                        yield return changed with { ChangesState = true };
                    }

                    break;
                case AssignmentExpressionSyntax assignment:
                    var how = assignment.Kind() switch
                    {
                        SyntaxKind.SimpleAssignmentExpression => IsLazyInitialization(assignment) ? "lazy" : "assigned",
                        SyntaxKind.CoalesceAssignmentExpression => "lazy",
                        _ => "updated",
                    };
                    foreach (var site in TargetsOf(assignment.Left, how, assignment))
                    {
                        yield return site;
                    }

                    break;
                case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression):
                    foreach (var site in TargetsOf(postfix.Operand, "incremented", postfix))
                    {
                        yield return site;
                    }

                    break;
                case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                    foreach (var site in TargetsOf(prefix.Operand, "incremented", prefix))
                    {
                        yield return site;
                    }

                    break;
                case ArgumentSyntax argument when argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword) || argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword):
                    var host = argument.Parent?.Parent as InvocationExpressionSyntax;
                    var interlocked = host?.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Interlocked" } } access
                        && access.Name.Identifier.ValueText is "Increment" or "Decrement" or "Add";
                    foreach (var site in TargetsOf(argument.Expression, interlocked ? "interlocked" : "passed by ref", argument))
                    {
                        yield return site;
                    }

                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } when Mutators.Contains(member.Name.Identifier.ValueText):
                    if (Mutated(member.Expression, member.Name.Identifier.ValueText, node) is { } mutation)
                    {
                        yield return mutation;
                    }

                    break;
            }
        }
    }

    /// <summary><c>if (_instance is null) { _instance = Create(); }</c>: a lazily created singleton, written once.</summary>
    private static bool IsLazyInitialization(AssignmentExpressionSyntax assignment)
    {
        var target = assignment.Left switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };
        return target is not null && assignment.Ancestors().TakeWhile(a => a is not MemberDeclarationSyntax).OfType<IfStatementSyntax>().Any(i =>
            i.Condition.DescendantsAndSelf().Any(n => n is IdentifierNameSyntax name && name.Identifier.ValueText == target)
            && i.Condition.DescendantsAndSelf().Any(n => n.IsKind(SyntaxKind.NullLiteralExpression)));
    }

    /// <summary>Whether a name at <paramref name="node"/> is a parameter or local of its member, not the field of that name.</summary>
    public static bool IsShadowed(SyntaxNode node, string name)
    {
        SyntaxNode? member = null;
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case BaseMethodDeclarationSyntax method when method.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name):
                case LocalFunctionStatementSyntax local when local.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name):
                case ParenthesizedLambdaExpressionSyntax lambda when lambda.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name):
                case SimpleLambdaExpressionSyntax simple when simple.Parameter.Identifier.ValueText == name:
                    return true;
            }

            if (ancestor is MemberDeclarationSyntax declaration)
            {
                member = declaration;
                break;
            }
        }

        return member is not null && member.Descendants().Any(n => n switch
        {
            VariableDeclaratorSyntax variable => variable.Identifier.ValueText == name && variable.Parent?.Parent is LocalDeclarationStatementSyntax or ForStatementSyntax or UsingStatementSyntax or FixedStatementSyntax,
            SingleVariableDesignationSyntax designation => designation.Identifier.ValueText == name,
            ForEachStatementSyntax loop => loop.Identifier.ValueText == name,
            CatchDeclarationSyntax caught => caught.Identifier.ValueText == name,
            _ => false,
        });
    }

    private static IEnumerable<WriteSite> TargetsOf(ExpressionSyntax target, string how, SyntaxNode node)
    {
        switch (target)
        {
            case IdentifierNameSyntax identifier:
                yield return new WriteSite(identifier.Identifier.ValueText, null, how, node, false);
                break;
            case MemberAccessExpressionSyntax member:
                yield return new WriteSite(member.Name.Identifier.ValueText, ReceiverOf(member.Expression), how, node, false);
                if (Mutated(member.Expression, $"{member.Name.Identifier.ValueText} assigned", node) is { } changed)
                {
                    yield return changed;
                }

                break;
            case ElementAccessExpressionSyntax element:
                if (Mutated(element.Expression, "element assigned", node) is { } mutation)
                {
                    yield return mutation;
                }

                break;
        }
    }

    private static WriteSite? Mutated(ExpressionSyntax target, string how, SyntaxNode node) => target switch
    {
        IdentifierNameSyntax identifier => new WriteSite(identifier.Identifier.ValueText, null, how, node, true),
        MemberAccessExpressionSyntax member => new WriteSite(member.Name.Identifier.ValueText, ReceiverOf(member.Expression), how, node, true),
        _ => null,
    };

    private static string? ReceiverOf(ExpressionSyntax expression) => expression switch
    {
        ThisExpressionSyntax => "this",
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        _ => "?",
    };

    // ------------------------------------------------------------------ TG0701: shared mutable static state

    /// <summary>A static member of test code, or (for NUnit) an instance field, that may carry state between tests.</summary>
    internal sealed record Candidate(
        string Name,
        string Project,
        TypeDeclarationSyntax DeclaringType,
        string ClassName,
        string TypeText,
        bool IsStatic,
        bool IsReadOnly,
        bool IsCollection,
        bool IsPrivate,
        bool IsProperty,
        string Path,
        int Line)
    {
        /// <summary>The simple name of its declared type (<c>List&lt;Order&gt;</c> → <c>List</c>).</summary>
        public string TypeName { get; init; } = string.Empty;

        /// <summary>The methods of its type that change its fields, when that is a test-code type (a mutable builder).</summary>
        public IReadOnlySet<string> StatefulMethods { get; init; } = NoStatefulMethods;
    }

    private static readonly HashSet<string> OneTimeAttributes = new(StringComparer.Ordinal)
    {
        "ClassInitialize", "AssemblyInitialize", "ClassCleanup", "AssemblyCleanup", "OneTimeSetUp", "OneTimeTearDown",
        "ModuleInitializer", "GlobalSetup", "GlobalCleanup",
    };

    private static readonly HashSet<string> PerFlowTypes = new(StringComparer.Ordinal) { "AsyncLocal" };

    private static readonly HashSet<string> FixtureInterfaces = new(StringComparer.Ordinal) { "IClassFixture", "ICollectionFixture", "IAssemblyFixture" };

    private static readonly HashSet<string> FixtureLifecycleMembers = new(StringComparer.Ordinal) { "InitializeAsync", "DisposeAsync", "Dispose" };

    /// <summary>Static fields and properties of test code, and the instance fields of NUnit fixtures.</summary>
    public static IReadOnlyList<Candidate> CandidatesOf(SourceFile file, SyntaxTree tree)
    {
        var candidates = new List<Candidate>();
        foreach (var type in tree.GetRoot().Descendants(IsTypeContainer).OfType<TypeDeclarationSyntax>())
        {
            var className = ProductionTypeScanner.FullNameOf(type);
            foreach (var member in type.Members)
            {
                switch (member)
                {
                    case FieldDeclarationSyntax field when !field.Modifiers.Any(SyntaxKind.ConstKeyword):
                        var typeName = SyntaxNames.SimpleNameOf(field.Declaration.Type);
                        if (PerFlowTypes.Contains(typeName))
                        {
                            break;
                        }

                        foreach (var variable in field.Declaration.Variables)
                        {
                            var created = variable.Initializer?.Value is ObjectCreationExpressionSyntax creation ? SyntaxNames.SimpleNameOf(creation.Type) : null;
                            var collection = field.Declaration.Type is ArrayTypeSyntax || MutableCollections.Contains(typeName) || (created is not null && MutableCollections.Contains(created));
                            candidates.Add(new Candidate(
                                variable.Identifier.ValueText, file.Project, type, className, field.Declaration.Type.ToString(),
                                field.Modifiers.Any(SyntaxKind.StaticKeyword), field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword), collection,
                                IsPrivate(field.Modifiers), false, file.Path, SyntaxNames.LineOf(variable.Identifier)) { TypeName = typeName });
                        }

                        break;
                    case PropertyDeclarationSyntax property when property.AccessorList is { } accessors
                        && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null):
                        var propertyType = SyntaxNames.SimpleNameOf(property.Type);
                        var settable = accessors.Accessors.Any(a => a.IsKind(SyntaxKind.SetAccessorDeclaration));
                        var mutableCollection = property.Type is ArrayTypeSyntax || MutableCollections.Contains(propertyType);
                        if (PerFlowTypes.Contains(propertyType) || (!settable && !mutableCollection))
                        {
                            break;
                        }

                        candidates.Add(new Candidate(
                            property.Identifier.ValueText, file.Project, type, className, property.Type.ToString(),
                            property.Modifiers.Any(SyntaxKind.StaticKeyword), !settable, mutableCollection,
                            IsPrivate(property.Modifiers), true, file.Path, SyntaxNames.LineOf(property.Identifier)) { TypeName = propertyType });
                        break;
                }
            }
        }

        return candidates;
    }

    /// <summary>
    /// Test-code classes whose instance methods assign the instance's own fields or settable properties (a builder whose
    /// <c>WithOdometer(km)</c> sets <c>_odometer</c> and returns <c>this</c>), with the names of those methods. Held in a static
    /// member, such an object carries one test's settings into the next.
    /// </summary>
    public static Dictionary<string, HashSet<string>> StatefulTypesOf(IEnumerable<SyntaxTree> trees)
    {
        var stateful = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in trees.SelectMany(t => t.GetRoot().Descendants(IsTypeContainer).OfType<ClassDeclarationSyntax>()))
        {
            var fields = type.Members.OfType<FieldDeclarationSyntax>()
                .Where(f => !f.Modifiers.Any(SyntaxKind.StaticKeyword) && !f.Modifiers.Any(SyntaxKind.ConstKeyword) && !f.Modifiers.Any(SyntaxKind.ReadOnlyKeyword))
                .SelectMany(f => f.Declaration.Variables.Select(v => v.Identifier.ValueText))
                .Concat(type.Members.OfType<PropertyDeclarationSyntax>()
                    .Where(p => !p.Modifiers.Any(SyntaxKind.StaticKeyword) && p.AccessorList?.Accessors.Any(a => a.IsKind(SyntaxKind.SetAccessorDeclaration)) == true)
                    .Select(p => p.Identifier.ValueText))
                .ToHashSet(StringComparer.Ordinal);
            if (fields.Count == 0)
            {
                continue;
            }

            foreach (var method in type.Members.OfType<MethodDeclarationSyntax>().Where(m => !m.Modifiers.Any(SyntaxKind.StaticKeyword)))
            {
                var assigns = method.Descendants().OfType<AssignmentExpressionSyntax>().Any(a => a.Left switch
                {
                    IdentifierNameSyntax name => fields.Contains(name.Identifier.ValueText) && !IsShadowed(a, name.Identifier.ValueText),
                    MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => fields.Contains(name.Identifier.ValueText),
                    _ => false,
                });
                if (assigns)
                {
                    if (!stateful.TryGetValue(type.Identifier.ValueText, out var methods))
                    {
                        stateful[type.Identifier.ValueText] = methods = new HashSet<string>(StringComparer.Ordinal);
                    }

                    methods.Add(method.Identifier.ValueText);
                }
            }
        }

        return stateful;
    }

    private static bool IsPrivate(SyntaxTokenList modifiers) =>
        !modifiers.Any(SyntaxKind.PublicKeyword) && !modifiers.Any(SyntaxKind.InternalKeyword) && !modifiers.Any(SyntaxKind.ProtectedKeyword);

    /// <summary>Fixture types: the type arguments of <c>IClassFixture&lt;T&gt;</c>/<c>ICollectionFixture&lt;T&gt;</c>, NUnit set-up fixtures and <c>*Fixture</c> types without tests.</summary>
    public static HashSet<string> FixtureTypesOf(IEnumerable<SyntaxTree> trees)
    {
        var fixtures = new HashSet<string>(StringComparer.Ordinal);
        var roots = trees.Select(t => t.GetRoot()).ToArray();
        foreach (var unit in roots.OfType<CompilationUnitSyntax>())
        {
            fixtures.UnionWith(AssemblyFixturesOf(unit));
        }

        foreach (var type in roots.SelectMany(r => r.Descendants(IsTypeContainer).OfType<TypeDeclarationSyntax>()))
        {
            foreach (var generic in type.BaseList?.Types.Select(b => b.Type).OfType<GenericNameSyntax>() ?? [])
            {
                if (FixtureInterfaces.Contains(generic.Identifier.ValueText) && generic.TypeArgumentList.Arguments.Count == 1)
                {
                    fixtures.Add(SyntaxNames.SimpleNameOf(generic.TypeArgumentList.Arguments[0]));
                }
            }

            var hasTests = type.Members.OfType<MethodDeclarationSyntax>().Any(IsTest);
            if (!hasTests && (type.Identifier.ValueText.EndsWith("Fixture", StringComparison.Ordinal)
                || TestMethodScanner.HasAttribute(type.AttributeLists, a => TestMethodScanner.AttributeName(a) == "SetUpFixture")))
            {
                fixtures.Add(type.Identifier.ValueText);
            }
        }

        return fixtures;
    }

    /// <summary>xUnit v3 <c>[assembly: AssemblyFixture(typeof(T))]</c>.</summary>
    private static IEnumerable<string> AssemblyFixturesOf(CompilationUnitSyntax unit) =>
        TestMethodScanner.AttributesOf(unit.AttributeLists)
            .Where(a => TestMethodScanner.AttributeName(a) == "AssemblyFixture")
            .SelectMany(a => a.Descendants().OfType<TypeOfExpressionSyntax>())
            .Select(t => SyntaxNames.SimpleNameOf(t.Type));

    /// <summary>Types are declared only in compilation units, namespaces and other types: no need to walk member bodies.</summary>
    internal static bool IsTypeContainer(SyntaxNode node) =>
        node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax;

    public static bool IsTest(MethodDeclarationSyntax method) =>
        TestMethodScanner.IsTest(method);

    /// <summary>
    /// Whether a write happens in one-time set-up, where shared state is the point: a static constructor, a
    /// <c>[ClassInitialize]</c>/<c>[OneTimeSetUp]</c>-style method, or the constructor/lifecycle of a fixture type.
    /// </summary>
    public static bool IsOneTimeSetUp(SyntaxNode node, IReadOnlySet<string> fixtures)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case ConstructorDeclarationSyntax constructor:
                    return constructor.Modifiers.Any(SyntaxKind.StaticKeyword)
                        || (constructor.Parent is TypeDeclarationSyntax owner && fixtures.Contains(owner.Identifier.ValueText));
                case MethodDeclarationSyntax method:
                    return TestMethodScanner.HasAttribute(method.AttributeLists, a => OneTimeAttributes.Contains(TestMethodScanner.AttributeName(a)))
                        || (FixtureLifecycleMembers.Contains(method.Identifier.ValueText) && method.Parent is TypeDeclarationSyntax fixture
                            && fixtures.Contains(fixture.Identifier.ValueText));
                case BaseTypeDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Whether a write (by name) reaches the candidate: inside its type unqualified or through its type name; outside only through its type name.</summary>
    public static bool Reaches(WriteSite site, Candidate candidate)
    {
        if (site.Name != candidate.Name)
        {
            return false;
        }

        var typeName = candidate.DeclaringType.Identifier.ValueText;
        var inside = site.Node.Ancestors().Contains(candidate.DeclaringType);
        if (inside)
        {
            return (site.Receiver is null && !IsShadowed(site.Node, candidate.Name))
                || site.Receiver == typeName || (!candidate.IsStatic && site.Receiver == "this");
        }

        return candidate.IsStatic && !candidate.IsPrivate && site.Receiver == typeName;
    }

    /// <summary>Whether the write changes the candidate's state (for a readonly member, only a mutation does).</summary>
    public static bool Changes(WriteSite site, Candidate candidate) =>
        site.ChangesState
            ? candidate.StatefulMethods.Contains(site.How)
            : candidate.IsReadOnly
            ? site.IsMutation && (candidate.IsCollection || (site.How.EndsWith(" assigned", StringComparison.Ordinal) && site.How != "element assigned"))
            : site.How != "lazy" && site.How != "interlocked" && (!site.IsMutation || candidate.IsCollection || site.How.EndsWith(" assigned", StringComparison.Ordinal));

    public static string MemberOf(SyntaxNode node)
    {
        var typeName = node.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText ?? string.Empty;
        return ObservabilitySyntax.EnclosingMember(node, typeName).Name;
    }

    /// <summary>
    /// Objects the code under test writes into, by what it does to them: recording doubles (logs, measurements) and
    /// in-memory stores (a <c>MemoryDistributedCache</c> standing in for Redis).
    /// </summary>
    private static readonly Dictionary<string, string> WrittenByTheCodeUnderTest = new(StringComparer.Ordinal)
    {
        ["FakeLogCollector"] = "records into it",
        ["FakeLogger"] = "records into it",
        ["FakeLoggerProvider"] = "records into it",
        ["MetricCollector"] = "records into it",
        ["MemoryDistributedCache"] = "stores into it",
        ["MemoryCache"] = "stores into it",
    };

    /// <summary>
    /// The writes no assignment shows: a static recording double or in-memory store (a <c>FakeLogCollector</c>, a
    /// <c>MemoryDistributedCache</c>) that tests hand to the code they run (<c>new FakeLogger&lt;T&gt;(Logs)</c>,
    /// <c>new PaymentService(Logger)</c>), directly or through a helper of the class that returns it
    /// (<c>InMemoryStore() =&gt; SharedStore</c>), holds whatever that code writes, in every test that does so. Empty for
    /// other members, and for a member only one test uses.
    /// </summary>
    public static IEnumerable<StateWrite> RecordingHandOffs(Candidate candidate)
    {
        if (!candidate.IsStatic || !WrittenByTheCodeUnderTest.TryGetValue(candidate.TypeName, out var effect))
        {
            return [];
        }

        var returningHelpers = candidate.DeclaringType.Members.OfType<MethodDeclarationSyntax>()
            .Where(m => !IsTest(m) && Returns(m, candidate.Name))
            .Select(m => m.Identifier.ValueText)
            .ToHashSet(StringComparer.Ordinal);
        var handOffs = candidate.DeclaringType.Descendants().OfType<IdentifierNameSyntax>()
            .Where(i => InTestMethod(i) && !IsShadowed(i, candidate.Name)
                && ((i.Identifier.ValueText == candidate.Name && i.Parent is ArgumentSyntax)
                    || (returningHelpers.Contains(i.Identifier.ValueText) && i.Parent is InvocationExpressionSyntax call && IsHandedOn(call))))
            .Select(i => (Test: MemberOf(i), Node: i, Callee: i.Parent is ArgumentSyntax ? i.Parent.Parent?.Parent : null))
            .ToArray();
        if (handOffs.Select(h => h.Test).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            return [];
        }

        return handOffs.Select(h => new StateWrite(
            h.Test,
            true,
            h.Callee is null
                ? $"taken from {h.Node.Identifier.ValueText}() and handed to the code under test, which {effect}"
                : $"handed to {h.Callee switch
                {
                    BaseObjectCreationExpressionSyntax creation => "new " + (CreatedTypeOf(creation) ?? "an object"),
                    InvocationExpressionSyntax invocation => SyntaxNames.InvokedName(invocation) ?? "a call",
                    _ => "the code under test",
                }}, which {effect}",
            SyntaxNames.LineOf(h.Node)));
    }

    /// <summary>
    /// The value of the call reaches other code: it is an argument (<c>new SummaryCache(Store())</c>), or the local it
    /// initialises is one (<c>var store = Store(); ... CacheOver(store)</c>); not a read such as <c>Store().Count</c>.
    /// </summary>
    private static bool IsHandedOn(InvocationExpressionSyntax call) =>
        call.Parent is ArgumentSyntax
        || (call.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax local }
            && local.Ancestors().OfType<MethodDeclarationSyntax>().FirstOrDefault() is { } method
            && method.Descendants().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == local.Identifier.ValueText && n.Parent is ArgumentSyntax));

    /// <summary>The method returns the member: <c>Store() =&gt; SharedStore</c>, or <c>return SharedStore;</c> as its only statement.</summary>
    private static bool Returns(MethodDeclarationSyntax method, string member) =>
        (method.ExpressionBody?.Expression ?? (method.Body?.Statements is [ReturnStatementSyntax only] ? only.Expression : null))
            is IdentifierNameSyntax { Identifier.ValueText: var name } && name == member;

    private static string? CreatedTypeOf(BaseObjectCreationExpressionSyntax creation) =>
        creation is ObjectCreationExpressionSyntax explicitType ? SyntaxNames.SimpleNameOf(explicitType.Type) : null;

    public static bool InTestMethod(SyntaxNode node) =>
        node.Ancestors().OfType<MethodDeclarationSyntax>().FirstOrDefault() is { } method && IsTest(method);

    // ------------------------------------------------------------------ TG0702: ordering attributes

    private static readonly HashSet<string> NUnitTestAttributes = new(StringComparer.Ordinal) { "Test", "TestCase", "TestCaseSource" };

    private static readonly HashSet<string> XunitTestAttributes = new(StringComparer.Ordinal) { "Fact", "Theory", "SkippableFact", "SkippableTheory" };

    public static IEnumerable<TestOrdering> OrderingsOf(SourceFile file, SyntaxTree tree, bool projectHasOrderer)
    {
        var root = tree.GetRoot();
        if (root is CompilationUnitSyntax unit)
        {
            foreach (var attribute in unit.AttributeLists.Where(l => l.Target?.Identifier.IsKind(SyntaxKind.AssemblyKeyword) == true).SelectMany(l => l.Attributes))
            {
                if (TestMethodScanner.AttributeName(attribute) is "TestCaseOrderer" or "TestCollectionOrderer")
                {
                    yield return new TestOrdering(file.Project, string.Empty, Shorten(attribute.ToString()), "xunit", file.Path, SyntaxNames.LineOf(attribute), 0);
                }
            }
        }

        foreach (var type in root.Descendants(IsTypeContainer).OfType<TypeDeclarationSyntax>())
        {
            var methods = type.Members.OfType<MethodDeclarationSyntax>().Where(IsTest).ToArray();
            var attributeNames = methods.SelectMany(m => TestMethodScanner.AttributesOf(m.AttributeLists)).Select(TestMethodScanner.AttributeName).ToHashSet(StringComparer.Ordinal);
            var framework = attributeNames.Overlaps(NUnitTestAttributes) ? "nunit" : attributeNames.Overlaps(XunitTestAttributes) ? "xunit" : "mstest";
            var classOrderer = TestMethodScanner.AttributesOf(type.AttributeLists).FirstOrDefault(a => TestMethodScanner.AttributeName(a) == "TestCaseOrderer");
            var signals = new List<AttributeSyntax>();
            if (classOrderer is not null)
            {
                signals.Add(classOrderer);
            }

            if (framework == "nunit")
            {
                signals.AddRange(TestMethodScanner.AttributesOf(type.AttributeLists).Where(IsNUnitOrder));
            }

            var ordered = 0;
            foreach (var method in methods)
            {
                var marks = TestMethodScanner.AttributesOf(method.AttributeLists).Where(a =>
                    TestMethodScanner.AttributeName(a) switch
                    {
                        "Order" => framework == "nunit" && IsNUnitOrder(a),
                        "TestPriority" => framework != "mstest",
                        "Priority" => framework == "xunit" && (classOrderer is not null || projectHasOrderer),
                        _ => false,
                    }).ToArray();
                if (marks.Length > 0)
                {
                    ordered++;
                    signals.AddRange(marks);
                }
            }

            if (signals.Count > 0 && methods.Length > 0)
            {
                var first = signals.OrderBy(SyntaxNames.LineOf).First();
                yield return new TestOrdering(file.Project, ProductionTypeScanner.FullNameOf(type), Shorten(first.ToString()), framework, file.Path, SyntaxNames.LineOf(first), ordered);
            }
        }
    }

    public static bool HasAssemblyOrderer(SyntaxTree tree) =>
        tree.GetRoot() is CompilationUnitSyntax unit
        && TestMethodScanner.HasAttribute(unit.AttributeLists, a => TestMethodScanner.AttributeName(a) is "TestCaseOrderer");

    private static bool IsNUnitOrder(AttributeSyntax attribute) =>
        TestMethodScanner.AttributeName(attribute) == "Order"
        && attribute.ArgumentList?.Arguments.Count == 1
        && attribute.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax or PrefixUnaryExpressionSyntax or MemberAccessExpressionSyntax or IdentifierNameSyntax;

    /// <summary>NUnit reuses one fixture instance for all its tests unless <c>[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]</c> says otherwise.</summary>
    public static bool IsInstancePerTestCase(SyntaxList<AttributeListSyntax> attributes) =>
        attributes.SelectMany(l => l.Attributes)
            .Any(a => TestMethodScanner.AttributeName(a) == "FixtureLifeCycle" && a.ToString().Contains("InstancePerTestCase", StringComparison.Ordinal));

    public static bool IsNUnitTest(MethodDeclarationSyntax method) =>
        TestMethodScanner.HasAttribute(method.AttributeLists, a => NUnitTestAttributes.Contains(TestMethodScanner.AttributeName(a)));

    /// <summary>Per-test set-up: <c>[SetUp]</c>, <c>[TestInitialize]</c>.</summary>
    public static bool IsPerTestSetUp(MethodDeclarationSyntax method) =>
        TestMethodScanner.HasAttribute(method.AttributeLists, a => TestMethodScanner.AttributeName(a) is "SetUp" or "TestInitialize");

    // ------------------------------------------------------------------ TG0703: unseeded randomness

    private static readonly HashSet<string> ClockSeeds = new(StringComparer.Ordinal)
    {
        "Now", "UtcNow", "TickCount", "TickCount64", "Ticks", "NewGuid", "Millisecond", "GetTimestamp", "Shared", "GetUtcNow",
    };

    private sealed record RandomSite(string Project, string ClassName, string Member, bool InTest, string Source, string Expression, string Path, int Line);

    public static IReadOnlyList<UnseededRandomness> RandomnessOf(IReadOnlyList<(SourceFile File, SyntaxTree Tree)> tests)
    {
        // Bogus: Randomizer.Seed = new Random(8675309) seeds every Faker of the project; found in the same walk.
        var seededProjects = new HashSet<string>(StringComparer.Ordinal);
        var sites = new List<RandomSite>();
        foreach (var (file, tree) in tests)
        {
            foreach (var node in tree.GetRoot().Descendants())
            {
                if (node is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Seed", Expression: var owner } } seeding
                    && SyntaxNames.RightmostName(owner) == "Randomizer" && !IsClockSeeded(seeding.Right))
                {
                    seededProjects.Add(file.Project);
                    continue;
                }

                var found = node switch
                {
                    ObjectCreationExpressionSyntax creation => CreationSource(SyntaxNames.SimpleNameOf(creation.Type), creation.ArgumentList, creation.Initializer, creation),
                    ImplicitObjectCreationExpressionSyntax implicitCreation when DeclaredTypeOf(implicitCreation) is { } declared =>
                        CreationSource(declared, implicitCreation.ArgumentList, implicitCreation.Initializer, implicitCreation),
                    MemberAccessExpressionSyntax { Expression: var shared, Name.Identifier.ValueText: "Shared" } when SyntaxNames.RightmostName(shared) == "Random" => "Random.Shared",
                    TypeDeclarationSyntax type when DerivesFromFaker(type) && !type.Descendants().OfType<InvocationExpressionSyntax>().Any(i => SyntaxNames.InvokedName(i) == "UseSeed") => "Bogus",
                    _ => null,
                };
                if (found is null)
                {
                    continue;
                }

                var typeNode = node as TypeDeclarationSyntax ?? node.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault();
                var className = typeNode is null ? string.Empty : ProductionTypeScanner.FullNameOf(typeNode);
                var member = node is TypeDeclarationSyntax declaration ? declaration.Identifier.ValueText : MemberOf(node);
                var expression = node is TypeDeclarationSyntax derived
                    ? $"class {derived.Identifier.ValueText} : {derived.BaseList?.Types.ToString()}"
                    : Shorten(node.ToString());
                var line = node is TypeDeclarationSyntax t ? SyntaxNames.LineOf(t.Identifier) : SyntaxNames.LineOf(node);
                sites.Add(new RandomSite(file.Project, className, member, InTestMethod(node), found, expression, file.Path, line));
            }
        }

        sites.RemoveAll(s => s.Source == "Bogus" && seededProjects.Contains(s.Project));
        return sites
            .GroupBy(s => (s.Path, s.ClassName, s.Member))
            .Select(g =>
            {
                var first = g.OrderBy(s => s.Line).First();
                return new UnseededRandomness(first.Project, first.ClassName, first.Member, first.InTest, first.Source, first.Expression, first.Path, first.Line, g.Count());
            })
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .ThenBy(r => r.Line)
            .ToArray();
    }

    private static string? CreationSource(string typeName, ArgumentListSyntax? arguments, InitializerExpressionSyntax? initializer, ExpressionSyntax creation)
    {
        switch (typeName)
        {
            case "Random":
                return arguments is null || arguments.Arguments.Count == 0 || arguments.Arguments.Any(a => IsClockSeeded(a.Expression)) ? "System.Random" : null;
            case "Randomizer":
                return arguments is null || arguments.Arguments.Count == 0 ? "Bogus" : null;
            case "Faker" or "AutoFaker":
                if (IsSeededFaker(creation, initializer))
                {
                    return null;
                }

                return "Bogus";
            default:
                return null;
        }
    }

    private static bool IsClockSeeded(ExpressionSyntax seed) =>
        seed.DescendantsAndSelf().OfType<SimpleNameSyntax>().Any(n => ClockSeeds.Contains(n.Identifier.ValueText));

    /// <summary>A Faker seeded in its own chain (<c>new Faker&lt;T&gt;().UseSeed(1)</c>), its initializer (<c>Random = new Randomizer(1)</c>), or later through the variable it is stored in.</summary>
    private static bool IsSeededFaker(ExpressionSyntax creation, InitializerExpressionSyntax? initializer)
    {
        if (initializer?.Expressions.OfType<AssignmentExpressionSyntax>().Any(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: "Random" }) == true)
        {
            return true;
        }

        SyntaxNode current = creation;
        while (current.Parent is MemberAccessExpressionSyntax or InvocationExpressionSyntax or ParenthesizedExpressionSyntax)
        {
            current = current.Parent;
            if (current is InvocationExpressionSyntax invocation && SyntaxNames.InvokedName(invocation) == "UseSeed")
            {
                return true;
            }
        }

        var stored = current.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax variable } => variable.Identifier.ValueText,
            AssignmentExpressionSyntax { Left: var left } => SyntaxNames.RightmostName(left),
            _ => null,
        };
        var scope = (SyntaxNode?)creation.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() ?? creation.SyntaxTree.GetRoot();
        return stored is not null && scope.Descendants().OfType<InvocationExpressionSyntax>().Any(i =>
            SyntaxNames.InvokedName(i) == "UseSeed" && i.Expression is MemberAccessExpressionSyntax member && SyntaxNames.RightmostName(member.Expression) == stored);
    }

    private static bool DerivesFromFaker(TypeDeclarationSyntax type) =>
        type.BaseList?.Types.Any(b => SyntaxNames.SimpleNameOf(b.Type) is "Faker" or "AutoFaker") == true;

    private static string? DeclaredTypeOf(ImplicitObjectCreationExpressionSyntax creation) =>
        creation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } }
            ? SyntaxNames.SimpleNameOf(declaration.Type)
            : creation.Parent is EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property }
                ? SyntaxNames.SimpleNameOf(property.Type)
                : null;

    // ------------------------------------------------------------------ TG0704: magic values instead of factories

    private static readonly HashSet<string> ConstructorWords = new(StringComparer.Ordinal) { "constructor", "ctor", "construct", "constructing", "constructed" };

    /// <summary>Constructions of production types with three or more literal arguments in a test's own body, outside exception-assertion lambdas.</summary>
    public static IEnumerable<LiteralConstruction> LiteralConstructionsOf(
        TestMethod test, MethodDeclarationSyntax method, Func<string, bool> isProductionType)
    {
        var className = TypeNames.SubjectOfTestClass(test.ClassName) ?? TypeNames.SimpleNameOf(test.ClassName);

        var testsConstruction = TypeNames.WordsOf(test.MethodName).Any(ConstructorWords.Contains);
        foreach (var creation in method.Descendants(n => !ObservabilitySyntax.IsActLambda(n)).OfType<ObjectCreationExpressionSyntax>())
        {
            var typeName = SyntaxNames.SimpleNameOf(creation.Type);
            if (creation.ArgumentList is null || typeName.EndsWith("Exception", StringComparison.Ordinal) || !isProductionType(typeName))
            {
                continue;
            }

            // A test of the type itself needs its literal inputs: they are the data under test, not filler.
            if (testsConstruction || className == typeName || test.MethodName == typeName
                || test.MethodName.StartsWith(typeName + "_", StringComparison.Ordinal))
            {
                continue;
            }

            // Literals are filler when they repeat; numbers alone are usually the quantities under test, and a
            // construction inside an assertion is the expected value.
            var literals = creation.ArgumentList.Arguments.Select(a => IsMagicLiteral(a.Expression) ? a.Expression.ToString() : null).ToArray();
            if (literals.Count(l => l is not null) >= 3
                && creation.ArgumentList.Arguments.Any(a => a.Expression.IsKind(SyntaxKind.StringLiteralExpression) || a.Expression.IsKind(SyntaxKind.CharacterLiteralExpression))
                && !IsExpectedValue(creation))
            {
                yield return new LiteralConstruction(test.Project, typeName, test, Shorten(creation.ToString()), literals, test.Path, SyntaxNames.LineOf(creation));
            }
        }
    }

    /// <summary>Words of a test name that make literal inputs the data under test: parsing, formatting, validation.</summary>
    private static readonly HashSet<string> InputWords = new(StringComparer.Ordinal)
    {
        "parse", "parses", "parsing", "parsed", "format", "formats", "formatted", "formatting", "valid", "invalid", "validates",
        "validation", "rejects", "rejected", "malformed", "serializes", "serialized", "deserializes", "deserialized", "round", "trip", "roundtrip",
    };

    /// <summary>
    /// Values that look copied from a real record, passed to constructions (<c>new T(...)</c>) or static factories
    /// (<c>T.Submit(...)</c>) of production types in a test's own body: null unless there are three or more distinct ones.
    /// Tests of parsing, formatting, validation or construction, and of the built type itself by name, are skipped:
    /// their literals are the input under test.
    /// </summary>
    public static CopiedRecordValues? CopiedRecordValuesOf(TestMethod test, MethodDeclarationSyntax method, Func<string, bool> isProductionType)
    {
        var words = TypeNames.WordsOf(test.MethodName).Select(w => w.ToLowerInvariant()).ToArray();
        if (words.Any(w => ConstructorWords.Contains(w) || InputWords.Contains(w)))
        {
            return null;
        }

        List<string>? values = null;
        List<string>? types = null;
        SyntaxNode? first = null;
        foreach (var node in method.Descendants(n => !ObservabilitySyntax.IsActLambda(n)))
        {
            var (typeName, arguments) = node switch
            {
                ObjectCreationExpressionSyntax creation => (SyntaxNames.SimpleNameOf(creation.Type), creation.ArgumentList),
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } } invocation =>
                    (receiver.Identifier.ValueText, invocation.ArgumentList),
                _ => (string.Empty, null),
            };
            if (arguments is null || typeName.Length == 0 || !isProductionType(typeName) || typeName.EndsWith("Exception", StringComparison.Ordinal)
                || test.MethodName.StartsWith(typeName + "_", StringComparison.Ordinal) || IsExpectedValue(node))
            {
                continue;
            }

            foreach (var literal in arguments.Descendants().OfType<LiteralExpressionSyntax>())
            {
                if (!literal.IsKind(SyntaxKind.StringLiteralExpression) || !LooksCopiedFromARecord(literal.Token.ValueText))
                {
                    continue;
                }

                values ??= [];
                types ??= [];
                first ??= node;
                if (!values.Contains(literal.Token.ValueText, StringComparer.Ordinal))
                {
                    values.Add(literal.Token.ValueText);
                }

                if (!types.Contains(typeName, StringComparer.Ordinal))
                {
                    types.Add(typeName);
                }
            }
        }

        return values is { Count: >= 3 }
            ? new CopiedRecordValues(test.Project, test, types!, values, Shorten(first!.ToString()), test.Path, SyntaxNames.LineOf(first!))
            : null;
    }

    /// <summary>
    /// A GUID, a timestamp, or a reference code: one token of 8+ characters with letters and at least four digits,
    /// split by '-', '_', ':' or '/' (<c>BRK-2024-118734</c>, <c>LN-20240603-7KQ2MX</c>). Words, amounts and currency codes are not.
    /// </summary>
    internal static bool LooksCopiedFromARecord(string value)
    {
        if (value.Length is < 8 or > 64 || value.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (Guid.TryParseExact(value, "D", out _) || Guid.TryParseExact(value, "N", out _))
        {
            return true;
        }

        if (value.Length >= 16 && value[4] == '-' && value[7] == '-' && value[10] is 'T' or ' ' && value[..4].All(char.IsAsciiDigit))
        {
            return true;
        }

        var digits = value.Count(char.IsAsciiDigit);
        return digits >= 4
            && value.Any(char.IsAsciiLetter)
            && value.IndexOfAny(['-', '_', ':', '/']) > 0
            && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '/' or '.')
            && !value.Contains("//", StringComparison.Ordinal);
    }

    /// <summary>
    /// An argument of an assertion, possibly inside a collection or another construction:
    /// <c>Assert.Equal(new X(...), actual)</c>, <c>actual.Should().Be(new X(...))</c>; not an input of the call under test.
    /// </summary>
    private static bool IsExpectedValue(SyntaxNode node)
    {
        var current = node;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case ArgumentSyntax or ArgumentListSyntax or CollectionExpressionSyntax or ExpressionElementSyntax or InitializerExpressionSyntax
                    or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or ObjectCreationExpressionSyntax
                    or ImplicitObjectCreationExpressionSyntax or CastExpressionSyntax or ParenthesizedExpressionSyntax:
                    current = parent;
                    continue;
                case InvocationExpressionSyntax invocation when current is ArgumentListSyntax:
                    return AssertionSyntax.IsAssertion(invocation);
                default:
                    return false;
            }
        }

        return false;
    }

    private static bool IsMagicLiteral(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal => literal.Kind() is SyntaxKind.StringLiteralExpression or SyntaxKind.NumericLiteralExpression
            or SyntaxKind.CharacterLiteralExpression or SyntaxKind.TrueLiteralExpression or SyntaxKind.FalseLiteralExpression,
        PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax operand } => operand.IsKind(SyntaxKind.NumericLiteralExpression),
        _ => false,
    };

    private static readonly string[] FactorySuffixes = ["Builder", "Factory", "Mother"];

    private static readonly HashSet<string> SequenceTypes = new(StringComparer.Ordinal)
    {
        "IEnumerable", "IReadOnlyList", "IReadOnlyCollection", "IList", "List", "ICollection", "ImmutableArray", "ImmutableList",
    };

    /// <summary>The production types a test project has a factory for, and whether it generates data (AutoFixture, Bogus).</summary>
    public static TestDataFactories FactoriesOf(string project, IEnumerable<SyntaxTree> trees, Func<string, bool> isProductionType)
    {
        var factoryFor = new SortedSet<string>(StringComparer.Ordinal);
        var generator = false;
        foreach (var root in trees.Select(t => t.GetRoot()))
        {
            foreach (var node in root.Descendants())
            {
                switch (node)
                {
                    case MethodDeclarationSyntax method when !IsTest(method):
                        AddReturned(method.ReturnType);
                        break;
                    case PropertyDeclarationSyntax property when property.Modifiers.Any(SyntaxKind.StaticKeyword):
                        AddReturned(property.Type);
                        break;
                    case TypeDeclarationSyntax type:
                        AddFactoryTargets(type.Identifier.ValueText);
                        break;
                    case ObjectCreationExpressionSyntax creation when SyntaxNames.SimpleNameOf(creation.Type) is "Fixture" or "Faker" or "AutoFaker"
                        && (creation.Type is GenericNameSyntax || SyntaxNames.SimpleNameOf(creation.Type) == "Fixture"):
                        generator = true;
                        break;
                    case AttributeSyntax attribute when TestMethodScanner.AttributeName(attribute) is "AutoData" or "InlineAutoData" or "AutoMoqData" or "InlineAutoMoqData":
                        generator = true;
                        break;
                }
            }
        }

        return new TestDataFactories(project, factoryFor.ToArray(), generator);

        // A plain loop, not a lambda: a lambda capturing the name would allocate for every node of the tree.
        void AddFactoryTargets(string name)
        {
            foreach (var suffix in FactorySuffixes)
            {
                if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal) && isProductionType(name[..^suffix.Length]))
                {
                    factoryFor.Add(name[..^suffix.Length]);
                }
            }
        }

        // T itself, T[] or a sequence of T: what an object mother hands out (not a fake's Task<T>).
        void AddReturned(TypeSyntax type)
        {
            var returned = type switch
            {
                GenericNameSyntax generic when SequenceTypes.Contains(generic.Identifier.ValueText) && generic.TypeArgumentList.Arguments.Count == 1 =>
                    SyntaxNames.SimpleNameOf(generic.TypeArgumentList.Arguments[0]),
                QualifiedNameSyntax { Right: GenericNameSyntax generic } when SequenceTypes.Contains(generic.Identifier.ValueText) && generic.TypeArgumentList.Arguments.Count == 1 =>
                    SyntaxNames.SimpleNameOf(generic.TypeArgumentList.Arguments[0]),
                _ => SyntaxNames.SimpleNameOf(type),
            };
            if (isProductionType(returned))
            {
                factoryFor.Add(returned);
            }
        }
    }

    internal static string Shorten(string text)
    {
        var single = string.Join(' ', text.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return single.Length <= 120 ? single : single[..117] + "...";
    }
}
