namespace IntegrationHub.Hl7.Tests.Model;

public class NormalizedEncodingTests
{
    [Theory]
    [InlineData("PID|1||^^W00000^", "PID|1||^^W00000")]
    [InlineData("PID|1||A^B^^^", "PID|1||A^B")]
    [InlineData("PID|1||^^", "PID|1")]
    [InlineData("PID|1||A~", "PID|1||A~")]
    [InlineData("PID|1||~B", "PID|1||~B")]
    [InlineData("PID|1||~~", "PID|1||~~")]
    [InlineData("PID|1||A&&^B^&&", "PID|1||A^B")]
    [InlineData("PID|1||||||", "PID|1")]
    [InlineData("PID|1||\"\"|", "PID|1||\"\"")]
    [InlineData("PID|1||A\\S\\^", "PID|1||A\\S\\")]
    public void Trailing_empty_fields_components_and_subcomponents_are_dropped(string pid, string expected)
    {
        var message = Hl7Message.Parse("MSH|^~\\&|A||||\r" + pid + "\r");

        Assert.Equal("MSH|^~\\&|A\r" + expected, message.EncodeNormalized());
    }

    [Fact]
    public void MSH_2_is_never_trimmed() =>
        Assert.Equal("MSH|^~\\&", Hl7Message.Parse("MSH|^~\\&|").EncodeNormalized());
}
