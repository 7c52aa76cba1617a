using IntegrationHub.Hl7;

namespace IntegrationHub.Phw.Tests;

/// <summary>
/// The audit text quotes PID-29 (a patient's date of death); events logged with redaction on get the masked text.
/// </summary>
public sealed class PhwAuditRedactionTests
{
    private const string Msh = "MSH|^~\\&|252|252|100|100|2025-05-05 23:23:32||ADT^A31^ADT_A05|CTRL1|P|2.5";

    private readonly PhwTransformer _transformer = new();

    [Fact]
    public void Date_of_death_values_are_masked_and_the_message_datetime_kept()
    {
        var result = Transform(WithDateOfDeath("2024-03-01 10:00:00"));

        Assert.Contains("2024", result.AuditText, StringComparison.Ordinal);
        Assert.Equal(
            "HL7 transformations applied: DateTime transformed from 2025-05-05 23:23:32 to 20250505232332; Date of death transformed from *** to ***",
            result.RedactedAuditText);
    }

    [Fact]
    public void An_hl7_null_result_carries_no_value_and_stays_visible()
    {
        var result = Transform(WithDateOfDeath("RESURREC"));

        Assert.EndsWith("Date of death transformed from *** to \"\"", result.RedactedAuditText, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_date_of_death_there_is_nothing_to_mask() =>
        Assert.Null(Transform(Msh + "\rPID|1||123^^^NHS||DOE^JANE").RedactedAuditText);

    // PID-29 follows 23 empty fields after PID-5.
    private static string WithDateOfDeath(string value) => Msh + "\rPID|1||123^^^NHS||DOE^JANE" + new string('|', 24) + value;

    private Hl7.Rules.TransformResult Transform(string er7) => _transformer.Transform(Hl7Message.Parse(er7), GoldenFileTests.Now);
}
