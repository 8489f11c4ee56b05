using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TestGate.Analysis.Tests;

public sealed class TestScopesTests
{
    private const string Suite = """
        public class OrderTests : IAsyncLifetime
        {
            private readonly Mock<IClock> _clock = new();
            private readonly string _name = "fixture";

            public OrderTests() => Seed();

            public Task InitializeAsync() => Migrate();

            [Fact(Timeout = 1000)]
            public async Task Pays_once()
            {
                var order = Arrange();
                await order.PayAsync();
                Assert.Equal(1, order.Payments.Count);
            }

            [Fact]
            public void Bounds_its_own_wait()
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                Assert.NotNull(Substitute.For<IGateway>());
            }

            private Order Arrange() => Build($"order {_name}");
            private Order Build(string name) => new(name);
            private void Seed() { }
            private Task Migrate() => Task.CompletedTask;
            private void Unused() => Never();
        }
        """;

    private static (TestScopes Scopes, MethodDeclarationSyntax Method) Scope(string method)
    {
        var root = CSharpSyntaxTree.ParseText(Suite).GetRoot();
        return (new TestScopes(), root.DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == method));
    }

    private static IEnumerable<string> Names(IEnumerable<Microsoft.CodeAnalysis.SyntaxNode> scope) => scope.Select(n => n switch
    {
        MethodDeclarationSyntax m => m.Identifier.ValueText,
        ConstructorDeclarationSyntax => "ctor",
        FieldDeclarationSyntax f => f.Declaration.Variables[0].Identifier.ValueText,
        _ => n.Kind().ToString(),
    });

    [Fact]
    public void Scope_is_the_test_then_class_members_and_set_up_then_the_helpers_they_call()
    {
        var (scopes, method) = Scope("Pays_once");

        Assert.Equal(["Pays_once", "_clock", "_name", "ctor", "InitializeAsync", "Arrange", "Seed", "Migrate", "Build"], Names(scopes.Of(method)));
    }

    [Fact]
    public void Without_class_members_the_scope_is_the_body_and_the_helpers_it_calls()
    {
        var (scopes, method) = Scope("Pays_once");

        Assert.Equal(["Pays_once", "Arrange", "Build"], Names(scopes.Of(method, includeClassMembers: false)));
    }

    [Fact]
    public void Scopes_are_computed_once()
    {
        var (scopes, method) = Scope("Pays_once");

        Assert.Same(scopes.Of(method), scopes.Of(method));
        Assert.Same(scopes.FactsOf(method), scopes.FactsOf(method));
    }

    [Fact]
    public void Node_facts_read_mocks_creations_calls_names_literals_and_self_bounded_waits()
    {
        var (scopes, method) = Scope("Bounds_its_own_wait");

        var facts = scopes.FactsOf(method);

        Assert.Equal(["IGateway"], facts.MockedTypes);
        Assert.Equal(["CancellationTokenSource"], facts.CreatedTypes);
        Assert.Equal(["FromSeconds", "NotNull", "For"], facts.InvokedNames);
        Assert.Contains("Substitute", facts.Names);
        Assert.True(facts.BoundsTime);
    }

    [Fact]
    public void Interpolated_text_and_target_typed_mocks_are_read_from_class_members()
    {
        var (scopes, method) = Scope("Pays_once");
        var members = scopes.Of(method).Select(scopes.FactsOf).ToArray();

        Assert.Contains("IClock", members.SelectMany(f => f.MockedTypes));
        Assert.Contains("fixture", members.SelectMany(f => f.StringLiterals));
        Assert.Contains("order ", members.SelectMany(f => f.StringLiterals));
        Assert.False(scopes.FactsOf(method).BoundsTime);
    }
}
