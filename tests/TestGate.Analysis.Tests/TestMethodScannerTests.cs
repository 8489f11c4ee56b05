using TestGate.Core.Model;
using static TestGate.Analysis.Tests.SourceTree;

namespace TestGate.Analysis.Tests;

/// <summary>
/// Test methods of xUnit, NUnit and MSTest, and their kind. The kind comes from the first of: the project's forced
/// kind, a category on the method, a category on the class, the class's namespace, the project name; otherwise the
/// test is unclassified.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TestMethodScannerTests : IDisposable
{
    private static readonly IReadOnlyDictionary<string, TestProjectInfo> NoProjects = new Dictionary<string, TestProjectInfo>();

    private readonly SourceTree tree = new();

    public void Dispose() => tree.Dispose();

    private static IReadOnlyList<TestMethod> Scan(IReadOnlyDictionary<string, TestProjectInfo> projects, params IEnumerable<SourceFile> files)
    {
        var parsed = Parse(files);
        Assert.Empty(parsed.Unreadable);
        return TestMethodScanner.Scan(parsed.Trees, projects);
    }

    private static Dictionary<string, TestKind> KindByMethod(IEnumerable<TestMethod> tests) => tests.ToDictionary(t => t.MethodName, t => t.Kind);

    // ---- frameworks ---------------------------------------------------------------------------------------

    [Fact]
    public void Test_methods_of_xunit_nunit_and_mstest_are_found_once_each_and_nothing_else_is()
    {
        var xunit = tree.Write("XunitTests.cs", """
            using Xunit;
            namespace Shop.Tests;
            public class XunitTests
            {
                [Fact] public void Fact() { }
                [Theory, InlineData(1), InlineData(2)] public void Theory(int n) { }
                [Xunit.Fact] public void Qualified() { }
                [FactAttribute] public void WithSuffix() { }
                [SkippableFact] public void Skippable() { }
                [InlineData(3)] public void OnlyData(int n) { }
                public void Helper() { }
                [Fact] public System.Threading.Tasks.Task Async() { [Fact] void NotATest() { } return System.Threading.Tasks.Task.CompletedTask; }
            }
            """);
        var nunit = tree.Write("NunitTests.cs", """
            using NUnit.Framework;
            namespace Shop.Tests;
            [TestFixture]
            public class NunitTests
            {
                [SetUp] public void SetUp() { }
                [Test] public void Test() { }
                [TestCase(1)]
                [TestCase(2)]
                public void TestCase(int n) { }
                [TestCaseSource(nameof(Cases))] public void Source(int n) { }
                [global::NUnit.Framework.Test] public void GlobalQualified() { }
                private static int[] Cases() => [1, 2];
            }
            """);
        var mstest = tree.Write("MstestTests.cs", """
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            namespace Shop.Tests;
            [TestClass]
            public class MstestTests
            {
                [TestInitialize] public void Init() { }
                [TestMethod] public void TestMethod() { }
                [DataTestMethod, DataRow(1)] public void DataTestMethod(int n) { }
            }
            """);

        var tests = Scan(NoProjects, Test(xunit), Test(nunit), Test(mstest));

        Assert.Equal(
            [
                "Shop.Tests.MstestTests.TestMethod", "Shop.Tests.MstestTests.DataTestMethod",
                "Shop.Tests.NunitTests.Test", "Shop.Tests.NunitTests.TestCase", "Shop.Tests.NunitTests.Source", "Shop.Tests.NunitTests.GlobalQualified",
                "Shop.Tests.XunitTests.Fact", "Shop.Tests.XunitTests.Theory", "Shop.Tests.XunitTests.Qualified", "Shop.Tests.XunitTests.WithSuffix",
                "Shop.Tests.XunitTests.Skippable", "Shop.Tests.XunitTests.Async",
            ],
            tests.Select(t => $"{t.ClassName}.{t.MethodName}"));
        Assert.All(tests, t => Assert.Equal(TestProject, t.Project));
        var theory = Assert.Single(tests, t => t.MethodName == "Theory");
        Assert.Equal(xunit, theory.Path);
        Assert.Equal(6, theory.Line);
    }

    [Fact]
    public void Skipped_and_ignored_tests_are_still_counted_because_they_are_declared()
    {
        var path = tree.Write("SkippedTests.cs", """
            namespace Shop.Tests;
            public class SkippedTests
            {
                [Fact(Skip = "flaky on CI")] public void XunitSkip() { }
                [Test, Ignore("later")] public void NunitIgnore() { }
                [TestMethod, Ignore] public void MstestIgnore() { }
            }
            """);

        Assert.Equal(["XunitSkip", "NunitIgnore", "MstestIgnore"], Scan(NoProjects, Test(path)).Select(t => t.MethodName));
    }

    [Fact]
    public void Tests_of_an_abstract_base_class_are_counted_once_at_their_declaration_not_per_derived_class()
    {
        var path = tree.Write("RepositoryContractTests.cs", """
            namespace Shop.IntegrationTests;
            public abstract class RepositoryContractTests
            {
                protected abstract object CreateSut();
                [Fact] public void Saves() { }
                [Fact] public void Loads() { }
            }
            public sealed class SqlRepositoryTests : RepositoryContractTests { protected override object CreateSut() => new(); }
            public sealed class MemoryRepositoryTests : RepositoryContractTests { protected override object CreateSut() => new(); }
            """);

        var tests = Scan(NoProjects, Test(path));

        Assert.Equal(["Saves", "Loads"], tests.Select(t => t.MethodName));
        Assert.All(tests, t => Assert.Equal("Shop.IntegrationTests.RepositoryContractTests", t.ClassName));
        Assert.All(tests, t => Assert.Equal(TestKind.Integration, t.Kind));
    }

    [Fact]
    public void A_test_project_without_tests_gives_zero_methods()
    {
        var helpers = tree.Write("Builders.cs", """
            namespace Shop.Tests;
            public static class OrderBuilder { public static object Build() => new(); }
            public class Fixture : System.IDisposable { public void Dispose() { } }
            """);
        var projects = new Dictionary<string, TestProjectInfo> { [TestProject] = new(TestProject, null), ["Shop.Empty.Tests"] = new("Shop.Empty.Tests", TestKind.Unit) };

        Assert.Empty(Scan(projects, Test(helpers)));
        Assert.Empty(Scan(projects));
    }

    [Fact]
    public void Generic_and_nested_test_classes_are_named_like_production_types()
    {
        var path = tree.Write("GenericTests.cs", """
            namespace Shop.Tests
            {
                public class RepositoryTests<TEntity>
                {
                    [Fact] public void Finds() { }
                    public class WhenEmpty { [Fact] public void ReturnsNothing() { } }
                }
            }
            """);

        Assert.Equal(
            ["Shop.Tests.RepositoryTests.Finds", "Shop.Tests.RepositoryTests.WhenEmpty.ReturnsNothing"],
            Scan(NoProjects, Test(path)).Select(t => $"{t.ClassName}.{t.MethodName}"));
    }

    [Fact]
    public void Tests_in_inactive_preprocessor_regions_are_not_counted()
    {
        var path = tree.Write("ConditionalTests.cs", """
            namespace Shop.Tests;
            public class ConditionalTests
            {
                [Fact] public void Always() { }
            #if WINDOWS
                [Fact] public void OnlyOnWindows() { }
            #endif
            #if DEBUG
                [Fact] public void OnlyInDebug() { }
            #endif
            }
            """);

        Assert.Equal(["Always"], Scan(NoProjects, Test(path)).Select(t => t.MethodName));
    }

    [Fact]
    public void Known_limit_tests_in_generated_files_such_as_reqnroll_features_are_not_counted()
    {
        var feature = tree.Write("Features/Checkout.feature.cs", """
            // ------------------------------------------------------------------------------
            //  <auto-generated>
            //      This code was generated by Reqnroll.
            //  </auto-generated>
            // ------------------------------------------------------------------------------
            namespace Shop.AcceptanceTests.Features;
            public partial class CheckoutFeature
            {
                [Xunit.SkippableFactAttribute(DisplayName = "Pay an order")]
                public void PayAnOrder() { }
            }
            """);
        var steps = tree.Write("Steps/CheckoutSteps.cs", "namespace Shop.AcceptanceTests.Steps; public class CheckoutSteps { [Fact] public void Smoke() { } }");

        Assert.Equal(["Smoke"], Scan(NoProjects, Test(feature), Test(steps)).Select(t => t.MethodName));
    }

    private static Dictionary<string, string> FrameworkByMethod(IReadOnlyDictionary<string, TestProjectInfo> projects, params IEnumerable<SourceFile> files)
    {
        var parsed = Parse(files);
        var tunit = TestMethodScanner.TUnitProjects(parsed.Trees, projects);
        return TestMethodScanner.ScanWithSyntax(parsed.Trees, projects)
            .ToDictionary(t => t.Method.MethodName, t => TestMethodScanner.FrameworkOf(t.Syntax, tunit.Contains(t.Method.Project)));
    }

    private const string TestAttributeOnly = """
        namespace Shop.Tests;
        public class MarkedTest
        {
            [Test] public async Task Marked() { await Task.Yield(); }
        }
        """;

    [Fact]
    public void Each_test_gets_the_framework_its_attribute_belongs_to_and_Test_is_NUnit_by_default()
    {
        var file = tree.Write("Mixed.cs", """
            namespace Shop.Tests;
            public class Mixed
            {
                [Fact] public void XunitFact() { }
                [Theory] public void XunitTheory(int n) { }
                [TestCase(1)] public void NunitCase(int n) { }
                [TestMethod] public void MstestMethod() { }
                [Test] public void Marked() { }
            }
            """);

        var frameworks = FrameworkByMethod(NoProjects, Test(file));

        Assert.Equal("xunit", frameworks["XunitFact"]);
        Assert.Equal("xunit", frameworks["XunitTheory"]);
        Assert.Equal("nunit", frameworks["NunitCase"]);
        Assert.Equal("mstest", frameworks["MstestMethod"]);
        Assert.Equal("nunit", frameworks["Marked"]);
    }

    [Fact]
    public void Theory_is_NUnit_in_a_file_that_imports_NUnit_and_xUnit_elsewhere()
    {
        var nunit = tree.Write("NUnitTheories.cs", """
            using NUnit.Framework;
            namespace Shop.Tests;
            public class NUnitTheories
            {
                [Datapoint] public static int Zero = 0;
                [Theory] public void NonNegative(int n) { Assume.That(n >= 0); }
            }
            """);
        var xunit = tree.Write("XunitTheories.cs", """
            using Xunit;
            namespace Shop.Tests;
            public class XunitTheories { [Theory, InlineData(1)] public void Positive(int n) { } }
            """);

        var frameworks = FrameworkByMethod(NoProjects, Test(nunit), Test(xunit));

        Assert.Equal("nunit", frameworks["NonNegative"]);
        Assert.Equal("xunit", frameworks["Positive"]);
    }

    [Fact]
    public void Test_is_TUnit_when_a_file_of_the_project_uses_TUnit_even_where_the_test_file_itself_does_not()
    {
        var marked = tree.Write("MarkedTest.cs", TestAttributeOnly);
        var usings = tree.Write("Usings.cs", "global using TUnit.Core;");
        var other = tree.Write("OtherProject/MarkedTest.cs", TestAttributeOnly.Replace("Marked", "OtherMarked", StringComparison.Ordinal));

        var frameworks = FrameworkByMethod(NoProjects, Test(marked), Test(usings), Test(other, "Shop.OtherTests"));

        Assert.Equal("tunit", frameworks["Marked"]);
        Assert.Equal("nunit", frameworks["OtherMarked"]);
    }

    [Theory]
    [InlineData("package")]
    [InlineData("global using")]
    [InlineData("reference")]
    public void Test_is_TUnit_when_the_project_says_so_through_its_package_its_global_usings_or_its_references(string how)
    {
        var marked = tree.Write("MarkedTest.cs", TestAttributeOnly);
        var project = how switch
        {
            "package" => new TestProjectInfo(TestProject, null, TestFramework: "tunit"),
            "global using" => new TestProjectInfo(TestProject, null, GlobalUsings: ["global using global::TUnit.Core;"]),
            _ => new TestProjectInfo(TestProject, null, References: [Path.Combine("packages", "tunit.core", "lib", "TUnit.Core.dll")]),
        };

        Assert.Equal("tunit", FrameworkByMethod(new Dictionary<string, TestProjectInfo> { [TestProject] = project }, Test(marked))["Marked"]);
        Assert.Equal("nunit", FrameworkByMethod(new Dictionary<string, TestProjectInfo> { [TestProject] = new(TestProject, null, TestFramework: "nunit") }, Test(marked))["Marked"]);
    }

    // ---- kind resolution ----------------------------------------------------------------------------------

    private (SourceFile Classified, SourceFile Generic) KindSources(string project)
    {
        var classified = tree.Write($"{project}/Checkout/CheckoutTests.cs", """
            namespace Shop.UseCases.Tests;

            [Trait("Category", "Integration")]
            public class CheckoutTests
            {
                [Fact, Trait("Category", "Unit")] public void MethodCategory() { }
                [Fact] public void ClassCategory() { }
                [Fact, Trait("Category", "Slow")] public void UnknownMethodCategoryFallsToClass() { }
            }

            public class PaymentTests
            {
                [Fact] public void Namespace() { }
            }
            """);
        var generic = tree.Write($"{project}/Misc/SmokeTests.cs", """
            namespace Shop.Tests;
            public class SmokeTests
            {
                [Fact] public void ProjectName() { }
            }
            """);
        return (Test(classified, project), Test(generic, project));
    }

    [Fact]
    public void Without_a_forced_kind_method_category_beats_class_category_beats_namespace_beats_project_name()
    {
        var (classified, generic) = KindSources("Shop.E2ETests");
        var projects = new Dictionary<string, TestProjectInfo> { ["Shop.E2ETests"] = new("Shop.E2ETests", null) };

        var kinds = KindByMethod(Scan(projects, classified, generic));

        Assert.Equal(
            new Dictionary<string, TestKind>
            {
                ["MethodCategory"] = TestKind.Unit,
                ["ClassCategory"] = TestKind.Integration,
                ["UnknownMethodCategoryFallsToClass"] = TestKind.Integration,
                ["Namespace"] = TestKind.Application,
                ["ProjectName"] = TestKind.E2E,
            },
            kinds);
    }

    [Fact]
    public void A_forced_project_kind_beats_every_other_signal()
    {
        var (classified, generic) = KindSources("Shop.E2ETests");
        var projects = new Dictionary<string, TestProjectInfo> { ["Shop.E2ETests"] = new("Shop.E2ETests", TestKind.Integration) };

        var tests = Scan(projects, classified, generic);

        Assert.Equal(5, tests.Count);
        Assert.All(tests, t => Assert.Equal(TestKind.Integration, t.Kind));
    }

    [Fact]
    public void With_no_signal_at_all_a_test_is_unclassified_and_a_project_missing_from_the_map_falls_back_to_names()
    {
        var generic = tree.Write("Shop.Tests/SmokeTests.cs", "namespace Shop.Tests; public class SmokeTests { [Fact] public void Smoke() { } }");
        var named = tree.Write("Shop.UnitTests/PriceTests.cs", "namespace Shop.Tests; public class PriceTests { [Fact] public void Rounds() { } }");
        var projects = new Dictionary<string, TestProjectInfo> { ["Shop.Tests"] = new("Shop.Tests", null), ["Shop.Other"] = new("Shop.Other", TestKind.E2E) };

        var kinds = KindByMethod(Scan(projects, Test(generic, "Shop.Tests"), Test(named, "Shop.UnitTests")));

        Assert.Equal(TestKind.Unclassified, kinds["Smoke"]);
        Assert.Equal(TestKind.Unit, kinds["Rounds"]);
    }

    [Fact]
    public void An_application_layer_name_classifies_only_where_no_marker_speaks_in_the_namespace_or_the_project()
    {
        var useCases = tree.Write("Shop.Application.Tests/BookingTests.cs", "namespace Shop.Application.Tests; public class BookingTests { [Fact] public void Books() { } }");
        var unit = tree.Write("Shop.Application.UnitTests/PriceTests.cs", "namespace Shop.Application.UnitTests; public class PriceTests { [Fact] public void Rounds() { } }");
        var folder = tree.Write("Shop.UnitTests/Application/QuoteTests.cs", "namespace Shop.UnitTests.Application; public class QuoteTests { [Fact] public void Quotes() { } }");
        var integration = tree.Write("Shop.IntegrationTests/StoreTests.cs", "namespace Shop.Services.Tests; public class StoreTests { [Fact] public void Stores() { } }");

        var kinds = KindByMethod(Scan(
            NoProjects,
            Test(useCases, "Shop.Application.Tests"),
            Test(unit, "Shop.Application.UnitTests"),
            Test(folder, "Shop.UnitTests"),
            Test(integration, "Shop.IntegrationTests")));

        Assert.Equal(
            new Dictionary<string, TestKind>
            {
                ["Books"] = TestKind.Application,
                ["Rounds"] = TestKind.Unit,
                ["Quotes"] = TestKind.Unit,
                ["Stores"] = TestKind.Integration,
            },
            kinds);
    }

    [Fact]
    public void Categories_of_all_three_frameworks_are_read_and_only_kinds_count()
    {
        var path = tree.Write("CategoryTests.cs", """
            namespace Shop.Tests;
            public class CategoryTests
            {
                [Test, Category("Integration")] public void NunitCategory() { }
                [TestMethod, TestCategory("E2E")] public void MstestCategory() { }
                [Fact, Trait("category", "end-to-end")] public void TraitKeyIgnoresCase() { }
                [Fact, Trait("Category", "IntegrationTests")] public void ValueByMarker() { }
                [Fact, Trait("Category", "UseCase")] public void UseCaseIsApplication() { }
                [Fact, Trait("Category", "Slow"), Trait("Category", "Integration")] public void FirstKindAmongSeveral() { }
                [Fact, Trait("Owner", "Integration")] public void OtherTraitKeysAreIgnored() { }
                [Fact, NUnit.Framework.CategoryAttribute("Unit")] public void QualifiedCategory() { }
                [Fact, Trait("Category", Categories.Integration)] public void KnownLimitConstantsAreNotResolved() { }
            }
            public static class Categories { public const string Integration = "Integration"; }
            """);

        var kinds = KindByMethod(Scan(NoProjects, Test(path)));

        Assert.Equal(
            new Dictionary<string, TestKind>
            {
                ["NunitCategory"] = TestKind.Integration,
                ["MstestCategory"] = TestKind.E2E,
                ["TraitKeyIgnoresCase"] = TestKind.E2E,
                ["ValueByMarker"] = TestKind.Integration,
                ["UseCaseIsApplication"] = TestKind.Application,
                ["FirstKindAmongSeveral"] = TestKind.Integration,
                ["OtherTraitKeysAreIgnored"] = TestKind.Unclassified,
                ["QualifiedCategory"] = TestKind.Unit,
                ["KnownLimitConstantsAreNotResolved"] = TestKind.Unclassified,
            },
            kinds);
    }

    [Fact]
    public void A_nested_test_class_is_classified_by_its_namespace_not_by_the_name_of_its_outer_class()
    {
        var path = tree.Write("OrderIntegrationTests.cs", """
            namespace Shop.Tests
            {
                public class OrderIntegrationTests
                {
                    [Fact] public void Outer() { }

                    public class WhenPaid { [Fact] public void Inner() { } }
                }
            }

            namespace Shop.E2E . Checkout
            {
                public class Flow { public class Nested { [Fact] public void InE2ENamespace() { } } }
            }
            """);

        var tests = Scan(NoProjects, Test(path));

        Assert.Equal(
            new Dictionary<string, TestKind> { ["Outer"] = TestKind.Unclassified, ["Inner"] = TestKind.Unclassified, ["InE2ENamespace"] = TestKind.E2E },
            KindByMethod(tests));
        Assert.Equal("Shop.Tests.OrderIntegrationTests.WhenPaid", tests.Single(t => t.MethodName == "Inner").ClassName);
        Assert.Equal("Shop.E2E.Checkout.Flow.Nested", tests.Single(t => t.MethodName == "InE2ENamespace").ClassName);
    }

    [Fact]
    public void Results_follow_file_path_then_declaration_order_whatever_the_input_order()
    {
        var b = tree.Write("b/SecondTests.cs", "namespace Shop.Tests; public class SecondTests { [Fact] public void Z() { } [Fact] public void A() { } }");
        var a = tree.Write("a/FirstTests.cs", "namespace Shop.Tests; public class FirstTests { [Fact] public void Y() { } }");

        var forward = Scan(NoProjects, Test(a), Test(b));
        var backward = Scan(NoProjects, Test(b), Test(a));

        Assert.Equal(["Y", "Z", "A"], forward.Select(t => t.MethodName));
        Assert.Equal(forward, backward);
    }
}
