using IntegrationHub.Hl7;

namespace IntegrationHub.Phw.Tests;

/// <summary>Spec §2.5.3: every valid and invalid example it lists, plus the edges around them.</summary>
public sealed class PhwDateOfBirthRuleTests
{
    private const string Header = "MSH|^~\\&|252|252|100|100|20250505232328||ADT^A28^ADT_A05|CTRL1|P|2.5\rEVN||20250502102000\r";

    private readonly PhwDateOfBirthRule _rule = new();

    [Theory]
    [InlineData("18000101")]
    [InlineData("19000202")]
    [InlineData("19870101")]
    [InlineData("20000229")]
    [InlineData("20000303")]
    [InlineData("20010228")]
    [InlineData("20240404")]
    [InlineData(" 19870101 ")]
    [InlineData("19870101~19880101")]
    public void Accepts_a_real_date_from_1800_as_yyyyMMdd(string dateOfBirth) =>
        Assert.Null(_rule.Check(WithDateOfBirth(dateOfBirth)));

    [Theory]
    [InlineData("1987-01-01")]
    [InlineData("19870A01")]
    [InlineData("19870101.")]
    [InlineData("00000000")]
    [InlineData("199701")]
    [InlineData("199701011")]
    [InlineData("19970101123456")]
    [InlineData("1997")]
    [InlineData("\"\"")]
    [InlineData("20230230")]
    [InlineData("19870101^D")]
    [InlineData("1987/01/01")]
    [InlineData("19011301")]
    [InlineData("19010100")]
    [InlineData("19000229")]
    [InlineData("１９８７０１０１")]
    public void Refuses_anything_but_eight_digits_forming_a_real_date(string dateOfBirth) =>
        Assert.Equal("PID.7 (Date of birth) must be a valid date in YYYYMMDD format for PHW.", _rule.Check(WithDateOfBirth(dateOfBirth)));

    [Theory]
    [InlineData("17991231")]
    [InlineData("17990101")]
    [InlineData("14530123")]
    [InlineData("00010101")]
    public void Refuses_a_year_before_1800(string dateOfBirth) =>
        Assert.Equal("PID.7 (Date of birth) - year of birth must be 1800 or later for PHW.", _rule.Check(WithDateOfBirth(dateOfBirth)));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("~19870101")]
    public void Requires_a_date_of_birth(string dateOfBirth) =>
        Assert.Equal("PID.7 (Date of birth) is required for PHW.", _rule.Check(WithDateOfBirth(dateOfBirth)));

    [Fact]
    public void Requires_a_pid_segment() =>
        Assert.Equal("PID.7 (Date of birth) is required for PHW.", _rule.Check(Hl7Message.Parse(Header + "PV1||U")));

    [Fact]
    public void Requires_pid7_to_be_present() =>
        Assert.Equal("PID.7 (Date of birth) is required for PHW.", _rule.Check(Hl7Message.Parse(Header + "PID|1||123456^^^Hospital^MR||Doe^John^M")));

    [Fact]
    public void Reads_the_first_pid_only()
    {
        var message = Hl7Message.Parse(Header + "PID|||1||A^B||19870101\rPID|||2||C^D||bad");
        Assert.Null(_rule.Check(message));
    }

    [Fact]
    public void Error_texts_never_hold_the_value()
    {
        foreach (var value in new[] { "1987-01-01", "17991231", "19870101^D" })
        {
            Assert.DoesNotContain(value, _rule.Check(WithDateOfBirth(value)), StringComparison.Ordinal);
        }
    }

    private static Hl7Message WithDateOfBirth(string dateOfBirth) =>
        Hl7Message.Parse(Header + $"PID|||8888888^^^252^PI||SURNAME^FORENAME||{dateOfBirth}|M\rPV1||U");
}
