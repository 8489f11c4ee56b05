using System.Text;
using TestGate.Analysis;

namespace TestGate.Rules.Tests;

/// <summary>
/// Generated code no person writes, which a review of a large repository still meets: the review must finish, in
/// bounded time and stack, and keep what it can read (see <see cref="AnalysisLimits"/>).
/// </summary>
public sealed class ExtremeInputTests
{
    private const int Length = 20_000;

    private const string Domain = """
        namespace Shop.Domain;
        public sealed class Order { public void Place() { } }
        """;

    [Fact]
    public void A_test_that_reaches_its_code_through_a_chain_of_thousands_of_helpers_is_reviewed()
    {
        var helpers = new StringBuilder();
        for (var i = 0; i < Length; i++)
        {
            helpers.AppendLine(i + 1 < Length ? $"    private static void H{i}() => H{i + 1}();" : $"    private static void H{i}() => new Shop.Domain.Order().Place();");
        }

        var suite = SnippetSuite.Build(
            [new Snippet("Shop.Domain", Domain)],
            [new Snippet("Shop.UnitTests", $$"""
                namespace Shop.UnitTests;
                public class OrderTests
                {
                    [Fact] public void Places_the_order() => H0();
                {{helpers}}
                }
                """)]);

        var test = Assert.Single(suite.Tests);
        Assert.Contains("Order", test.CreatedTypes);
    }

    [Fact]
    public void A_test_class_at_the_end_of_thousands_of_base_classes_is_reviewed()
    {
        var bases = new StringBuilder();
        for (var i = 0; i < Length; i++)
        {
            bases.AppendLine(i + 1 < Length ? $"public class B{i} : B{i + 1} {{ }}" : $"public class B{i} {{ protected Microsoft.Data.Sqlite.SqliteConnection Connection = new(\"Data Source=:memory:\"); }}");
        }

        var suite = SnippetSuite.Build(
            [new Snippet("Shop.Domain", Domain)],
            [new Snippet("Shop.IntegrationTests", $$"""
                namespace Shop.IntegrationTests;
                public class OrderTests : B0
                {
                    [Fact(Timeout = 1000)] public async Task Places_the_order() => await Task.Run(() => new Shop.Domain.Order().Place());
                }
                {{bases}}
                """)]);

        // The real database sits beyond the depth the review follows: the test is reviewed, the connection not seen.
        var test = Assert.Single(suite.DbTests);
        Assert.Empty(test.DatabaseMarkers);
        Assert.InRange(test.ReachedSupportTypes.Count, AnalysisLimits.BaseTypeDepth, AnalysisLimits.BaseTypeDepth + 1);
    }

    [Fact]
    public void A_test_built_from_a_fluent_chain_of_thousands_of_calls_is_reviewed()
    {
        // Every call of the chain is checked for being an assertion, a repeated delivery or an infrastructure use; a check
        // that climbs or descends the whole chain from each call makes this quadratic (minutes at 20,000 links).
        var chain = string.Concat(Enumerable.Repeat(".With()", Length));
        var suite = SnippetSuite.Build(
            [new Snippet("Shop.Domain", Domain)],
            [new Snippet("Shop.UnitTests", $$"""
                namespace Shop.UnitTests;
                public class OrderTests
                {
                    private sealed class Builder { public Builder With() => this; }

                    [Fact]
                    public void Places_the_order()
                    {
                        var built = new Builder(){{chain}};
                        new Shop.Domain.Order().Place();
                        Assert.NotNull(built);
                    }
                }
                """)]);

        var test = Assert.Single(suite.Tests);
        Assert.Contains("Order", test.CreatedTypes);
        Assert.True(test.Invokes("Place"));
    }

    [Fact]
    public void A_sql_statement_joined_from_thousands_of_pieces_is_read_whole()
    {
        var pieces = string.Join(" + ", Enumerable.Repeat("\" \"", Length));
        var suite = SnippetSuite.Build(
            [
                new Snippet("Shop.Domain", Domain),
                new Snippet("Shop.Infrastructure", $$"""
                    namespace Shop.Infrastructure;
                    public sealed class OrderRepository(Microsoft.Data.Sqlite.SqliteConnection connection)
                    {
                        public void Add()
                        {
                            var command = connection.CreateCommand();
                            command.CommandText = "INSERT INTO orders (id) VALUES (1)" + {{pieces}} + "ON CONFLICT DO NOTHING";
                            command.ExecuteNonQuery();
                        }
                    }
                    """),
            ],
            []);

        Assert.Contains("orders", Assert.Single(suite.DbTypes, t => t.Type.SimpleName == "OrderRepository").TablesWritten);
    }
}
