namespace IntegrationHub.Cli.Tests;

public class ParseGetAckTests
{
    private const string Message =
        "MSH|^~\\&|252|252|100|100|20250505232332||ADT^A28^ADT_A05|CTRL1|T|2.5\r" +
        "PID|1||8888888^^^252^PI~1234567890^^^NHS&2.16&ISO^NH||SMITH^JOHN\r" +
        "NK1|1|DOE^JANE\rNK1|2|DOE^JIM\r";

    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\r\n")]
    public async Task Get_prints_the_raw_value_whatever_the_separator(string separator)
    {
        var file = CliRunner.TempMessage(Message, separator);

        var result = await CliRunner.RunAsync("get", file, "PID-3(2).4");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("NHS&2.16&ISO" + Environment.NewLine, result.Output);
    }

    [Fact]
    public async Task Get_prints_an_empty_line_for_an_absent_value()
    {
        var result = await CliRunner.RunAsync("get", CliRunner.TempMessage(Message), "PV1-2");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Environment.NewLine, result.Output);
    }

    [Fact]
    public async Task Get_with_a_bad_path_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync("get", CliRunner.TempMessage(Message), "PID-x");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not an HL7 path", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_prints_an_indented_tree()
    {
        var result = await CliRunner.RunAsync("parse", CliRunner.TempMessage(Message));

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Contains("MSH", lines);
        Assert.Contains("  MSH-2 = ^~\\&", lines);
        Assert.Contains("    MSH-9.2 = A28", lines);
        Assert.Contains("  PID-3 = 8888888^^^252^PI~1234567890^^^NHS&2.16&ISO^NH", lines);
        Assert.Contains("    PID-3(2) = 1234567890^^^NHS&2.16&ISO^NH", lines);
        Assert.Contains("      PID-3(2).4 = NHS&2.16&ISO", lines);
        Assert.Contains("        PID-3(2).4.2 = 2.16", lines);
        Assert.Contains("NK1[2]", lines);
        Assert.Contains("    NK1[2]-2.2 = JIM", lines);
    }

    [Fact]
    public async Task Ack_prints_the_accept_ACK_for_the_message()
    {
        var result = await CliRunner.RunAsync("ack", CliRunner.TempMessage(Message));

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^MSH\|\^~\\&\|100\|100\|252\|252\|\d{14}\|\|ACK\^A28\^ACK\|CTRL1\|T\|2\.5\rMSA\|AA\|CTRL1\r$", result.Output);
    }

    [Fact]
    public async Task Ack_with_an_error_code_adds_ERR()
    {
        var result = await CliRunner.RunAsync("ack", CliRunner.TempMessage(Message), "--code", "AE");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\rMSA|AE|CTRL1\rERR||", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ack", "--code", "XX")]
    [InlineData("frobnicate")]
    [InlineData("get")]
    [InlineData("parse", "a", "b")]
    public async Task Usage_errors_exit_2(params string[] args) =>
        Assert.Equal(2, (await CliRunner.RunAsync(args)).ExitCode);

    [Fact]
    public async Task Unparseable_input_exits_2()
    {
        var result = await CliRunner.RunAsync("parse", CliRunner.TempMessage("not a message"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not an HL7 v2 message", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_exits_2()
    {
        var result = await CliRunner.RunAsync("parse", "/nonexistent/file.hl7");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Cannot read", result.Error, StringComparison.Ordinal);
    }
}
