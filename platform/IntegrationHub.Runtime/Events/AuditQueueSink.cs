using System.Threading.Channels;
using IntegrationHub.Bus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Runtime.Events;

/// <summary>
/// Sends every event to AUDIT_QUEUE_NAME for the dashboard's message journey, off the message path: events are
/// queued in memory (bounded) and sent in the background, the events waiting at each send packed into one message
/// (<see cref="AuditBatch"/>); when the bus is slow the oldest waiting events are dropped and counted rather than
/// stalling message processing. The log keeps every event regardless.
/// </summary>
public sealed partial class AuditQueueSink : BackgroundService, IAuditSink
{
    private const int Capacity = 10_000;

    // Events drained per send; they leave packed into as few messages as the size limit allows (see AuditBatch).
    private const int MaxEventsPerSend = 512;
    private readonly Channel<HubEvent> _events;
    private readonly IBusSender _sender;
    private readonly ILogger<AuditQueueSink> _logger;
    private long _dropped;
    private long _droppedReported;

    public AuditQueueSink(IBusClient bus, string queueName, ILogger<AuditQueueSink> logger)
    {
        ArgumentNullException.ThrowIfNull(bus);
        _sender = bus.CreateSender(queueName);
        _logger = logger;

        // A full queue drops its oldest event to take the new one (the write itself always succeeds), so the drops
        // are counted where the channel reports them.
        _events = Channel.CreateBounded<HubEvent>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Events dropped so far because the bus did not keep up (the log still has them).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Publish(HubEvent hubEvent) => _events.Writer.TryWrite(hubEvent);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<HubEvent>(MaxEventsPerSend);
        try
        {
            while (await _events.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                // Not cancellable: a batch taken from the queue is sent even while stopping, or it would be lost.
                await SendWaitingAsync(batch, MaxEventsPerSend).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Flush what is queued so a clean stop loses nothing.
            await SendWaitingAsync(batch, int.MaxValue).ConfigureAwait(false);
        }
    }

    /// <summary>Takes up to <paramref name="limit"/> waiting events, sends them packed, and reports any new drops.</summary>
    private async Task SendWaitingAsync(List<HubEvent> batch, int limit)
    {
        batch.Clear();
        while (batch.Count < limit && _events.Reader.TryRead(out var hubEvent))
        {
            batch.Add(hubEvent);
        }

        // Usually one message; more only when the events' bodies pass the size limit of one.
        foreach (var packed in AuditBatch.Pack(batch))
        {
            try
            {
                await _sender.SendAsync(packed.Message, CancellationToken.None).ConfigureAwait(false);
            }
            catch (BusException ex)
            {
                LogAuditSendFailed(_logger, packed.EventCount, ex.Reason, Dropped);
            }
        }

        // One warning per send that found new drops, not one per dropped event.
        var dropped = Dropped;
        if (dropped != _droppedReported)
        {
            LogEventsDropped(_logger, dropped - _droppedReported, Capacity, dropped);
            _droppedReported = dropped;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Count} audit events ({Reason}); {Dropped} dropped so far. The log keeps every event.")]
    private static partial void LogAuditSendFailed(ILogger logger, int count, BusFailureReason reason, long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} audit events dropped: more than {Capacity} were waiting for the bus ({Dropped} so far). The log keeps every event.")]
    private static partial void LogEventsDropped(ILogger logger, long count, int capacity, long dropped);
}
