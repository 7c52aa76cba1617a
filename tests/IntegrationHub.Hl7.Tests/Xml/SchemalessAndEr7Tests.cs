using IntegrationHub.Hl7.Xml;

namespace IntegrationHub.Hl7.Tests.Xml;

/// <summary>Schema-less conversion and XML → ER7 (spec §3.7).</summary>
public class SchemalessAndEr7Tests
{
    [Fact]
    public void Schemaless_xml_has_one_element_per_non_empty_field_with_the_raw_text()
    {
        var message = Hl7Message.Parse(SharedData.ReadMessage("acceptance-inputs", "validation", "xml_schemaless.in.hl7"));
        Assert.Equal(
            "<ns0:ADT_A05 xmlns:ns0=\"urn:hl7-org:v2xml\"><ns0:MSH><ns0:MSH.1>|</ns0:MSH.1><ns0:MSH.2>^~\\&amp;</ns0:MSH.2>"
            + "<ns0:MSH.3>A</ns0:MSH.3><ns0:MSH.4>B</ns0:MSH.4><ns0:MSH.5>C</ns0:MSH.5><ns0:MSH.6>D</ns0:MSH.6><ns0:MSH.7>20250101</ns0:MSH.7>"
            + "<ns0:MSH.9>ADT^A28^ADT_A05</ns0:MSH.9><ns0:MSH.10>1</ns0:MSH.10><ns0:MSH.11>P</ns0:MSH.11><ns0:MSH.12>2.5</ns0:MSH.12></ns0:MSH>"
            + "<ns0:PID><ns0:PID.3>1^^^NHS^NH~2^^^X^PI</ns0:PID.3><ns0:PID.5>SMITH&amp;VAN^JOHN</ns0:PID.5><ns0:PID.7>19800101</ns0:PID.7></ns0:PID>"
            + "<ns0:ZXX><ns0:ZXX.1>a^b</ns0:ZXX.1><ns0:ZXX.2>c</ns0:ZXX.2></ns0:ZXX></ns0:ADT_A05>",
            SchemalessXmlConverter.ToXml(message));
    }

    [Theory]
    [InlineData("MSH|^~\\&|A|B|C|D|20250101||ADT^A28|1|P|2.5")]
    [InlineData("MSH|^~\\&|A|B|C|D|20250101||ADT^A28^|1|P|2.5")]
    [InlineData("MSH|^~\\&|A|B|C|D|20250101|||1|P|2.5")]
    public void Schemaless_conversion_needs_msh9_3(string er7)
    {
        var ex = Assert.Throws<Hl7XmlConversionException>(() => SchemalessXmlConverter.ToXml(Hl7Message.Parse(er7)));
        Assert.Equal("Unable to determine structure (MSH-9.3) from ER7 message", ex.Message);
    }

    [Fact]
    public void Schemaless_xml_converts_back_to_the_same_er7()
    {
        var er7 = SharedData.ReadMessage("acceptance-inputs", "validation", "xml_schemaless.in.hl7").TrimEnd('\r');
        Assert.Equal(er7, XmlToEr7Converter.ToEr7(SchemalessXmlConverter.ToXml(Hl7Message.Parse(er7))));
    }

    [Fact]
    public void Flow_xml_converts_back_joining_the_non_empty_components()
    {
        var xml = XmlTestData.ToXml("phw", File.ReadAllText(SharedData.Path("samples", "phw-to-mpi.sample.hl7")));
        Assert.Equal(
            string.Join(
                '\r',
                "MSH|^~\\&|252|252|100|100|2025-05-05 23:23:32||ADT^A31^ADT_A05|202505052323364444444444|P|2.5|||||GBR||EN||ITKv1.0",
                "EVN||20250502092900|20250505232332|||20250505232332",
                "PID|||8888888^252^PI~4444444444^NHS^NH||MYSURNAME^MYFNAME^MYMNAME^MR||19990101|M|||99, MY ROAD^MY PLACE^MY CITY^MY COUNTY^SA99 1XX^H~SECOND1^SECOND2^SECOND3^SECOND4^SB99 9SB^H|||||||||||||||||||||01",
                "PD1|||W00000|G999999",
                "PV1||U"),
            XmlToEr7Converter.ToEr7(xml));
    }

    [Fact]
    public void Segments_inside_groups_are_found_and_other_names_are_skipped()
    {
        const string Xml = "<ns0:ADT_A39 xmlns:ns0=\"urn:hl7-org:v2xml\"><ns0:MSH><ns0:MSH.1>|</ns0:MSH.1><ns0:MSH.2>^~\\&amp;</ns0:MSH.2><ns0:MSH.9><ns0:MSG.1>ADT</ns0:MSG.1><ns0:MSG.2>A40</ns0:MSG.2></ns0:MSH.9></ns0:MSH>"
            + "<ns0:ADT_A39.PATIENT><ns0:PID><ns0:PID.3><ns0:CX.1>1</ns0:CX.1><ns0:CX.4><ns0:HD.1>A&amp;B</ns0:HD.1></ns0:CX.4></ns0:PID.3><ns0:PID.3><ns0:CX.1>2</ns0:CX.1></ns0:PID.3></ns0:PID>"
            + "<ns0:MRG><ns0:MRG.1><ns0:CX.1>3</ns0:CX.1></ns0:MRG.1></ns0:MRG></ns0:ADT_A39.PATIENT><ns0:Zzz>x</ns0:Zzz><ns0:ZX1 /></ns0:ADT_A39>";
        Assert.Equal("MSH|^~\\&|||||||ADT^A40\rPID|||1^A&B~2\rMRG|3\rZX1", XmlToEr7Converter.ToEr7(Xml));
    }

    [Fact]
    public void Malformed_xml_is_a_conversion_error()
    {
        Assert.Throws<Hl7XmlConversionException>(() => XmlToEr7Converter.ToEr7("<ns0:ADT_A05><ns0:MSH>"));
    }

    [Theory]
    [InlineData("007", true, "7")]
    [InlineData("+007", true, "7")]
    [InlineData("-0", true, "0")]
    [InlineData(" 12 ", true, "12")]
    [InlineData("1.5", true, "1.5")]
    [InlineData("A1", true, "A1")]
    [InlineData("06", false, "6")]
    [InlineData("007.50", false, "7.50")]
    [InlineData(".5", false, "0.5")]
    [InlineData("5.", false, "5")]
    [InlineData("-0", false, "-0")]
    [InlineData("-00.10", false, "-0.10")]
    [InlineData("0.0000001", false, "1E-7")]
    [InlineData("0.000001", false, "0.000001")]
    [InlineData("1e3", false, "1e3")]
    [InlineData("", false, "")]
    [InlineData("\"\"", false, "\"\"")]
    public void Numbers_print_as_python_int_and_decimal_do(string text, bool asInteger, string expected)
    {
        Assert.Equal(expected, NumericCanonicalizer.Canonical(text, asInteger));
    }
}
