using System.Net;
using IntegrationHub.AppHost.Dashboard.Endpoints;
using IntegrationHub.AppHost.Dashboard.Journey;
using IntegrationHub.AppHost.Running;
using IntegrationHub.Bus;
using IntegrationHub.Bus.Configuration;
using IntegrationHub.Otlp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.AppHost.Dashboard;

/// <summary>
/// The dashboard: Kestrel on 127.0.0.1 only, every request but the login behind the session cookie, pages embedded
/// in this assembly, and the journey consumer feeding its store. Started before the services so the developer can
/// watch them come up.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly JourneyIngest _ingest;
    private readonly IBusClient _bus;
    private readonly JourneyStore _store;
    private readonly HttpClient _http;

    private DashboardServer(WebApplication app, JourneyIngest ingest, IBusClient bus, JourneyStore store, HttpClient http, DashboardAuth auth, Uri address, IReadOnlyCollection<string> listeningOn)
    {
        ListeningOn = listeningOn;
        _app = app;
        _ingest = ingest;
        _bus = bus;
        _store = store;
        _http = http;
        Auth = auth;
        Address = address;
    }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri Address { get; }

    public DashboardAuth Auth { get; }

    /// <summary>Every address Kestrel bound (only ever 127.0.0.1).</summary>
    public IReadOnlyCollection<string> ListeningOn { get; }

    public JourneyStore Journey => _store;

    /// <summary>The link the AppHost prints: opening it logs the browser in (once).</summary>
    public Uri LoginUrl => new(Address, "login?t=" + Auth.LoginToken);

    public static async Task<DashboardServer> StartAsync(HubRunner runner, AppHostOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        var model = runner.Model;
        var store = new JourneyStore(Path.Combine(model.DataDirectory, "dashboard", "journey.db"));
        var bus = BusClientFactory.Create(new BusClientOptions { ConnectionString = model.Bus.ConnectionString }, loggers);
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var otlp = DashboardContext.OtlpReceiverOf(model);
        var telemetry = otlp is null ? null : new TelemetryStore(new TelemetryStoreOptions());
        var context = new DashboardContext(runner, options, store, http, telemetry);
        var ingest = new JourneyIngest(bus, store, () => !model.Bus.IsEmbedded || runner.Broker is not null, loggers.CreateLogger<JourneyIngest>());
        ingest.Start(context.SharedSetting("AUDIT_QUEUE_NAME"), context.SharedSetting("MESSAGE_STORE_QUEUE_NAME"));

        var auth = new DashboardAuth();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.FreePorts ? 0 : options.DashboardPort);
            if (otlp is { } receiver)
            {
                k.Listen(IPAddress.Loopback, receiver.Port);
            }
        });
        builder.Services.AddSingleton(context);
        builder.Services.AddSingleton(auth);
        var app = builder.Build();
        app.UseDashboardAuth(auth, otlp?.Port);
        if (otlp is { } otlpReceiver)
        {
            app.MapOtlpReceiver(telemetry!, otlpReceiver.ApiKey);
        }

        app.MapDashboardPages();
        app.MapResourceEndpoints();
        app.MapLogEndpoints();
        app.MapQueueEndpoints();
        app.MapJourneyEndpoints();
        app.MapSendEndpoints();
        app.MapTelemetryEndpoints();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        var port = bound.Select(a => new Uri(a).Port).First(p => p != otlp?.Port);
        return new DashboardServer(app, ingest, bus, store, http, auth, new Uri($"http://127.0.0.1:{port}/"), bound);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _ingest.DisposeAsync().ConfigureAwait(false);
        await _bus.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
        _store.Dispose();
    }
}
