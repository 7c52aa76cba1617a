using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Pims.Tests;

/// <summary>The timezone removal function (spec §7.1).</summary>
public class PimsTimezoneTests
{
    [Theory]
    [InlineData("20250819115447+0000", "20250819115447")]
    [InlineData("20250819115447+0100", "20250819115447")]
    [InlineData("20000101+", "20000101")]
    [InlineData("19990630+0100", "19990630")]
    [InlineData("20000101", "20000101")]
    [InlineData("20250819115447", "20250819115447")]
    [InlineData(" 20000101 +0000", "20000101")]
    [InlineData("20000101+0000+0100", "20000101")]
    [InlineData("20000101+junk", "20000101")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void Valid_values_lose_their_timezone(string input, string expected)
    {
        Assert.True(PimsTimezone.TryRemove(input, out var value));
        Assert.Equal(expected, value.ToString());
        Assert.Equal(expected, PimsTimezone.Remove(input, "X-1").ToString());
    }

    [Theory]
    [InlineData("2025081+0000")]
    [InlineData("200508191+0000")]
    [InlineData("202508191154470+0000")]
    [InlineData("20250819115447-0100")]
    [InlineData("20250819-0100")]
    [InlineData("2025-08-19+0000")]
    [InlineData("2025081a+0000")]
    [InlineData("202507020854+0000")]
    [InlineData("2025")]
    [InlineData("+0000")]
    [InlineData("+")]
    [InlineData("2025 0819+0000")]
    [InlineData("２０２５０８１９")]
    [InlineData("20250819.1154")]
    public void Invalid_values_are_refused(string input)
    {
        Assert.False(PimsTimezone.TryRemove(input, out _));
        var error = Assert.Throws<Hl7TransformException>(() => PimsTimezone.Remove(input, "PID-7").ToString());
        Assert.StartsWith("Invalid datetime format after timezone removal in PID-7: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Expected format: YYYYMMDD (8 digits) or YYYYMMDDHHMMSS (14 digits)", error.Message, StringComparison.Ordinal);
        var refused = input.Split('+')[0].Trim();
        if (refused.Length >= 4)
        {
            Assert.DoesNotContain(refused, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_error_gives_the_length_that_was_refused()
    {
        var error = Assert.Throws<Hl7TransformException>(() => PimsTimezone.Remove("202507020854+0000", "EVN-2").ToString());
        Assert.Contains("EVN-2: 12 characters.", error.Message, StringComparison.Ordinal);
    }
}
