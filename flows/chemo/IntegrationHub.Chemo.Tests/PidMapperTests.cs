namespace IntegrationHub.Chemo.Tests;

/// <summary>PID (spec §6.3): the whitelist and the NHS/board identifier logic of PID-3.</summary>
public sealed class PidMapperTests
{
    private static Hl7Message Output(string pid, string sendingApp = "224") =>
        TestData.Parse(TestData.Transform($"MSH|^~\\&|{sendingApp}|224|100|100|20250624162400||ADT^A31|C1|P|2.4\r{pid}"));

    /// <summary>A PID with the given fields set, the rest empty.</summary>
    private static string Pid(params (int Field, string Value)[] fields)
    {
        var parts = new string[fields.Max(f => f.Field) + 1];
        Array.Fill(parts, string.Empty);
        parts[0] = "PID";
        foreach (var (field, value) in fields)
        {
            parts[field] = value;
        }

        return string.Join('|', parts);
    }

    [Theory]
    [InlineData("224", "9990000018^^^NHS^NH~VCC9990000018^^^224^PI")]
    [InlineData("212", "9990000018^^^NHS^NH~BCUCC9990000018^^^212^PI")]
    [InlineData("192", "9990000018^^^NHS^NH~SWWCC9990000018^^^192^PI")]
    [InlineData("245", "9990000018^^^NHS^NH~SEWCC9990000018^^^245^PI")]
    [InlineData("999", "9990000018^^^NHS^NH~^^^999^PI")]
    [InlineData("TEST", "9990000018^^^NHS^NH~^^^TEST^PI")]
    [InlineData("224 ", "9990000018^^^NHS^NH~^^^224 ^PI")]
    [InlineData("224^VEL", "9990000018^^^NHS^NH~VCC9990000018^^^224^PI")]
    [InlineData("^VEL", "9990000018^^^NHS^NH~^^^\\S\\VEL^PI")]
    [InlineData("", "9990000018^^^NHS^NH~^^^^PI")]
    public void Pid3_is_the_nhs_number_then_the_boards_local_identifier(string sendingApp, string expected)
    {
        var output = Output("PID|1|9990000018^^^^NH|LOCAL^^^^PAS~OTHER^^^^PI", sendingApp);
        Assert.Equal(expected, output.Get("PID-3"));
    }

    [Theory]
    [InlineData("PID|1||9990000018^^^^NH", "^^^NHS^NH~^^^224^PI")]
    [InlineData("PID|1", "^^^NHS^NH~^^^224^PI")]
    [InlineData("PID|1|^^^^NH", "\\S\\\\S\\\\S\\\\S\\NH^^^NHS^NH~VCC\\S\\\\S\\\\S\\\\S\\NH^^^224^PI")]
    [InlineData("PID|1|^A&B", "\\S\\A\\T\\B^^^NHS^NH~VCC\\S\\A\\T\\B^^^224^PI")]
    [InlineData("PID|1|123&X^^^^NH~456^^^^NH", "123&X^^^NHS^NH~VCC123&X^^^224^PI")]
    public void Pid2_gives_the_nhs_number(string pid, string expected)
    {
        Assert.Equal(expected, Output(pid).Get("PID-3"));
    }

    [Fact]
    public void Pid2_is_not_copied()
    {
        Assert.Equal(string.Empty, Output("PID|1|9990000018^^^^NH").Get("PID-2"));
    }

    [Fact]
    public void Name_keeps_its_whitelisted_components()
    {
        var output = Output("PID|1|||X|SUR&PRE^GIV^MID^SFX^PFX^DEG^L^A^CODE&SYS^2020&2021^R^EXTRA~SECOND^NAME");
        Assert.Equal("SUR^GIV^MID^SFX^PFX^DEG^L^A^CODE^2020&2021^R", output.Get("PID-5"));
    }

    [Fact]
    public void Demographics_keep_their_whitelisted_parts()
    {
        var output = Output(Pid(
            (1, "1"), (6, "MAIDEN&X^M~OTHER"), (7, "19800101^D"), (8, "F~M"), (9, "ALIAS&1^A"), (10, "W&1^White~B"),
            (17, "REL^Rel~R2"), (22, "ETH^Eth"), (29, "20240101^D"), (32, "Z1~Z2")));
        Assert.Equal("MAIDEN", output.Get("PID-6"));
        Assert.Equal("19800101^D", output.Get("PID-7"));
        Assert.Equal("F", output.Get("PID-8"));
        Assert.Equal("ALIAS", output.Get("PID-9"));
        Assert.Equal("W&1", output.Get("PID-10"));
        Assert.Equal("REL", output.Get("PID-17"));
        Assert.Equal("ETH", output.Get("PID-22"));
        Assert.Equal("20240101", output.Get("PID-29"));
        Assert.Equal("Z1~Z2", output.Get("PID-32"));
    }

    [Fact]
    public void Fields_outside_the_whitelist_are_dropped()
    {
        var dropped = new[] { 2, 4, 12, 15, 16, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 30, 31, 33, 34, 39 };
        var output = Output(Pid([.. dropped.Select(f => (f, $"V{f}^C"))]));
        Assert.Equal("PID|||V2^^^NHS^NH~VCCV2^^^224^PI", output.Segment("PID")!.ToString());
        foreach (var field in dropped)
        {
            Assert.Equal(string.Empty, output.Get($"PID-{field}"));
        }
    }

    [Fact]
    public void Address_keeps_the_first_repetition_without_country()
    {
        var output = Output("PID|1||||||||||1 ST&MORE^2ND^CITY^STATE^XX5 5XX^GBR^H^OTHER^COUNTY~2 ST");
        Assert.Equal("1 ST^2ND^CITY^STATE^XX5 5XX^^H^OTHER", output.Get("PID-11"));
    }

    [Theory]
    [InlineData("0100^PRN^PH^e@example.org^1^2~0200^ORN^CP", "0100^PRN^^e@example.org~0200^ORN")]
    [InlineData("~0100^PRN~~", "~0100^PRN~~")]
    [InlineData("0100^PRN^PH~", "0100^PRN~")]
    [InlineData("^^PH", "")]
    public void Home_phone_keeps_every_repetition(string input, string expected)
    {
        Assert.Equal(expected, Output($"PID|1||||||||||||{input}").Get("PID-13"));
    }

    [Fact]
    public void Business_phone_keeps_number_and_use_of_the_first_repetition()
    {
        Assert.Equal("0300^WPN", Output("PID|1|||||||||||||0300^WPN^PH^x@example.org~0400^WPN").Get("PID-14"));
    }
}
