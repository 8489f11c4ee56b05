using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Model;

namespace TestGate.Analysis;

/// <summary>
/// A test project as the build describes it: its name and, when the team forced one, its kind; inside a build also its
/// metadata references and global usings, which let the review use the semantic model.
/// </summary>
/// <param name="TestFramework">The test framework package the project references (xunit, nunit, mstest, tunit), when the caller read it from the project file.</param>
public sealed record TestProjectInfo(
    string Name,
    TestKind? ForcedKind,
    IReadOnlyList<string>? References = null,
    IReadOnlyList<string>? GlobalUsings = null,
    string? TestFramework = null);

/// <summary>
/// Finds test methods (xUnit, NUnit, MSTest, TUnit) and classifies each: a forced project kind wins, then a category
/// on the method or class, then the namespace and project naming conventions.
/// </summary>
public static class TestMethodScanner
{
    private static readonly HashSet<string> TestAttributes = new(StringComparer.Ordinal)
    {
        "Fact", "Theory", "SkippableFact", "SkippableTheory", "Test", "TestCase", "TestCaseSource", "TestMethod", "DataTestMethod",
    };

    private static readonly HashSet<string> CategoryAttributes = new(StringComparer.Ordinal) { "Category", "TestCategory" };

    public static IReadOnlyList<TestMethod> Scan(
        IReadOnlyList<(SourceFile File, SyntaxTree Tree)> trees, IReadOnlyDictionary<string, TestProjectInfo> projects) =>
        ScanWithSyntax(trees, projects).Select(t => t.Method).ToArray();

    /// <summary>The test methods with their declarations, for the structural review.</summary>
    public static IReadOnlyList<(TestMethod Method, MethodDeclarationSyntax Syntax)> ScanWithSyntax(
        IReadOnlyList<(SourceFile File, SyntaxTree Tree)> trees, IReadOnlyDictionary<string, TestProjectInfo> projects)
    {
        // Files are independent; the order of the result is the order of the files, then of the declarations.
        return trees.AsParallel().AsOrdered().SelectMany(t => ScanTree(t.File, t.Tree, projects)).ToArray();
    }

    private static List<(TestMethod, MethodDeclarationSyntax)> ScanTree(
        SourceFile file, SyntaxTree tree, IReadOnlyDictionary<string, TestProjectInfo> projects)
    {
        var tests = new List<(TestMethod, MethodDeclarationSyntax)>();
        projects.TryGetValue(file.Project, out var project);
        var classes = new Dictionary<SyntaxNode, (string Name, TestKind? Kind)>();

        // Test methods are members of types: method bodies need not be walked to find them.
        foreach (var method in tree.GetRoot().Descendants(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<MethodDeclarationSyntax>())
        {
            if (!IsTest(method))
            {
                continue;
            }

            var type = method.Parent as BaseTypeDeclarationSyntax;
            var (className, classKind) = type is null
                ? (string.Empty, null)
                : classes.TryGetValue(type, out var known) ? known : classes[type] = (ProductionTypeScanner.FullNameOf(type), CategoryOf(type));
            var kind = project?.ForcedKind
                ?? CategoryOf(method)
                ?? classKind
                ?? TestKindConventions.FromName(ProductionTypeScanner.NamespaceOf(method))
                ?? TestKindConventions.FromName(file.Project)
                ?? TestKindConventions.FromLayerName(ProductionTypeScanner.NamespaceOf(method))
                ?? TestKindConventions.FromLayerName(file.Project)
                ?? TestKind.Unclassified;
            var line = method.Identifier.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            tests.Add((new TestMethod(file.Project, className, method.Identifier.ValueText, kind, file.Path, line), method));
        }

        return tests;
    }

    private static TestKind? CategoryOf(MemberDeclarationSyntax member)
    {
        foreach (var attribute in AttributesOf(member.AttributeLists))
        {
            var name = AttributeName(attribute);
            var arguments = attribute.ArgumentList?.Arguments;
            if (arguments is not { Count: > 0 } args)
            {
                continue;
            }

            // xUnit: [Trait("Category", "Integration")]; NUnit/MSTest: [Category("Integration")], [TestCategory("...")].
            var value = name == "Trait" && args.Count == 2 && StringOf(args[0]) is { } key && key.Equals("Category", StringComparison.OrdinalIgnoreCase)
                ? StringOf(args[1])
                : CategoryAttributes.Contains(name) ? StringOf(args[0]) : null;
            if (TestKindConventions.FromName(value) is { } kind)
            {
                return kind;
            }
        }

        return null;
    }

    private static string? StringOf(AttributeArgumentSyntax argument) =>
        argument.Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
            ? literal.Token.ValueText
            : null;

    /// <summary>
    /// The framework a test method is written in: xunit, nunit, mstest or tunit (unknown when no attribute says). NUnit
    /// and TUnit both mark tests <c>[Test]</c>; <paramref name="tunitProject"/> tells them apart. NUnit also has a
    /// <c>[Theory]</c>: in a file that imports <c>NUnit.Framework</c> it is NUnit's.
    /// </summary>
    public static string FrameworkOf(MethodDeclarationSyntax method, bool tunitProject)
    {
        foreach (var attribute in AttributesOf(method.AttributeLists))
        {
            switch (AttributeName(attribute))
            {
                case "Theory" when ImportsNUnit(method): return "nunit";
                case "Fact" or "Theory" or "SkippableFact" or "SkippableTheory": return "xunit";
                case "Test": return tunitProject ? "tunit" : "nunit";
                case "TestCase" or "TestCaseSource": return "nunit";
                case "TestMethod" or "DataTestMethod": return "mstest";
            }
        }

        return "unknown";
    }

    private static bool ImportsNUnit(SyntaxNode node) =>
        node.SyntaxTree.GetRoot() is CompilationUnitSyntax unit
        && unit.Usings.Any(u => u.Name?.ToString() == "NUnit.Framework");

    /// <summary>
    /// The projects written with TUnit: the project file references it, its global usings or references name it (the
    /// TUnit package brings its namespaces as global usings, so files need no using of their own), or a file uses it.
    /// </summary>
    public static IReadOnlySet<string> TUnitProjects(
        IReadOnlyList<(SourceFile File, SyntaxTree Tree)> tests, IReadOnlyDictionary<string, TestProjectInfo> projects)
    {
        static bool NamesTUnit(string name) => name.StartsWith("TUnit", StringComparison.Ordinal);

        // A global using as the SDK writes it: "global using global::TUnit.Core;" (also static or aliased).
        static bool UsesTUnit(string globalUsing) => globalUsing.Contains("global::TUnit", StringComparison.Ordinal);
        var found = projects.Values
            .Where(p => p.TestFramework == "tunit"
                || (p.GlobalUsings ?? []).Any(UsesTUnit)
                || (p.References ?? []).Any(r => NamesTUnit(Path.GetFileName(r))))
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (file, tree) in tests)
        {
            if (!found.Contains(file.Project) && tree.GetRoot() is CompilationUnitSyntax unit
                && unit.Usings.Any(u => u.Name is { } name && NamesTUnit(name.ToString())))
            {
                found.Add(file.Project);
            }
        }

        return found;
    }

    public static bool IsTestAttribute(AttributeSyntax attribute) => TestAttributes.Contains(AttributeName(attribute));

    /// <summary>Whether the declaration is a test method (asked for every method of every test class).</summary>
    public static bool IsTest(MemberDeclarationSyntax member) => HasAttribute(member.AttributeLists, IsTestAttribute);

    /// <summary>Whether any attribute of the lists matches; loops instead of LINQ because it runs for every member of every type.</summary>
    public static bool HasAttribute(SyntaxList<AttributeListSyntax> lists, Func<AttributeSyntax, bool> predicate)
    {
        foreach (var list in lists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (predicate(attribute))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The attributes of all the lists of a declaration, in source order.</summary>
    public static IEnumerable<AttributeSyntax> AttributesOf(SyntaxList<AttributeListSyntax> lists) =>
        lists.Count == 1 ? lists[0].Attributes : lists.SelectMany(l => l.Attributes);

    public static string AttributeName(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => attribute.Name.ToString(),
        };
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
    }
}
