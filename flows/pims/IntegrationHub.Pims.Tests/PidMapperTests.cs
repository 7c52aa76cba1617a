using IntegrationHub.Hl7.Rules;
using IntegrationHub.Pims.Mapping;

namespace IntegrationHub.Pims.Tests;

/// <summary>PID (spec §7.4), field by field.</summary>
public class PidMapperTests
{
    /// <summary>The mapped PID as the hub sends it (normalised).</summary>
    private static string Map(string pid)
    {
        var mapped = PidMapper.Map(Hl7Message.Parse("MSH|^~\\&|PIMS\r" + pid).Segment("PID")!);
        return Hl7Message.Parse("MSH|^~\\&|X\r" + mapped).EncodeNormalized().Split('\r')[1];
    }

    private static string Field(string pid, int field)
    {
        var parts = Map(pid).Split('|');
        return field < parts.Length ? parts[field] : string.Empty;
    }

    [Theory]
    [InlineData("N4000000001^03^^^NI~N1000001^^^^PI", "N4000000001^^^NHS^NH~N1000001^^^103^PI")]
    [InlineData("^03^^^NI~N5022039^^^^PI", "N5022039^^^103^PI")]
    [InlineData("N4000000001^03^^^XX~N1000001^^^^PI", "N1000001^^^103^PI")]
    [InlineData("N4000000001^03^^^NI~N1000001^^^^MR", "N4000000001^^^NHS^NH")]
    [InlineData("N4000000001^03^^^NI", "N4000000001^^^NHS^NH")]
    [InlineData("N4000000001^03^^^ni~N1000001^^^^pi", "N4000000001^^^NHS^NH~N1000001^^^103^PI")]
    [InlineData(" N4000000001 ^^^^ NI ~ N1000001 ^^^^PI ", "N4000000001^^^NHS^NH~N1000001^^^103^PI")]
    [InlineData("N1^^^^NI~N2^^^^PI~N3^^^^PI", "N1^^^NHS^NH~N2^^^103^PI")]
    [InlineData("N1000001^^^^PI", "")]
    [InlineData("~N1000001^^^^PI", "N1000001^^^103^PI")]
    [InlineData("   ^^^^NI~  ^^^^PI", "")]
    [InlineData("", "")]
    public void Pid3_keeps_the_nhs_number_then_the_hospital_number(string input, string expected)
    {
        Assert.Equal(expected, Field($"PID|||{input}", 3));
    }

    [Theory]
    [InlineData("SMITH^JOHN^PAUL^JR^DR^MD^L", "SMITH^JOHN^PAUL^JR^DR")]
    [InlineData("SMITH&VAN&X^JOHN", "SMITH^JOHN")]
    [InlineData("TESTER^TEST^\"\"^^MRS.", "TESTER^TEST^\"\"^^MRS.")]
    [InlineData("^GIVEN", "^GIVEN")]
    [InlineData("O\\T\\NEILL^A~OTHER^B", "O\\T\\NEILL^A")]
    public void Pid5_keeps_surname_given_middle_suffix_prefix(string input, string expected)
    {
        Assert.Equal(expected, Field($"PID|||||{input}", 5));
    }

    [Theory]
    [InlineData("20000101+^D", "20000101")]
    [InlineData("19760121+0100", "19760121")]
    [InlineData("19760121101010", "19760121101010")]
    [InlineData("", "")]
    public void Pid7_loses_its_timezone_and_precision(string input, string expected)
    {
        Assert.Equal(expected, Field($"PID|||||X||{input}", 7));
    }

    [Fact]
    public void Pid7_that_is_not_a_date_fails_without_quoting_it()
    {
        var error = Assert.Throws<Hl7TransformException>(() => Map("PID|||||X||1976-01-21"));
        Assert.Contains("PID-7: 10 characters", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1976", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("F", "F")]
    [InlineData("", "")]
    public void Pid8_is_copied(string input, string expected) => Assert.Equal(expected, Field($"PID||||||||{input}", 8));

    [Theory]
    [InlineData("HOUSE^STREET^VILLAGE^TOWN^AB1 1AA", "HOUSE^STREET^VILLAGE^TOWN^AB1 1AA")]
    [InlineData("HOUSE^STREET^VILLAGE^TOWN^AB1 1AA^GBR^H^X", "HOUSE^STREET^VILLAGE^TOWN^AB1 1AA")]
    [InlineData("A^^C~SECOND^ADDRESS", "A^^C")]
    [InlineData("^TEST^TEST^\"\"^CF11 9AD", "^TEST^TEST^\"\"^CF11 9AD")]
    [InlineData("FLAT 1&HIGH ST^X", "FLAT 1\\T\\HIGH ST^X")]
    [InlineData("O\\S\\X^Y", "O\\S\\X^Y")]
    [InlineData("", "")]
    [InlineData("~SECOND", "")]
    public void Pid11_first_address_with_line_one_as_a_subcomponent(string input, string expected)
    {
        Assert.Equal(expected, Field($"PID|||||X||||||{input}", 11));
    }

    [Fact]
    public void A_pid_without_pid11_is_not_an_error()
    {
        Assert.Equal("PID|||||X||||||||||||||||||||||||\"\"", Map("PID|||||X"));
    }

    [Theory]
    [InlineData("01234567892^PRN^PH~01234567896^ORN^CP", "01234567892~01234567896")]
    [InlineData("^PRN^PH~07123456789^ORN^CP", "~07123456789")]
    [InlineData("07123456789^ORN^CP~^PRN^PH", "07123456789~")]
    [InlineData("^PRN^PH", "")]
    [InlineData("A~B~C", "A~B~C")]
    [InlineData("", "")]
    public void Pid13_keeps_every_number_and_every_repetition(string input, string expected)
    {
        Assert.Equal(expected, Field($"PID|||||X||||||||{input}", 13));
    }

    [Theory]
    [InlineData("01443 443443^WPN^PH", "01443 443443")]
    [InlineData("^WPN^PH", "")]
    [InlineData("A^WPN~B^WPN", "A")]
    public void Pid14_first_number_only(string input, string expected)
    {
        Assert.Equal(expected, Field($"PID|||||X|||||||||{input}", 14));
    }

    [Theory]
    [InlineData("20250101120000+0000^D", "20250101120000")]
    [InlineData("20250101+0000", "20250101")]
    [InlineData("20250121100414+0000 ", "20250121100414")]
    [InlineData("20250101", "20250101")]
    [InlineData("^D", "\"\"")]
    [InlineData("2025", "\"\"")]
    [InlineData("202501", "\"\"")]
    [InlineData("", "\"\"")]
    [InlineData("       ", "\"\"")]
    public void Pid29_is_a_date_of_death_or_an_hl7_null(string input, string expected)
    {
        Assert.Equal(expected, Field($"PID|||||X{new string('|', 24)}{input}", 29));
    }

    [Theory]
    [InlineData("2025010+0000")]
    [InlineData("2025-01-01")]
    [InlineData("20250101-0100")]
    public void Pid29_longer_than_six_characters_must_be_a_date(string input)
    {
        var error = Assert.Throws<Hl7TransformException>(() => Map($"PID|||||X{new string('|', 24)}{input}"));
        Assert.Contains("PID-29:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_other_field_is_dropped()
    {
        var all = string.Join('|', Enumerable.Range(1, 39).Select(i => i switch { 7 => "20000101", 29 => "20250101", _ => $"V{i}" }));
        Assert.Equal("PID|||||V5||20000101|V8|||V11||V13|V14|||||||||||||||20250101", Map("PID|" + all));
    }
}
