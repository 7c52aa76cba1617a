using IntegrationHub.Hl7.Definitions;

namespace IntegrationHub.Hl7.Tests.Definitions;

public sealed class MessageStructureTests
{
    [Theory]
    [InlineData("2.3.1")]
    [InlineData("2.4")]
    [InlineData("2.5")]
    [InlineData("2.5.1")]
    public void ADT_A39_has_a_repeating_PATIENT_group_of_PID_PD1_MRG_PV1(string version)
    {
        var structure = Hl7Definitions.For(version).MessageStructures["ADT_A39"];
        var patient = structure.FindGroup("PATIENT")!;

        Assert.Equal(StructureNodeKind.Group, patient.Kind);
        Assert.Equal(1, patient.Min);
        Assert.Null(patient.Max);
        Assert.Equal(["PID[1..1]", "PD1[0..1]", "MRG[1..1]", "PV1[0..1]"], patient.Children.Select(c => c.ToString()));
        Assert.Equal(["PID"], patient.FirstSegments);
        Assert.Same(patient, structure.Children[^1]);
    }

    [Theory]
    [InlineData("2.3.1", "MSH,EVN,PATIENT")]
    [InlineData("2.4", "MSH,EVN,PATIENT")]
    [InlineData("2.5", "MSH,SFT,EVN,PATIENT")]
    [InlineData("2.5.1", "MSH,SFT,EVN,PATIENT")]
    public void SFT_appears_from_2_5(string version, string topLevel)
    {
        var structure = Hl7Definitions.For(version).MessageStructures["ADT_A39"];

        Assert.Equal(topLevel, string.Join(",", structure.Children.Select(c => c.Name)));
    }

    [Fact]
    public void ADT_A05_in_2_5_has_required_PV1_and_the_PROCEDURE_and_INSURANCE_groups()
    {
        var structure = Hl7Definitions.For("2.5").MessageStructures["ADT_A05"];

        Assert.Equal(
            "MSH,SFT,EVN,PID,PD1,ROL,NK1,PV1,PV2,ROL,DB1,OBX,AL1,DG1,DRG,PROCEDURE,GT1,INSURANCE,ACC,UB1,UB2",
            string.Join(",", structure.Children.Select(c => c.Name)));
        var pv1 = structure.Children.Single(c => c.Name == "PV1");
        Assert.True(pv1.IsRequired);
        Assert.False(pv1.IsRepeating);

        var procedure = structure.FindGroup("PROCEDURE")!;
        Assert.Equal("PROCEDURE[0..*](PR1[1..1], ROL[0..*])", procedure.ToString());
        var insurance = structure.FindGroup("INSURANCE")!;
        Assert.Equal("INSURANCE[0..*](IN1[1..1], IN2[0..1], IN3[0..*], ROL[0..*])", insurance.ToString());
        Assert.True(structure.Contains("IN3"));
        Assert.False(structure.Contains("MRG"));
    }

    [Fact]
    public void ADT_A01_in_2_3_1_has_no_SFT_or_top_level_ROL()
    {
        var structure = Hl7Definitions.For("2.3.1").MessageStructures["ADT_A01"];

        Assert.Equal(
            "MSH,EVN,PID,PD1,NK1,PV1,PV2,DB1,OBX,AL1,DG1,DRG,PROCEDURE,GT1,INSURANCE,ACC,UB1,UB2",
            string.Join(",", structure.Children.Select(c => c.Name)));
    }

    [Fact]
    public void A_choice_offers_its_alternatives_as_first_segments()
    {
        var detail = Hl7Definitions.For("2.5").MessageStructures["ORM_O01"].FindGroup("ORDER_DETAIL")!;
        var choice = detail.Children[0];

        Assert.Equal(StructureNodeKind.Choice, choice.Kind);
        Assert.Equal(["OBR", "RQD", "RQ1", "RXO", "ODS", "ODT"], choice.Children.Select(c => c.Name));
        Assert.True(choice.FirstSegments.SetEquals(["OBR", "RQD", "RQ1", "RXO", "ODS", "ODT"]));
    }

    [Fact]
    public void A_group_can_start_with_any_segment_up_to_its_first_one_that_cannot_be_absent()
    {
        // ORM_O01.PATIENT starts with a required PID. In the dictionary every child of ORDER_DETAIL is optional
        // (the choice included), so any of them can start it.
        var orm = Hl7Definitions.For("2.5").MessageStructures["ORM_O01"];

        Assert.Equal(["PID"], orm.FindGroup("PATIENT")!.FirstSegments);
        Assert.Equal(["ORC"], orm.FindGroup("ORDER")!.FirstSegments);
        Assert.True(orm.FindGroup("ORDER_DETAIL")!.FirstSegments.SetEquals(["OBR", "RQD", "RQ1", "RXO", "ODS", "ODT", "NTE", "CTD", "DG1", "OBX"]));
    }

    [Fact]
    public void A_required_group_of_optional_segments_can_be_absent()
    {
        var observation = Hl7Definitions.For("2.3.1").MessageStructures["ORU_R01"].FindGroup("OBSERVATION")!;

        Assert.True(observation.IsRequired);
        Assert.True(observation.CanBeAbsent);
        Assert.True(observation.FirstSegments.SetEquals(["OBX", "NTE"]));
        Assert.False(Hl7Definitions.For("2.5").MessageStructures["ADT_A39"].FindGroup("PATIENT")!.CanBeAbsent);
    }
}
