namespace IntegrationHub.Chemo.Tests;

/// <summary>
/// The shared acceptance inputs for the Chemocare transformer (<c>shared/acceptance-inputs/chemo</c>), each with the
/// result worked out from the spec (§6): the output's segment order and its key fields.
/// </summary>
public sealed class AcceptanceInputTests
{
    private const string Sww = "1000000001^^^NHS^NH~SWWCC1000000001^^^192^PI";
    private const string Vel = "1000000001^^^NHS^NH~VCC1000000001^^^224^PI";
    private const string Sew = "1000000001^^^NHS^NH~SEWCC1000000001^^^245^PI";
    private const string Bcu = "1000000001^^^NHS^NH~BCUCC1000000001^^^212^PI";
    private const string VelPhones = "07000000001^PRN^^test@test.co.uk~07000000001^PRS~07000000001^PRN^^test@test.co.uk~";

    /// <summary>File → (segment ids of the output, path=value checks).</summary>
    public static TheoryData<string, string, string[]> Expectations() => new()
    {
        { "01_a31_southwest", "MSH EVN PID PD1 PV1", ["MSH-3=192", "MSH-9=ADT^A31^ADT_A05", "MSH-12=2.5", $"PID-3={Sww}", "PID-2=", "PID-13=01000 000001^PRN", "PID-11=1 TEST TEST TEST TEST^TEST^TEST^TEST^CF11 9AD", "PID-32=1", "PD1=PD1||||G7000001"] },
        { "02_a28_southwest", "MSH EVN PID PD1 PV1", ["MSH-9=ADT^A28^ADT_A05", $"PID-3={Sww}", "PID-5=TEST^TEST^TEST^^Mr.", "PID-13=01000 000001^PRN^^test@test.com~07000000001^PRS", "PID-14=07000000001^WPN"] },
        { "03_a31_vel", "MSH EVN PID PD1 PV1", ["MSH-3=224", $"PID-3={Vel}", $"PID-13={VelPhones}", "PID-22=A", "PID-32=1"] },
        { "04_a28_vel", "MSH EVN PID PD1 PV1", ["MSH-9=ADT^A28^ADT_A05", $"PID-3={Vel}", "PID-11=^^^^CF11 9AD", "PID-22="] },
        { "05_a31_southeast", "MSH EVN PID PV1", ["MSH-3=245", $"PID-3={Sew}", "EVN=EVN||20250701141950", "PID-11=1 Street^Town^Rhondda, cynon, taff^^CF11 9AD", "PID-13=07000000001"] },
        { "06_a28_southeast", "MSH EVN PID PV1", [$"PID-3={Sew}", "PID-8=F", "PID-11=1^Street^TEST^TEST^CF11 9AD"] },
        { "07_a28_bcu", "MSH EVN PID PD1 PV1", ["MSH-3=212", $"PID-3={Bcu}", "PID-32=0", "PD1=PD1||||G0000001"] },
        { "08_a31_bcu", "MSH EVN PID PD1 NK1 PV1", [$"PID-3={Bcu}", "PID-14=07000000001", "NK1=NK1||JONES^BARBARA|WIFE", "PV1=PV1||U"] },
        { "10_msh_evn_only", "MSH EVN", ["MSH-9=ADT^A31^ADT_A05", "EVN=EVN|Sub|20250624161510"] },
        { "11_msh_only", "MSH", ["MSH=MSH|^~\\&|192|192|200|200|20250701154910||ADT^A28^ADT_A05|474997159036153|P|2.5|||NE|NE"] },
        { "12_nk1_mapper", "MSH NK1", ["NK1=NK1||NEXT^OF|FTH|123 MAIN ST^APT 1^^^^^M"] },
        { "13_pd1_mapper", "MSH PD1", ["PD1=PD1||||G7000001"] },
        { "14_pid_mapper_base", "MSH PID", [$"PID-3={Vel}", "PID-5=TEST^TEST^^^Ms.", "PID-7=20000101000000", $"PID-13={VelPhones}", "PID-22=A", "PID-32=1"] },
        { "15_unknown_board_TEST", "MSH PID", ["MSH=MSH|^~\\&|TEST|TEST||TEST|20250725120000||ADT^A28^ADT_A05|123|P|2.5|||NE|NE", "PID=PID|1||123^^^NHS^NH~^^^TEST^PI||PATIENT_NAME^FIRST||19900101|M|||^^^^CF11 9AD||555-1234^PRN"] },
        { "16_unknown_board_999", "MSH EVN PID PV1", ["PID-3=1000000001^^^NHS^NH~^^^999^PI"] },
        { "17_no_pid2", "MSH EVN PID PV1", ["PID-3=^^^NHS^NH~^^^224^PI"] },
        { "18_pid2_without_cx1", "MSH EVN PID PV1", ["PID-3=\\S\\\\S\\\\S\\\\S\\NH^^^NHS^NH~VCC\\S\\\\S\\\\S\\\\S\\NH^^^224^PI"] },
        { "19_msh3_with_components", "MSH EVN PID PV1", ["MSH-3=224", $"PID-3={Vel}"] },
        { "20_nk1_full", "MSH EVN PID NK1 PV1", ["NK1=NK1||NEXT^OF^^^^^L|FTH|123 MAIN ST^APT 1^^^^^M|07000000001"] },
        { "21_pd1_full", "MSH EVN PID PD1 PV1", ["PD1=PD1|||SURGERY NAME^^W123^4^5^AUTH^TYPE^FAC^9|G123^SMITH^JOHN^J^^DR"] },
        { "22_pid_full", "MSH EVN PID", [$"PID=PID|1||{Vel}||SUR^GIV^MID^SFX^PFX^DEG^L^A^CODE^20200101&20210101^R|MAIDEN|19800101^D|F|ALIAS|W|1 ST^2ND^CITY^STATE^CF1 1AA^^H^OTHER||0100^PRN^^e@x.com~0200^ORN|0300^WPN|||REL|||||ETH|||||||20240101|||Z32"] },
        { "23_other_segments", "MSH EVN PID PV1 OBX AL1 DG1", ["OBX=OBX|1|ST|X||Y", "AL1=AL1|1||PEN", "DG1=DG1|1||D1"] },
        { "24_no_evn", "MSH PID PV1", [$"PID-3={Vel}"] },
        { "25_msh_optional_fields", "MSH PID PV1", ["MSH=MSH|^~\\&|224|224|100|100|20250624162400|SEC|ADT^A31^ADT_A05|109088442894725|T|2.5|5|CONT|AL|NE|GBR|8859/1|EN^English|PROF|ITK"] },
        { "26_no_msh7", "MSH PID PV1", ["MSH=MSH|^~\\&|224|224|100|100|20260102030405||ADT^A31^ADT_A05|109088442894725|P|2.5"] },
        { "27_repeated_segments", "MSH EVN PID NK1 NK1 PV1 OBX OBX AL1 AL1", ["NK1=NK1||A^B|X", "NK1[2]=NK1||C^D|Y", "OBX[2]=OBX|2|ST|Z||W", "AL1[2]=AL1|2||ASP"] },
        { "28_a40_without_structure", "MSH EVN PID PD1 MRG PV1", ["MSH-9=ADT^A40^ADT_A39", "PID-3=1000000002^^^NHS^NH~BCUCC1000000002^^^212^PI", "MRG=MRG|1000000001^^^^NH", "PD1=PD1||||G7000021"] },
        { "29_a40_adt_a39_structure", "MSH EVN PID PD1 MRG PV1", ["MSH-9=ADT^A40^ADT_A39", "MSH-10=201600952808667", "PID-3=1000000002^^^NHS^NH~BCUCC1000000002^^^212^PI", "MRG=MRG|1000000001^^^^NH"] },
    };

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Acceptance_input_gives_the_output_the_spec_describes(string name, string segments, string[] checks)
    {
        var result = TestData.Run(TestData.ReadMessage(TestData.Shared("acceptance-inputs", "chemo", name + ".in.hl7")));
        var output = Hl7Message.Parse(result.Output.EncodeNormalized());
        Assert.Equal(segments, string.Join(' ', output.Segments.Select(s => s.Id)));
        foreach (var check in checks)
        {
            var split = check.IndexOf('=', StringComparison.Ordinal);
            var path = check[..split];
            var expected = check[(split + 1)..];
            Assert.True(expected == output.Get(path), $"{path}: expected '{expected}', got '{output.Get(path)}'");
        }
    }

    [Fact]
    public void The_chemocare_sample_gives_exactly_the_documented_output()
    {
        var result = TestData.Run(TestData.ReadMessage(TestData.Shared("acceptance-inputs", "chemo", "09_sample_chemocare_to_mpi.in.hl7")));
        string[] expected =
        [
            "MSH|^~\\&|224|224|100|100|20250624165855||ADT^A28^ADT_A05|951317629075403|P|2.5|||NE|NE",
            "EVN|Sub|20250624165855",
            $"PID|1||{Vel}||TEST^TEST^^^Mrs.||20000101000000|F|||^^^^CF11 9AD||{VelPhones}|07000000001^WPN||||||||||||||||||1",
            "PD1||||G7000001",
            "PV1||U",
        ];
        Assert.Equal(string.Join('\r', expected), result.Output.EncodeNormalized());
        Assert.Equal("Chemocare transformation applied for SENDING_APP: 224", result.AuditText);
    }

    [Fact]
    public void Every_acceptance_input_is_covered()
    {
        var covered = Expectations().Select<object[], string>(row => (string)row[0]).Append("09_sample_chemocare_to_mpi").ToHashSet(StringComparer.Ordinal);
        var files = Directory.GetFiles(TestData.Shared("acceptance-inputs", "chemo"), "*.in.hl7").Select(f => Path.GetFileName(f)[..^".in.hl7".Length]);
        var uncovered = files.Where(f => !covered.Contains(f)).ToList();
        Assert.True(uncovered.Count == 0, $"acceptance inputs without expectations: {string.Join(", ", uncovered)}");
    }

    [Theory]
    [InlineData("01_a31_southwest", "192")]
    [InlineData("05_a31_southeast", "245")]
    [InlineData("08_a31_bcu", "212")]
    [InlineData("15_unknown_board_TEST", "TEST")]
    [InlineData("19_msh3_with_components", "224")]
    public void Audit_text_names_the_sending_board(string name, string board)
    {
        var result = TestData.Run(TestData.ReadMessage(TestData.Shared("acceptance-inputs", "chemo", name + ".in.hl7")));
        Assert.Equal($"Chemocare transformation applied for SENDING_APP: {board}", result.AuditText);
    }
}
