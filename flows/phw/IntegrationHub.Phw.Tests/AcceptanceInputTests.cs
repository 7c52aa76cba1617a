using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Phw.Tests;

/// <summary>
/// The shared PHW acceptance inputs (<c>shared/acceptance-inputs/phw</c>), each with the result spec §5 gives for
/// it: the key fields and audit text of the output, or the refusal. Every successful output is also checked
/// against the input field by field (what §5 copies must be there, unchanged apart from normalisation).
/// </summary>
public sealed class AcceptanceInputTests
{
    private const string DateTimeAudit = "HL7 transformations applied: DateTime transformed from 2025-05-05 23:23:32 to 20250505232332";
    private const string Dod = "; Date of death transformed from ";

    private static readonly Dictionary<string, Expectation> Expectations = new(StringComparer.Ordinal)
    {
        ["01_sample_phw_to_mpi"] = Ok(DateTimeAudit, ("MSH-7", "20250505232332"), ("MSH-21", "ITKv1.0"), ("PID-29", ""), ("PD1-3", "^^W00000"), ("PV1-2", "U")),
        ["02_valid_message_file"] = Ok(
            "HL7 transformations applied: DateTime transformed from 2025-05-05 23:23:28 to 20250505232328",
            ("MSH-7", "20250505232328"), ("MSH-9", "ADT^A28^ADT_A05"), ("PID-11", "ADDRESS1^ADDRESS2^ADDRESS3^ADDRESS4^XX99 9XX^^H~"), ("PID-13", "~")),
        ["03_segment_order"] = Ok(
            "HL7 transformations applied: DateTime transformed from 2025-05-05 23:23:28 to 20250505232328",
            ("MSH-7", "20250505232328"), ("PD1-4", "G7777777")),
        ["04_dod_iso_date_passthrough"] = Ok(DateTimeAudit + Dod + "2024-12-31 to 2024-12-31", ("PID-29", "2024-12-31"), ("PID-32", "01")),
        ["05_dod_resurrec_upper"] = Ok(DateTimeAudit + Dod + "RESURREC to \"\"", ("PID-29", "\"\"")),
        ["06_dod_resurrec_lower"] = Ok(DateTimeAudit + Dod + "resurrec to \"\"", ("PID-29", "\"\"")),
        ["07_dod_resurrec_padded"] = Ok(DateTimeAudit + Dod + "  RESURREC   to \"\"", ("PID-29", "\"\"")),
        ["08_dod_empty"] = Ok(DateTimeAudit, ("PID-29", ""), ("PID-32", "01")),
        ["09_dod_yyyymmdd"] = Ok(DateTimeAudit + Dod + "20241231 to 20241231", ("PID-29", "20241231")),
        ["10_dod_with_precision_component"] = Ok(DateTimeAudit + Dod + "2024-12-31 to 2024-12-31", ("PID-29", "2024-12-31")),
        ["11_msh7_already_compact"] = Ok(
            "HL7 transformations applied: DateTime transformed from 20250505232332 to 20250505232332" + Dod + "2024-12-31 to 2024-12-31",
            ("MSH-7", "20250505232332")),
        ["12_msh7_precision_component_dropped"] = Ok(DateTimeAudit + Dod + "2024-12-31 to 2024-12-31", ("MSH-7", "20250505232332")),
        ["13_msh_only_v231"] = Ok(
            "HL7 transformations applied: DateTime transformed from 2024-12-31 10:10:53 to 20241231101053",
            ("MSH-7", "20241231101053"), ("MSH-12", "2.3.1"), ("MSH-4", "PHW HL7Sender"), ("MSH-9", "ADT^A08^ADT_A01")),
        ["14_msh_repeating_fields"] = Ok(
            "HL7 transformations applied: DateTime transformed from 2024-12-31 10:10:53 to 20241231101053",
            ("MSH-3", "PHW"), ("MSH-12", "2.3.1"), ("MSH-10", "48209024")),
        ["15_msh_only_no_pid"] = Ok(DateTimeAudit + Dod + "2024-12-31 to 2024-12-31", ("PID-29", "2024-12-31"), ("MSH-17", "GBR"), ("MSH-19", "EN")),
        ["16_msh_pid_only"] = Ok(DateTimeAudit, ("PID-11(2)", ""), ("PID-5", "MYSURNAME^MYFNAME^MYMNAME^^MR")),
        ["17_msh_evn_only"] = Ok(
            "HL7 transformations applied: DateTime transformed from 2025-05-05 23:23:28 to 20250505232328",
            ("EVN", "EVN||20250502102000|20250505232328|||20250505232328")),
        ["18_other_segments_copied"] = Ok(
            DateTimeAudit,
            ("NK1", "NK1|1|SMITH^JANE|SPO"), ("PV1", "PV1||U|WARD^BED"), ("OBX", "OBX|1|ST|CODE^TEXT||VALUE"), ("AL1", "AL1|1||PEN^Penicillin"), ("ZXY", "ZXY|1|custom^data")),
        ["19_escapes_and_subcomponents_preserved"] = Ok(
            DateTimeAudit,
            ("PID-3", "1^^^252&1.2.3&ISO^PI"), ("PID-5", "O\\S\\BRIEN&VAN^A\\T\\B"), ("NK1-2", "X\\F\\Y"), ("PV1-3", "W&1^B")),
        ["20_msh7_invalid_slashes"] = Refused(),
        ["21_msh7_invalid_calendar_date"] = Refused(),
        ["22_msh7_iso_t_separator"] = Refused(),
        ["23_msh7_date_only"] = Refused(),
        ["24_msh7_missing"] = Ok(
            "HL7 transformations applied: Date of death transformed from 2024-12-31 to 2024-12-31",
            ("MSH-7", "20260102030405"), ("PID-29", "2024-12-31")),
        ["25_a40_adt_a39_merge"] = Ok(
            DateTimeAudit,
            ("MSH-9", "ADT^A40^ADT_A39"), ("EVN-1", "A40"), ("MRG", "MRG|7777777^^^252^PI"), ("PD1-3", "^^W00000"), ("PV1-2", "U")),
        ["26_repeating_fields_in_copied_segments"] = Ok(DateTimeAudit, ("PD1-3", "^^W1~^^W2"), ("PD1-4", "G1~G2")),
    };

    public static TheoryData<string> Inputs() =>
        new(Directory.EnumerateFiles(TestFiles.SharedPath("acceptance-inputs", "phw"), "*.in.hl7")
            .Select(f => Path.GetFileName(f)[..^".in.hl7".Length])
            .Order(StringComparer.Ordinal));

    [Fact]
    public void Every_expectation_has_its_input_and_every_input_an_expectation()
    {
        var names = Directory.EnumerateFiles(TestFiles.SharedPath("acceptance-inputs", "phw"), "*.in.hl7")
            .Select(f => Path.GetFileName(f)[..^".in.hl7".Length]).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(Expectations.Keys.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Input_transforms_as_the_spec_says(string name)
    {
        var expectation = Assert.Contains(name, (IReadOnlyDictionary<string, Expectation>)Expectations);
        var input = Hl7Message.Parse(TestFiles.ReadHl7(TestFiles.SharedPath("acceptance-inputs", "phw", name + ".in.hl7")));
        var transformer = new PhwTransformer();

        if (expectation.Refused)
        {
            var error = Assert.Throws<Hl7TransformException>(() => transformer.Transform(input, GoldenFileTests.Now));
            Assert.StartsWith("MSH-7 (message date/time)", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(input.Get("MSH-7"), error.Message, StringComparison.Ordinal);
            return;
        }

        var result = transformer.Transform(input, GoldenFileTests.Now);
        Assert.Equal(expectation.Audit, result.AuditText);

        // Re-read the serialised form, as the MPI would.
        var output = Hl7Message.Parse(result.Output.EncodeNormalized());
        foreach (var (path, value) in expectation.Fields)
        {
            Assert.True(value == output.Get(path), $"{path}: expected '{value}', got '{output.Get(path)}'");
        }

        AssertEverythingElseCopied(input, output);
    }

    // MSH-3..6 and 8..21, every segment but MSH and PID, and every PID field but 29 must equal the input (normalised).
    private static void AssertEverythingElseCopied(Hl7Message input, Hl7Message output)
    {
        var normalisedInput = Hl7Message.Parse(input.EncodeNormalized());
        Assert.Equal(input.Segments.Select(s => s.Id), output.Segments.Select(s => s.Id));
        for (var field = 3; field <= 21; field++)
        {
            if (field != 7 && !(field == 12 && normalisedInput.Header.Field(12).IsEmpty))
            {
                Assert.Equal(normalisedInput.Header.GetField(field), output.Header.GetField(field));
            }
        }

        for (var i = 1; i < output.Segments.Count; i++)
        {
            var expected = normalisedInput.Segments[i];
            var actual = output.Segments[i];
            if (actual.Id != "PID")
            {
                Assert.Equal(expected.ToString(), actual.ToString());
                continue;
            }

            for (var field = 1; field <= 39; field++)
            {
                if (field != 29)
                {
                    Assert.Equal(expected.GetField(field), actual.GetField(field));
                }
            }
        }
    }

    private static Expectation Ok(string audit, params (string Path, string Value)[] fields) => new(false, audit, fields);

    private static Expectation Refused() => new(true, string.Empty, []);

    private sealed record Expectation(bool Refused, string Audit, (string Path, string Value)[] Fields);
}
