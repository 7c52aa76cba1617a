using IntegrationHub.Hl7.Definitions;

namespace IntegrationHub.Hl7.Tests.Definitions;

/// <summary>Spot checks of the generated data against facts of the published standard.</summary>
public sealed class StandardFactsTests
{
    [Theory]
    [InlineData("2.3.1", 30)]
    [InlineData("2.4", 38)]
    [InlineData("2.5", 39)]
    [InlineData("2.5.1", 39)]
    public void PID_has_the_field_count_of_its_version(string version, int count)
    {
        Assert.Equal(count, Hl7Definitions.For(version).Segments["PID"].Fields.Count);
    }

    [Theory]
    [InlineData("2.3.1", 20)]
    [InlineData("2.4", 21)]
    [InlineData("2.5", 21)]
    public void MSH_has_the_field_count_of_its_version(string version, int count)
    {
        Assert.Equal(count, Hl7Definitions.For(version).Segments["MSH"].Fields.Count);
    }

    [Fact]
    public void PID_3_is_a_required_repeating_CX_of_length_250_in_2_5()
    {
        var field = Hl7Definitions.For("2.5").Segments["PID"].Field(3)!;

        Assert.Equal("CX", field.DataType);
        Assert.True(field.Required);
        Assert.Equal(Hl7Optionality.Required, field.Optionality);
        Assert.Null(field.MaxRepetitions);
        Assert.True(field.IsRepeating);
        Assert.Equal(250, field.MaxLength);
        Assert.Null(field.Table);
    }

    [Theory]
    [InlineData("2.3.1")]
    [InlineData("2.4")]
    [InlineData("2.5.1")]
    public void PID_3_and_PID_5_are_required_and_repeating_in_every_version(string version)
    {
        var pid = Hl7Definitions.For(version).Segments["PID"];

        Assert.Equal("CX", pid.Field(3)!.DataType);
        Assert.Equal("XPN", pid.Field(5)!.DataType);
        Assert.True(pid.Field(3)!.Required && pid.Field(5)!.Required);
        Assert.True(pid.Field(3)!.IsRepeating && pid.Field(5)!.IsRepeating);
    }

    [Fact]
    public void PID_7_date_of_birth_and_PID_8_sex_do_not_repeat()
    {
        var pid = Hl7Definitions.For("2.5").Segments["PID"];

        Assert.Equal("TS", pid.Field(7)!.DataType);
        Assert.Equal(1, pid.Field(7)!.MaxRepetitions);
        Assert.False(pid.Field(7)!.IsRepeating);
        Assert.Equal("IS", pid.Field(8)!.DataType);
        Assert.Equal(1, pid.Field(8)!.Table);
        Assert.Equal(Hl7Optionality.Optional, pid.Field(8)!.Optionality);
    }

    [Fact]
    public void MSH_9_is_MSG_with_code_trigger_and_structure_in_2_5()
    {
        var v25 = Hl7Definitions.For("2.5");
        var field = v25.Segments["MSH"].Field(9)!;

        Assert.Equal("MSG", field.DataType);
        Assert.True(field.Required);
        Assert.Equal(15, field.MaxLength);
        var msg = v25.DataTypes["MSG"];
        Assert.Equal(3, msg.Components.Count);
        Assert.Equal(Hl7Optionality.Required, msg.Component(1)!.Optionality);
        Assert.Equal(76, msg.Component(1)!.Table);
        Assert.Equal(354, msg.Component(3)!.Table);
    }

    [Fact]
    public void MSH_9_in_2_3_1_is_the_three_component_message_type_with_length_7()
    {
        // The 2.3.1 standard prints this type as CM (a composite without a name of its own); hl7-dictionary names
        // it MSG, as 2.4 and later do. The data is kept as the dictionary has it; the shape is the standard's.
        var v231 = Hl7Definitions.For("2.3.1");
        var field = v231.Segments["MSH"].Field(9)!;

        Assert.Equal("MSG", field.DataType);
        Assert.Equal(7, field.MaxLength);
        Assert.Equal(3, v231.DataTypes["MSG"].Components.Count);
        Assert.False(v231.DataTypes.ContainsKey("CM"));
    }

    [Theory]
    [InlineData("2.3.1", false)]
    [InlineData("2.4", true)]
    [InlineData("2.5", true)]
    public void MSH_7_is_required_from_2_4(string version, bool required)
    {
        Assert.Equal(required, Hl7Definitions.For(version).Segments["MSH"].Field(7)!.Required);
    }

    [Fact]
    public void Bounded_repetitions_and_conditional_components_are_kept()
    {
        Assert.Equal(5, Hl7Definitions.For("2.3.1").Segments["OBR"].Field(28)!.MaxRepetitions);
        Assert.Null(Hl7Definitions.For("2.5").Segments["OBR"].Field(28)!.MaxRepetitions);

        var hd = Hl7Definitions.For("2.5").DataTypes["HD"];
        Assert.Equal(["IS", "ST", "ID"], hd.Components.Select(c => c.DataType));
        Assert.Equal(Hl7Optionality.Conditional, hd.Component(2)!.Optionality);
        Assert.True(hd.IsComposite);
        Assert.False(Hl7Definitions.For("2.5").DataTypes["ST"].IsComposite);
    }

    [Theory]
    [InlineData("2.3.1")]
    [InlineData("2.4")]
    [InlineData("2.5")]
    [InlineData("2.5.1")]
    public void Required_fields_of_the_ADT_segments_match_the_standard(string version)
    {
        var definition = Hl7Definitions.For(version);

        Assert.True(definition.Segments["EVN"].Field(2)!.Required);
        Assert.True(definition.Segments["PV1"].Field(2)!.Required);
        Assert.True(definition.Segments["MRG"].Field(1)!.Required);
        Assert.True(definition.Segments["MRG"].Field(1)!.IsRepeating);
        Assert.DoesNotContain(definition.Segments["PD1"].Fields, f => f.Required);
        Assert.Equal(["MSH-1", "MSH-2", "MSH-9", "MSH-10", "MSH-11", "MSH-12"],
            definition.Segments["MSH"].Fields.Where(f => f.Required && f.Number != 7).Select(f => $"MSH-{f.Number}"));
    }
}
