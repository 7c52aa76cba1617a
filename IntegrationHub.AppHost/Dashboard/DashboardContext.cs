using IntegrationHub.AppHost.Dashboard.Journey;
using IntegrationHub.AppHost.Model;
using IntegrationHub.AppHost.Running;
using IntegrationHub.Otlp;

namespace IntegrationHub.AppHost.Dashboard;

/// <summary>What every dashboard endpoint reads: the running hub, the journey store, and HTTP to the broker's and mock MPI's APIs.</summary>
public sealed class DashboardContext(HubRunner runner, AppHostOptions options, JourneyStore journey, HttpClient http, TelemetryStore? telemetry)
{
    /// <summary>What the services exported over OTLP; null when the model gives them no receiver.</summary>
    public TelemetryStore? Telemetry { get; } = telemetry;

    public HubRunner Runner { get; } = runner;

    public HubModel Model => Runner.Model;

    public AppHostOptions Options { get; } = options;

    public JourneyStore Journey { get; } = journey;

    public HttpClient Http { get; } = http;

    /// <summary>The embedded broker's admin API; null with an external bus.</summary>
    public Uri? BrokerAdmin => Model.Bus is { IsEmbedded: true, AdminPort: { } port } ? new Uri($"http://127.0.0.1:{port}/") : null;

    public Uri MockMpiApi => new($"http://127.0.0.1:{Model.MockMpi.PortOf("http")}/");

    /// <summary>The value every service is given for <paramref name="variable"/> (queue names are the same for all).</summary>
    public string? SharedSetting(string variable) =>
        Model.Services.Select(s => s.Env(variable)).FirstOrDefault(v => v is not null);

    /// <summary>The OTLP receiver the model points the services at: its port and API key (from OTEL_EXPORTER_OTLP_*).</summary>
    public static (int Port, string ApiKey)? OtlpReceiverOf(HubModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var services = model.Services.ToList();
        var endpoint = services.Select(s => s.Env("OTEL_EXPORTER_OTLP_ENDPOINT")).FirstOrDefault(v => v is not null);
        var headers = services.Select(s => s.Env("OTEL_EXPORTER_OTLP_HEADERS")).FirstOrDefault(v => v is not null);
        const string prefix = IntegrationHub.Otlp.OtlpEndpoints.ApiKeyHeader + "=";
        if (endpoint is null || headers is null || !headers.StartsWith(prefix, StringComparison.Ordinal) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            return null;
        }

        return (uri.Port, headers[prefix.Length..]);
    }

    public SupervisedProcess? Process(string name) => Runner.Processes.FirstOrDefault(p => p.Resource.Name == name);
}
