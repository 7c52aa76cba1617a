using IntegrationHub.Hl7.Validation;
using static IntegrationHub.Hl7.Tests.Validation.StructureTestMessages;

namespace IntegrationHub.Hl7.Tests.Validation;

/// <summary>Targeted breakages of an ADT_A05 (v2.5): each names the segment, its position and the field.</summary>
public sealed class StructureValidatorBreakageTests
{
    private static readonly Hl7StructureValidationOptions LengthsOn = new() { CheckFieldLengths = true };

    [Fact]
    public void The_valid_base_message_has_no_errors()
    {
        Assert.Empty(Hl7StructureValidator.Validate(Message(Msh25, Evn, Pid, Pd1, Pv1), "ADT_A05"));
    }

    [Fact]
    public void Missing_PID_is_reported_where_it_was_expected()
    {
        var message = Message(Msh25, Evn, Pd1, Pv1);

        var error = Assert.Single(Hl7StructureValidator.Validate(message, "ADT_A05"));

        Assert.Equal(Hl7ValidationErrorKind.MissingSegment, error.Kind);
        Assert.Equal(("PID", 3, (int?)null), (error.SegmentId, error.SegmentPosition, error.FieldNumber));
        Assert.Contains("PID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_PV1_at_the_end_is_reported_one_past_the_last_segment()
    {
        var error = Assert.Single(Hl7StructureValidator.Validate(Message(Msh25, Evn, Pid, Pd1), "ADT_A05"));

        Assert.Equal(Hl7ValidationErrorKind.MissingSegment, error.Kind);
        Assert.Equal(("PV1", 5), (error.SegmentId, error.SegmentPosition));
    }

    [Fact]
    public void A_segment_out_of_order_is_reported_once_at_its_position()
    {
        var message = Message(Msh25, Evn, Pid, Pv1, Pd1);

        var error = Assert.Single(Hl7StructureValidator.Validate(message, "ADT_A05"));

        Assert.Equal(Hl7ValidationErrorKind.SegmentOutOfOrder, error.Kind);
        Assert.Equal(("PD1", 5), (error.SegmentId, error.SegmentPosition));
        AssertNoFieldValues(message, [error]);
    }

    [Fact]
    public void A_misplaced_segment_in_the_middle_does_not_cascade()
    {
        // PD1 after PV1 and before PV2: PV2 must still match after the stray PD1 is skipped.
        var message = Message(Msh25, Evn, Pid, Pv1, Pd1, "PV2|||^REASON", "OBX|1|ST|CODE^TEXT||VALUE||||||F");

        var error = Assert.Single(Hl7StructureValidator.Validate(message, "ADT_A05"));

        Assert.Equal(("PD1", 5), (error.SegmentId, error.SegmentPosition));
    }

    [Fact]
    public void A_second_PID_in_ADT_A05_is_too_many()
    {
        var message = Message(Msh25, Evn, Pid, Pid2, Pd1, Pv1);

        var error = Assert.Single(Hl7StructureValidator.Validate(message, "ADT_A05"));

        Assert.Equal(Hl7ValidationErrorKind.TooManySegments, error.Kind);
        Assert.Equal(("PID", 4, (int?)null), (error.SegmentId, error.SegmentPosition, error.FieldNumber));
        AssertNoFieldValues(message, [error]);
    }

    [Fact]
    public void A_missing_required_field_names_segment_position_and_field()
    {
        var message = Message(Msh25, Evn, "PID|||8888888^^^252^PI||||19990101|M", Pd1, Pv1);

        var error = Assert.Single(Hl7StructureValidator.Validate(message, "ADT_A05"));

        Assert.Equal(Hl7ValidationErrorKind.MissingRequiredField, error.Kind);
        Assert.Equal(("PID", 3, (int?)5), (error.SegmentId, error.SegmentPosition, error.FieldNumber));
        Assert.Contains("PID-5", error.Message, StringComparison.Ordinal);
        AssertNoFieldValues(message, [error]);
    }

    [Fact]
    public void HL7_null_counts_as_a_value_for_a_required_field_and_has_no_length()
    {
        var message = Message(Msh25, Evn, Pid, Pd1, "PV1||\"\"");

        Assert.Empty(Hl7StructureValidator.Validate(message, "ADT_A05", LengthsOn));
    }

    [Fact]
    public void Missing_required_fields_of_MSH_and_EVN_are_reported()
    {
        var message = Message("MSH|^~\\&|252|252|100|100|20250505232332||ADT^A31^ADT_A05||P|2.5", "EVN", Pid, Pv1);

        var errors = Hl7StructureValidator.Validate(message, "2.5", "ADT_A05");

        Assert.Equal([("MSH", 1, 10), ("EVN", 2, 2)], errors.Select(e => (e.SegmentId, e.SegmentPosition, e.FieldNumber ?? 0)));
        Assert.All(errors, e => Assert.Equal(Hl7ValidationErrorKind.MissingRequiredField, e.Kind));
    }

    [Fact]
    public void A_field_longer_than_the_maximum_is_reported_without_its_value()
    {
        var longStreet = "LONGSTREETNAME" + new string('X', 240);
        var message = Message(Msh25, Evn, $"PID|||8888888^^^252^PI||MYSURNAME^MYFNAME||19990101|M|||1 ROAD^^CITY~{longStreet}^^CITY", Pd1, Pv1);

        var error = Assert.Single(Hl7StructureValidator.Validate(message, "ADT_A05", LengthsOn));

        Assert.Equal(Hl7ValidationErrorKind.FieldTooLong, error.Kind);
        Assert.Equal(("PID", 3, (int?)11), (error.SegmentId, error.SegmentPosition, error.FieldNumber));
        Assert.Contains("repetition 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("250", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LONGSTREETNAME", error.Message, StringComparison.Ordinal);
        AssertNoFieldValues(message, [error]);
    }

    [Fact]
    public void Length_checks_are_off_by_default()
    {
        var message = Message(Msh25, Evn, $"PID|||8888888^^^252^PI||{new string('N', 300)}", Pd1, Pv1);

        Assert.Empty(Hl7StructureValidator.Validate(message, "ADT_A05"));
        var error = Assert.Single(Hl7StructureValidator.Validate(message, "ADT_A05", LengthsOn));
        Assert.Equal(("PID", 3, (int?)5, Hl7ValidationErrorKind.FieldTooLong), (error.SegmentId, error.SegmentPosition, error.FieldNumber, error.Kind));
    }

    [Fact]
    public void A_non_repeating_field_that_repeats_is_reported()
    {
        var message = Message(Msh25, Evn, "PID|||8888888^^^252^PI||MYSURNAME^MYFNAME||19990101~20000101|M", Pd1, Pv1);

        var error = Assert.Single(Hl7StructureValidator.Validate(message, "ADT_A05"));

        Assert.Equal(Hl7ValidationErrorKind.TooManyRepetitions, error.Kind);
        Assert.Equal(("PID", 3, (int?)7), (error.SegmentId, error.SegmentPosition, error.FieldNumber));
        Assert.Contains("2 repetitions", error.Message, StringComparison.Ordinal);
        AssertNoFieldValues(message, [error]);
    }

    [Fact]
    public void A_bounded_repeating_field_may_repeat_up_to_its_maximum()
    {
        // OBR-28 repeats at most 5 times in v2.3.1. ORU_R01's OBSERVATION group is required but holds only optional
        // segments, so a message without OBX is still valid.
        var within = "OBR|1|||CODE^TEXT" + new string('|', 24) + "A~B~C~D~E";
        var beyond = within + "~F";
        const string msh = "MSH|^~\\&|A|B|C|D|20250505232332||ORU^R01|CTRL|P|2.3.1";

        Assert.Empty(Hl7StructureValidator.Validate(Message(msh, within), "ORU_R01"));
        var error = Assert.Single(Hl7StructureValidator.Validate(Message(msh, beyond), "ORU_R01"));
        Assert.Equal(("OBR", 2, (int?)28, Hl7ValidationErrorKind.TooManyRepetitions), (error.SegmentId, error.SegmentPosition, error.FieldNumber, error.Kind));
    }
}
