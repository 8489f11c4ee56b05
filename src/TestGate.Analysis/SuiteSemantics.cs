using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TestGate.Analysis;

/// <summary>
/// The semantic model, where the build gave TestGate a test project's references: one compilation per such test
/// project (its test sources, every production source, its global usings and its metadata references), bound only for
/// the expressions a rule asks about. Answers are <c>null</c> when a question cannot be decided (no references, a
/// type that does not resolve): callers then fall back to syntax, so a tree that does not restore is still reviewed.
/// </summary>
public sealed class SuiteSemantics
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview, DocumentationMode.None);

    private readonly IReadOnlyDictionary<SyntaxTree, Lazy<CSharpCompilation?>> _compilationOf;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    private SuiteSemantics(IReadOnlyDictionary<SyntaxTree, Lazy<CSharpCompilation?>> compilationOf) => _compilationOf = compilationOf;

    /// <summary>
    /// Compilations for the test projects that came with references; <c>null</c> when none did. References to the
    /// production assemblies are left out: their sources are in the compilation, and both would make every production
    /// type ambiguous. A compilation is only created when a rule first asks about one of its project's tests: a suite
    /// with nothing to ask pays nothing.
    /// </summary>
    public static SuiteSemantics? Create(
        IReadOnlyList<(SourceFile File, SyntaxTree Tree)> production,
        IReadOnlyList<(SourceFile File, SyntaxTree Tree)> tests,
        IReadOnlyDictionary<string, TestProjectInfo> projects)
    {
        var productionAssemblies = production.Select(p => p.File.Assembly).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var metadata = new ConcurrentDictionary<string, MetadataReference>(StringComparer.Ordinal);
        var compilationOf = new Dictionary<SyntaxTree, Lazy<CSharpCompilation?>>();
        foreach (var project in projects.Values.Where(p => p.References is { Count: > 0 }).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var testTrees = tests.Where(t => t.File.Project == project.Name).Select(t => t.Tree).ToArray();
            if (testTrees.Length == 0)
            {
                continue;
            }

            var compilation = new Lazy<CSharpCompilation?>(() => CompilationOf(project, production, testTrees, productionAssemblies, metadata));
            foreach (var tree in testTrees)
            {
                compilationOf[tree] = compilation;
            }
        }

        return compilationOf.Count == 0 ? null : new SuiteSemantics(compilationOf);
    }

    /// <summary>The project's compilation, or <c>null</c> when its references cannot be read: the review then reads that
    /// project by syntax, as it would without references, instead of failing the gate.</summary>
    private static CSharpCompilation? CompilationOf(
        TestProjectInfo project,
        IReadOnlyList<(SourceFile File, SyntaxTree Tree)> production,
        IReadOnlyList<SyntaxTree> testTrees,
        HashSet<string> productionAssemblies,
        ConcurrentDictionary<string, MetadataReference> metadata)
    {
        MetadataReference[] references;
        try
        {
            references = project.References!
                .Where(path => !productionAssemblies.Contains(Path.GetFileNameWithoutExtension(path)) && File.Exists(path))
                .Distinct(StringComparer.Ordinal)
                .Select(path => metadata.GetOrAdd(path, p => MetadataReference.CreateFromFile(p)))
                .ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BadImageFormatException or ArgumentException)
        {
            return null;
        }

        var globalUsings = CSharpSyntaxTree.ParseText(
            string.Join('\n', project.GlobalUsings ?? []), ParseOptions, path: $"{project.Name}.GlobalUsings.g.cs");
        return CSharpCompilation.Create(
            $"{project.Name}.TestGateReview",
            production.Select(p => p.Tree).Concat(testTrees).Append(globalUsings),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>
    /// Whether an expression of a test is a task (<c>Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c>,
    /// <c>ValueTask&lt;T&gt;</c>); <c>null</c> when the semantic model cannot tell.
    /// </summary>
    public bool? IsTask(ExpressionSyntax expression)
    {
        var type = TypeOf(expression);
        return type is null ? null : IsTaskType(type);
    }

    private ITypeSymbol? TypeOf(ExpressionSyntax expression)
    {
        if (!_compilationOf.TryGetValue(expression.SyntaxTree, out var compilation) || compilation.Value is not { } project)
        {
            return null;
        }

        var model = _models.GetOrAdd(expression.SyntaxTree, tree => project.GetSemanticModel(tree));
        var type = model.GetTypeInfo(expression).Type;
        return type is null or IErrorTypeSymbol || type.TypeKind == TypeKind.Error ? null : type;
    }

    private static bool IsTaskType(ITypeSymbol type) =>
        type.Name is "Task" or "ValueTask"
        && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";
}
