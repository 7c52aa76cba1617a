using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Otlp.Tests;

/// <summary>The receiver on a real Kestrel listener at 127.0.0.1 with a port chosen at run time.</summary>
internal sealed class ReceiverHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ReceiverHost(WebApplication app, TelemetryStore store, Uri baseUri)
    {
        _app = app;
        Store = store;
        BaseUri = baseUri;
    }

    public TelemetryStore Store { get; }

    public Uri BaseUri { get; }

    public static async Task<ReceiverHost> StartAsync(string? apiKey = null, TelemetryStoreOptions? options = null)
    {
        var store = new TelemetryStore(options ?? new TelemetryStoreOptions());
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapOtlpReceiver(store, apiKey);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ReceiverHost(app, store, new Uri(address));
    }

    public Uri Endpoint(string signal) => new(BaseUri, "/v1/" + signal);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
