using IntegrationHub.Runtime.Events;

namespace IntegrationHub.Runtime.Tests.Events;

public class MessageRedactorTests
{
    [Theory]
    [InlineData("PID|1||123456^^^NHS^MR||SMITH^JOHN^A||19870101|M", "PID|***||***||***||***|***")]
    [InlineData("PID|1||||SMITH", "PID|***||||***")]
    [InlineData("PID|^^|~|&", "PID|***|***|***")]
    [InlineData("ZZZ", "ZZZ")]
    public void Every_non_empty_field_of_other_segments_is_masked(string segment, string expected) =>
        Assert.Equal("MSH|^~\\&|A\r" + expected, MessageRedactor.Redact("MSH|^~\\&|A\r" + segment));

    [Fact]
    public void MSH_keeps_its_routing_fields_and_masks_the_others()
    {
        var input = "MSH|^~\\&|252|252|100|100|20250101120000|SECRET|ADT^A31^ADT_A05|C1|P|2.5|||AL|NE|GBR||EN||ITK\rEVN||20250101";

        Assert.Equal(
            "MSH|^~\\&|252|252|100|100|20250101120000|***|ADT^A31^ADT_A05|C1|P|2.5|||***|***|***||***||***\rEVN||***",
            MessageRedactor.Redact(input));
    }

    [Theory]
    [InlineData("This is plain text, not HL7")]
    [InlineData("MSH")]
    [InlineData("Binary\0data")]
    [InlineData("PID|1||123")]
    public void Content_that_is_not_a_message_is_masked_whole(string input) =>
        Assert.Equal("***", MessageRedactor.Redact(input));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n")]
    public void Empty_or_blank_content_is_returned_unchanged(string input) =>
        Assert.Equal(input, MessageRedactor.Redact(input));

    [Fact]
    public void LF_CRLF_and_blank_lines_are_normalised_to_CR_without_a_trailing_one() =>
        Assert.Equal(
            "MSH|^~\\&|A|B|C|D|20250101||ADT^A28|1|P|2.5\rPID|***||***",
            MessageRedactor.Redact("MSH|^~\\&|A|B|C|D|20250101||ADT^A28|1|P|2.5\r\n\r\nPID|1||X\n"));

    [Fact]
    public void A_custom_field_separator_is_honoured() =>
        Assert.Equal(
            "MSH#^~\\&#APP#FAC#RCV#RFAC#20250101##ADT^A28#ID1#P#2.5#\rPID#***#***",
            MessageRedactor.Redact("MSH#^~\\&#APP#FAC#RCV#RFAC#20250101##ADT^A28#ID1#P#2.5#\rPID#1#SMITH"));

    [Fact]
    public void No_patient_value_of_the_acceptance_inputs_survives()
    {
        foreach (var file in Directory.EnumerateFiles(SharedData.Path("acceptance-inputs", "redaction")))
        {
            var redacted = MessageRedactor.Redact(File.ReadAllText(file));
            foreach (var secret in new[] { "SMITH", "JOHN", "123456", "19870101", "HIGH ST", "SECRET", "Binary", "plain text" })
            {
                Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
            }
        }
    }
}
