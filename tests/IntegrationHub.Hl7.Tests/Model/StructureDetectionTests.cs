namespace IntegrationHub.Hl7.Tests.Model;

public class StructureDetectionTests
{
    [Theory]
    [InlineData("ADT^A28^ADT_A05", "ADT_A05")]
    [InlineData("ADT^A28", "ADT_A05")]
    [InlineData("ADT^A31", "ADT_A05")]
    [InlineData("ADT^A40", "ADT_A39")]
    [InlineData("ADT^A40^ADT_A40", "ADT_A40")]
    [InlineData("ADT^A28^ADT_A39", "ADT_A39")]
    [InlineData("ADT^A04", "ADT_A04")]
    [InlineData("^A04", "A04")]
    [InlineData("ORU^R01", "ORU_R01")]
    public void Structure_comes_from_MSH_9(string msh9, string expected) =>
        Assert.Equal(expected, MessageStructure.Detect(Hl7Message.Parse($"MSH|^~\\&|A|B|C|D|1||{msh9}|1|P|2.5\r")));

    [Theory]
    [InlineData("ADT")]
    [InlineData("")]
    public void Without_a_trigger_the_structure_is_unknown(string msh9)
    {
        var message = Hl7Message.Parse($"MSH|^~\\&|A|B|C|D|1||{msh9}|1|P|2.5\r");

        var error = Assert.Throws<Hl7StructureException>(() => MessageStructure.Detect(message));
        Assert.Equal("Unable to determine structure or trigger from ER7 message", error.Message);
        Assert.False(MessageStructure.TryDetect(message, out _));
    }
}
