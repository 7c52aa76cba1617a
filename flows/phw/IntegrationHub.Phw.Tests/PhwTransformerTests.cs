using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Phw.Tests;

/// <summary>One test per rule of spec §5, on small messages, asserting the fields the rule touches.</summary>
public sealed class PhwTransformerTests
{
    private const string Msh = "MSH|^~\\&|252|252|100|100|2025-05-05 23:23:32||ADT^A31^ADT_A05|CTRL1|P|2.5";

    private readonly PhwTransformer _transformer = new();

    [Fact]
    public void Is_named_PHW() => Assert.Equal("PHW", _transformer.Name);

    [Fact]
    public void Msh_copies_fields_3_to_6_and_8_to_21_with_every_repetition_and_drops_later_ones()
    {
        var output = Transform("MSH|^~\\&|A1~A2|F1|R1|RF1|20250505232332|SEC|ADT^A31^ADT_A05|C1|P~T|2.5^GBR|7|Y|AL|NE|GBR|8859/1|EN|ALT|P1~P2|X22");
        string[] expected = ["A1~A2", "F1", "R1", "RF1", "20250505232332", "SEC", "ADT^A31^ADT_A05", "C1", "P~T", "2.5^GBR", "7", "Y", "AL", "NE", "GBR", "8859/1", "EN", "ALT", "P1~P2"];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], output.Get($"MSH-{i + 3}"));
        }

        Assert.Equal(21, output.Header.FieldCount);
    }

    [Fact]
    public void Msh_version_is_copied_not_forced_to_25() =>
        Assert.Equal("2.3.1", Transform("MSH|^~\\&|PHW|PHW|EMPI|EMPI|20241231101053||ADT^A08^ADT_A01|C|P|2.3.1").Get("MSH-12"));

    [Fact]
    public void Msh_version_left_empty_keeps_the_new_message_default_of_25() =>
        Assert.Equal("2.5", Transform("MSH|^~\\&|252|252|100|100|20250505232332||ADT^A31^ADT_A05|C|P").Get("MSH-12"));

    [Theory]
    [InlineData("2025-05-05 23:23:32", "20250505232332")]
    [InlineData("2025-5-5 1:2:3", "20250505010203")]
    [InlineData("20250505232332", "20250505232332")]
    [InlineData("2025-05-05 23:23:32^S", "20250505232332")]
    [InlineData("2025-05-05 23:23:32~20200101000000", "20250505232332")]
    public void Msh7_is_converted_and_its_other_parts_dropped(string msh7, string expected)
    {
        var result = _transformer.Transform(Parse($"MSH|^~\\&|252|252|100|100|{msh7}||ADT^A31^ADT_A05|C|P|2.5"), GoldenFileTests.Now);
        Assert.Equal(expected, result.Output.Get("MSH-7"));
        Assert.Equal($"HL7 transformations applied: DateTime transformed from {msh7.Split('^', '~')[0]} to {expected}", result.AuditText);
    }

    [Theory]
    [InlineData("")]
    [InlineData("^S")]
    public void Msh7_empty_becomes_now_without_a_datetime_audit(string msh7)
    {
        var result = _transformer.Transform(Parse($"MSH|^~\\&|252^X|252|100|100|{msh7}||ADT^A31^ADT_A05|C|P|2.5"), new DateTime(2027, 8, 9, 10, 11, 12, DateTimeKind.Local));
        Assert.Equal("20270809101112", result.Output.Get("MSH-7"));
        Assert.Equal("PHW transformation applied for SENDING_APP: 252", result.AuditText);
    }

    [Theory]
    [InlineData("2023/01/15 09:45:30")]
    [InlineData("2023-01-15T09:45:30")]
    [InlineData("2023-02-30 12:00:00")]
    [InlineData("20230115")]
    [InlineData("20250505232332+0100")]
    [InlineData("20250505232332.123")]
    [InlineData(" 2025-05-05 23:23:32")]
    public void Msh7_in_another_format_is_refused_without_quoting_it(string msh7)
    {
        var input = Parse($"MSH|^~\\&|252|252|100|100|{msh7}||ADT^A31^ADT_A05|C|P|2.5\rPID|||8888888^^^252^PI||SURNAME^FORENAME||19990101");
        var error = Assert.Throws<Hl7TransformException>(() => _transformer.Transform(input, GoldenFileTests.Now));
        Assert.StartsWith("MSH-7 (message date/time)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(msh7.Trim(), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SURNAME", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evn_is_copied_verbatim_and_stays_absent_when_absent()
    {
        const string evn = "EVN|A31|20250502092900|20250505232332|01^R|OP~OP2|20250505232332^S|FAC";
        Assert.Equal(evn, Transform(Msh + "\r" + evn).Get("EVN"));
        Assert.Null(Transform(Msh + "\rPID|||1").Segment("EVN"));
    }

    [Fact]
    public void Pid_fields_1_to_28_and_30_to_39_are_copied_with_repetitions_and_later_ones_dropped()
    {
        var fields = Enumerable.Range(1, 41).Select(n => n == 29 ? string.Empty : $"V{n}A^X~V{n}B").ToArray();
        var output = Transform(Msh + "\rPID|" + string.Join('|', fields));
        var pid = output.Segment("PID")!;
        for (var n = 1; n <= 39; n++)
        {
            Assert.Equal(n == 29 ? string.Empty : $"V{n}A^X~V{n}B", pid.GetField(n));
        }

        Assert.Equal(39, pid.FieldCount);
    }

    [Theory]
    [InlineData("RESURREC", "\"\"")]
    [InlineData("resurrec", "\"\"")]
    [InlineData("Resurrec", "\"\"")]
    [InlineData("  RESURREC  ", "\"\"")]
    [InlineData("\tRESURREC\t", "\"\"")]
    [InlineData("RESURREC^D", "\"\"")]
    [InlineData("2024-12-31", "2024-12-31")]
    [InlineData("20241231", "20241231")]
    [InlineData(" 20241231 ", "20241231")]
    [InlineData("20241231^D", "20241231")]
    [InlineData("RESURRECTED", "RESURRECTED")]
    [InlineData("\"\"", "\"\"")]
    public void Pid29_keeps_its_trimmed_first_component_and_turns_resurrec_into_the_hl7_null(string dateOfDeath, string expected)
    {
        var result = _transformer.Transform(Parse(Msh + "\rPID|||1||A^B||19990101" + new string('|', 22) + dateOfDeath + "|Y"), GoldenFileTests.Now);
        Assert.Equal(expected, result.Output.Get("PID-29"));
        Assert.Equal("Y", result.Output.Get("PID-30"));
        var original = dateOfDeath.Split('^')[0];
        Assert.EndsWith($"; Date of death transformed from {original} to {expected}", result.AuditText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("^D")]
    public void Pid29_blank_is_not_written_and_not_audited(string dateOfDeath)
    {
        var result = _transformer.Transform(Parse(Msh + "\rPID|||1||A^B||19990101" + new string('|', 22) + dateOfDeath + "|Y"), GoldenFileTests.Now);
        Assert.Equal(string.Empty, result.Output.Get("PID-29"));
        Assert.Equal("Y", result.Output.Get("PID-30"));
        Assert.DoesNotContain("Date of death", result.AuditText, StringComparison.Ordinal);
    }

    [Fact]
    public void No_pid_gives_no_pid() => Assert.Null(Transform(Msh + "\rEVN||1\rPV1||U").Segment("PID"));

    [Fact]
    public void Other_segments_are_copied_in_order_with_their_fields()
    {
        var output = Transform(Msh + "\rPV1||U\rZXY|1|a^b\rEVN||1\rPD1|||S^^W1|G1\rNK1|1|A^B\rOBX|1|ST|C||V\rAL1|1||PEN\rPID|||1");
        Assert.Equal(["MSH", "PV1", "ZXY", "EVN", "PD1", "NK1", "OBX", "AL1", "PID"], output.Segments.Select(s => s.Id));
        Assert.Equal("ZXY|1|a^b", output.Get("ZXY"));
        Assert.Equal("PD1|||S^^W1|G1", output.Get("PD1"));
    }

    [Fact]
    public void A_field_with_n_repetitions_is_copied_as_n_repetitions()
    {
        var output = Transform(Msh + "\rPID|||1~2~3||A^B\rPD1|||^^W1~^^W2|G1~G2\rNK1|1|A~B~C~D");
        Assert.Equal("G1~G2", output.Get("PD1-4"));
        Assert.Equal("^^W1~^^W2", output.Get("PD1-3"));
        Assert.Equal("A~B~C~D", output.Get("NK1-2"));
        Assert.Equal("1~2~3", output.Get("PID-3"));
    }

    [Fact]
    public void An_a40_merge_in_adt_a39_groups_is_transformed_flat()
    {
        var output = Transform("MSH|^~\\&|252|252|100|100|20250505232332||ADT^A40^ADT_A39|C|P|2.5\rEVN|A40|1\rPID|||1^^^252^PI||A^B\rPD1|||^^W1\rMRG|2^^^252^PI~3^^^NHS^NH\rPV1||U\rPID|||4^^^252^PI\rMRG|5^^^252^PI");
        Assert.Equal(["MSH", "EVN", "PID", "PD1", "MRG", "PV1", "PID", "MRG"], output.Segments.Select(s => s.Id));
        Assert.Equal("2^^^252^PI~3^^^NHS^NH", output.Get("MRG-1"));
        Assert.Equal("4^^^252^PI", output.Get("PID[2]-3"));
    }

    [Fact]
    public void Procedure_and_insurance_groups_are_copied()
    {
        var output = Transform(Msh + "\rEVN||1\rPID|||1\rPV1||U\rPR1|1||P^X\rROL|1|AD|PP\rIN1|1|PLAN\rIN2|1\rIN3|1\rROL|2");
        Assert.Equal(["MSH", "EVN", "PID", "PV1", "PR1", "ROL", "IN1", "IN2", "IN3", "ROL"], output.Segments.Select(s => s.Id));
        Assert.Equal("IN1|1|PLAN", output.Get("IN1"));
    }

    [Fact]
    public void The_output_is_a_new_message_and_the_input_is_left_alone()
    {
        const string text = Msh + "\rEVN||1\rPID|||1||A^B||19990101" + "|||||||||||||||||||||RESURREC";
        var input = Parse(text);
        var result = _transformer.Transform(input, GoldenFileTests.Now);
        Assert.NotSame(input, result.Output);
        Assert.Equal(text, input.Encode());
        Assert.Equal(Hl7Delimiters.Default, result.Output.Delimiters);
    }

    [Fact]
    public void Output_serialises_cr_joined_without_trailing_cr_or_trailing_empties()
    {
        var text = _transformer.Transform(Parse(Msh + "\rEVN||1||||\rPV1||U^^|\r"), GoldenFileTests.Now).Output.EncodeNormalized();
        Assert.Equal("MSH|^~\\&|252|252|100|100|20250505232332||ADT^A31^ADT_A05|CTRL1|P|2.5\rEVN||1\rPV1||U", text);
    }

    [Fact]
    public void A_line_break_inside_a_segment_is_refused_by_name_not_value()
    {
        var input = Hl7Message.Parse(Msh + "\rPID|||1||SECRET\nNAME\rPV1||U", Hl7ParseOptions.CarriageReturnOnly);
        var error = Assert.Throws<Hl7TransformException>(() => _transformer.Transform(input, GoldenFileTests.Now));
        Assert.Contains("PID", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_lists_the_datetime_then_each_date_of_death()
    {
        var input = Parse(Msh + "\rPID|||1" + new string('|', 26) + " RESURREC \rMRG|2\rPID|||3" + new string('|', 26) + "2024-01-01");
        Assert.Equal(
            "HL7 transformations applied: DateTime transformed from 2025-05-05 23:23:32 to 20250505232332; Date of death transformed from  RESURREC  to \"\"; Date of death transformed from 2024-01-01 to 2024-01-01",
            _transformer.Transform(input, GoldenFileTests.Now).AuditText);
    }

    [Fact]
    public void Audit_without_datetime_still_lists_the_date_of_death()
    {
        var input = Parse("MSH|^~\\&|252|252|100|100|||ADT^A31^ADT_A05|C|P|2.5\rPID|||1" + new string('|', 26) + "RESURREC");
        Assert.Equal("HL7 transformations applied: Date of death transformed from RESURREC to \"\"", _transformer.Transform(input, GoldenFileTests.Now).AuditText);
    }

    private static Hl7Message Parse(string text) => Hl7Message.Parse(text);

    private Hl7Message Transform(string text) => _transformer.Transform(Parse(text), GoldenFileTests.Now).Output;
}
