namespace IntegrationHub.Chemo.Tests;

/// <summary>The health-board prefixes, the audit text and the transformer's contract.</summary>
public sealed class BoardAndAuditTests
{
    [Theory]
    [InlineData("224", "VCC")]
    [InlineData("212", "BCUCC")]
    [InlineData("192", "SWWCC")]
    [InlineData("245", "SEWCC")]
    [InlineData("999", null)]
    [InlineData("", null)]
    [InlineData("224 ", null)]
    [InlineData("2240", null)]
    [InlineData("VEL", null)]
    public void Board_prefix_is_known_only_for_the_four_chemocare_boards(string board, string? prefix)
    {
        Assert.Equal(prefix, BoardIdentifiers.Prefix(board));
    }

    [Theory]
    [InlineData("192", "192")]
    [InlineData("224^VEL^L", "224")]
    [InlineData("TEST", "TEST")]
    [InlineData("^VEL", "UNKNOWN")]
    [InlineData("", "UNKNOWN")]
    public void Audit_text_names_the_input_sending_app(string sendingApp, string shown)
    {
        var result = TestData.Run($"MSH|^~\\&|{sendingApp}|X|100|100|20250624162400||ADT^A31|C1|P|2.4\rPID|1|9990000018^^^^NH");
        Assert.Equal($"Chemocare transformation applied for SENDING_APP: {shown}", result.AuditText);
    }

    [Fact]
    public void Audit_text_never_quotes_patient_data()
    {
        var result = TestData.Run("MSH|^~\\&|224|224|100|100|20250624162400||ADT^A31|C1|P|2.4\rPID|1|9990000018^^^^NH|||SURNAME^GIVEN");
        Assert.DoesNotContain("9990000018", result.AuditText, StringComparison.Ordinal);
        Assert.DoesNotContain("SURNAME", result.AuditText, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_is_Chemocare()
    {
        Assert.Equal("Chemocare", new ChemoTransformer().Name);
    }

    [Fact]
    public void The_input_message_is_not_changed()
    {
        const string text = "MSH|^~\\&|224|224|100|100|20250624162400||ADT^A31|C1|P|2.4\rPID|1|9990000018^^^^NH|X\rZAB|1";
        var input = Hl7Message.Parse(text);
        _ = new ChemoTransformer().Transform(input, TestData.Now);
        Assert.Equal(text, input.Encode());
    }

    [Fact]
    public void Content_never_makes_the_transform_fail()
    {
        // Chemocare has no format checks (spec §6): odd values are carried, not refused.
        var result = TestData.Run("MSH|^~\\&|???|X|Y|Z|not-a-date|S|ADT^A31|C1|P|9.9\rEVN|\rPID|x|y|z||\\E\\\rPD1|||||||||||||\rNK1");
        Assert.StartsWith("MSH|^~\\&|???|X|Y|Z|not-a-date|S|ADT^A31^ADT_A05|C1|P|2.5", result.Output.EncodeNormalized(), StringComparison.Ordinal);
    }

    [Fact]
    public void Transforms_on_many_threads_at_once_give_the_same_output()
    {
        var input = File.ReadAllText(Path.Combine(TestData.GoldenDirectory, "repeated_segments_all_kept.in.hl7"));
        var expected = TestData.Transform(input);
        var transformer = new ChemoTransformer();
        Parallel.For(0, 2000, _ =>
        {
            var actual = transformer.Transform(TestData.Parse(input), TestData.Now).Output.EncodeNormalized();
            Assert.Equal(expected, actual);
        });
    }
}
