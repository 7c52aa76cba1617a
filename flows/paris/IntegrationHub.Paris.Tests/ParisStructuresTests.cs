using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Paris.Tests;

/// <summary>
/// <see cref="ParisStructures.Validation"/> against the paris XSDs: the same pass/fail for every shared paris
/// message that parses and routes, and for structural variants of each.
/// </summary>
public class ParisStructuresTests
{
    public static TheoryData<string> Messages() => new(StructureDifferential.SharedMessages("paris", "paris-to-mpi.sample.hl7"));

    [Fact]
    public void There_are_shared_paris_messages_to_compare()
    {
        Assert.True(Messages().Count >= 5, $"only {Messages().Count} messages found");
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Code_first_rules_agree_with_the_xsds(string file)
    {
        var message = Hl7Message.Parse(SharedData.ReadMessage(file));
        var expected = StructureDifferential.Reference("paris", message);
        var actual = ParisStructures.Validation.Validate(message);
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
            var expected = StructureDifferential.Reference("paris", variant);
            var actual = ParisStructures.Validation.Validate(variant);
            seen.Add(expected);
            if (expected != actual.Outcome)
            {
                disagreements.Add($"{label}: XSD {expected}, code-first {actual.Outcome} ({actual.Error})");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
        if (!seen.SetEquals([StructureValidationOutcome.NotConfigured]))
        {
            Assert.Contains(StructureValidationOutcome.Invalid, seen);
            Assert.Contains(StructureValidationOutcome.Valid, seen);
        }
    }

    [Theory]
    [InlineData("ADT^A28^ADT_A05", "EVN||1\rPID|||1\rPV1||N", StructureValidationOutcome.Valid)]
    [InlineData("ADT^A31", "SFT|A|B|C|D\rEVN||1\rPID|||1\rPD1\rROL|1|AD|X|Y\rNK1|1\rPV1||N\rPV2\rROL|2|AD|X|Y\rOBX|1\rPR1|1\rROL|3|AD|X|Y\rIN1|1\rIN2\rROL|4|AD|X|Y", StructureValidationOutcome.Valid)]
    [InlineData("ADT^A28^ADT_A05", "EVN||1\rPID|||1", StructureValidationOutcome.Invalid)]
    [InlineData("ADT^A28^ADT_A05", "PID|||1\rOBX|1", StructureValidationOutcome.Valid)]
    [InlineData("ADT^A28^ADT_A05", "EVN||1\rPID|||1\rPV1||N\rNK1|1", StructureValidationOutcome.Invalid)]
    [InlineData("ADT^A28^ADT_A05", "EVN||1\rPID|||1\rPV1||N\rZPI|1", StructureValidationOutcome.Invalid)]
    [InlineData("ADT^A40^ADT_A39", "EVN||1\rPID|||1\rPD1\rMRG|1\rPV1||N\rPID|||2\rMRG|2", StructureValidationOutcome.Valid)]
    [InlineData("ADT^A40", "EVN||1\rPID|||1\rNK1|1\rMRG|1", StructureValidationOutcome.Invalid)]
    [InlineData("ADT^A40^ADT_A39", "EVN||1\rPID|||1", StructureValidationOutcome.Invalid)]
    [InlineData("ADT^A04^ADT_A01", "EVN||1\rPID|||1\rPV1||N", StructureValidationOutcome.NotConfigured)]
    public void Structure_rules(string type, string body, StructureValidationOutcome expected)
    {
        var message = Hl7Message.Parse($"MSH|^~\\&|169|S|E|E|20250101||{type}|1|P|2.5.1\r{body}");
        Assert.Equal(expected, ParisStructures.Validation.Validate(message).Outcome);
        Assert.Equal(expected, StructureDifferential.Reference("paris", message));
    }
}
