using IntegrationHub.ServiceDefaults.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IntegrationHub.ServiceDefaults.Tests;

public class SettingsTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["WORKFLOW_ID"] = "phw-to-mpi",
        ["MICROSERVICE_ID"] = "phw-hl7-server",
        ["HEALTH_BOARD"] = "PHW",
        ["PEER_SERVICE"] = "MPI",
        ["HEALTH_CHECK_PORT"] = "0",
    };

    internal static IHost BuildHost(IDictionary<string, string?> variables)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(variables);
        builder.AddServiceDefaults("test-service");
        return builder.Build();
    }

    [Fact]
    public async Task A_complete_configuration_starts_and_is_injectable()
    {
        using var host = BuildHost(Valid);
        await host.StartAsync();

        var settings = host.Services.GetRequiredService<ServiceIdentitySettings>();
        Assert.Equal("phw-to-mpi", settings.WorkflowId);
        Assert.Equal("phw-hl7-server", settings.MicroserviceId);
        Assert.True(settings.RedactPatientData);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("WORKFLOW_ID", null, "Missing required configuration: WORKFLOW_ID")]
    [InlineData("MICROSERVICE_ID", "   ", "Missing required configuration: MICROSERVICE_ID")]
    [InlineData("HEALTH_CHECK_PORT", "ninety", "HEALTH_CHECK_PORT must be an integer (got 'ninety')")]
    [InlineData("HEALTH_CHECK_PORT", "70000", "HEALTH_CHECK_PORT must be a port number from 0 to 65535 (got 70000)")]
    [InlineData("LOG_LEVEL", "LOUD", "LOG_LEVEL must be one of DEBUG, INFO, WARN, ERROR, CRITICAL (got 'LOUD')")]
    public async Task A_bad_variable_stops_the_service_at_start_naming_it(string name, string? value, string expected)
    {
        var variables = new Dictionary<string, string?>(Valid) { [name] = value };
        using var host = BuildHost(variables);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Failures);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData(" OFF ", false)]
    [InlineData("No", false)]
    [InlineData("0", false)]
    [InlineData("anything", true)]
    public void Redaction_is_on_unless_switched_off(string? value, bool expected)
    {
        var settings = new ServiceIdentitySettings();
        settings.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(Valid) { ["HL7_LOG_REDACTION_ENABLED"] = value }).Build());

        Assert.Empty(settings.Problems);
        Assert.Equal(expected, settings.RedactPatientData);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var settings = new ServiceIdentitySettings();
        settings.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["HEALTH_CHECK_PORT"] = "x" }).Build());

        Assert.Equal(3, settings.Problems.Count);
    }
}
