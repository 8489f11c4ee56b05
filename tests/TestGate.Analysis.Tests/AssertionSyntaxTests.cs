using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TestGate.Analysis.Tests;

/// <summary>The one recognizer of assertions every rule family uses: exception expectations and "exactly once" counts.</summary>
public class AssertionSyntaxTests
{
    private static InvocationExpressionSyntax Outermost(string statement) =>
        CSharpSyntaxTree.ParseText($"class C {{ async Task M() {{ {statement} }} }}").GetRoot()
            .DescendantNodes().OfType<InvocationExpressionSyntax>().First();

    [Theory]
    [InlineData("await Assert.ThrowsAsync<InvalidOperationException>(() => sut.RunAsync());", true)]
    [InlineData("Xunit.Assert.Throws<InvalidOperationException>(() => sut.Run());", true)]
    [InlineData("Assert.That(() => sut.Run(), Throws.TypeOf<InvalidOperationException>());", true)]
    [InlineData("await Assert.That(async () => await sut.RunAsync()).Throws<InvalidOperationException>();", true)]
    [InlineData("await act.Should().ThrowAsync<InvalidOperationException>();", true)]
    [InlineData("act.ShouldThrow<InvalidOperationException>();", true)]
    [InlineData("Record.Exception(() => sut.Run());", true)]
    [InlineData("await Assert.That(async () => await sut.RunAsync()).ThrowsNothing();", false)]
    [InlineData("gateway.Setup(g => g.ChargeAsync()).ThrowsAsync(new IOException());", false)]
    [InlineData("ThrowHelper.Throw(error);", false)]
    [InlineData("Assert.That(() => sut.Run(), Throws.Nothing);", false)]
    public void An_exception_assertion_is_told_from_a_mock_set_up_and_a_throw_helper(string statement, bool expected) =>
        Assert.Equal(expected, AssertionSyntax.IsThrowsAssertion(Outermost(statement)));

    [Theory]
    [InlineData("Assert.Equal(1, store.Count);", true)]
    [InlineData("Assert.AreEqual(store.Count, 1);", true)]
    [InlineData("await Assert.That(outcomes.Count(o => o)).IsEqualTo(1);", true)]
    [InlineData("await Assert.That(rows).HasSingleItem();", true)]
    [InlineData("Assert.Single(rows);", true)]
    [InlineData("gateway.Verify(g => g.ChargeAsync(), Times.Once());", false)]
    [InlineData("Assert.Equal(2, store.Count);", false)]
    [InlineData("Assert.Equal(expected, actual);", false)]
    public void An_exactly_one_assertion_counts_one_in_any_framework(string statement, bool expected) =>
        Assert.Equal(expected, AssertionSyntax.IsExactlyOneAssertion(Outermost(statement)));
}
