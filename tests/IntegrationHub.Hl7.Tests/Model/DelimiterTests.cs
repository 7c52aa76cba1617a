namespace IntegrationHub.Hl7.Tests.Model;

public class DelimiterTests
{
    [Fact]
    public void Any_legal_delimiter_set_is_read_from_MSH_1_and_MSH_2()
    {
        var text = "MSH#$*!%#SEND#FAC#RECV#FAC#20250101##ADT$A28$ADT_A05#1#P#2.5\rPID#1##111$$$252$PI*222$$$NHS%X$NH##DOE$JOHN\r";
        var message = Hl7Message.Parse(text);

        Assert.Equal(new Hl7Delimiters('#', '$', '*', '!', '%'), message.Delimiters);
        Assert.Equal("#", message.Get("MSH-1"));
        Assert.Equal("$*!%", message.Get("MSH-2"));
        Assert.Equal("A28", message.Get("MSH-9.2"));
        Assert.Equal("222$$$NHS%X$NH", message.Get("PID-3(2)"));
        Assert.Equal("X", message.Get("PID-3(2).4.2"));
        message.Set("PID-5.2", "JANE");
        Assert.Equal(text.Replace("DOE$JOHN", "DOE$JANE", StringComparison.Ordinal), message.Encode());
    }

    [Fact]
    public void A_fifth_encoding_character_is_kept_in_MSH_2()
    {
        var message = Hl7Message.Parse("MSH|^~\\&#|A|B\r");

        Assert.Equal("^~\\&#", message.Get("MSH-2"));
        Assert.Equal("A", message.Get("MSH-3"));
    }

    [Theory]
    [InlineData("MSH|^~\\|A")]
    [InlineData("MSH|^~^&|A")]
    [InlineData("MSH|^~\\&&&|A")]
    [InlineData("MSH|A~\\&|A")]
    [InlineData("MSH ^~\\&|A")]
    [InlineData("MSH|^~ &|A")]
    [InlineData("MSH||~\\&|A")]
    [InlineData("PID|1")]
    [InlineData("")]
    [InlineData("MSH")]
    public void Illegal_or_missing_delimiters_are_a_parse_error(string text) =>
        Assert.Throws<Hl7ParseException>(() => Hl7Message.Parse(text));

    [Theory]
    [InlineData("MSH|^~\\&|A\rpid|1", 1)]
    [InlineData("MSH|^~\\&|A\rPI|1", 1)]
    [InlineData("MSH|^~\\&|A\rPID1", 1)]
    [InlineData("MSH|^~\\&|A\rPID|1\r 1", 2)]
    public void Bad_segment_ids_are_reported_with_their_position(string text, int segmentIndex)
    {
        var error = Assert.Throws<Hl7ParseException>(() => Hl7Message.Parse(text));
        Assert.Equal(segmentIndex, error.SegmentIndex);
        var segmentStart = text.LastIndexOf('\r') + 1;
        Assert.InRange(error.Position, segmentStart, segmentStart + 3);
    }
}
