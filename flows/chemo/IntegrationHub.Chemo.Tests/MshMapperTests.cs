namespace IntegrationHub.Chemo.Tests;

/// <summary>MSH (spec §6.1).</summary>
public sealed class MshMapperTests
{
    private const string Body = "\rPID|1|9990000018^^^^NH";

    private static string Msh(string er7) => TestData.OutputSegment(er7 + Body, "MSH")!;

    [Fact]
    public void Registration_becomes_v2_5_with_structure_ADT_A05()
    {
        var msh = Msh("MSH|^~\\&|224|224|100|100|20250624162400||ADT^A31|C1|P|2.4|||NE|NE");
        Assert.Equal("MSH|^~\\&|224|224|100|100|20250624162400||ADT^A31^ADT_A05|C1|P|2.5|||NE|NE", msh);
    }

    [Theory]
    [InlineData("ADT^A28", "ADT^A28^ADT_A05")]
    [InlineData("ADT^A31^ADT_A05", "ADT^A31^ADT_A05")]
    [InlineData("ADT^A28^ADT_A39", "ADT^A28^ADT_A05")]
    [InlineData("ADT^A40", "ADT^A40^ADT_A39")]
    [InlineData("ADT^A40^ADT_A39", "ADT^A40^ADT_A39")]
    [InlineData("ADT^A40^ADT_A40", "ADT^A40^ADT_A39")]
    [InlineData("ADT^a40", "ADT^a40^ADT_A05")]
    [InlineData("^A31", "^A31^ADT_A05")]
    [InlineData("ADT&X^A31&Y", "ADT&X^A31&Y^ADT_A05")]
    public void Msh9_keeps_type_and_trigger_and_sets_the_structure(string input, string expected)
    {
        var msh = TestData.Parse(Msh($"MSH|^~\\&|224|224|100|100|20250624162400||{input}|C1|P|2.4"));
        Assert.Equal(expected, msh.Get("MSH-9"));
    }

    [Fact]
    public void Sending_and_receiving_apps_and_facilities_keep_their_first_component_only()
    {
        var msh = TestData.Parse(Msh("MSH|^~\\&|224^VEL^L~X|212&S^BCU|100^MPI|^ONLY|20250624162400||ADT^A31|C1|P|2.4"));
        Assert.Equal("224", msh.Get("MSH-3"));
        Assert.Equal("212&S", msh.Get("MSH-4"));
        Assert.Equal("100", msh.Get("MSH-5"));
        Assert.Equal(string.Empty, msh.Get("MSH-6"));
    }

    [Fact]
    public void Msh7_keeps_its_first_component_unconverted()
    {
        var msh = TestData.Parse(Msh("MSH|^~\\&|224|224|100|100|2025-06-24 16:24^S||ADT^A31|C1|P|2.4"));
        Assert.Equal("2025-06-24 16:24", msh.Get("MSH-7"));
    }

    [Theory]
    [InlineData("MSH|^~\\&|224|224|100|100|||ADT^A31|C1|P|2.4")]
    [InlineData("MSH|^~\\&|224|224|100|100|^S||ADT^A31|C1|P|2.4")]
    public void Missing_msh7_becomes_the_transformer_clock(string header)
    {
        Assert.Equal("20260102030405", TestData.Parse(Msh(header)).Get("MSH-7"));
    }

    [Fact]
    public void Security_control_id_and_processing_id_are_copied_and_version_forced()
    {
        var msh = TestData.Parse(Msh("MSH|^~\\&|224|224|100|100|20250624162400|SEC^X|ADT^A31|C1^Z|T^A|2.4^GBR^X"));
        Assert.Equal("SEC^X", msh.Get("MSH-8"));
        Assert.Equal("C1^Z", msh.Get("MSH-10"));
        Assert.Equal("T^A", msh.Get("MSH-11"));
        Assert.Equal("2.5", msh.Get("MSH-12"));
    }

    [Fact]
    public void Fields_13_to_21_are_copied_verbatim_with_repetitions_and_nothing_beyond()
    {
        var msh = TestData.Parse(Msh("MSH|^~\\&|224|224|100|100|20250624162400||ADT^A31|C1|P|2.4|13|14^X|15|16|17|A~B|19|20|21~22|X22|X23"));
        Assert.Equal("13", msh.Get("MSH-13"));
        Assert.Equal("14^X", msh.Get("MSH-14"));
        Assert.Equal("A~B", msh.Get("MSH-18"));
        Assert.Equal("21~22", msh.Get("MSH-21"));
        Assert.Equal(21, msh.Header.FieldCount);
    }

    [Fact]
    public void Output_keeps_the_input_delimiters()
    {
        var msh = TestData.Transform("MSH#@*$%#224#224#100#100#20250624162400##ADT@A28#C1#P#2.4");
        Assert.Equal("MSH#@*$%#224#224#100#100#20250624162400##ADT@A28@ADT_A05#C1#P#2.5", msh);
    }
}
