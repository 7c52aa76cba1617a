using IntegrationHub.Hl7.Validation;

namespace IntegrationHub.Hl7.Tests.Validation;

/// <summary>The shared sample messages are valid against the standard structures of their versions.</summary>
public sealed class StructureValidatorSampleTests
{
    public static TheoryData<string, string, string> Samples => new()
    {
        { "chemocare-to-mpi.sample.hl7", "2.4", "ADT_A05" },
        { "mosaiq-to-mpi.sample.hl7", "2.5", "ADT_A05" },
        { "mpi-outbound-pharmacy.sample.hl7", "2.5", "ADT_A05" },
        { "paris-to-mpi.sample.hl7", "2.5.1", "ADT_A05" },
        { "phw-to-mpi.sample.hl7", "2.5", "ADT_A05" },
        { "pims-to-mpi.sample.hl7", "2.3.1", "ADT_A39" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_sample_is_valid_against_its_version_and_structure(string file, string version, string structure)
    {
        var message = Hl7Message.Parse(SharedData.ReadMessage("samples", file));
        Assert.Equal(version, message.Get("MSH-12"));

        var errors = Hl7StructureValidator.Validate(message, structure);

        Assert.True(errors.Count == 0, StructureTestMessages.Describe(errors));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_sample_is_also_valid_with_Z_segments_disallowed(string file, string version, string structure)
    {
        var message = Hl7Message.Parse(SharedData.ReadMessage("samples", file));

        var errors = Hl7StructureValidator.Validate(message, version, structure, new Hl7StructureValidationOptions { AllowZSegments = false });

        Assert.True(errors.Count == 0, StructureTestMessages.Describe(errors));
    }

    [Theory]
    [InlineData("phw-to-mpi.sample.hl7", "ADT_A05", 10)]
    [InlineData("mosaiq-to-mpi.sample.hl7", "ADT_A05", 10)]
    [InlineData("paris-to-mpi.sample.hl7", "ADT_A05", 10)]
    [InlineData("pims-to-mpi.sample.hl7", "ADT_A39", 9)]
    public void Samples_exceed_the_standard_lengths_which_is_why_length_checks_are_off_by_default(string file, string structure, int field)
    {
        // v2.5 allows 20 characters in MSH-10 (these control ids have 21-24); v2.3.1 gives MSH-9 a length of 7,
        // too short for "ADT^A40^ADT_A39" (and PV1-2 a length of 1, where PIMS sends a two-letter class).
        var message = Hl7Message.Parse(SharedData.ReadMessage("samples", file));

        var errors = Hl7StructureValidator.Validate(message, structure, new Hl7StructureValidationOptions { CheckFieldLengths = true });

        Assert.All(errors, e => Assert.Equal(Hl7ValidationErrorKind.FieldTooLong, e.Kind));
        Assert.Equal(("MSH", 1, (int?)field), (errors[0].SegmentId, errors[0].SegmentPosition, errors[0].FieldNumber));
        StructureTestMessages.AssertNoFieldValues(message, errors);
    }

    [Theory]
    [InlineData("chemocare-to-mpi.sample.hl7", "ADT_A05")]
    [InlineData("mpi-outbound-pharmacy.sample.hl7", "ADT_A05")]
    public void Samples_within_the_standard_lengths_pass_with_length_checks_on(string file, string structure)
    {
        var message = Hl7Message.Parse(SharedData.ReadMessage("samples", file));

        var errors = Hl7StructureValidator.Validate(message, structure, new Hl7StructureValidationOptions { CheckFieldLengths = true });

        Assert.True(errors.Count == 0, StructureTestMessages.Describe(errors));
    }
}
