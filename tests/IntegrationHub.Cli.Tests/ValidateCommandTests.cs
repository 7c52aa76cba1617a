namespace IntegrationHub.Cli.Tests;

public class ValidateCommandTests
{
    private static string Schemas => SharedData.Path("hl7-schemas");

    private static Task<CliResult> ValidateAsync(string flow, string file, bool withSchemas) => withSchemas
        ? CliRunner.RunAsync("validate", "--flow", flow, "--schemas", Schemas, file)
        : CliRunner.RunAsync("validate", "--flow", flow, file);

    [Theory]
    [InlineData("phw", "phw-to-mpi.sample.hl7")]
    [InlineData("chemo", "chemocare-to-mpi.sample.hl7")]
    [InlineData("pims", "pims-to-mpi.sample.hl7")]
    [InlineData("paris", "paris-to-mpi.sample.hl7")]
    [InlineData("mosaiq", "mosaiq-to-mpi.sample.hl7")]
    public async Task Each_flows_sample_is_valid(string flow, string sample)
    {
        var result = await CliRunner.RunAsync("validate", "--flow", flow, "--schemas", Schemas, SharedData.Path("samples", sample));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"valid: flow '{flow}'", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_missing_a_required_segment_is_invalid_with_the_reason_and_no_patient_data()
    {
        var sample = File.ReadAllText(SharedData.Path("samples", "phw-to-mpi.sample.hl7"));
        var withoutPv1 = string.Join('\n', sample.Split('\n').Where(l => !l.StartsWith("PV1", StringComparison.Ordinal)));
        var file = CliRunner.TempMessage(withoutPv1);

        var result = await CliRunner.RunAsync("validate", "--flow", "phw", "--schemas", Schemas, file);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("invalid: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("PV1", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("MYSURNAME", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("8888888", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_structure_the_flow_does_not_have_is_a_configuration_error(bool withSchemas)
    {
        // Passes PIMS's version and sending-app checks, but PIMS has no ADT_A05 (A28) structure.
        var sample = File.ReadAllText(SharedData.Path("samples", "pims-to-mpi.sample.hl7"))
            .Replace("ADT^A40^ADT_A39", "ADT^A28^ADT_A05", StringComparison.Ordinal);

        var result = await ValidateAsync("pims", CliRunner.TempMessage(sample), withSchemas);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ADT_A05", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_flow_is_a_configuration_error()
    {
        var result = await CliRunner.RunAsync("validate", "--flow", "nosuchflow", "--schemas", Schemas, SharedData.Path("samples", "phw-to-mpi.sample.hl7"));

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task A_flow_without_code_first_rules_still_needs_schemas() =>
        Assert.Equal(2, (await CliRunner.RunAsync("validate", "--flow", "mosaiq", SharedData.Path("samples", "mosaiq-to-mpi.sample.hl7"))).ExitCode);

    [Fact]
    public async Task Missing_flow_or_schema_directory_is_a_usage_error()
    {
        var file = SharedData.Path("samples", "phw-to-mpi.sample.hl7");

        Assert.Equal(2, (await CliRunner.RunAsync("validate", file)).ExitCode);
        Assert.Equal(2, (await CliRunner.RunAsync("validate", "--flow", "phw", "--schemas", "/nonexistent", file)).ExitCode);
    }

    [Fact]
    public async Task Unparseable_input_exits_2()
    {
        var result = await CliRunner.RunAsync("validate", "--flow", "phw", "--schemas", Schemas, CliRunner.TempMessage("garbage"));

        Assert.Equal(2, result.ExitCode);
    }
}
