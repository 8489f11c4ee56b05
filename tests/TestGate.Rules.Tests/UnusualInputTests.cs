using TestGate.Core.Model;
using TestGate.Core.Rules;

namespace TestGate.Rules.Tests;

/// <summary>
/// Legal code that once made a rule family or the whole review fail: each must be reviewed without an internal error.
/// </summary>
public class UnusualInputTests
{
    private static IReadOnlyList<GateDiagnostic> FailuresOf(Snippet[] production, Snippet[] tests)
    {
        var failures = new List<GateDiagnostic>();
        StructuralRules.Evaluate(SnippetSuite.Build(production, tests), failures);
        return failures;
    }

    [Fact]
    public void Two_services_that_each_declare_an_AppDbContext_are_reviewed()
    {
        Snippet[] production =
        [
            new("Orders.Infrastructure", """
                namespace Orders.Infrastructure;
                public class AppDbContext : DbContext { public DbSet<Order> Orders => Set<Order>(); }
                public class Order { public int Id { get; set; } public void Pay() { Id++; } }
                """),
            new("Billing.Infrastructure", """
                namespace Billing.Infrastructure;
                public class AppDbContext : DbContext { public DbSet<Invoice> Invoices => Set<Invoice>(); }
                public class Invoice { public int Id { get; set; } }
                """),
        ];
        Snippet[] tests =
        [
            new("Orders.UnitTests", """
                namespace Orders.UnitTests;
                public class OrderTests { [Fact] public void Pays() { var order = new Orders.Infrastructure.Order(); order.Pay(); Assert.Equal(1, order.Id); } }
                """),
        ];

        Assert.Empty(FailuresOf(production, tests));
    }

    [Fact]
    public void A_number_beyond_decimal_range_in_an_assertion_is_reviewed()
    {
        Snippet[] tests =
        [
            new("Calc.UnitTests", """
                namespace Calc.UnitTests;
                public class ParserTests
                {
                    [Fact] public void Parses_large_values() => Assert.Equal(1e30, new Parser().Parse("1e30"));
                    [Fact] public void Parses_the_largest_double() => new Parser().Parse("max").Should().Be(1.7976931348623157E+308);
                }
                """),
        ];

        var suite = SnippetSuite.Build([], tests);

        Assert.Equal(2, suite.TestActions.Count);
        Assert.All(suite.TestActions, a => Assert.False(a.AssertsExactlyOne));
    }

    [Fact]
    public void Overloads_of_a_test_on_one_line_are_reviewed()
    {
        Snippet[] tests =
        [
            new("Shop.UnitTests", """
                namespace Shop.UnitTests;
                public class CalcTests
                {
                    [Fact] public void Adds() { using var c = new SqliteConnection("Data Source=:memory:"); Assert.Equal(2, new Calc().Add(1, 1)); } [Theory, InlineData(1)] public void Adds(int x) { Assert.Equal(x + 1, new Calc().Add(x, 1)); }
                }
                """),
        ];

        Assert.Empty(FailuresOf([new("Shop.Domain", "namespace Shop.Domain; public class Calc { public int Add(int a, int b) => a + b; }")], tests));
    }
}
