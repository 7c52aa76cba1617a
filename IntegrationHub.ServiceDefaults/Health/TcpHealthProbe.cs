using System.Net;
using System.Net.Sockets;
using IntegrationHub.ServiceDefaults.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.ServiceDefaults.Health;

/// <summary>
/// The TCP health probe of the existing system (spec §14): a successful connect is the health signal. Unlike the
/// original, which answered as long as the process lived, the port only accepts connections while every
/// registered health check (listener up, bus connected, …) reports healthy; when one fails the listening socket
/// is closed so platform probes see the service as down.
/// </summary>
public sealed partial class TcpHealthProbe(
    HealthCheckService healthChecks,
    ServiceIdentitySettings settings,
    ILogger<TcpHealthProbe> logger,
    IHostApplicationLifetime lifetime,
    TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);
    private readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private CancellationTokenSource? _acceptStop;

    /// <summary>The endpoint the probe is bound to once it first became healthy (port 0 picks a free port).</summary>
    public Task<IPEndPoint> BoundEndpoint => _bound.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.HealthCheckPort == 0 && settings.HealthCheckHost.Length == 0)
        {
            return;
        }

        var port = settings.HealthCheckPort;
        try
        {
            // Services start after the probe; judging health before they have is only noise.
            await WaitForStartAsync(stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                var report = await healthChecks.CheckHealthAsync(stoppingToken).ConfigureAwait(false);
                var healthy = report.Status != HealthStatus.Unhealthy;
                if (healthy && _listener is null)
                {
                    port = Open(port);
                }
                else if (!healthy && _listener is not null)
                {
                    if (logger.IsEnabled(LogLevel.Warning))
                    {
                        LogUnhealthy(logger, string.Join(", ", report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key)));
                    }

                    await CloseAsync().ConfigureAwait(false);
                }

                await Task.Delay(CheckInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await CloseAsync().ConfigureAwait(false);
        }
    }

    private Task WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    private int Open(int port)
    {
        var address = IPAddress.TryParse(settings.HealthCheckHost, out var ip) ? ip : IPAddress.Loopback;
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(address, port));
        socket.Listen(16);
        _listener = socket;
        var endpoint = (IPEndPoint)socket.LocalEndPoint!;
        _bound.TrySetResult(endpoint);
        LogListening(logger, endpoint);
        _acceptStop = new CancellationTokenSource();
        _acceptLoop = AcceptAsync(socket, _acceptStop.Token);

        // Keep the same port when the probe reopens after a spell of ill health.
        return endpoint.Port;
    }

    private static async Task AcceptAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var connection = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
                connection.Close();
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task CloseAsync()
    {
        if (_listener is null)
        {
            return;
        }

        await (_acceptStop?.CancelAsync() ?? Task.CompletedTask).ConfigureAwait(false);
        _listener.Dispose();
        _listener = null;
        await _acceptLoop.ConfigureAwait(false);
        _acceptStop?.Dispose();
        _acceptStop = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health probe listening on {Endpoint}")]
    private static partial void LogListening(ILogger logger, IPEndPoint endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health probe closed: unhealthy checks {Checks}")]
    private static partial void LogUnhealthy(ILogger logger, string checks);
}
