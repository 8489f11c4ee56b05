using TestGate.Core.Model;

namespace TestGate.Core.Tests.Model;

public class ModelTextTests
{
    [Theory]
    [InlineData("P0", Severity.P0)]
    [InlineData("p1", Severity.P1)]
    [InlineData(" P2 ", Severity.P2)]
    [InlineData("P3", Severity.P3)]
    public void Severity_text_parses_P0_to_P3_ignoring_case_and_spaces(string text, Severity expected)
    {
        Assert.True(SeverityText.TryParse(text, out var severity));
        Assert.Equal(expected, severity);
    }

    [Theory]
    [InlineData("P4")]
    [InlineData("None")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    public void Severity_text_rejects_anything_else(string? text) =>
        Assert.False(SeverityText.TryParse(text, out _));

    [Fact]
    public void A_lower_severity_number_is_more_severe() =>
        Assert.True(Severity.P0 < Severity.P1 && Severity.P1 < Severity.P2 && Severity.P2 < Severity.P3);

    [Theory]
    [InlineData("Shop.Domain.Order", "Shop.Domain", "Order")]
    [InlineData("Order", "", "Order")]
    [InlineData("Acme.Shop.Application.OrderService", "Acme.Shop.Application", "OrderService")]
    public void Type_names_split_at_the_last_dot(string fullName, string ns, string simple)
    {
        Assert.Equal(ns, TypeNames.NamespaceOf(fullName));
        Assert.Equal(simple, TypeNames.SimpleNameOf(fullName));
        var type = Make.Type(fullName);
        Assert.Equal((ns, simple), (type.Namespace, type.SimpleName));
    }

    [Theory]
    [InlineData("Unit", TestKind.Unit)]
    [InlineData(" integration ", TestKind.Integration)]
    [InlineData("UseCase", TestKind.Application)]
    [InlineData("use-case", TestKind.Application)]
    [InlineData("e2e", TestKind.E2E)]
    [InlineData("End-To-End", TestKind.E2E)]
    public void Test_kind_text_parses_the_standards_levels(string text, TestKind expected)
    {
        Assert.True(TestKindText.TryParse(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Fact]
    public void Test_kind_text_rejects_unknown_levels()
    {
        Assert.False(TestKindText.TryParse("Smoke", out var kind));
        Assert.Equal(TestKind.Unclassified, kind);
    }

    [Theory]
    [InlineData("Shop.IntegrationTests", TestKind.Integration)]
    [InlineData("Shop.Integration.Tests", TestKind.Integration)]
    [InlineData("Shop.E2E.Tests", TestKind.E2E)]
    [InlineData("Shop.EndToEndTests", TestKind.E2E)]
    [InlineData("Shop.AcceptanceTests", TestKind.E2E)]
    [InlineData("Shop.ApplicationTests", TestKind.Application)]
    [InlineData("Shop.ComponentTests", TestKind.Application)]
    [InlineData("Shop.UnitTests", TestKind.Unit)]
    [InlineData("unit", TestKind.Unit)]
    [InlineData("Shop.UseCases.UnitTests", TestKind.Unit)]
    [InlineData("Shop.IntegrationTests.Helpers", TestKind.Integration)]
    public void Test_kind_conventions_read_project_and_category_names(string name, TestKind expected) =>
        Assert.Equal(expected, TestKindConventions.FromName(name));

    [Theory]
    [InlineData("Shop.Tests")]
    [InlineData("Shop.Domain.Tests")]
    [InlineData("Shop.FunctionalTests")]
    [InlineData("")]
    [InlineData(null)]
    public void Generic_test_names_say_nothing(string? name) =>
        Assert.Null(TestKindConventions.FromName(name));

    [Fact]
    public void Test_counts_tally_each_kind()
    {
        TestMethod Test(TestKind kind) => new("Shop.Tests", "OrderTests", "Works", kind, "tests/OrderTests.cs", 1);

        var counts = TestCounts.From(
        [
            Test(TestKind.Unit), Test(TestKind.Unit), Test(TestKind.Unit),
            Test(TestKind.Integration), Test(TestKind.Application), Test(TestKind.E2E), Test(TestKind.E2E),
            Test(TestKind.Unclassified),
        ]);

        Assert.Equal(new TestCounts(3, 1, 1, 2, 1), counts);
        Assert.Equal(8, counts.Total);
    }

    [Theory]
    [InlineData("Shop.Tests.SqlUnitOfWorkTests", "SqlUnitOfWork")]
    [InlineData("OrderIntegrationTests", "Order")]
    [InlineData("CartShould", "Cart")]
    [InlineData("Tests", null)]
    [InlineData("Shop.Tests.Helpers", null)]
    public void A_test_class_is_named_after_the_type_before_its_test_suffix(string className, string? subject)
    {
        Assert.Equal(subject, TypeNames.SubjectOfTestClass(className));
    }
}
