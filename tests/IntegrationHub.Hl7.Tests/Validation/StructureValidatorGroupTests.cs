using IntegrationHub.Hl7.Validation;
using static IntegrationHub.Hl7.Tests.Validation.StructureTestMessages;

namespace IntegrationHub.Hl7.Tests.Validation;

/// <summary>Groups, Z-segments, unknown segments and structures.</summary>
public sealed class StructureValidatorGroupTests
{
    [Fact]
    public void ADT_A39_accepts_several_PATIENT_groups()
    {
        var message = Message(Msh25A39, Evn, Pid, Mrg, Pid2, Pd1, Mrg, Pv1);

        Assert.Empty(Hl7StructureValidator.Validate(message, "ADT_A39"));
    }

    [Fact]
    public void ADT_A39_without_MRG_reports_it_inside_the_PATIENT_group()
    {
        var message = Message(Msh25A39, Evn, Pid, Pv1);

        var error = Assert.Single(Hl7StructureValidator.Validate(message, "ADT_A39"));

        Assert.Equal(Hl7ValidationErrorKind.MissingSegment, error.Kind);
        Assert.Equal(("MRG", 4), (error.SegmentId, error.SegmentPosition));
        Assert.Contains("ADT_A39.PATIENT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_PID_closes_a_PATIENT_group_that_lacks_its_MRG()
    {
        var message = Message(Msh25A39, Evn, Pid, Pid2, Mrg);

        var error = Assert.Single(Hl7StructureValidator.Validate(message, "ADT_A39"));

        Assert.Equal(("MRG", 4, Hl7ValidationErrorKind.MissingSegment), (error.SegmentId, error.SegmentPosition, error.Kind));
    }

    [Fact]
    public void ADT_A39_without_any_PATIENT_group_reports_the_group()
    {
        var error = Assert.Single(Hl7StructureValidator.Validate(Message(Msh25A39, Evn), "ADT_A39"));

        Assert.Equal(Hl7ValidationErrorKind.MissingSegment, error.Kind);
        Assert.Equal(("PID", 3), (error.SegmentId, error.SegmentPosition));
        Assert.Contains("group ADT_A39.PATIENT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NK1_is_not_part_of_ADT_A39()
    {
        var message = Message(Msh25A39, Evn, Pid, "NK1|1|RELATIVE^NAME", Mrg);

        var error = Assert.Single(Hl7StructureValidator.Validate(message, "ADT_A39"));

        Assert.Equal(Hl7ValidationErrorKind.UnexpectedSegment, error.Kind);
        Assert.Equal(("NK1", 4), (error.SegmentId, error.SegmentPosition));
        AssertNoFieldValues(message, [error]);
    }

    [Fact]
    public void PD1_after_MRG_is_out_of_order_within_the_group()
    {
        var error = Assert.Single(Hl7StructureValidator.Validate(Message(Msh25A39, Evn, Pid, Mrg, Pd1), "ADT_A39"));

        Assert.Equal(("PD1", 5, Hl7ValidationErrorKind.SegmentOutOfOrder), (error.SegmentId, error.SegmentPosition, error.Kind));
    }

    [Fact]
    public void ADT_A05_accepts_PROCEDURE_and_INSURANCE_groups_and_both_ROL_positions()
    {
        var message = Message(
            Msh25, Evn, Pid, Pd1, "ROL||AD|PP|DOCTOR", "NK1|1", Pv1, "PV2", "ROL||AD|AT|DOCTOR", "AL1|1||ALLERGEN",
            "PR1|1||PROC", "ROL||AD|SURG|DOCTOR", "PR1|2||PROC", "GT1|1||GUARANTOR",
            "IN1|1|PLAN", "IN2", "IN3|1", "IN3|2", "ROL||AD|X|DOCTOR", "IN1|2|PLAN", "ACC");

        var errors = Hl7StructureValidator.Validate(message, "ADT_A05", new Hl7StructureValidationOptions { CheckRequiredFields = false });

        Assert.True(errors.Count == 0, Describe(errors));
    }

    [Fact]
    public void A_second_IN2_in_one_INSURANCE_group_is_too_many()
    {
        var message = Message(Msh25, Evn, Pid, Pv1, "IN1|1|PLAN", "IN2", "IN2");

        var error = Assert.Single(Hl7StructureValidator.Validate(message, "ADT_A05", new Hl7StructureValidationOptions { CheckRequiredFields = false }));

        Assert.Equal(("IN2", 7, Hl7ValidationErrorKind.TooManySegments), (error.SegmentId, error.SegmentPosition, error.Kind));
    }

    [Fact]
    public void IN2_without_IN1_is_out_of_order()
    {
        var message = Message(Msh25, Evn, Pid, Pv1, "GT1|1", "IN2");

        var error = Assert.Single(Hl7StructureValidator.Validate(message, "ADT_A05", new Hl7StructureValidationOptions { CheckRequiredFields = false }));

        Assert.Equal(("IN2", 6, Hl7ValidationErrorKind.SegmentOutOfOrder), (error.SegmentId, error.SegmentPosition, error.Kind));
    }

    [Fact]
    public void Z_segments_are_allowed_anywhere_by_default()
    {
        var message = Message(Msh25, "ZAA|1", Evn, Pid, "ZPI|SECRETVALUE", Pd1, Pv1, "ZXX|2");

        Assert.Empty(Hl7StructureValidator.Validate(message, "ADT_A05"));
    }

    [Fact]
    public void Z_segments_are_reported_when_disallowed()
    {
        var message = Message(Msh25, Evn, Pid, "ZPI|SECRETVALUE", Pd1, Pv1);

        var error = Assert.Single(Hl7StructureValidator.Validate(message, "ADT_A05", new Hl7StructureValidationOptions { AllowZSegments = false }));

        Assert.Equal(("ZPI", 4, Hl7ValidationErrorKind.UnexpectedSegment), (error.SegmentId, error.SegmentPosition, error.Kind));
        AssertNoFieldValues(message, [error]);
    }

    [Fact]
    public void A_segment_the_version_does_not_define_is_unknown()
    {
        var message = Message(Msh25, Evn, Pid, "XXX|SECRETVALUE", Pd1, Pv1);

        var error = Assert.Single(Hl7StructureValidator.Validate(message, "ADT_A05"));

        Assert.Equal(("XXX", 4, Hl7ValidationErrorKind.UnknownSegment), (error.SegmentId, error.SegmentPosition, error.Kind));
    }

    [Fact]
    public void An_unknown_structure_is_reported_on_MSH_9()
    {
        var error = Assert.Single(Hl7StructureValidator.Validate(Message(Msh25, Evn, Pid, Pv1), "ADT_Z99"));

        Assert.Equal(("MSH", 1, (int?)9, Hl7ValidationErrorKind.UnknownStructure), (error.SegmentId, error.SegmentPosition, error.FieldNumber, error.Kind));
    }

    [Fact]
    public void A_message_version_without_definitions_is_reported_on_MSH_12()
    {
        var message = Message("MSH|^~\\&|A|B|C|D|20250505232332||ADT^A31^ADT_A05|CTRL|P|2.9", Evn, Pid, Pv1);

        var error = Assert.Single(Hl7StructureValidator.Validate(message, "ADT_A05"));

        Assert.Equal(("MSH", 1, (int?)12, Hl7ValidationErrorKind.UnsupportedVersion), (error.SegmentId, error.SegmentPosition, error.FieldNumber, error.Kind));
        Assert.Throws<ArgumentException>(() => Hl7StructureValidator.Validate(message, "2.9", "ADT_A05"));
    }

    [Fact]
    public void The_version_argument_overrides_MSH_12()
    {
        // Validated as 2.4, the 2.5 message's SFT is not part of ADT_A05 (SFT arrived in 2.5).
        var message = Message(Msh25, "SFT|VENDOR|1.0|PRODUCT|BINARY", Evn, Pid, Pv1);

        Assert.Empty(Hl7StructureValidator.Validate(message, "ADT_A05"));
        var error = Assert.Single(Hl7StructureValidator.Validate(message, "2.4", "ADT_A05"));
        Assert.Equal(("SFT", 2), (error.SegmentId, error.SegmentPosition));
    }

    [Fact]
    public void The_number_of_errors_is_capped()
    {
        var segments = new List<string> { Msh25, Evn, Pid, Pv1 };
        segments.AddRange(Enumerable.Repeat("PID|||1", 50));

        var errors = Hl7StructureValidator.Validate(Message([.. segments]), "ADT_A05", new Hl7StructureValidationOptions { MaxErrors = 10 });

        Assert.Equal(10, errors.Count);
    }
}
