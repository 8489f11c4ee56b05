using TestGate.Core.Layers;

namespace TestGate.Core.Tests.Layers;

public class GlobPatternTests
{
    [Theory]
    [InlineData("Shop.Domain", "Shop.Domain")]
    [InlineData("*.Domain", "Shop.Domain")]
    [InlineData("*.Domain", "Acme.Shop.Domain")]
    [InlineData("Domain.*", "Domain.Orders")]
    [InlineData("*.Domain.*", "Acme.Shop.Domain.Orders.Events")]
    [InlineData("*Repository", "SqliteOrderRepository")]
    [InlineData("*", "Anything.At.All")]
    [InlineData("Order?", "Orders")]
    [InlineData("Shop+Api(1)", "Shop+Api(1)")]
    [InlineData("src/*/Domain/*", "src/Shop/Domain/Order.cs")]
    public void Matches_the_wildcard_forms(string pattern, string value) =>
        Assert.True(new GlobPattern(pattern).IsMatch(value));

    [Theory]
    [InlineData("*.Domain", "Shop.Domains")]
    [InlineData("*.Domain", "Domain")]
    [InlineData("Domain.*", "Domain")]
    [InlineData("Shop.Domain", "ShopXDomain")]
    [InlineData("Shop.Domain", "Shop.Domain.Orders")]
    [InlineData("*Repository", "RepositoryFactory")]
    [InlineData("Order?", "Order")]
    [InlineData("Order?", "Orderss")]
    [InlineData("Shop+Api", "ShopApi")]
    public void Does_not_match_beyond_its_literal_text(string pattern, string value) =>
        Assert.False(new GlobPattern(pattern).IsMatch(value));

    [Theory]
    [InlineData("*.domain", "Shop.DOMAIN")]
    [InlineData("SHOP.*", "shop.api")]
    [InlineData("*repository", "SqliteOrderREPOSITORY")]
    public void Matching_ignores_case(string pattern, string value) =>
        Assert.True(new GlobPattern(pattern).IsMatch(value));

    [Theory]
    [InlineData("src/*/Domain/*", @"src\Shop\Domain\Order.cs")]
    [InlineData(@"src\*\Domain\*", "src/Shop/Domain/Order.cs")]
    [InlineData(@"src\*\Domain\*", @"src\Shop\Domain\Order.cs")]
    public void Backslash_and_slash_are_the_same_separator(string pattern, string value) =>
        Assert.True(new GlobPattern(pattern).IsMatch(value));

    [Theory]
    [InlineData("**/Domain/**", "src/Shop/Domain/Order.cs")]
    [InlineData("src/**/Domain/*", "src/Shop/Domain/Order.cs")]
    [InlineData("src/**/Domain/*", "src/Shop/Core/Domain/Order.cs")]
    [InlineData(@"src\**\Domain\**", "src/Shop/Domain/Orders/Order.cs")]
    public void Double_star_matches_any_run_of_characters_including_separators(string pattern, string value) =>
        Assert.True(new GlobPattern(pattern).IsMatch(value));

    [Theory]
    [InlineData("src/**/Domain/*", "tests/Shop/Domain/Order.cs")]
    [InlineData("**/Domain/**", "src/Shop/Infrastructure/Order.cs")]
    public void Double_star_still_requires_the_literal_parts(string pattern, string value) =>
        Assert.False(new GlobPattern(pattern).IsMatch(value));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void An_empty_pattern_is_rejected(string? pattern) =>
        Assert.Throws<ArgumentException>(() => new GlobPattern(pattern!));

    [Fact]
    public void Surrounding_whitespace_is_trimmed_from_the_text_and_the_match()
    {
        var pattern = new GlobPattern("  *.Domain \t");

        Assert.Equal("*.Domain", pattern.Text);
        Assert.Equal("*.Domain", pattern.ToString());
        Assert.True(pattern.IsMatch("Shop.Domain"));
    }

    [Theory]
    [InlineData("Shop.Domain", "Shop.Domain", 11)]
    [InlineData("*.Domain", "Shop.Domain", 11)]
    [InlineData("*.Domain.*", "Shop.Domain.Orders", 12)]
    [InlineData("Domain.*", "Domain.Orders", 7)]
    [InlineData("*", "Shop.Api", 0)]
    [InlineData("*.Api.*", "Shop.Api.Contracts", 9)]
    [InlineData("*.Contracts", "Shop.Api.Contracts", 18)]
    [InlineData("*.Domain.*", "Shop.Domain.Core.Domain.Events", 24)]
    [InlineData("*.Domain", "Shop.Api", -1)]
    public void MatchDepth_is_where_the_last_literal_ends_or_minus_one(string pattern, string value, int expected) =>
        Assert.Equal(expected, new GlobPattern(pattern).MatchDepth(value));

    [Fact]
    public void An_inner_segment_pattern_matches_deeper_than_an_outer_one()
    {
        const string ns = "Shop.Api.Contracts";

        var inner = new GlobPattern("*.Contracts").MatchDepth(ns);
        var outer = new GlobPattern("*.Api.*").MatchDepth(ns);

        Assert.True(inner > outer, $"*.Contracts reached {inner}, *.Api.* reached {outer}");
    }

    [Fact]
    public void A_catch_all_matches_at_depth_zero_so_any_literal_match_beats_it()
    {
        Assert.Equal(0, new GlobPattern("*").MatchDepth("Shop.Domain"));
        Assert.True(new GlobPattern("*.Domain").MatchDepth("Shop.Domain") > 0);
    }
}
