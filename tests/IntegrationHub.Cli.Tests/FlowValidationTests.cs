namespace IntegrationHub.Cli.Tests;

/// <summary><c>hub validate</c> for the flows the hub runs: the server's full validation, with and without XSDs.</summary>
public class FlowValidationTests
{
    private static string Schemas => SharedData.Path("hl7-schemas");

    private static string PhwSample => File.ReadAllText(SharedData.Path("samples", "phw-to-mpi.sample.hl7"));

    private static Task<CliResult> ValidateAsync(string flow, string file, bool withSchemas) => withSchemas
        ? CliRunner.RunAsync("validate", "--flow", flow, "--schemas", Schemas, file)
        : CliRunner.RunAsync("validate", "--flow", flow, file);

    [Theory]
    [InlineData("phw", "phw-to-mpi.sample.hl7", "ADT_A05", true)]
    [InlineData("phw", "phw-to-mpi.sample.hl7", "ADT_A05", false)]
    [InlineData("chemo", "chemocare-to-mpi.sample.hl7", "ADT_A05", true)]
    [InlineData("chemo", "chemocare-to-mpi.sample.hl7", "ADT_A05", false)]
    [InlineData("pims", "pims-to-mpi.sample.hl7", "ADT_A39", true)]
    [InlineData("pims", "pims-to-mpi.sample.hl7", "ADT_A39", false)]
    [InlineData("paris", "paris-to-mpi.sample.hl7", "ADT_A05", true)]
    [InlineData("paris", "paris-to-mpi.sample.hl7", "ADT_A05", false)]
    public async Task Each_flows_sample_passes_every_server_check(string flow, string sample, string structure, bool withSchemas)
    {
        var result = await ValidateAsync(flow, SharedData.Path("samples", sample), withSchemas);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        var lines = result.Output.Split('\n');
        Assert.StartsWith("passed: routing (MSH-9 ADT^", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("passed: parse", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("passed: version", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("passed: sending application", lines[3], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith($"passed: structure {structure} against the flow's {(withSchemas ? "XSDs" : "code-first rules")}", StringComparison.Ordinal));
        Assert.Contains($"valid: flow '{flow}', structure {structure}", lines);
    }

    [Fact]
    public async Task Phw_checks_the_date_of_birth()
    {
        var result = await CliRunner.RunAsync("validate", "--flow", "phw", SharedData.Path("samples", "phw-to-mpi.sample.hl7"));

        Assert.Contains("passed: date of birth (PID-7)", result.Output.Split('\n'));
    }

    [Theory]
    [InlineData("19990231", "must be a valid date in YYYYMMDD format")]
    [InlineData("17991231", "year of birth must be 1800 or later")]
    [InlineData("", "is required")]
    public async Task A_phw_message_with_a_bad_date_of_birth_is_invalid(string dateOfBirth, string reason)
    {
        var file = CliRunner.TempMessage(PhwSample.Replace("||19990101|", $"||{dateOfBirth}|", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync("validate", "--flow", "phw", "--schemas", Schemas, file);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("invalid: HL7 validation error: PID.7 (Date of birth)", result.Error, StringComparison.Ordinal);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(dateOfBirth.Length > 0 ? dateOfBirth : "MYSURNAME", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_with_another_flows_version_is_invalid()
    {
        var result = await CliRunner.RunAsync("validate", "--flow", "pims", SharedData.Path("samples", "phw-to-mpi.sample.hl7"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("invalid: HL7 validation error: Message has wrong version\n", result.Error);
    }

    [Fact]
    public async Task A_message_from_another_sending_application_is_invalid()
    {
        var file = CliRunner.TempMessage(PhwSample.Replace("MSH|^~\\&|252|", "MSH|^~\\&|999|", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync("validate", "--flow", "phw", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'999' is not in allowed authority codes", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_unsupported_message_type_is_invalid_before_anything_else(bool withSchemas)
    {
        var file = CliRunner.TempMessage(PhwSample.Replace("ADT^A31^ADT_A05", "ORU^R01^ORU_R01", StringComparison.Ordinal));

        var result = await ValidateAsync("phw", file, withSchemas);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal("invalid: Unsupported message type ORU^R01^ORU_R01\n", result.Error);
    }

    [Fact]
    public async Task An_unknown_HL7_version_fails_the_tolerant_parse()
    {
        var file = CliRunner.TempMessage(PhwSample.Replace("|P|2.5|", "|P|9.9|", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync("validate", "--flow", "phw", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("HL7 parsing error: Unsupported HL7 version '9.9'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "invalid child element 'ZAB'")]
    [InlineData(false, "Z-segment ZAB is not allowed")]
    public async Task A_Z_segment_is_invalid(bool withSchemas, string reason)
    {
        var file = CliRunner.TempMessage(PhwSample + "\nZAB|1|SECRET");

        var result = await ValidateAsync("phw", file, withSchemas);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("invalid: structure (the flow's", result.Error, StringComparison.Ordinal);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("valid: ", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Missing_PV1_is_invalid_with_or_without_schemas(bool withSchemas)
    {
        var withoutPv1 = string.Join('\n', PhwSample.Split('\n').Where(l => !l.StartsWith("PV1", StringComparison.Ordinal)));

        var result = await ValidateAsync("phw", CliRunner.TempMessage(withoutPv1), withSchemas);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("PV1", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("MYSURNAME", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("MSH|^~\\&|252|252|100|100|20250505||ADT^A31^ADT_A05|1|P|2.5\rP\rEVN|")]
    public async Task Unparseable_input_exits_2(string text)
    {
        var result = await CliRunner.RunAsync("validate", "--flow", "phw", CliRunner.TempMessage(text, "\r"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not an HL7 v2 message", result.Error, StringComparison.Ordinal);
    }
}
