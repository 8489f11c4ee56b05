namespace TestGate.Analysis.Tests;

/// <summary>Which string literals TG0704 takes for values copied out of a real record.</summary>
public class RecordLikeValueTests
{
    [Theory]
    [InlineData("9b2e4c1a-0d7f-4e55-8a3b-6c1f2d9e7a40")]
    [InlineData("9b2e4c1a0d7f4e558a3b6c1f2d9e7a40")]
    [InlineData("2024-06-03T09:00:00Z")]
    [InlineData("2024-06-03T09:02:11.123+02:00")]
    [InlineData("BRK-2024-118734")]
    [InlineData("LN-20240603-7KQ2MX")]
    [InlineData("cus_4fK29dLq81")]
    [InlineData("urn:order:20240603")]
    public void Ids_references_and_timestamps_look_copied_from_a_record(string value) =>
        Assert.True(TestDataSyntax.LooksCopiedFromARecord(value));

    [Theory]
    [InlineData("EUR")]
    [InlineData("SO-1")]
    [InlineData("pending-order")]
    [InlineData("ann@example.com")]
    [InlineData("2024-03")]
    [InlineData("1137.77")]
    [InlineData("https://api.example.com/v1/orders")]
    [InlineData("order 2024 1234")]
    [InlineData("+49-170-1234567")]
    public void Words_amounts_short_codes_and_urls_do_not(string value) =>
        Assert.False(TestDataSyntax.LooksCopiedFromARecord(value));
}
