namespace IntegrationHub.Hl7.Tests.Types;

public class DateTimeTests
{
    [Theory]
    [InlineData("2025", Hl7DateTimePrecision.Year)]
    [InlineData("202502", Hl7DateTimePrecision.Month)]
    [InlineData("20250228", Hl7DateTimePrecision.Day)]
    [InlineData("2025022813", Hl7DateTimePrecision.Hour)]
    [InlineData("202502281359", Hl7DateTimePrecision.Minute)]
    [InlineData("20250228135901", Hl7DateTimePrecision.Second)]
    [InlineData("20250228135901.1", Hl7DateTimePrecision.TenthOfSecond)]
    [InlineData("20250228135901.12", Hl7DateTimePrecision.HundredthOfSecond)]
    [InlineData("20250228135901.123", Hl7DateTimePrecision.Millisecond)]
    [InlineData("20250228135901.1234", Hl7DateTimePrecision.TenThousandthOfSecond)]
    [InlineData("20250228135901+0100", Hl7DateTimePrecision.Second)]
    [InlineData("20250228135901.5-0530", Hl7DateTimePrecision.TenthOfSecond)]
    [InlineData("20240229", Hl7DateTimePrecision.Day)]
    public void Valid_values_parse_and_format_back_exactly(string text, Hl7DateTimePrecision precision)
    {
        Assert.True(Hl7DateTime.TryParse(text, out var value));
        Assert.Equal(precision, value.Precision);
        Assert.Equal(text, value.Format());
    }

    [Theory]
    [InlineData("")]
    [InlineData("202")]
    [InlineData("2025-02-28")]
    [InlineData("20250230")]
    [InlineData("20230229")]
    [InlineData("20251301")]
    [InlineData("2025022824")]
    [InlineData("202502281360")]
    [InlineData("20250228135960")]
    [InlineData("20250228.5")]
    [InlineData("20250228135901.12345")]
    [InlineData("20250228135901+01")]
    [InlineData("20250228135901+2500")]
    [InlineData("2025022813590A")]
    [InlineData("00000000")]
    [InlineData("2025 0228")]
    public void Invalid_values_are_rejected(string text) => Assert.False(Hl7DateTime.TryParse(text, out _));

    [Fact]
    public void The_degree_of_precision_component_of_a_TS_is_ignored()
    {
        Assert.True(Hl7DateTime.TryParse("20250228^D", out var value));
        Assert.Equal(new DateTime(2025, 2, 28), value.Value);
    }

    [Fact]
    public void Offsets_give_an_instant()
    {
        var value = Hl7DateTime.Parse("20250228135901-0500");
        Assert.Equal(new DateTimeOffset(2025, 2, 28, 13, 59, 1, TimeSpan.FromHours(-5)), value.ToDateTimeOffset());
        Assert.Null(Hl7DateTime.Parse("20250228").ToDateTimeOffset());
    }

    [Fact]
    public void A_value_can_be_written_at_another_precision_and_without_its_offset()
    {
        var value = Hl7DateTime.Parse("20250228135901.123+0000");

        Assert.Equal("20250228+0000", value.Format(Hl7DateTimePrecision.Day));
        Assert.Equal("20250228135901", (value with { Offset = null }).Format(Hl7DateTimePrecision.Second));
    }

    [Theory]
    [InlineData("2025", true)]
    [InlineData("202502", true)]
    [InlineData("20250228", true)]
    [InlineData("2025022812", false)]
    [InlineData("20250230", false)]
    public void DT_values(string text, bool valid)
    {
        Assert.Equal(valid, Hl7Date.TryParse(text, out var value));
        if (valid)
        {
            Assert.Equal(text, value.Format());
        }
    }

    [Theory]
    [InlineData("13", true)]
    [InlineData("1359", true)]
    [InlineData("135901", true)]
    [InlineData("135901.12", true)]
    [InlineData("135901+0100", true)]
    [InlineData("24", false)]
    [InlineData("1", false)]
    [InlineData("1360", false)]
    [InlineData("20250228", false)]
    public void TM_values(string text, bool valid)
    {
        Assert.Equal(valid, Hl7Time.TryParse(text, out var value));
        if (valid)
        {
            Assert.Equal(text, value.Format());
        }
    }
}
