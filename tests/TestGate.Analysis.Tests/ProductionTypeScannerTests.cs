using static TestGate.Analysis.Tests.SourceTree;

namespace TestGate.Analysis.Tests;

/// <summary>
/// The inventory of production types: one entry per top-level type, named as coverage reports fold names, with
/// <c>HasCode</c> telling whether any coverage can be expected of it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ProductionTypeScannerTests : IDisposable
{
    private readonly SourceTree tree = new();

    public void Dispose() => tree.Dispose();

    // ---- partial types ------------------------------------------------------------------------------------

    [Fact]
    public void Partial_parts_in_two_files_merge_into_one_type_located_at_the_first_part_by_path_with_code_if_either_has_code()
    {
        var withCode = tree.Write("b/Order.Pricing.cs", """
            namespace Shop.Domain;

            public partial class Order
            {
                public decimal Total() => 1m;
            }
            """);
        var withoutCode = tree.Write("a/Order.cs", """
            namespace Shop.Domain;
            /// <summary>An order.</summary>
            public partial class Order
            {
                public int Id { get; set; }
            }
            """);

        foreach (var input in new[] { new[] { withCode, withoutCode }, new[] { withoutCode, withCode } })
        {
            var order = Assert.Single(Types(input.Select(p => Production(p))));
            Assert.Equal("Shop.Domain.Order", order.FullName);
            Assert.True(order.HasCode);
            Assert.Equal(withoutCode, order.Path);
            Assert.Equal(3, order.Line);
        }
    }

    [Fact]
    public void Partial_parts_without_code_stay_without_code_and_parts_in_two_assemblies_are_two_types()
    {
        var first = tree.Write("Shop.Domain/Money.cs", "namespace Shop.Shared; public partial record Money(decimal Amount);");
        var second = tree.Write("Shop.Domain/Money.Parts.cs", "namespace Shop.Shared; public partial record Money { public string Currency { get; init; } = \"EUR\"; }");
        var otherAssembly = tree.Write("Shop.Billing/Money.cs", "namespace Shop.Shared; public partial record Money;");

        var types = Types(Production(first), Production(otherAssembly, "Shop.Billing"), Production(tree.Write("Shop.Domain/Tag.cs", "namespace Shop.Shared; public partial class Tag { } public partial class Tag { public string? Name { get; set; } }")));
        var moneyOnly = Types(Production(first), Production(second));

        Assert.Equal(["Shop.Billing|Shop.Shared.Money", "Shop.Domain|Shop.Shared.Money", "Shop.Domain|Shop.Shared.Tag"], types.Select(t => $"{t.Assembly}|{t.FullName}"));
        Assert.All(types, t => Assert.False(t.HasCode));
        Assert.True(Assert.Single(moneyOnly).HasCode); // a property initializer runs in the constructor
    }

    // ---- namespaces and nesting ---------------------------------------------------------------------------

    [Fact]
    public void File_scoped_block_nested_and_global_namespaces_give_the_clr_full_name()
    {
        var fileScoped = tree.Write("FileScoped.cs", "namespace Shop.Domain.Orders;\npublic class Order { public void Place() { } }");
        var nested = tree.Write("Nested.cs", """
            namespace Shop
            {
                namespace Domain.Billing
                {
                    public class Invoice { public void Issue() { } }
                }

                public class Root { public void M() { } }
            }

            public class GlobalType { public void M() { } }
            """);
        var oddlyWritten = tree.Write("Odd.cs", """
            namespace Shop . Api
            {
                public class Endpoint { public void Map() { } }
            }

            namespace Shop./* legacy */@event.Handlers
            {
                public class OnPaid { public void Handle() { } }
            }
            """);

        var types = Types(Production(fileScoped), Production(nested), Production(oddlyWritten));

        Assert.Equal(
            ["GlobalType", "Shop.Api.Endpoint", "Shop.Domain.Billing.Invoice", "Shop.Domain.Orders.Order", "Shop.Root", "Shop.event.Handlers.OnPaid"],
            types.Select(t => t.FullName));
    }

    [Fact]
    public void Only_top_level_types_are_listed_and_nested_types_fold_into_their_outer_type()
    {
        var path = tree.Write("Outer.cs", """
            namespace Shop.Domain;
            public class Cart
            {
                public int Count { get; set; }

                private sealed class Line
                {
                    public decimal Subtotal() => 2m;

                    private enum Kind { Product, Fee }
                }
            }

            public class Catalog
            {
                public enum Sort { Name, Price }

                public interface IQuery { string Text { get; } }
            }
            """);

        var types = Types(Production(path));

        Assert.Equal(["Shop.Domain.Cart", "Shop.Domain.Catalog"], types.Select(t => t.FullName));
        Assert.True(Single(types, "Shop.Domain.Cart").HasCode);
        Assert.False(Single(types, "Shop.Domain.Catalog").HasCode);
    }

    // ---- kinds of type ------------------------------------------------------------------------------------

    [Fact]
    public void Records_structs_enums_interfaces_and_static_classes_have_code_only_when_they_compile_to_statements()
    {
        var path = tree.Write("Kinds.cs", """
            namespace Shop.Domain;
            public record Address(string Street, string City);
            public record Customer(string Name) { public string Display() => Name.ToUpperInvariant(); }
            public record struct Quantity(int Value);
            public readonly record struct Price(decimal Value) { public Price Discounted(decimal rate) => new(Value * (1 - rate)); }
            public struct Point { public int X; public int Y; }
            public enum Status { Open, Paid }
            public interface IRepository { void Save(); int Count { get; } }
            public interface IClock { System.DateTime Now => System.DateTime.UtcNow; }
            public static class Limits { public const int Max = 3; }
            public static class Guard { public static void NotNull(object value) { if (value is null) throw new System.ArgumentNullException(); } }
            public abstract class Policy { public abstract bool Allows(int amount); }
            public class Dto { public int Id { get; set; } public string Name { get; init; } = ""; }
            public class Plain { public int Id { get; set; } }
            public class Counter { private int count = 1; }
            public class Sink { public event System.EventHandler? Changed; }
            public delegate void OrderPlaced(int id);
            """);

        var types = Types(Production(path));

        Assert.Equal(
            new Dictionary<string, bool>
            {
                ["Shop.Domain.Address"] = false,
                ["Shop.Domain.Counter"] = true,
                ["Shop.Domain.Customer"] = true,
                ["Shop.Domain.Dto"] = true,
                ["Shop.Domain.Guard"] = true,
                ["Shop.Domain.IClock"] = true,
                ["Shop.Domain.IRepository"] = false,
                ["Shop.Domain.Limits"] = false,
                ["Shop.Domain.Plain"] = false,
                ["Shop.Domain.Point"] = false,
                ["Shop.Domain.Policy"] = false,
                ["Shop.Domain.Price"] = true,
                ["Shop.Domain.Quantity"] = false,
                ["Shop.Domain.Sink"] = false,
                ["Shop.Domain.Status"] = false,
            },
            types.ToDictionary(t => t.FullName, t => t.HasCode));
        // Known limit: delegates are not listed at all (they have no code either way).
        Assert.DoesNotContain(types, t => t.FullName == "Shop.Domain.OrderPlaced");
    }

    [Fact]
    public void Generic_types_are_named_without_arity_and_merge_with_a_non_generic_namesake_as_coverage_folds_them()
    {
        var generic = tree.Write("Result.Generic.cs", """
            namespace Shop.Domain;
            public class Result<T> where T : notnull
            {
                public T Value { get; }
                public Result(T value) => Value = value;
            }
            public class Repository<TEntity, TKey> { public TEntity? Find(TKey key) => default; }
            """);
        var plain = tree.Write("Result.cs", "namespace Shop.Domain;\npublic class Result { public bool Ok { get; init; } }");

        var types = Types(Production(generic), Production(plain));

        Assert.Equal(["Shop.Domain.Repository", "Shop.Domain.Result"], types.Select(t => t.FullName));
        var result = Single(types, "Shop.Domain.Result");
        Assert.True(result.HasCode);
        Assert.Equal(generic, result.Path); // "Result.Generic.cs" < "Result.cs" ordinally
        Assert.Equal("Result", result.SimpleName);
        Assert.Equal("Shop.Domain", result.Namespace);
    }

    [Fact]
    public void Extension_blocks_count_as_code_when_their_members_have_bodies()
    {
        var path = tree.Write("Extensions.cs", """
            namespace Shop.Domain;
            public static class TextExtensions
            {
                extension(string text)
                {
                    public bool IsBlank => string.IsNullOrWhiteSpace(text);
                }
            }
            """);

        Assert.True(Single(Types(Production(path)), "Shop.Domain.TextExtensions").HasCode);
    }

    [Fact]
    public void The_line_is_the_line_of_the_type_name_not_of_its_attributes_or_comments()
    {
        var path = tree.Write("Attributed.cs", """
            namespace Shop.Domain;

            /// <summary>
            /// Documented.
            /// </summary>
            [System.Serializable]
            [System.Obsolete("old")]
            public sealed
                class Legacy
            {
                public void M() { }
            }
            """);

        Assert.Equal(9, Single(Types(Production(path)), "Shop.Domain.Legacy").Line);
    }

    // ---- top-level statements -----------------------------------------------------------------------------

    [Fact]
    public void Top_level_statements_are_the_compilers_Program_class_in_the_global_namespace_with_code()
    {
        var program = tree.Write("Shop.Api/Program.cs", """
            using System;

            var app = args.Length;
            Console.WriteLine(app);
            return 0;

            static int Helper() => 1;

            namespace Shop.Api
            {
                public class Startup { public void Configure() { } }
            }
            """);

        var types = Types(Production(program, "Shop.Api"));

        Assert.Equal(["Program", "Shop.Api.Startup"], types.Select(t => t.FullName));
        var entry = Single(types, "Program");
        Assert.True(entry.HasCode);
        Assert.Equal(3, entry.Line);
        Assert.Equal(string.Empty, entry.Namespace);
    }

    [Fact]
    public void A_partial_Program_declared_for_WebApplicationFactory_merges_with_the_top_level_statements()
    {
        var program = tree.Write("Shop.Api/Program.cs", "var builder = 1;\nSystem.Console.WriteLine(builder);\n");
        var partial = tree.Write("Shop.Api/ProgramForTests.cs", "public partial class Program { }\n");
        var onlyPartial = tree.Write("Shop.Worker/Program.cs", "public partial class Program { }\n");

        var types = Types(Production(partial, "Shop.Api"), Production(program, "Shop.Api"), Production(onlyPartial, "Shop.Worker"));

        Assert.Equal(["Shop.Api|Program|True", "Shop.Worker|Program|False"], types.Select(t => $"{t.Assembly}|{t.FullName}|{t.HasCode}"));
        Assert.Equal(program, types[0].Path);
        Assert.Equal(1, types[0].Line);
    }

    [Fact]
    public void Results_are_ordered_by_assembly_then_full_name()
    {
        var a = tree.Write("A.cs", "namespace Zeta { public class Alpha { } }\nnamespace Alpha2 { public class Zulu { } }");
        var b = tree.Write("B.cs", "namespace Beta; public class Omega { }");

        var types = Types(Production(b, "Shop.B"), Production(a, "Shop.A"));

        Assert.Equal(["Shop.A|Alpha2.Zulu", "Shop.A|Zeta.Alpha", "Shop.B|Beta.Omega"], types.Select(t => $"{t.Assembly}|{t.FullName}"));
    }
}
