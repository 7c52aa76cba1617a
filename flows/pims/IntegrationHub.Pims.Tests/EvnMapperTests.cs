using IntegrationHub.Pims.Mapping;

namespace IntegrationHub.Pims.Tests;

/// <summary>EVN (spec §7.3).</summary>
public class EvnMapperTests
{
    private static string Map(string evn) => EvnMapper.Map(Hl7Message.Parse("MSH|^~\\&|PIMS\r" + evn).Segment("EVN")!);

    [Theory]
    [InlineData("EVN||20250702085440+0000||||20250702085450+0000", "EVN||20250702085440||||20250702085450")]
    [InlineData("EVN|A04|20250702085440+0000|20250702|R|OP|20250702085450+0000|FAC", "EVN|A04|20250702085440||||20250702085450")]
    [InlineData("EVN|A04^X|20250702+0000^S", "EVN|A04^X|20250702")]
    [InlineData("EVN", "EVN")]
    [InlineData("EVN|||||", "EVN")]
    public void Maps_event_type_recorded_and_occurred(string input, string expected)
    {
        Assert.Equal(expected, Hl7Message.Parse("MSH|^~\\&|X\r" + Map(input)).EncodeNormalized().Split('\r')[1]);
    }

    [Theory]
    [InlineData("EVN||202507020854+0000", "EVN-2")]
    [InlineData("EVN||20250702085440-0100", "EVN-2")]
    [InlineData("EVN||20250702085440+0000||||2025-07-02", "EVN-6")]
    public void Refuses_dates_that_are_not_dates(string input, string field)
    {
        var error = Assert.Throws<IntegrationHub.Hl7.Rules.Hl7TransformException>(() => Map(input));
        Assert.Contains(field + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_input_evn_means_no_output_evn()
    {
        Assert.Equal("MSH|^~\\&|103|103|200|200|20250301||ADT^A40^ADT_A39|||2.5|||||GBR||EN", Pims.Transform("MSH|^~\\&|PIMS|S|E|E|20250301||ADT^A40"));
    }
}
