using System.Text.Json;
using IntegrationHub.AppHost.Publishing;

namespace IntegrationHub.AppHost.Tests.Publishing;

/// <summary>
/// What `publish` writes compiles with the Bicep CLI, with the linter's rules raised to errors by the bicepconfig.json
/// written alongside, and with no warning of any kind.
/// </summary>
public sealed class BicepCompileTests
{
    [Fact]
    public async Task The_published_bicep_compiles_without_errors_or_warnings()
    {
        var output = PublishedHub.TempDirectory();
        try
        {
            Assert.Equal(0, PublishCommand.Run(["publish", "--output", output], TextWriter.Null, TextWriter.Null));
            var result = await BicepCompiler.BuildAsync(Path.Combine(output, "infra", "main.bicep"), Path.Combine(output, "arm"));

            Assert.True(result.ExitCode == 0, result.Errors);
            Assert.True(result.Errors.Trim().Length == 0, "bicep reported: " + result.Errors);
            using var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "arm", "main.json")));
            var parameters = template.RootElement.GetProperty("parameters");
            Assert.Equal(["dev", "test", "preprod", "prod"], parameters.GetProperty("environmentName").GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()));
            Assert.Equal(["Standard", "Premium"], parameters.GetProperty("serviceBusSku").GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()));
            Assert.True(parameters.TryGetProperty("location", out _));
            Assert.True(parameters.TryGetProperty("mpiHost", out _));
            Assert.True(parameters.TryGetProperty("mpiPort", out _));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task The_bicepconfig_turns_linter_warnings_into_errors()
    {
        // The same infra folder (so the same bicepconfig.json) with one file that breaks a default-warning rule.
        var output = PublishedHub.TempDirectory();
        try
        {
            Assert.Equal(0, PublishCommand.Run(["publish", "--output", output], TextWriter.Null, TextWriter.Null));
            var sloppy = Path.Combine(output, "infra", "sloppy.bicep");
            File.WriteAllText(sloppy, "param unused string\n");
            var result = await BicepCompiler.BuildAsync(sloppy, Path.Combine(output, "arm"));

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("Error no-unused-params", result.Errors, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
