using IntegrationHub.Bus;
using IntegrationHub.Bus.Processing;
using IntegrationHub.Mllp;
using IntegrationHub.Runtime.Events;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Runtime.Sender;

/// <summary>
/// The sender's loop (spec §8.2): receive a batch from the session (sized by §8.5), deliver one message at a time,
/// complete on a positive ACK, otherwise abandon and back off. Unlike the existing system, which crashed when the
/// destination refused the first connection, it waits for the destination before taking messages from the bus, so
/// an MPI outage does not use up the messages' delivery counts and send them to the dead-letter queue.
/// </summary>
public sealed partial class SenderService(
    SenderSettings settings,
    SenderHandler handler,
    MllpClient client,
    Throttle throttle,
    IBusClient bus,
    HubMetrics metrics,
    ILoggerFactory loggerFactory,
    ILogger<SenderService> logger,
    TimeProvider time) : BackgroundService, IHealthCheck
{
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);
    private volatile bool _destinationReachable;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_destinationReachable
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"Destination {settings.ReceiverHost}:{settings.ReceiverPort} not reachable"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batchSize = BatchSizing.For(throttle.Interval);
        if (batchSize < BatchSizing.MaxBatch)
        {
            LogBatchReduced(logger, batchSize, settings.MaxMessagesPerMinute ?? 0);
        }

        var options = new BusProcessorOptions
        {
            EntityPath = settings.IngressEntity,
            SessionMode = settings.IngressSessionId is null ? SessionMode.None : SessionMode.Named,
            SessionId = settings.IngressSessionId,
            MaxBatchSize = batchSize,
            MaxWait = settings.ReceiveWait,
            InitialBackoff = settings.InitialRetryDelay,
            MaxBackoff = settings.MaxRetryDelay,
            BackoffScheduled = (delay, attempt) => metrics.RetryScheduled(delay, settings.IngressEntity, attempt),

            // The duplicate log is local to this container; the session state travels with the session, so a message
            // the destination acknowledged is not sent again by whichever replica takes the session after a crash.
            MarkHandledInSessionState = true,
            AlreadyHandled = handler.AlreadyDelivered,
        };
        var processor = new BusProcessor(bus, options, handler.HandleAsync, loggerFactory.CreateLogger<BusProcessor>(), time);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await WaitForDestinationAsync(stoppingToken).ConfigureAwait(false);
                await processor.RunOnceAsync(stoppingToken).ConfigureAwait(false);
                _destinationReachable = !handler.DestinationUnreachable;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WaitForDestinationAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!client.IsConnected || client.IsPeerClosed())
        {
            try
            {
                client.Close();
                await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
                LogConnected(logger, settings.ReceiverHost, settings.ReceiverPort);
                break;
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or TimeoutException or IOException or System.Security.Authentication.AuthenticationException)
            {
                _destinationReachable = false;
                LogUnreachable(logger, settings.ReceiverHost, settings.ReceiverPort, ex.Message, delay.TotalSeconds);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
            }
        }

        _destinationReachable = true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch size reduced to {BatchSize} to stay inside the lock renewal window at {Rate} messages per minute")]
    private static partial void LogBatchReduced(ILogger logger, int batchSize, int rate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to destination {Host}:{Port}")]
    private static partial void LogConnected(ILogger logger, string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Destination {Host}:{Port} unreachable ({Error}); retrying in {DelaySeconds} s without taking messages from the bus")]
    private static partial void LogUnreachable(ILogger logger, string host, int port, string error, double delaySeconds);
}
