using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.MockMpi;

/// <summary>
/// The mock MPI as a Generic Host: the MLLP server as a hosted service plus, when <c>MOCK_MPI_HTTP_PORT</c> is set,
/// Kestrel on loopback for the listing/control endpoint. Program.cs runs it; tests can run it in-process.
/// </summary>
public sealed class MockMpiApp : IAsyncDisposable
{
    private readonly IHost _host;

    private MockMpiApp(IHost host, MockMpiServer server, bool http)
    {
        _host = host;
        Server = server;
        HasHttp = http;
    }

    /// <summary>The MLLP side.</summary>
    public MockMpiServer Server { get; }

    /// <summary>True when the HTTP endpoint is configured.</summary>
    public bool HasHttp { get; }

    /// <summary>The HTTP endpoint's base address once started (with the real port when 0 was asked), else null.</summary>
    public Uri? HttpAddress { get; private set; }

    /// <summary>Builds the app from configuration (environment variables, see <see cref="MockMpiOptions"/>).</summary>
    public static MockMpiApp Create(IConfiguration configuration)
    {
        var options = MockMpiOptions.FromConfiguration(configuration);
        var builder = Host.CreateDefaultBuilder()
            .ConfigureAppConfiguration(config => config.AddConfiguration(configuration))
            .ConfigureLogging(logging => logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning))
            .ConfigureServices(services =>
            {
                services.AddSingleton(options);
                services.AddSingleton(sp => new MockMpiServer(options, sp.GetRequiredService<ILoggerFactory>()));
                services.AddHostedService(sp => sp.GetRequiredService<MockMpiServer>());
            });

        if (options.HttpPort is { } httpPort)
        {
            builder.ConfigureWebHost(web => web
                .UseKestrel(kestrel => kestrel.Listen(IPAddress.Parse(options.HttpHost), httpPort))
                .ConfigureServices(services => services.AddRouting())
                .Configure(app =>
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints => MockMpiHttpApi.Map(endpoints, endpoints.ServiceProvider.GetRequiredService<MockMpiServer>()));
                }));
        }

        var host = builder.Build();
        return new MockMpiApp(host, host.Services.GetRequiredService<MockMpiServer>(), options.HttpPort is not null);
    }

    /// <summary>Starts the MLLP listener and the HTTP endpoint.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _host.StartAsync(cancellationToken).ConfigureAwait(false);
        if (HasHttp)
        {
            var addresses = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
            var first = addresses?.Addresses.FirstOrDefault();
            HttpAddress = first is null ? null : new Uri(first);
        }
    }

    /// <summary>Waits for Ctrl+C / SIGTERM.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _host.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops both sides.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _host.StopAsync(cancellationToken);

    /// <summary>Stops and disposes the host.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Already stopping.
        }

        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }
    }
}
