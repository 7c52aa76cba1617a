namespace IntegrationHub.Hl7.Tests.Model;

public class CarriageReturnOnlyTests
{
    [Fact]
    public void A_lone_LF_is_data_when_only_CR_separates_segments()
    {
        var text = "MSH|^~\\&|252|252|100|100|20250101||ADT^A28|1|P|2.5\nEVN||20250101\nPID|1";

        var message = Hl7Message.Parse(text, Hl7ParseOptions.CarriageReturnOnly);

        Assert.Single(message.Segments);
        Assert.Equal("2.5\nEVN", message.Get("MSH-12"));
        Assert.Equal(text, message.Encode());
    }

    [Fact]
    public void CRLF_still_separates_segments()
    {
        var text = "MSH|^~\\&|A\r\nPID|1\r\n";

        var message = Hl7Message.Parse(text, Hl7ParseOptions.CarriageReturnOnly);

        Assert.Equal(["MSH", "PID"], message.Segments.Select(s => s.Id));
        Assert.Equal(text, message.Encode());
    }

    [Fact]
    public void Two_CRs_in_a_row_make_an_empty_segment()
    {
        var message = Hl7Message.Parse("MSH|^~\\&|A\r\rPID|1\r", Hl7ParseOptions.CarriageReturnOnly);

        Assert.True(message.HasEmptySegments);
    }
}
