namespace IntegrationHub.Pims.Tests;

/// <summary>MSH (spec §7.2).</summary>
public class MshMapperTests
{
    private const string Header = "MSH|^~\\&|PIMS|SITE A|EMPI|EMPI|20250301120000+0000|SEC|ADT^A04^ADT_A01|CTRL1|T|2.3.1|42|CONT|AL|NE|XXX|8859/1|DE|RULES|PROFILE";

    private static string Msh(string header) => Pims.Transform(header).Split('\r')[0];

    [Fact]
    public void Hard_codes_the_applications_version_country_and_language_and_drops_the_rest()
    {
        Assert.Equal("MSH|^~\\&|103|103|200|200|20250301120000|SEC|ADT^A28^ADT_A05|CTRL1|T|2.5|42||||GBR||EN", Msh(Header));
    }

    [Fact]
    public void Only_the_first_component_of_each_application_is_replaced_and_nothing_else_is_kept()
    {
        var output = Msh("MSH|^~\\&|PIMS^1.2^ISO|SITE^X|EMPI^Y|EMPI^Z|20250301120000||ADT^A08|C|P|2.3.1");
        Assert.StartsWith("MSH|^~\\&|103|103|200|200|20250301120000||ADT^A31^ADT_A05|C|P|2.5", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A04", "ADT^A28^ADT_A05")]
    [InlineData("A28", "ADT^A28^ADT_A05")]
    [InlineData("a04", "ADT^A28^ADT_A05")]
    [InlineData(" a28 ", "ADT^A28^ADT_A05")]
    [InlineData("A08", "ADT^A31^ADT_A05")]
    [InlineData("A31", "ADT^A31^ADT_A05")]
    [InlineData("a31", "ADT^A31^ADT_A05")]
    [InlineData("A40", "ADT^A40^ADT_A39")]
    [InlineData("A01", "ADT^A40^ADT_A39")]
    [InlineData("A05", "ADT^A40^ADT_A39")]
    [InlineData("", "ADT^A40^ADT_A39")]
    public void The_trigger_decides_the_output_event_and_structure(string trigger, string expected)
    {
        var output = Msh($"MSH|^~\\&|PIMS|S|E|E|20250301120000||XYZ^{trigger}^ANY|C|P|2.3.1");
        Assert.Equal(expected, output.Split('|')[8]);
    }

    [Fact]
    public void Whole_fields_msh10_and_msh11_are_copied_with_their_components()
    {
        var output = Msh("MSH|^~\\&|PIMS|S|E|E|20250301120000||ADT^A08|C1^X~C2|P^T|2.3.1");
        Assert.Equal("C1^X~C2", output.Split('|')[9]);
        Assert.Equal("P^T", output.Split('|')[10]);
    }

    [Fact]
    public void A_missing_msh7_is_the_transform_time()
    {
        Assert.Equal("20260102030405", Msh("MSH|^~\\&|PIMS|S|E|E|||ADT^A08|C|P|2.3.1").Split('|')[6]);
        Assert.Equal("20260102030405", Msh("MSH|^~\\&|PIMS|S|E|E| ^S||ADT^A08|C|P|2.3.1").Split('|')[6]);
    }

    [Fact]
    public void Msh7_precision_component_is_dropped()
    {
        Assert.Equal("20250301", Msh("MSH|^~\\&|PIMS|S|E|E|20250301+0000^D||ADT^A08|C|P|2.3.1").Split('|')[6]);
    }

    [Fact]
    public void Other_delimiters_are_kept_and_used_for_the_hard_coded_values()
    {
        var output = Pims.Transform("MSH#*~\\&#PIMS#S#E#E#20250301120000+0000##ADT*A04*ADT_A01#C#P#2.3.1\rEVN##20250301115959+0000");
        Assert.Equal("MSH#*~\\&#103#103#200#200#20250301120000##ADT*A28*ADT_A05#C#P#2.5#####GBR##EN\rEVN##20250301115959\rPV1##N", output);
    }
}
