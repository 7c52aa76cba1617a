namespace IntegrationHub.Chemo.Tests;

/// <summary>PD1 (§6.4), NK1 (§6.5), the other segments (§6.6) and the segment order.</summary>
public sealed class OtherMapperTests
{
    private const string Header = "MSH|^~\\&|224|224|100|100|20250624162400||ADT^A31|C1|P|2.4\r";

    [Fact]
    public void Pd1_keeps_practice_and_gp_whitelists()
    {
        var pd1 = TestData.OutputSegment(Header + "PD1|A|B|SURGERY NAME^L^W123^4^5^AUTH^TYPE^FAC^9^10|G123^SMITH^JOHN^J^JR^DR^MD||X", "PD1");
        Assert.Equal("PD1|||SURGERY NAME^^W123^4^5^AUTH^TYPE^FAC^9|G123^SMITH^JOHN^J^^DR", pd1);
    }

    [Fact]
    public void Pd1_takes_only_first_sub_components_where_the_spec_says_so()
    {
        var pd1 = TestData.OutputSegment(Header + "PD1|||N&1^^^^^AUTH&2^^FAC&3~SECOND|G1^SMITH&X~G2", "PD1");
        Assert.Equal("PD1|||N&1^^^^^AUTH^^FAC|G1^SMITH", pd1);
    }

    [Fact]
    public void Nk1_keeps_its_whitelist_and_drops_the_set_id()
    {
        var nk1 = TestData.OutputSegment(Header + "NK1|1|JONES^BARBARA^K|WIFE||||||NK^NEXT OF KIN", "NK1");
        Assert.Equal("NK1||JONES^BARBARA|WIFE", nk1);
    }

    [Fact]
    public void Nk1_keeps_name_address_and_phone_parts()
    {
        var nk1 = TestData.OutputSegment(Header + "NK1|1|NEXT&X^OF^KIN^^Mr.^^L|FTH^Father|123 MAIN ST^APT 1^CITY^STATE^ZIP^COUNTRY^M^X|07000000001^WPN^PH", "NK1");
        Assert.Equal("NK1||NEXT^OF^^^^^L|FTH|123 MAIN ST^APT 1^^^^^M|07000000001", nk1);
    }

    [Fact]
    public void Every_nk1_is_mapped_not_only_the_first()
    {
        var input = Header + "NK1|1|A^B|X\rNK1|2|C^D^E|Y^Z\rNK1|3";
        Assert.Equal("NK1||A^B|X", TestData.OutputSegment(input, "NK1", 1));
        Assert.Equal("NK1||C^D|Y", TestData.OutputSegment(input, "NK1", 2));
        Assert.Equal("NK1", TestData.OutputSegment(input, "NK1", 3));
    }

    [Theory]
    [InlineData("PV1|1|I|WARD^1^2||||DOC^NAME")]
    [InlineData("PV2|||REASON~R2")]
    [InlineData("OBX|1|ST|X^Y||V\\T\\W|||||F")]
    [InlineData("AL1|1|DA|PEN^Penicillin|SV")]
    [InlineData("DG1|1||D1^Desc|||A")]
    [InlineData("PR1|1||P1")]
    [InlineData("GT1|1||GUAR^ONE")]
    [InlineData("IN1|1|PLAN1")]
    [InlineData("IN2|1|X1")]
    [InlineData("IN3|1|C2")]
    public void Other_whitelisted_segments_are_copied_verbatim(string segment)
    {
        Assert.Equal(segment, TestData.OutputSegment(Header + segment, segment[..3]));
    }

    [Theory]
    [InlineData("MRG|OLD^^^^NH")]
    [InlineData("ROL|1|AD|PP")]
    [InlineData("ZAB|1")]
    [InlineData("NTE|1||COMMENT")]
    [InlineData("DB1|1")]
    [InlineData("DRG|1")]
    [InlineData("ACC|1")]
    [InlineData("UB1|1")]
    [InlineData("PDA|1")]
    public void Segments_outside_the_whitelist_are_dropped_for_registrations(string segment)
    {
        Assert.Null(TestData.OutputSegment(Header + "PID|1\rPV1||U\r" + segment, segment[..3]));
    }

    [Fact]
    public void Evn_is_copied_verbatim_and_missing_evn_stays_missing()
    {
        Assert.Equal("EVN|A31|20250624162400|||OP^X~Y", TestData.OutputSegment(Header + "EVN|A31|20250624162400|||OP^X~Y", "EVN"));
        Assert.Null(TestData.OutputSegment(Header + "PID|1", "EVN"));
    }

    [Fact]
    public void Output_follows_the_fixed_segment_order_whatever_the_input_order()
    {
        var input = Header + "IN1|1\rGT1|1\rPR1|1\rDG1|1\rAL1|1\rOBX|1\rPV2|1\rPV1|1\rNK1|1|A\rPD1|1||X\rPID|1\rEVN|1";
        var ids = TestData.Transform(input).Split('\r').Select(s => s[..3]);
        Assert.Equal(new[] { "MSH", "EVN", "PID", "PD1", "NK1", "PV1", "PV2", "OBX", "AL1", "DG1", "PR1", "GT1", "IN1" }, ids);
    }

    [Fact]
    public void Repeated_segments_keep_every_occurrence_in_input_order()
    {
        var output = TestData.Transform(Header + "PID|1\rPV1||U\rOBX|1|ST|A\rAL1|1||P\rOBX|2|ST|B\rAL1|2||Q\rOBX|3|ST|C");
        Assert.Contains("OBX|1|ST|A\rOBX|2|ST|B\rOBX|3|ST|C\rAL1|1||P\rAL1|2||Q", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Insurance_segments_keep_their_groups_together()
    {
        var output = TestData.Transform(Header + "PID|1\rPV1||U\rIN1|1|A\rIN2|1|A\rIN3|1|A\rIN1|2|B\rIN3|2|B");
        Assert.EndsWith("IN1|1|A\rIN2|1|A\rIN3|1|A\rIN1|2|B\rIN3|2|B", output, StringComparison.Ordinal);
    }
}
