using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Suite;

namespace TestGate.Analysis;

public static partial class SuiteModelBuilder
{
    /// <summary>
    /// The mocking facts: per test, each mock's type, library and creation line (in the test's scope or in a test-project
    /// helper it reaches) and the hand-written doubles it uses; and which production types are abstract or static.
    /// </summary>
    private static partial Func<SuiteModel, SuiteModel> EnrichMocking(SuiteSyntax syntax, SuiteModel shared)
    {
        var mockingTests = syntax.Reach.FactsOf(syntax.TestMethods).Mocking;
        var abstractOrStatic = syntax.Production
            .SelectMany(p => p.Tree.GetRoot().Descendants(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<TypeDeclarationSyntax>())
            .Where(t => t.Modifiers.Any(SyntaxKind.AbstractKeyword) || t.Modifiers.Any(SyntaxKind.StaticKeyword))
            .Select(t => t.Identifier.ValueText)
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return model => model with { MockingTests = mockingTests, AbstractOrStaticTypes = abstractOrStatic };
    }
}
