using IntegrationHub.Pims.Mapping;

namespace IntegrationHub.Pims.Tests;

/// <summary>PD1, PV1, MRG and the copied segments (spec §7.5–7.8), through the whole transform.</summary>
public class SegmentRuleTests
{
    private const string Evn = "EVN||20250301115959+0000";

    private static string[] Transform(string trigger, params string[] segments) =>
        Pims.Transform(Pims.Lines([$"MSH|^~\\&|PIMS|S|E|E|20250301120000||ADT^{trigger}|C|P|2.3.1", Evn, .. segments])).Split('\r')[2..];

    [Theory]
    [InlineData("PD1||||G7000001~W90001", "PD1|||^^W90001|G7000001")]
    [InlineData("PD1||||G7000001", "PD1||||G7000001")]
    [InlineData("PD1||||G7000001^DR^WHO~W90001^PRACTICE~X3", "PD1|||^^W90001|G7000001")]
    [InlineData("PD1||||~W90001", "PD1|||^^W90001")]
    [InlineData("PD1|A|B|OLD^X^Y", "PD1")]
    public void Pd1_gp_and_practice(string input, string expected)
    {
        var mapped = Pd1Mapper.Map(Hl7Message.Parse("MSH|^~\\&|P\r" + input).Segment("PD1")!);
        Assert.Equal(expected, Hl7Message.Parse("MSH|^~\\&|X\r" + mapped).EncodeNormalized().Split('\r')[1]);
    }

    [Theory]
    [InlineData("A04")]
    [InlineData("A08")]
    public void Pd1_and_pv1_for_registrations_and_updates(string trigger)
    {
        Assert.Equal(["PD1||||G1", "PV1||N"], Transform(trigger, "PD1||||G1", "PV1|1|I|WARD^BED|||||||X"));
        Assert.Equal(["PV1||N"], Transform(trigger));
    }

    [Theory]
    [InlineData("A28")]
    [InlineData("A31")]
    [InlineData("A40")]
    [InlineData("a04")]
    [InlineData("a08")]
    [InlineData("A01")]
    public void No_pd1_or_pv1_for_other_triggers(string trigger)
    {
        Assert.Empty(Transform(trigger, "PD1||||G1", "PV1||NA"));
    }

    [Theory]
    [InlineData("MRG|00100001", "MRG|00100001^^^103^PI")]
    [InlineData("MRG|00100001^^^^PI~999^^^^NH|ACC|||||NAME^X", "MRG|00100001^^^103^PI")]
    [InlineData("MRG|00100001&X^1", "MRG|00100001&X^^^103^PI")]
    public void Mrg_for_merges(string input, string expected)
    {
        Assert.Equal([expected], Transform("A40", input));
    }

    [Theory]
    [InlineData("A08")]
    [InlineData("A31")]
    [InlineData("a40")]
    [InlineData("A01")]
    public void No_mrg_unless_the_trigger_is_exactly_a40(string trigger)
    {
        Assert.DoesNotContain(Transform(trigger, "MRG|1"), s => s.StartsWith("MRG", StringComparison.Ordinal));
    }

    [Fact]
    public void Copied_segments_keep_every_occurrence_verbatim_in_the_fixed_order()
    {
        var output = Transform("A31", "IN1|1|P1^X~Y", "IN2|1", "IN1|2|P2", "GT1|1", "PR1|1", "ROL|1", "DG1|1|\\T\\", "AL1|1", "OBX|1|ST|A&B||1", "OBX|2", "PV2|1", "NK1|1", "ZXX|1", "NTE|1");
        Assert.Equal(["PV2|1", "OBX|1|ST|A&B||1", "OBX|2", "AL1|1", "DG1|1|\\T\\", "PR1|1", "GT1|1", "IN1|1|P1^X~Y", "IN2|1", "IN1|2|P2"], output);
    }

    [Fact]
    public void Audit_text_names_the_input_sending_application()
    {
        Assert.Equal("PIMS transformation applied for SENDING_APP: PIMS", Pims.TransformResult("MSH|^~\\&|PIMS^X|S|E|E|20250301||ADT^A08").AuditText);
        Assert.Equal("PIMS transformation applied for SENDING_APP: OTHER", Pims.TransformResult("MSH|^~\\&|OTHER|S|E|E|20250301||ADT^A08").AuditText);
        Assert.Equal("PIMS transformation applied for SENDING_APP: UNKNOWN", Pims.TransformResult("MSH|^~\\&||S|E|E|20250301||ADT^A08").AuditText);
        Assert.Equal("PIMS", new PimsTransformer().Name);
    }

    [Fact]
    public void The_input_message_is_left_unchanged()
    {
        const string text = "MSH|^~\\&|PIMS|S|E|E|20250301120000+0000||ADT^A40^ADT_A39|C|P|2.3.1\rEVN||20250301+0000\rPID|||1^^^^NI\rMRG|9";
        var input = Hl7Message.Parse(text);
        _ = new PimsTransformer().Transform(input, Pims.Now);
        Assert.Equal(text, input.Encode());
    }
}
