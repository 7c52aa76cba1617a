using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Pims.Tests;

/// <summary>
/// <see cref="PimsStructures.Validation"/> against the pims XSDs: the same pass/fail for every shared pims message
/// that parses and routes, and for structural variants of each.
/// </summary>
public class PimsStructuresTests
{
    public static TheoryData<string> Messages() => new(StructureDifferential.SharedMessages("pims", "pims-to-mpi.sample.hl7"));

    [Fact]
    public void There_are_shared_pims_messages_to_compare()
    {
        Assert.True(Messages().Count >= 15, $"only {Messages().Count} messages found");
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Code_first_rules_agree_with_the_xsds(string file)
    {
        var message = Hl7Message.Parse(SharedData.ReadMessage(file));
        var expected = StructureDifferential.Reference("pims", message);
        var actual = PimsStructures.Validation.Validate(message);
        Assert.True(expected == actual.Outcome, $"{file}: XSD {expected}, code-first {actual.Outcome} ({actual.Error})");
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Code_first_rules_agree_with_the_xsds_on_structural_variants(string file)
    {
        var disagreements = new List<string>();
        var seen = new HashSet<StructureValidationOutcome>();
        foreach (var (label, variant) in StructureDifferential.Variants(Hl7Message.Parse(SharedData.ReadMessage(file))))
        {
            var expected = StructureDifferential.Reference("pims", variant);
            var actual = PimsStructures.Validation.Validate(variant);
            seen.Add(expected);
            if (expected != actual.Outcome)
            {
                disagreements.Add($"{label}: XSD {expected}, code-first {actual.Outcome} ({actual.Error})");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));

        // The variants must exercise both answers, or agreeing would prove little (a structure the flow has no
        // schema for is never anything but NotConfigured).
        if (!seen.SetEquals([StructureValidationOutcome.NotConfigured]))
        {
            Assert.Contains(StructureValidationOutcome.Invalid, seen);
            Assert.Contains(StructureValidationOutcome.Valid, seen);
        }
    }

    [Theory]
    [InlineData("ADT^A04^ADT_A01", "EVN||1\rPID|||1\rPV1||N", StructureValidationOutcome.Valid)]
    [InlineData("ADT^A04^ADT_A01", "EVN||1\rPID|||1", StructureValidationOutcome.Invalid)]
    [InlineData("ADT^A04^ADT_A01", "PID|||1\rOBX|1", StructureValidationOutcome.Valid)]
    [InlineData("ADT^A04^ADT_A01", "EVN||1\rPID|||1\rPV1||N\rZXX|1", StructureValidationOutcome.Invalid)]
    [InlineData("ADT^A04^ADT_A01", "EVN||1\rPID|||1\rPV1||N\rIN1|1\rIN2|1\rIN1|2", StructureValidationOutcome.Valid)]
    [InlineData("ADT^A08^ADT_A01", "EVN||1\rPID|||1\rPV1||N\rIN1|1\rIN3|1\rIN3|2\rIN1|2\rIN2|2", StructureValidationOutcome.Valid)]
    [InlineData("ADT^A08^ADT_A01", "EVN||1\rPID|||1\rPV1||N\rPR1|1\rROL|1|AD|X|Y\rPR1|2\rGT1|1", StructureValidationOutcome.Valid)]
    [InlineData("ADT^A08^ADT_A01", "SFT|A|B|C|D\rEVN||1\rPID|||1\rPV1||N", StructureValidationOutcome.Invalid)]
    [InlineData("ADT^A40^ADT_A39", "EVN||1\rPID|||1\rMRG|1\rPID|||2\rMRG|2", StructureValidationOutcome.Valid)]
    [InlineData("ADT^A40^ADT_A39", "EVN||1\rPID|||1\rPD1\rPV1||N", StructureValidationOutcome.Invalid)]
    [InlineData("ADT^A40^ADT_A40", "EVN||1\rPID|||1\rPD1\rMRG|1\rPV1||N", StructureValidationOutcome.Valid)]
    [InlineData("ADT^A40^ADT_A40", "EVN||1\rMRG|1", StructureValidationOutcome.Invalid)]
    [InlineData("ADT^A28^ADT_A05", "EVN||1\rPID|||1\rPV1||N", StructureValidationOutcome.NotConfigured)]
    public void Structure_rules(string type, string body, StructureValidationOutcome expected)
    {
        var message = Hl7Message.Parse($"MSH|^~\\&|PIMS|S|E|E|20250101||{type}|1|P|2.3.1\r{body}");
        Assert.Equal(expected, PimsStructures.Validation.Validate(message).Outcome);
        Assert.Equal(expected, StructureDifferential.Reference("pims", message));
    }
}
