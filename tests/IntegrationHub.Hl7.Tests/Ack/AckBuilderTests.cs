namespace IntegrationHub.Hl7.Tests.Ack;

public class AckBuilderTests
{
    private static readonly DateTime Now = new(2025, 5, 5, 23, 23, 32);

    [Fact]
    public void The_accept_ACK_matches_the_spec_example()
    {
        var inbound = Hl7Message.Parse("MSH|^~\\&|252|252|100|100|20250505120000||ADT^A28^ADT_A05|CTRL1|T|2.5\rEVN||20250505\r");

        var ack = Hl7AckBuilder.Build(inbound, now: Now);

        Assert.Equal("MSH|^~\\&|100|100|252|252|20250505232332||ACK^A28^ACK|CTRL1|T|2.5\rMSA|AA|CTRL1\r", ack);
    }

    [Fact]
    public void An_empty_processing_id_is_answered_as_production()
    {
        var inbound = Hl7Message.Parse("MSH|^~\\&|A|B|C|D|20250505||ADT^A31|X9||2.4\r");

        Assert.StartsWith("MSH|^~\\&|C|D|A|B|20250505232332||ACK^A31^ACK|X9|P|2.4\r", Hl7AckBuilder.Build(inbound, now: Now), StringComparison.Ordinal);
    }

    [Fact]
    public void Odd_sender_values_are_copied_verbatim_and_never_fail()
    {
        // More than three HD components, sub-components, a 30-character HD.1 and repetitions: all legal text.
        var inbound = Hl7Message.Parse("MSH|^~\\&|APP^1.2^ISO^EXTRA|FAC&SUB~SECOND|RECEIVINGAPPLICATION123456789012|R||||C1|P|2.5\r");

        var ack = Hl7AckBuilder.Build(inbound, now: Now);

        Assert.Equal("MSH|^~\\&|RECEIVINGAPPLICATION123456789012|R|APP^1.2^ISO^EXTRA|FAC&SUB|20250505232332||ACK^^ACK|C1|P|2.5\rMSA|AA|C1\r", ack);
    }

    [Fact]
    public void Custom_delimiters_are_translated_to_the_standard_ones()
    {
        var inbound = Hl7Message.Parse("MSH#$*!%#APP$X#FAC#R#F#20250505##ADT$A28$ADT_A05#C|1#P#2.5\r");

        var ack = Hl7AckBuilder.Build(inbound, now: Now);

        Assert.Equal("MSH|^~\\&|R|F|APP^X|FAC|20250505232332||ACK^A28^ACK|C\\F\\1|P|2.5\rMSA|AA|C\\F\\1\r", ack);
    }

    [Fact]
    public void The_framed_ACK_is_VT_payload_FS_CR()
    {
        var inbound = Hl7Message.Parse("MSH|^~\\&|A|B|C|D|1||ADT^A28|Z|P|2.5\r");

        var framed = Hl7AckBuilder.BuildFramed(inbound, now: Now);

        Assert.Equal(0x0B, framed[0]);
        Assert.Equal([0x0D, 0x1C, 0x0D], framed[^3..]);
        Assert.Equal(Hl7AckBuilder.Build(inbound, now: Now), System.Text.Encoding.UTF8.GetString(framed, 1, framed.Length - 3));
    }

    [Fact]
    public void Negative_ACKs_carry_an_ERR_segment_in_the_v25_form()
    {
        var inbound = Hl7Message.Parse("MSH|^~\\&|A|B|C|D|1||ADT^A28|Z|P|2.5\r");

        var ack = Hl7AckBuilder.Build(inbound, Hl7AckCode.AE, Now, new Hl7AckError(101, "PID-7 is required", "PID^1^7"));

        Assert.EndsWith("\rMSA|AE|Z\rERR||PID^1^7|101^Required field missing^HL70357|E||||PID-7 is required\r", ack, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_ACKs_before_v25_use_MSA_3_and_ERR_1()
    {
        var inbound = Hl7Message.Parse("MSH|^~\\&|A|B|C|D|1||ADT^A28|Z|P|2.4\r");

        var ack = Hl7AckBuilder.Build(inbound, Hl7AckCode.AR, Now, new Hl7AckError(200, "Unsupported message type"));

        Assert.EndsWith("\rMSA|AR|Z|Unsupported message type\rERR|^^^200&Unsupported message type&HL70357\r", ack, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Hl7AckCode.CA, "CA")]
    [InlineData(Hl7AckCode.CE, "CE")]
    [InlineData(Hl7AckCode.CR, "CR")]
    public void Commit_codes_are_written_as_given(Hl7AckCode code, string text)
    {
        var inbound = Hl7Message.Parse("MSH|^~\\&|A|B|C|D|1||ADT^A28|Z|P|2.5\r");

        Assert.Contains($"\rMSA|{text}|Z\r", Hl7AckBuilder.Build(inbound, code, Now), StringComparison.Ordinal);
    }
}
