using IntegrationHub.AppHost.Dashboard.Journey;
using IntegrationHub.AppHost.Model;
using IntegrationHub.AppHost.Running;

namespace IntegrationHub.AppHost.Dashboard;

/// <summary>What every dashboard endpoint reads: the running hub, the journey store, and HTTP to the broker's and mock MPI's APIs.</summary>
public sealed class DashboardContext(HubRunner runner, AppHostOptions options, JourneyStore journey, HttpClient http)
{
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

    public SupervisedProcess? Process(string name) => Runner.Processes.FirstOrDefault(p => p.Resource.Name == name);
}
