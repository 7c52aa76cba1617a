using static IntegrationHub.Hl7.Tests.Xml.XmlTestData;

namespace IntegrationHub.Hl7.Tests.Xml;

/// <summary>
/// Exact ER7 → XML output (spec §3.3). Expectations are written out by hand from the v2.5 flow XSDs: HD has 3
/// children, TS 2, MSG 3, PT 2, VID 3 (VID.2/VID.3 extend CE: 6), CX 10 (CX.4/CX.6 extend HD, CX.9/CX.10 extend
/// CWE: 9), XPN 14 (XPN.1 extends FN: 5; XPN.9 CE; XPN.10 DR: 2 × TS; XPN.12/XPN.13 TS).
/// </summary>
public class Hl7XmlConverterTests
{
    private static readonly string EmptyHd = EmptyLeaves("HD", 3);
    private static readonly string EmptyTs = EmptyLeaves("TS", 2);
    private static readonly string EmptyCe = EmptyLeaves("CE", 6);
    private static readonly string EmptyCwe = EmptyLeaves("CWE", 9);

    private static string Hd(string namespaceId) => $"<HD.1>{namespaceId}</HD.1><HD.2 /><HD.3 />";

    private static string Ts(string time) => $"<TS.1>{time}</TS.1><TS.2 />";

    private static string Cx(string id, string authority, string type) =>
        $"<CX.1>{id}</CX.1><CX.2 /><CX.3 /><CX.4>{Hd(authority)}</CX.4><CX.5>{type}</CX.5><CX.6>{EmptyHd}</CX.6><CX.7 /><CX.8 /><CX.9>{EmptyCwe}</CX.9><CX.10>{EmptyCwe}</CX.10>";

    private static string Xpn(string family, string given) =>
        $"<XPN.1><FN.1>{family}</FN.1><FN.2 /><FN.3 /><FN.4 /><FN.5 /></XPN.1><XPN.2>{given}</XPN.2>"
        + "<XPN.3 /><XPN.4 /><XPN.5 /><XPN.6 /><XPN.7 /><XPN.8 />"
        + $"<XPN.9>{EmptyCe}</XPN.9><XPN.10><DR.1>{EmptyTs}</DR.1><DR.2>{EmptyTs}</DR.2></XPN.10><XPN.11 />"
        + $"<XPN.12>{EmptyTs}</XPN.12><XPN.13>{EmptyTs}</XPN.13><XPN.14 />";

    private static string Msh(string time, string type, string controlId) =>
        "<MSH><MSH.1>|</MSH.1><MSH.2>^~\\&amp;</MSH.2>"
        + $"<MSH.3>{Hd("252")}</MSH.3><MSH.4>{Hd("252")}</MSH.4><MSH.5>{Hd("100")}</MSH.5><MSH.6>{Hd("100")}</MSH.6>"
        + $"<MSH.7>{Ts(time)}</MSH.7><MSH.9>{type}</MSH.9><MSH.10>{controlId}</MSH.10>"
        + $"<MSH.11><PT.1>P</PT.1><PT.2 /></MSH.11><MSH.12><VID.1>2.5</VID.1><VID.2>{EmptyCe}</VID.2><VID.3>{EmptyCe}</VID.3></MSH.12></MSH>";

    [Fact]
    public void The_phw_sample_gives_the_pid3_of_the_spec_example()
    {
        var xml = ToXml("phw", File.ReadAllText(SharedData.Path("samples", "phw-to-mpi.sample.hl7")));
        var expected = Fragment($"<PID.3>{Cx("8888888", "252", "PI")}</PID.3><PID.3>{Cx("4444444444", "NHS", "NH")}</PID.3><PID.5>");
        Assert.Contains("<ns0:PID><ns0:PID.3><ns0:CX.1>8888888</ns0:CX.1><ns0:CX.2 />\n<ns0:CX.3 /><ns0:CX.4><ns0:HD.1>252</ns0:HD.1><ns0:HD.2 /><ns0:HD.3 /></ns0:CX.4>\n<ns0:CX.5>PI</ns0:CX.5>".Replace("\n", string.Empty, StringComparison.Ordinal), xml, StringComparison.Ordinal);
        Assert.Contains(expected, xml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_without_evn_gets_one_with_msh7_and_is_written_exactly()
    {
        const string Er7 = """
            MSH|^~\&|252|252|100|100|2025-05-05 23:23:30||ADT^A31^ADT_A05|X2|P|2.5
            PID|||8888888^^^252^PI||SURNAME^FORENAME||19990101
            PV1||U
            """;
        var expected = Prefixed(
            "<ADT_A05>"
            + Msh("2025-05-05 23:23:30", "<MSG.1>ADT</MSG.1><MSG.2>A31</MSG.2><MSG.3>ADT_A05</MSG.3>", "X2")
            + $"<EVN><EVN.2>{Ts("2025-05-05 23:23:30")}</EVN.2></EVN>"
            + $"<PID><PID.3>{Cx("8888888", "252", "PI")}</PID.3><PID.5>{Xpn("SURNAME", "FORENAME")}</PID.5><PID.7>{Ts("19990101")}</PID.7></PID>"
            + "<PV1><PV1.2>U</PV1.2></PV1>"
            + "</ADT_A05>");
        Assert.Equal(expected, ToXml("phw", Er7));
    }

    [Fact]
    public void An_a39_is_grouped_and_written_exactly()
    {
        const string Er7 = """
            MSH|^~\&|252|252|100|100|20250505||ADT^A40|X5|P|2.5
            EVN||20250502092900
            PID|||8888888^^^252^PI||SURNAME^FORENAME
            MRG|1^^^252^PI
            """;
        var expected = Prefixed(
            "<ADT_A39>"
            + Msh("20250505", "<MSG.1>ADT</MSG.1><MSG.2>A40</MSG.2><MSG.3 />", "X5")
            + $"<EVN><EVN.2>{Ts("20250502092900")}</EVN.2></EVN>"
            + "<ADT_A39.PATIENT>"
            + $"<PID><PID.3>{Cx("8888888", "252", "PI")}</PID.3><PID.5>{Xpn("SURNAME", "FORENAME")}</PID.5></PID>"
            + $"<MRG><MRG.1>{Cx("1", "252", "PI")}</MRG.1></MRG>"
            + "</ADT_A39.PATIENT>"
            + "</ADT_A39>");
        Assert.Equal(expected, ToXml("phw", Er7));
    }

    [Fact]
    public void An_obx_before_any_pv1_gets_a_pv1_with_pv1_2_u_inserted_before_it()
    {
        var xml = ToXml("phw", File.ReadAllText(SharedData.Path("acceptance-inputs", "validation", "phw_obx_without_pv1_synthesised.in.hl7")));
        Assert.Contains("</ns0:PID><ns0:PV1><ns0:PV1.2>U</ns0:PV1.2></ns0:PV1><ns0:OBX><ns0:OBX.1>1</ns0:OBX.1><ns0:OBX.2>ST</ns0:OBX.2><ns0:OBX.3><ns0:CE.1>X</ns0:CE.1>", xml, StringComparison.Ordinal);

        // OBX-11 is required: written although the message has none.
        Assert.Contains("<ns0:OBX.11 /></ns0:OBX></ns0:ADT_A05>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_that_ends_before_pv1_gets_no_pv1()
    {
        var xml = ToXml("phw", "MSH|^~\\&|252|252|100|100|20250505||ADT^A31^ADT_A05|X|P|2.5\nEVN||20250505\nPID|||1^^^252^PI||A^B");
        Assert.DoesNotContain("PV1", xml, StringComparison.Ordinal);
        Assert.EndsWith("</ns0:PID></ns0:ADT_A05>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Ampersands_are_escaped_and_stay_in_the_first_child_as_subcomponents()
    {
        var xml = ToXml("phw", "MSH|^~\\&|252|252|100|100|20250505||ADT^A31^ADT_A05|X|P|2.5\nEVN||20250505\nPID|||1^^^252&1.2.3&ISO^PI||SMITH&VAN^JO<E>\nPV1||U");
        Assert.Contains("<ns0:CX.4><ns0:HD.1>252&amp;1.2.3&amp;ISO</ns0:HD.1><ns0:HD.2 /><ns0:HD.3 /></ns0:CX.4>", xml, StringComparison.Ordinal);
        Assert.Contains("<ns0:XPN.1><ns0:FN.1>SMITH&amp;VAN</ns0:FN.1><ns0:FN.2 />", xml, StringComparison.Ordinal);
        Assert.Contains("<ns0:XPN.2>JO&lt;E&gt;</ns0:XPN.2>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Escape_sequences_are_kept_as_raw_er7_text()
    {
        var xml = ToXml("phw", "MSH|^~\\&|252|252|100|100|20250505||ADT^A31^ADT_A05|X|P|2.5\nEVN||20250505\nPID|||1^^^252^PI||O\\S\\BRIEN^A\\T\\B\nPV1||U");
        Assert.Contains("<ns0:FN.1>O\\S\\BRIEN</ns0:FN.1>", xml, StringComparison.Ordinal);
        Assert.Contains("<ns0:XPN.2>A\\T\\B</ns0:XPN.2>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Repetitions_are_split_only_for_repeating_fields_and_empty_ones_are_kept()
    {
        var xml = ToXml("phw", "MSH|^~\\&|252|252|100|100|20250505||ADT^A31^ADT_A05|X|P|2.5\nEVN||20250505\nPID|||1^^^252^PI||A^B||||||||~555^PRN|||M~S\nPV1||U~V");

        // PID-13 repeats: two elements, the first with every XTN child empty.
        Assert.Contains("<ns0:PID.13><ns0:XTN.1 /><ns0:XTN.2 />", xml, StringComparison.Ordinal);
        Assert.Contains("<ns0:PID.13><ns0:XTN.1>555</ns0:XTN.1><ns0:XTN.2>PRN</ns0:XTN.2>", xml, StringComparison.Ordinal);

        // PID-16 and PV1-2 do not repeat: the '~' stays in the text.
        Assert.Contains("<ns0:PID.16><ns0:CE.1>M~S</ns0:CE.1>", xml, StringComparison.Ordinal);
        Assert.Contains("<ns0:PV1.2>U~V</ns0:PV1.2>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_components_are_dropped_and_field_text_is_trimmed()
    {
        var xml = ToXml("phw", "MSH|^~\\&|252|252|100|100|20250505||ADT^A31^ADT_A05|X|P|2.5\nEVN||20250505\nPID|||1^^^252^PI||A^B||||||||||| M^x^y^z^u^v^w^extra \nPV1||U");
        Assert.Contains("<ns0:PID.16><ns0:CE.1>M</ns0:CE.1><ns0:CE.2>x</ns0:CE.2><ns0:CE.3>y</ns0:CE.3><ns0:CE.4>z</ns0:CE.4><ns0:CE.5>u</ns0:CE.5><ns0:CE.6>v</ns0:CE.6></ns0:PID.16>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("extra", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_empty_fields_are_omitted_and_fields_beyond_the_sequence_dropped()
    {
        var fields = string.Concat(Enumerable.Repeat("|", 45));
        var xml = ToXml("phw", $"MSH|^~\\&|252|252|100|100|20250505||ADT^A31^ADT_A05|X|P|2.5\nEVN||20250505\nPID|||1^^^252^PI||A^B{fields}PID46\nPV1||U");
        Assert.DoesNotContain("PID46", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<ns0:PID.1", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<ns0:PID.4", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Z_segments_write_every_non_empty_field_unsplit()
    {
        var xml = ToXml("phw", "MSH|^~\\&|252|252|100|100|20250505||ADT^A31^ADT_A05|X|P|2.5\nEVN||20250505\nPID|||1^^^252^PI||A^B\nPV1||U\nZXX|a^b~c||&d| ");
        Assert.EndsWith("<ns0:ZXX><ns0:ZXX.1>a^b~c</ns0:ZXX.1><ns0:ZXX.3>&amp;d</ns0:ZXX.3></ns0:ZXX></ns0:ADT_A05>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Numeric_values_are_canonicalised_as_the_reference_does()
    {
        var xml = ToXml("phw", "MSH|^~\\&|252|252|100|100|20250505||ADT^A31^ADT_A05|X|P|2.5|007\nEVN||20250505\nPID|007|||A^B\nNK1|01|X^Y\nPV1||U");
        Assert.Contains("<ns0:PID.1>7</ns0:PID.1>", xml, StringComparison.Ordinal);
        Assert.Contains("<ns0:NK1.1>1</ns0:NK1.1>", xml, StringComparison.Ordinal);
        Assert.Contains("<ns0:MSH.13>7</ns0:MSH.13>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void In_pims_cx2_is_canonicalised_and_text_is_trimmed()
    {
        var xml = ToXml("pims", File.ReadAllText(SharedData.Path("samples", "pims-to-mpi.sample.hl7")));
        Assert.Contains("<ns0:PID.3><ns0:CX.1>2083964527</ns0:CX.1><ns0:CX.2>6</ns0:CX.2><ns0:CX.3 /><ns0:CX.4><ns0:HD.1 /><ns0:HD.2 /><ns0:HD.3 /></ns0:CX.4><ns0:CX.5>NI</ns0:CX.5>", xml, StringComparison.Ordinal);
        Assert.Contains("<ns0:PD1.4><ns0:XCN.1>G9146958</ns0:XCN.1>", xml, StringComparison.Ordinal);
        Assert.Contains("<ns0:PD1.4><ns0:XCN.1>W95295</ns0:XCN.1>", xml, StringComparison.Ordinal);
        Assert.Contains("<ns0:XPN.3>\"\"</ns0:XPN.3>", xml, StringComparison.Ordinal);
        Assert.Contains("<ns0:MSH.12><ns0:VID.1>2.3.1</ns0:VID.1>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_has_no_declaration_and_no_whitespace_between_elements()
    {
        var xml = ToXml("phw", File.ReadAllText(SharedData.Path("samples", "phw-to-mpi.sample.hl7")));
        Assert.StartsWith("<ns0:ADT_A05 xmlns:ns0=\"urn:hl7-org:v2xml\"><ns0:MSH><ns0:MSH.1>|</ns0:MSH.1><ns0:MSH.2>^~\\&amp;</ns0:MSH.2>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("> <", xml, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', xml);
        Assert.DoesNotContain("<?xml", xml, StringComparison.Ordinal);
        Assert.EndsWith("<ns0:PV1><ns0:PV1.2>U</ns0:PV1.2></ns0:PV1></ns0:ADT_A05>", xml, StringComparison.Ordinal);
    }
}
