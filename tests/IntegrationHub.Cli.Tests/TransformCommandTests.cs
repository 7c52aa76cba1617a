using IntegrationHub.Hl7;

namespace IntegrationHub.Cli.Tests;

public class TransformCommandTests
{
    private static string Sample(string name) => SharedData.Path("samples", name);

    private static async Task<Hl7Message> TransformAsync(string flow, string file)
    {
        var result = await CliRunner.RunAsync("transform", "--flow", flow, file);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);

        // Segments separated by CR, as the transformer puts them on the queue: no LF, no trailing separator.
        Assert.DoesNotContain('\n', result.Output);
        Assert.False(result.Output.EndsWith('\r'));
        return Hl7Message.Parse(result.Output);
    }

    [Fact]
    public async Task Phw_sample_is_transformed()
    {
        var output = await TransformAsync("phw", Sample("phw-to-mpi.sample.hl7"));

        Assert.Equal("20250505232332", output.Get("MSH-7"));
        Assert.Equal("ADT^A31^ADT_A05", output.Get("MSH-9"));
        Assert.Equal("202505052323364444444444", output.Get("MSH-10"));
        Assert.Equal("4444444444^^^NHS^NH", output.Get("PID-3(2)"));
        Assert.Equal("19990101", output.Get("PID-7"));
        Assert.Equal(["MSH", "EVN", "PID", "PD1", "PV1"], output.Segments.Select(s => s.Id));
    }

    [Fact]
    public async Task Chemo_sample_is_transformed()
    {
        var output = await TransformAsync("chemo", Sample("chemocare-to-mpi.sample.hl7"));

        Assert.Equal("2.5", output.Get("MSH-12"));
        Assert.Equal("ADT^A28^ADT_A05", output.Get("MSH-9"));
        Assert.Equal("1000000001^^^NHS^NH", output.Get("PID-3(1)"));
        Assert.Equal("VCC1000000001^^^224^PI", output.Get("PID-3(2)"));
        Assert.Equal("G7000001", output.Get("PD1-4"));
    }

    [Fact]
    public async Task Pims_sample_is_transformed()
    {
        var output = await TransformAsync("pims", Sample("pims-to-mpi.sample.hl7"));

        Assert.Equal("103", output.Get("MSH-3"));
        Assert.Equal("200", output.Get("MSH-5"));
        Assert.Equal("20250121100427", output.Get("MSH-7"));
        Assert.Equal("2.5", output.Get("MSH-12"));
        Assert.Equal("2083964527^^^NHS^NH", output.Get("PID-3(1)"));
        Assert.Equal("19760121", output.Get("PID-7"));
        Assert.Equal("1234^^^103^PI", output.Get("MRG-1"));
    }

    [Theory]
    [InlineData("pims", "pims-to-mpi.sample.hl7", "20250121100427+0000", "Failed to transform PIMS message: ", "MSH-7")]
    [InlineData("phw", "phw-to-mpi.sample.hl7", "2025-05-05 23:23:32", "Failed to transform PHW message: ", "MSH-7")]
    public async Task An_invalid_MSH7_fails_with_the_reason_and_exits_1(string flow, string sample, string msh7, string prefix, string field)
    {
        var text = File.ReadAllText(Sample(sample)).Replace(msh7, "2025-13-99", StringComparison.Ordinal);

        var result = await CliRunner.RunAsync("transform", "--flow", flow, CliRunner.TempMessage(text));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.StartsWith(prefix, result.Error, StringComparison.Ordinal);
        Assert.Contains(field, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("paris")]
    [InlineData("nosuchflow")]
    public async Task A_flow_without_a_transformer_exits_2(string flow) =>
        Assert.Equal(2, (await CliRunner.RunAsync("transform", "--flow", flow, Sample("phw-to-mpi.sample.hl7"))).ExitCode);

    [Fact]
    public async Task Unreadable_or_unparseable_input_exits_2()
    {
        Assert.Equal(2, (await CliRunner.RunAsync("transform", "--flow", "phw", "/nonexistent/file.hl7")).ExitCode);
        Assert.Equal(2, (await CliRunner.RunAsync("transform", "--flow", "phw", CliRunner.TempMessage("garbage"))).ExitCode);
        Assert.Equal(2, (await CliRunner.RunAsync("transform", Sample("phw-to-mpi.sample.hl7"))).ExitCode);
    }
}
