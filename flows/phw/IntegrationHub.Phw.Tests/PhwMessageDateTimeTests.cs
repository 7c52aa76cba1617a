namespace IntegrationHub.Phw.Tests;

/// <summary>Spec §5.1: the MSH-7 input check and conversion.</summary>
public sealed class PhwMessageDateTimeTests
{
    [Theory]
    [InlineData("2025-05-05 23:23:32", "20250505232332")]
    [InlineData("2025-5-5 1:2:3", "20250505010203")]
    [InlineData("2025-12-31 0:00:00", "20251231000000")]
    [InlineData("2024-02-29 23:59:59", "20240229235959")]
    [InlineData("0001-01-01 00:00:00", "00010101000000")]
    [InlineData("20250505232332", "20250505232332")]
    [InlineData("20240229000000", "20240229000000")]
    [InlineData("19991231235959", "19991231235959")]
    public void Converts_or_keeps_the_accepted_formats(string input, string expected) =>
        Assert.Equal(expected, PhwMessageDateTime.Normalize(input));

    [Theory]
    [InlineData("2023/01/15 09:45:30")]
    [InlineData("2023-01-15T09:45:30")]
    [InlineData("2023-02-30 12:00:00")]
    [InlineData("2023-02-29 12:00:00")]
    [InlineData("2023-13-01 12:00:00")]
    [InlineData("2023-00-01 12:00:00")]
    [InlineData("2023-01-00 12:00:00")]
    [InlineData("2023-01-01 24:00:00")]
    [InlineData("2023-01-01 23:60:00")]
    [InlineData("2023-01-01 23:59:60")]
    [InlineData("2023-001-01 12:00:00")]
    [InlineData("2023-01-01 12:00:000")]
    [InlineData("2023-01-01 12:00")]
    [InlineData("2023-01-01")]
    [InlineData("0000-01-01 00:00:00")]
    [InlineData("20230115")]
    [InlineData("202505052323")]
    [InlineData("2025050523233")]
    [InlineData("202505052323320")]
    [InlineData("20250505232332+0100")]
    [InlineData("20250505232332.123")]
    [InlineData("20230230120000")]
    [InlineData("20230101240000")]
    [InlineData("00000101000000")]
    [InlineData(" 2025-05-05 23:23:32")]
    [InlineData("2025-05-05 23:23:32 ")]
    [InlineData("2025-05-05  23:23:32")]
    [InlineData("2025-05-05\t23:23:32")]
    [InlineData(" 20250505232332")]
    [InlineData("2025０505232332")]
    [InlineData("25-05-05 23:23:32")]
    [InlineData("x")]
    public void Refuses_everything_else(string input) => Assert.Null(PhwMessageDateTime.Normalize(input));
}
