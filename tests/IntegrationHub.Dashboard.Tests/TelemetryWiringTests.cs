using IntegrationHub.AppHost;
using IntegrationHub.AppHost.Dashboard;
using IntegrationHub.AppHost.Model;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Dashboard.Tests;

/// <summary>The model gives every flow service the standard OTEL_* variables the dashboard's receiver expects.</summary>
public sealed class TelemetryWiringTests
{
    private static readonly HubModel Hub = HubTopology.Describe(new AppHostOptions { DataDirectory = "/tmp/dashboard-model-test" });

    [Fact]
    public void Every_flow_service_exports_to_the_apphost_receiver_under_its_own_resource_name()
    {
        var (port, key) = DashboardContext.OtlpReceiverOf(Hub)!.Value;

        Assert.Equal(18889, port);
        Assert.Equal(48, key.Length);
        foreach (var service in Hub.Flows.SelectMany(f => f.Services))
        {
            Assert.Equal($"http://127.0.0.1:{port}", service.Env("OTEL_EXPORTER_OTLP_ENDPOINT"));
            Assert.Equal("http/protobuf", service.Env("OTEL_EXPORTER_OTLP_PROTOCOL"));
            Assert.Equal(service.Name, service.Env("OTEL_SERVICE_NAME"));
            Assert.Equal("5000", service.Env("OTEL_METRIC_EXPORT_INTERVAL"));
            var headers = service.Environment.Single(e => e.Name == "OTEL_EXPORTER_OTLP_HEADERS");
            Assert.True(headers.IsSecret);
            Assert.Equal("x-otlp-api-key=" + key, headers.Value);
            Assert.DoesNotContain(key, headers.Display, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Each_run_has_its_own_api_key()
    {
        var other = HubTopology.Describe(new AppHostOptions { DataDirectory = "/tmp/dashboard-model-test" });

        Assert.NotEqual(DashboardContext.OtlpReceiverOf(Hub)!.Value.ApiKey, DashboardContext.OtlpReceiverOf(other)!.Value.ApiKey);
    }

    [Theory]
    [InlineData(new[] { "--dashboard-port", "19000" }, 19000)]
    [InlineData(new[] { "--dashboard-port", "19000", "--port-offset", "100" }, 19100)]
    [InlineData(new string[0], 18888)]
    public void The_dashboard_port_comes_from_the_command_line(string[] args, int expected)
    {
        var options = AppHostOptions.From(new ConfigurationBuilder().AddCommandLine(args).Build());

        Assert.Equal(expected, options.DashboardPort);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("70000")]
    public void A_bad_dashboard_port_stops_the_apphost_naming_the_option(string value)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(["--dashboard-port", value]).Build();

        var error = Assert.Throws<ArgumentException>(() => AppHostOptions.From(configuration));
        Assert.Contains("--dashboard-port", error.Message, StringComparison.Ordinal);
    }
}
