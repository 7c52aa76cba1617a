namespace IntegrationHub.Chemo.Tests;

/// <summary>A40 merges (spec §6.6 ⚠ DEFECT fixed): flat read, PID/PD1/NK1 mapped, MRG kept, structure ADT_A39.</summary>
public sealed class MergeTests
{
    private const string A40 = "MSH|^~\\&|212|212|200|200|20250701140735||ADT^A40|C1|P|2.4\rEVN||20250701140735\r";

    private static string[] Ids(string er7) => [.. TestData.Transform(er7).Split('\r').Select(s => s[..3])];

    [Fact]
    public void Merge_keeps_mrg_verbatim_between_the_patient_segments_and_pv1()
    {
        var output = TestData.Transform(A40 + "PID|1|9990000018^^^^NH|||A^B\rPD1||||G1\rMRG|9990000026^^^^NH~X^^^212^PI||ACCT|9990000026\rPV1||U");
        Assert.Equal(
            "MSH|^~\\&|212|212|200|200|20250701140735||ADT^A40^ADT_A39|C1|P|2.5\rEVN||20250701140735\r" +
            "PID|1||9990000018^^^NHS^NH~BCUCC9990000018^^^212^PI||A^B\rPD1||||G1\rMRG|9990000026^^^^NH~X^^^212^PI||ACCT|9990000026\rPV1||U",
            output);
    }

    [Fact]
    public void Nk1_in_a_merge_is_mapped_and_placed_before_mrg()
    {
        Assert.Equal("NK1||KIN^KATE|WIFE", TestData.OutputSegment(A40 + "PID|1\rNK1|1|KIN^KATE^K|WIFE||||||NK\rMRG|1", "NK1"));
        Assert.Equal(new[] { "MSH", "EVN", "PID", "NK1", "MRG" }, Ids(A40 + "PID|1\rMRG|1\rNK1|1|A"));
    }

    [Fact]
    public void Each_patient_group_keeps_its_own_segments()
    {
        var ids = Ids(A40 + "PID|1\rPV1||U\rMRG|1\rPID|2\rNK1|1|A\rMRG|2\rPD1");
        Assert.Equal(new[] { "MSH", "EVN", "PID", "MRG", "PV1", "PID", "PD1", "NK1", "MRG" }, ids);
    }

    [Fact]
    public void Segments_before_the_first_pid_join_the_first_group()
    {
        Assert.Equal(new[] { "MSH", "EVN", "PID", "MRG" }, Ids(A40 + "MRG|1\rPID|1"));
    }

    [Fact]
    public void Merge_without_pid_still_keeps_its_mrg()
    {
        Assert.Equal(new[] { "MSH", "EVN", "MRG" }, Ids(A40 + "MRG|1"));
    }

    [Fact]
    public void Other_kept_segments_follow_the_patient_groups()
    {
        Assert.Equal(new[] { "MSH", "EVN", "PID", "MRG", "PV1", "PV2", "OBX" }, Ids(A40 + "PID|1\rOBX|1\rPV2\rMRG|1\rPV1||U\rROL|1\rZAB|1"));
    }

    [Theory]
    [InlineData("ADT^A40^ADT_A39")]
    [InlineData("ADT^A40^ADT_A40")]
    [InlineData("ADT^A40")]
    public void Every_a40_form_becomes_ADT_A39(string type)
    {
        var output = TestData.Parse(TestData.Transform($"MSH|^~\\&|212|212|200|200|1||{type}|C1|P|2.4\rPID|1\rMRG|1"));
        Assert.Equal("ADT^A40^ADT_A39", output.Get("MSH-9"));
        Assert.Equal("MRG|1", output.Get("MRG"));
    }

    [Fact]
    public void Registrations_drop_mrg()
    {
        Assert.Null(TestData.OutputSegment("MSH|^~\\&|212|212|200|200|1||ADT^A31|C1|P|2.4\rPID|1\rMRG|1\rPV1||U", "MRG"));
    }
}
