namespace IntegrationHub.Hl7.Tests.Model;

public class EscapingTests
{
    private static readonly Hl7Delimiters D = Hl7Delimiters.Default;

    [Theory]
    [InlineData("A\\F\\B", "A|B")]
    [InlineData("A\\S\\B", "A^B")]
    [InlineData("A\\T\\B", "A&B")]
    [InlineData("A\\R\\B", "A~B")]
    [InlineData("A\\E\\B", "A\\B")]
    [InlineData("line1\\.br\\line2", "line1\nline2")]
    [InlineData("a\\.sp\\b", "a\nb")]
    [InlineData("\\H\\bold\\N\\", "bold")]
    [InlineData("\\X41424344\\", "ABCD")]
    [InlineData("\\XC39C\\", "Ü")]
    [InlineData("\\XDC\\", "Ü")]
    [InlineData("caf\\XC3A9\\", "café")]
    [InlineData("\\C2842\\abc", "abc")]
    [InlineData("\\M2442\\abc", "abc")]
    [InlineData("\\Zlocal\\x", "x")]
    [InlineData("\\.in+4\\x", "x")]
    [InlineData("\\.ce\\x", "x")]
    [InlineData("no escapes", "no escapes")]
    [InlineData("trailing \\", "trailing \\")]
    [InlineData("\\Q\\", "\\Q\\")]
    [InlineData("\\X4\\", "\\X4\\")]
    [InlineData("\\XZZ\\", "\\XZZ\\")]
    public void Decode_resolves_every_escape_sequence(string raw, string expected) =>
        Assert.Equal(expected, Hl7Escaping.Decode(raw, D));

    [Theory]
    [InlineData("A|B^C&D~E\\F")]
    [InlineData("line1\nline2")]
    [InlineData("plain")]
    [InlineData("")]
    public void Encode_then_decode_is_the_identity_for_text(string text)
    {
        var encoded = Hl7Escaping.Encode(text, D);
        foreach (var c in encoded)
        {
            Assert.False(c is '|' or '^' or '&' or '~' or '\r' or '\n');
        }

        Assert.Equal(text, Hl7Escaping.Decode(encoded, D));
    }

    [Fact]
    public void Escape_sequences_survive_a_round_trip_untouched()
    {
        var text = "MSH|^~\\&|A\rNTE|1||Result \\H\\high\\N\\ \\F\\ \\S\\ \\T\\ \\R\\ \\E\\ \\X0D0A\\ \\.br\\ \\Zcustom\\ \\C2842\\\r";
        var message = Hl7Message.Parse(text);

        Assert.Equal(text, message.Encode());
        Assert.Equal("Result high | ^ & ~ \\ \r\n \n  ", message.GetText("NTE-3"));
    }

    [Fact]
    public void Custom_escape_character_is_honoured()
    {
        var d = new Hl7Delimiters('#', '$', '*', '!', '%');
        Assert.Equal("a#b", Hl7Escaping.Decode("a!F!b", d));
        Assert.Equal("a!F!b!S!c", Hl7Escaping.Encode("a#b$c", d));
    }
}
