using IntegrationHub.Bus;
using IntegrationHub.Bus.Processing;
using IntegrationHub.Runtime.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Runtime.Transformer;

/// <summary>
/// Runs the transformer's receive loop: one session, in order, peek-lock; a failure abandons the message and the
/// rest of its batch and backs off 5 s doubling to 15 min (spec §10.3, Appendix B). Stopping finishes the message
/// in hand and releases the rest.
/// </summary>
public sealed class TransformerService(
    TransformerSettings settings,
    TransformerHandler handler,
    IBusClient bus,
    HubMetrics metrics,
    ILoggerFactory loggerFactory,
    TimeProvider time) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = new BusProcessorOptions
        {
            EntityPath = settings.IngressQueue,
            SessionMode = settings.IngressSessionId is null ? SessionMode.None : SessionMode.Named,
            SessionId = settings.IngressSessionId,
            MaxBatchSize = settings.MaxBatchSize,
            MaxWait = settings.ReceiveWait,
            InitialBackoff = settings.InitialRetryDelay,
            MaxBackoff = settings.MaxRetryDelay,
            BackoffScheduled = (delay, attempt) => metrics.RetryScheduled(delay, settings.IngressQueue, attempt),
        };
        var processor = new BusProcessor(bus, options, handler.HandleAsync, loggerFactory.CreateLogger<BusProcessor>(), time);
        return processor.RunAsync(stoppingToken);
    }
}
