namespace IntegrationHub.Hl7.Tests.Model;

public class RoundTripTests
{
    public static TheoryData<string> SharedMessages()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(SharedData.Root, "*.hl7", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(System.IO.Path.GetRelativePath(SharedData.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SharedMessages))]
    public void Every_shared_message_encodes_back_byte_for_byte_with_each_separator_style(string relativePath)
    {
        var original = File.ReadAllText(SharedData.Path(relativePath));
        if (!original.StartsWith("MSH", StringComparison.Ordinal))
        {
            // Acceptance inputs for framing errors are not messages at all; the parser must reject them cleanly.
            Assert.Throws<Hl7ParseException>(() => Hl7Message.Parse(original));
            return;
        }

        var asCr = SharedData.ToCr(original);
        foreach (var variant in new[] { original, asCr, asCr.Replace("\r", "\r\n", StringComparison.Ordinal), asCr.TrimEnd('\r'), asCr.TrimEnd('\r') + "\r\r" })
        {
            Hl7Message message;
            try
            {
                message = Hl7Message.Parse(variant);
            }
            catch (Hl7ParseException)
            {
                continue; // not well-formed (e.g. a deliberately broken header); lossless applies to messages only
            }

            Assert.Equal(variant, message.Encode());
        }
    }

    [Fact]
    public void A_changed_message_keeps_the_untouched_segments_and_their_separators()
    {
        var text = "MSH|^~\\&|A|B|C|D|20250101||ADT^A28^ADT_A05|1|P|2.5\r\nEVN||20250101\r\nPID|1||123^^^X^MR||DOE^JOHN\r\n";
        var message = Hl7Message.Parse(text);
        message.Set("PID-5.2", "JANE");

        Assert.Equal(text.Replace("DOE^JOHN", "DOE^JANE", StringComparison.Ordinal), message.Encode());
    }

    [Fact]
    public void Added_segments_use_the_separator_the_message_already_uses()
    {
        var message = Hl7Message.Parse("MSH|^~\\&|A\nPID|1");
        message.AddSegment("PV1||U");

        Assert.Equal("MSH|^~\\&|A\nPID|1\nPV1||U", message.Encode());
    }

    [Fact]
    public void Added_segment_after_a_final_separator_keeps_the_final_separator_last()
    {
        var message = Hl7Message.Parse("MSH|^~\\&|A\rPID|1\r");
        message.AddSegment("PV1||U");

        Assert.Equal("MSH|^~\\&|A\rPID|1\rPV1||U\r", message.Encode());
    }

    [Fact]
    public void Empty_segments_are_reported_and_kept()
    {
        var text = "MSH|^~\\&|A\r\rPID|1\r";
        var message = Hl7Message.Parse(text);

        Assert.True(message.HasEmptySegments);
        Assert.Equal(2, message.Segments.Count);
        Assert.Equal(text, message.Encode());
    }

    [Fact]
    public void A_doubled_trailing_separator_is_not_an_empty_segment()
    {
        var message = Hl7Message.Parse("MSH|^~\\&|A\rPID|1\r\r");

        Assert.False(message.HasEmptySegments);
        Assert.Equal(2, message.Segments.Count);
    }

    [Fact]
    public void A_one_megabyte_OBX_5_is_read_without_loss()
    {
        var big = new string('A', 1024 * 1024);
        var text = $"MSH|^~\\&|A|B|C|D|20250101||ORU^R01|1|P|2.5\rOBX|1|ED|DOC||^application^pdf^Base64^{big}\r";
        var message = Hl7Message.Parse(text);

        Assert.Equal(big, message.Get("OBX-5.5"));
        Assert.Equal(text, message.Encode());
        message.Set("OBX-1", "2");
        Assert.Equal(text.Replace("OBX|1|", "OBX|2|", StringComparison.Ordinal), message.Encode());
    }

    [Fact]
    public void Utf8_bytes_parse_and_invalid_utf8_is_a_parse_error()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("MSH|^~\\&|A\rPID|1||||MÜLLER");
        Assert.Equal("MÜLLER", Hl7Message.Parse(bytes).Get("PID-5"));

        byte[] invalid = [.. "MSH|^~\\&|A\rPID|1||||"u8, 0xC3, 0x28];
        var error = Assert.Throws<Hl7ParseException>(() => Hl7Message.Parse(invalid));
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }
}
