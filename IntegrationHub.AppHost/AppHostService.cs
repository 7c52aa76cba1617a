using System.Net.Sockets;
using IntegrationHub.AppHost.Dashboard;
using IntegrationHub.AppHost.Model;
using IntegrationHub.AppHost.Running;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.AppHost;

/// <summary>
/// The AppHost's one hosted service: starts the hub when the host starts and stops it (children first, then the
/// broker) when the host stops — on Ctrl+C or SIGTERM, which the Generic Host's console lifetime turns into a stop.
/// </summary>
internal sealed partial class AppHostService(HubModel model, AppHostOptions options, ILoggerFactory loggers, IHostApplicationLifetime lifetime, ILogger<AppHostService> logger)
    : BackgroundService
{
    private HubRunner? _runner;
    private DashboardServer? _dashboard;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _runner = new HubRunner(model, options, loggers);

        // At once, not when this service's StopAsync comes: a terminal's Ctrl+C reaches the services too, and a
        // service that exits before then must not be restarted.
        lifetime.ApplicationStopping.Register(static runner => ((HubRunner)runner!).BeginStopping(), _runner);
        try
        {
            // The dashboard first, so the services can be watched while they come up.
            _dashboard = await DashboardServer.StartAsync(_runner, options, loggers, stoppingToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"Dashboard: {_dashboard.LoginUrl}").ConfigureAwait(false);
            await _runner.StartAsync(stoppingToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(Environment.NewLine + _runner.StatusTable()).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"Hub started in {_runner.StartupTime.TotalSeconds:0.00} s. Data and logs: {model.DataDirectory}. Ctrl+C stops everything.").ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"Dashboard: {_dashboard.LoginUrl}").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (TimeoutException ex)
        {
            // Keep supervising: a crash-looping service keeps being restarted while the developer reads its log.
            LogNotHealthy(logger, ex.Message);
            await Console.Out.WriteLineAsync(_runner.StatusTable()).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or SocketException or UnauthorizedAccessException)
        {
            LogFailed(logger, ex);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync().ConfigureAwait(false);
        }

        if (_runner is not null)
        {
            await _runner.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Report}")]
    private static partial void LogNotHealthy(ILogger logger, string report);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The hub could not start")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
