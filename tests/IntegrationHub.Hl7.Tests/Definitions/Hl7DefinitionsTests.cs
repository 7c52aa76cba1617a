using IntegrationHub.Hl7.Definitions;

namespace IntegrationHub.Hl7.Tests.Definitions;

public sealed class Hl7DefinitionsTests
{
    public static TheoryData<string> Versions => ["2.3.1", "2.4", "2.5", "2.5.1", "2.6"];

    [Fact]
    public void Supported_versions_are_the_four_the_flows_use()
    {
        Assert.Equal(["2.3.1", "2.4", "2.5", "2.5.1", "2.6"], Hl7Definitions.SupportedVersions);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Each_version_loads_with_segments_data_types_and_structures(string version)
    {
        var definition = Hl7Definitions.For(version);

        Assert.Equal(version, definition.Version);
        Assert.True(definition.Segments.Count > 100);
        Assert.True(definition.DataTypes.Count > 80);
        Assert.True(definition.MessageStructures.Count > 150);
        foreach (var id in new[] { "MSH", "EVN", "PID", "PD1", "NK1", "PV1", "MRG", "OBX" })
        {
            Assert.True(definition.IsKnownSegment(id), id);
        }

        Assert.False(definition.IsKnownSegment("ZXX"));
        Assert.False(definition.IsKnownSegment("XXX"));
        Assert.NotNull(definition.MessageStructure("ADT_A05"));
        Assert.NotNull(definition.MessageStructure("ADT_A39"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Definitions_are_loaded_once_and_cached(string version)
    {
        Assert.Same(Hl7Definitions.For(version), Hl7Definitions.For(version));
        Assert.True(Hl7Definitions.TryFor(version, out var definition));
        Assert.Same(Hl7Definitions.For(version), definition);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_data_type_a_field_or_component_names_is_defined(string version)
    {
        var definition = Hl7Definitions.For(version);
        foreach (var segment in definition.Segments.Values)
        {
            foreach (var field in segment.Fields)
            {
                Assert.True(definition.DataTypes.ContainsKey(field.DataType), $"{segment.Id}-{field.Number} {field.DataType}");
            }
        }

        foreach (var type in definition.DataTypes.Values)
        {
            foreach (var component in type.Components)
            {
                Assert.True(definition.DataTypes.ContainsKey(component.DataType), $"{type.Id}.{component.Number} {component.DataType}");
            }
        }
    }

    [Theory]
    [InlineData("2.7")]
    [InlineData("2.9")]
    [InlineData("")]
    [InlineData("2.5 ")]
    public void An_unknown_version_throws_a_clear_exception(string version)
    {
        var error = Assert.Throws<ArgumentException>(() => Hl7Definitions.For(version));

        Assert.Contains($"'{version}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("2.3.1, 2.4, 2.5, 2.5.1", error.Message, StringComparison.Ordinal);
        Assert.False(Hl7Definitions.IsSupported(version));
        Assert.False(Hl7Definitions.TryFor(version, out _));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Field_numbers_follow_the_position_in_the_segment(string version)
    {
        var pid = Hl7Definitions.For(version).Segments["PID"];

        for (var i = 0; i < pid.Fields.Count; i++)
        {
            Assert.Equal(i + 1, pid.Fields[i].Number);
        }

        Assert.Same(pid.Fields[2], pid.Field(3));
        Assert.Null(pid.Field(0));
        Assert.Null(pid.Field(pid.Fields.Count + 1));
    }
}
