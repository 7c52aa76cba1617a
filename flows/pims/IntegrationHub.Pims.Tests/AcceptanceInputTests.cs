using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Pims.Tests;

/// <summary>
/// The shared PIMS acceptance inputs (read from <c>shared/acceptance-inputs/pims</c> at test time). For each, the
/// expected result was worked out from spec §7: the output's segments in order and its key fields, or the field
/// whose refusal fails the transform.
/// </summary>
public class AcceptanceInputTests
{
    private const string Nhs1 = "N4000000001^^^NHS^NH";
    private const string Both1 = "N4000000001^^^NHS^NH~N1000001^^^103^PI";
    private const string A28 = "ADT^A28^ADT_A05";
    private const string A31 = "ADT^A31^ADT_A05";
    private const string A40 = "ADT^A40^ADT_A39";
    private const string Registration = "MSH EVN PID PD1 PV1";

    private static readonly Dictionary<string, Expectation> Expectations = new(StringComparer.Ordinal)
    {
        ["01_a04"] = new(Registration, ("MSH-9", A28), ("MSH-7", "20250702085450"), ("PID-3", Both1), ("PID-7", "20000101"),
            ("PID-11", "1 TEST^TEST^TEST^\"\"^CF11 9AD"), ("PID-13", "07000000001~07000000001"), ("PID-14", "07000000001"),
            ("PID-29", "\"\""), ("PD1-3", "^^W90001"), ("PD1-4", "G7000001"), ("PV1", "PV1||N")),
        ["02_a08"] = new(Registration, ("MSH-9", A31), ("PID-3", "N5022039^^^103^PI"), ("PID-14", string.Empty)),
        ["03_a40"] = Merge("1000000001^^^NHS^NH~T100001^^^103^PI", "00100001"),
        ["04_a40_adt_a39"] = Merge("2083964527^^^NHS^NH~N5022773^^^103^PI", "1234", ("PID-13", "~07123456789"), ("PID-29", "\"\"")),
        ["05_sample_pims_to_mpi"] = Merge("2083964527^^^NHS^NH~N5022773^^^103^PI", "1234", ("PID-29", "\"\""), ("MSH-7", "20250121100427"), ("EVN", "EVN||20250121100414||||20250121100414")),
        ["06_evn_mapper_a04"] = new("MSH EVN PV1", ("EVN", "EVN||20250702085440||||20250702085444"), ("MSH-9", A28)),
        ["07_msh_only_a08"] = new("MSH PV1", ("MSH", "MSH|^~\\&|103|103|200|200|20241231101053||ADT^A31^ADT_A05|48209024|P|2.5|||||GBR||EN")),
        ["08_pd1_mapper_a08"] = new("MSH PD1 PV1", ("PD1", "PD1|||^^W98006|G9310201")),
        ["09_pv1_mapper_a08"] = new("MSH PD1 PV1", ("PV1", "PV1||N")),
        ["10_pid_mapper_a08"] = new("MSH PID PV1", ("PID", "PID|||N5022039^^^103^PI||TESTER^TEST^\"\"^^MRS.||20000101|F|||MORRISTON HOSPITAL^HEOL MAES EGLWYS^CWMRHYDYCEIRW^SWANSEASWANSEA^SA6 6NL||01234567892~01234567896||||||||||||||||\"\"")),
        ["11_a40_adt_a40_structure"] = Merge("1000000001^^^NHS^NH~T100001^^^103^PI", "00100001", ("PID-14", "50500 02920")),
        ["12_field_utils_a28_v24"] = new("MSH PID", ("MSH", "MSH|^~\\&|103|103|200|200|20250725120000||ADT^A28^ADT_A05|123|P|2.5|||||GBR||EN"),
            ("PID-3", "N5022039^^^103^PI"), ("PID-5", "PATIENT_NAME^FIRST"), ("PID-11", "^^^^CF11 9AD"), ("PID-13", "07001231234~07001234567"),
            ("PID-29", "\"\""), ("AUDIT", "PIMS transformation applied for SENDING_APP: TEST")),
        ["13_pid3_rep1_not_ni"] = new(Registration, ("PID-3", "N1000001^^^103^PI")),
        ["14_pid3_rep2_not_pi"] = new(Registration, ("PID-3", Nhs1)),
        ["15_pid3_single_rep"] = new(Registration, ("PID-3", Nhs1)),
        ["16_pid3_ni_lowercase"] = new(Registration, ("PID-3", Both1)),
        ["17_pid3_missing"] = new(Registration, ("PID-3", string.Empty), ("PID-5", "TEST^TEST-TEST^\"\"^^MISS")),
        ["18_pid29_dod_with_tz"] = new(Registration, ("PID-29", "20250101120000")),
        ["19_pid29_date_only"] = new(Registration, ("PID-29", "20250101")),
        ["20_pid29_too_short"] = new(Registration, ("PID-29", "\"\"")),
        ["21_pid7_invalid_format_fails"] = Expectation.Failure("PID-7"),
        ["22_evn2_invalid_length_fails"] = Expectation.Failure("EVN-2"),
        ["23_msh7_negative_offset_fails"] = Expectation.Failure("MSH-7"),
        ["24_trigger_a28"] = new("MSH EVN PID", ("MSH-9", A28)),
        ["25_trigger_a31"] = new("MSH EVN PID", ("MSH-9", A31)),
        ["26_trigger_other_a01"] = new("MSH EVN PID", ("MSH-9", A40)),
        ["27_trigger_lowercase"] = new("MSH EVN PID", ("MSH-9", A28)),
        ["28_pd1_single_gp"] = new(Registration, ("PD1", "PD1||||G9310201")),
        ["29_a08_without_pv1"] = new(Registration, ("PV1", "PV1||N")),
        ["30_a08_extra_segments"] = new(Registration + " OBX AL1", ("OBX", "OBX|1|ST|X||Y"), ("AL1", "AL1|1||PEN")),
        ["31_a40_mrg_extra_fields"] = Merge("1000000001^^^NHS^NH~T100001^^^103^PI", "00100001", ("MRG", "MRG|00100001^^^103^PI")),
        ["32_a08_with_mrg_ignored"] = new(Registration, ("MSH-9", A31)),
        ["33_evn1_copied"] = new(Registration, ("EVN", "EVN|A04|20250702085440||||20250702085450")),
        ["34_msh_optional_fields"] = new(Registration, ("MSH", "MSH|^~\\&|103|103|200|200|20250702085450||ADT^A28^ADT_A05|73726643|P|2.5|42||||GBR||EN")),
        ["35_no_evn"] = new("MSH PID PD1 PV1", ("PID-3", Both1)),
        ["36_pid11_multiple_reps"] = new(Registration, ("PID-11", "1 TEST^TEST^TEST^\"\"^CF11 9AD")),
        ["37_repeated_segments"] = new(Registration + " OBX OBX DG1 DG1", ("OBX[2]", "OBX|2|ST|Z||W"), ("DG1[2]", "DG1|2||D2")),
        ["38_pid11_absent"] = new(Registration, ("PID-11", string.Empty), ("PID-13", "07000000001~07000000001")),
        ["39_pid11_line1_empty"] = new(Registration, ("PID-11", "^TEST^TEST^\"\"^CF11 9AD")),
    };

    public static TheoryData<string> Files() =>
        new(Directory.EnumerateFiles(SharedData.Path("acceptance-inputs", "pims"), "*.in.hl7")
            .Select(f => Path.GetFileName(f)[..^".in.hl7".Length]).Order(StringComparer.Ordinal));

    [Fact]
    public void Every_shared_input_has_an_expectation()
    {
        var files = Directory.EnumerateFiles(SharedData.Path("acceptance-inputs", "pims"), "*.in.hl7").Select(f => Path.GetFileName(f)[..^".in.hl7".Length]);
        Assert.Equal(Expectations.Keys.Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_spec_example_a08_gives_the_spec_output()
    {
        var output = Pims.Transform(SharedData.ReadMessage("acceptance-inputs", "pims", "02_a08.in.hl7"));
        Assert.Equal(
            Pims.Lines(
                "MSH|^~\\&|103|103|200|200|20241231101053||ADT^A31^ADT_A05|48209024|P|2.5|||||GBR||EN",
                "EVN||20241231101035||||20241231101035",
                "PID|||N5022039^^^103^PI||TESTER^TEST^\"\"^^MRS.||20000101|F|||MORRISTON HOSPITAL^HEOL MAES EGLWYS^CWMRHYDYCEIRW^SWANSEASWANSEA^SA6 6NL||01234567892~01234567896||||||||||||||||\"\"",
                "PD1|||^^W98006|G9310201",
                "PV1||N"),
            output);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Acceptance_input(string name)
    {
        var expectation = Expectations[name];
        var text = SharedData.ReadMessage("acceptance-inputs", "pims", name + ".in.hl7");
        if (expectation.FailingField is { } field)
        {
            var error = Pims.Fails(text);
            Assert.Contains($"in {field}:", error.Message, StringComparison.Ordinal);
            PatientData.AssertNotQuoted(Hl7Message.Parse(text), error.Message);
            return;
        }

        var result = Pims.TransformResult(text);
        var output = Hl7Message.Parse(result.Output.EncodeNormalized());
        Assert.Equal(expectation.Segments, string.Join(' ', output.Segments.Select(s => s.Id)));
        foreach (var (path, value) in expectation.Fields)
        {
            var actual = path == "AUDIT" ? result.AuditText : output.Get(path);
            Assert.True(value == actual, $"{name} {path}: expected «{value}», got «{actual}»");
        }

        if (!expectation.Fields.Any(f => f.Path == "AUDIT"))
        {
            Assert.Equal("PIMS transformation applied for SENDING_APP: PIMS", result.AuditText);
        }

        // What every PIMS output shares: the MPI's header and, with a PID, a PID-29.
        Assert.Equal("103", output.Get("MSH-3"));
        Assert.Equal("2.5", output.Get("MSH-12"));
        Assert.Equal("GBR", output.Get("MSH-17"));
        Assert.Equal("EN", output.Get("MSH-19"));
        if (output.Segment("PID") is not null)
        {
            Assert.NotEmpty(output.Get("PID-29"));
        }
    }

    private static Expectation Merge(string pid3, string mrg1, params (string Path, string Value)[] more) =>
        new("MSH EVN PID MRG", [("MSH-9", A40), ("PID-3", pid3), ("MRG-1", mrg1 + "^^^103^PI"), .. more]);

    private sealed record Expectation(string Segments, (string Path, string Value)[] Fields, string? FailingField = null)
    {
        public Expectation(string segments, params (string Path, string Value)[] fields)
            : this(segments, fields, null)
        {
        }

        public static Expectation Failure(string field) => new(string.Empty, [], field);
    }
}
