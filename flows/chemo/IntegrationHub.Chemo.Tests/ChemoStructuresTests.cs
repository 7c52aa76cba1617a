using IntegrationHub.Hl7.Rules;
using IntegrationHub.Hl7.Xml;

namespace IntegrationHub.Chemo.Tests;

/// <summary>The chemo flow's code-first structures (spec §3.5), with the synthesised EVN/PV1 of §3.3.</summary>
public sealed class ChemoStructuresTests
{
    private const string A31 = "MSH|^~\\&|212|212|200|200|20250701140735||ADT^A31|C1|P|2.4\r";
    private const string A40 = "MSH|^~\\&|212|212|200|200|20250701140735||ADT^A40|C1|P|2.4\r";

    private static readonly Lazy<FlowXmlValidator> Xsd = new(() => new FlowXmlValidator(new FlowSchemaCatalog(TestData.Shared("hl7-schemas"))));

    /// <summary>The code-first verdict, checked against the flow's XSDs on the way (they are the reference).</summary>
    private static StructureValidationOutcome Validate(string er7)
    {
        var message = TestData.Parse(er7);
        var outcome = ChemoStructures.Validation.Validate(message).Outcome;
        var xsd = Xsd.Value.Validate(ChemoFlow.ValidationFlow, message);
        Assert.True(xsd.IsValid == (outcome == StructureValidationOutcome.Valid), $"XSD says {xsd.IsValid} ({xsd.Error}), code-first says {outcome}");
        return outcome;
    }

    [Theory]
    [InlineData(A31 + "EVN||1\rPID|1\rPD1\rROL|1\rNK1|1\rNK1|2\rPV1||U\rPV2\rROL|2\rDB1|1\rOBX|1\rOBX|2\rAL1|1\rDG1|1\rDRG|1\rPR1|1\rROL|3\rGT1|1\rIN1|1\rIN2|1\rIN3|1\rROL|4\rIN1|2\rACC|1\rUB1|1\rUB2|1")]
    [InlineData(A31 + "EVN||1\rPID|1\rPV1||U")]
    [InlineData(A31 + "PID|1\rPV1||U")]
    [InlineData(A31 + "PID|1\rOBX|1")]
    [InlineData(A40 + "EVN||1\rPID|1\rPD1\rNK1|1\rNK1|2\rMRG|1\rPV1||U")]
    [InlineData(A40 + "EVN||1\rPID|1\rMRG|1\rPID|2\rMRG|2")]
    [InlineData(A40 + "PID|1\rMRG|1")]
    [InlineData(A40 + "PID|1\rNK1|1\rMRG|1")]
    [InlineData(A40 + "EVN||1\rPID|1\rMRG|1\rPV1||U\rPID|2\rPD1\rMRG|2")]
    [InlineData(A31 + "EVN||1\rPID|1\rROL|1\rNK1|1\rPV1||U")]
    [InlineData(A31 + "EVN||1\rPID|1\rPV1||U\rPR1|1\rROL|1\rROL|2\rGT1|1")]
    [InlineData(A31 + "EVN||1\rPID|1\rPV1||U\rPR1|1\rROL|1\rIN1|1\rROL|2")]
    [InlineData(A31 + "EVN||1\rPID|1\rPV1||U\rROL|1\rROL|2\rDB1|1\rOBX|1")]
    [InlineData(A31 + "EVN||1\rPID|1\rPV1||U\rPV2\rROL|1\rPR1|1\rROL|2\rPR1|2")]
    public void Valid_structures_pass(string er7)
    {
        Assert.Equal(StructureValidationOutcome.Valid, Validate(er7));
    }

    [Theory]
    [InlineData(A31 + "EVN||1\rPID|1\rPD1")]
    [InlineData(A31 + "EVN||1\rPV1||U")]
    [InlineData(A31 + "EVN||1\rPID|1\rPV1||U\rNK1|1")]
    [InlineData(A31 + "EVN||1\rPID|1\rPID|2\rPV1||U")]
    [InlineData(A31 + "EVN||1\rPID|1\rPV1||U\rZAB|1")]
    [InlineData(A31 + "EVN||1\rPID|1\rPV1||U\rNTE|1")]
    [InlineData(A31 + "EVN||1\rPID|1\rPV1||U\rMRG|1")]
    [InlineData(A31 + "SFT|1|2|3|4\rEVN||1\rPID|1\rPV1||U")]
    [InlineData(A31 + "EVN||1\rPID|1\rPV1||U\rPV1||U")]
    [InlineData(A31 + "EVN||1\rPID|1\rPV1||U\rIN2|1")]
    [InlineData(A40 + "EVN||1\rPID|1\rPV1||U")]
    [InlineData(A40 + "EVN||1\rPID|1\rMRG|1\rNK1|1")]
    [InlineData(A40 + "EVN||1\rMRG|1")]
    [InlineData(A40 + "EVN||1\rPID|1\rMRG|1\rPV2")]
    [InlineData(A40 + "EVN||1\rPID|1\rMRG|1\rMRG|2")]
    [InlineData(A40 + "EVN||1\rPID|1\rPV1||U\rMRG|1")]
    [InlineData(A40 + "EVN||1\rPID|1\rNK1|1\rPD1\rMRG|1")]
    [InlineData(A40 + "EVN||1\rPID|1\rMRG|1\rZAB|1")]
    [InlineData(A31 + "EVN||1\rPID|1\rNK1|1\rROL|1\rPV1||U")]
    [InlineData(A31 + "EVN||1\rPID|1\rPV1||U\rIN1|1\rROL|1\rPR1|1")]
    [InlineData(A31 + "EVN||1\rPID|1\rPV1||U\rPR1|1\rIN1|1\rGT1|1")]
    [InlineData(A31 + "PID|1\rEVN||1\rPV1||U")]
    [InlineData(A31 + "EVN||1\rPID|1\rOBX|1\rPV1||U")]
    [InlineData(A31 + "EVN||1\rPID|1\rPV1||U\rDB1|1\rROL|1")]
    [InlineData(A31 + "EVN||1\rPID|1\rPV1||U\rIN1|1\rIN2|1\rIN2|2")]
    [InlineData(A31 + "EVN||1\rPID|1\rPV1||U\rIN1|1\rIN3|1\rIN2|1")]
    public void Invalid_structures_fail(string er7)
    {
        Assert.Equal(StructureValidationOutcome.Invalid, Validate(er7));
    }

    [Fact]
    public void Other_structures_are_a_configuration_error()
    {
        Assert.Equal(StructureValidationOutcome.NotConfigured, ChemoStructures.Validation.Validate(TestData.Parse("MSH|^~\\&|212|212|200|200|1||ADT^A04^ADT_A01|C1|P|2.4\rEVN||1\rPID|1\rPV1||U")).Outcome);
    }

    [Fact]
    public void Missing_trigger_and_structure_is_invalid()
    {
        var message = TestData.Parse("MSH|^~\\&|212|212|200|200|1||ADT|C1|P|2.4\rEVN||1\rPID|1\rPV1||U");
        Assert.Equal(StructureValidationOutcome.Invalid, ChemoStructures.Validation.Validate(message).Outcome);
    }

    [Fact]
    public void Structures_follow_the_flow_xsds()
    {
        Assert.Equal("ADT_A05", ChemoStructures.AdtA05.Id);
        Assert.False(ChemoStructures.AdtA05.Contains("SFT"));
        var patient = ChemoStructures.AdtA39.FindGroup("PATIENT");
        Assert.NotNull(patient);
        Assert.Equal(["PID", "PD1", "NK1", "MRG", "PV1"], patient.Children.Select(c => c.Name));
        Assert.Null(patient.Max);
    }

    [Fact]
    public void Errors_never_quote_patient_data()
    {
        var result = ChemoStructures.Validation.Validate(TestData.Parse(A31 + "EVN||1\rPID|1|9990000018^^^^NH|||SURNAME^GIVEN\rZAB|SECRET"));
        Assert.Equal(StructureValidationOutcome.Invalid, result.Outcome);
        Assert.DoesNotContain("9990000018", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SURNAME", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", result.Error, StringComparison.Ordinal);
    }
}
