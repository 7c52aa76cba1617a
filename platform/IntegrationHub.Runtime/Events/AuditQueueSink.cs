using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using IntegrationHub.Bus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Runtime.Events;

/// <summary>
/// Sends every event to AUDIT_QUEUE_NAME for the dashboard's message journey, off the message path: events are
/// queued in memory (bounded) and sent in the background; when the bus is slow the oldest waiting events are
/// dropped and counted rather than stalling message processing. The log keeps every event regardless.
/// </summary>
public sealed partial class AuditQueueSink : BackgroundService, IAuditSink
{
    private const int Capacity = 10_000;
    private readonly Channel<HubEvent> _events = Channel.CreateBounded<HubEvent>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    private readonly IBusSender _sender;
    private readonly ILogger<AuditQueueSink> _logger;
    private long _dropped;

    public AuditQueueSink(IBusClient bus, string queueName, ILogger<AuditQueueSink> logger)
    {
        ArgumentNullException.ThrowIfNull(bus);
        _sender = bus.CreateSender(queueName);
        _logger = logger;
    }

    public void Publish(HubEvent hubEvent)
    {
        if (!_events.Writer.TryWrite(hubEvent))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _events.Reader;
        var batch = new List<OutgoingMessage>(64);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < 64 && reader.TryRead(out var hubEvent))
                {
                    batch.Add(ToMessage(hubEvent));
                }

                // Not cancellable: a batch taken from the queue is sent even while stopping, or it would be lost.
                await SendAsync(batch, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Flush what is queued so a clean stop loses nothing.
            batch.Clear();
            while (reader.TryRead(out var hubEvent))
            {
                batch.Add(ToMessage(hubEvent));
            }

            await SendAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public static OutgoingMessage ToMessage(HubEvent hubEvent)
    {
        ArgumentNullException.ThrowIfNull(hubEvent);
        return new OutgoingMessage(ToJson(hubEvent))
        {
            ContentType = "application/json",
            Subject = hubEvent.EventType.Name(),
            CorrelationId = hubEvent.CorrelationId,
        };
    }

    /// <summary>
    /// The event's dimensions as one JSON object, in their order, escaped as the default serializer escapes (the
    /// dashboard and the existing tooling read this shape). Written directly: no dictionary, no reflection.
    /// </summary>
    private static byte[] ToJson(HubEvent hubEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(512 + (hubEvent.MessageContent?.Length ?? 0));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in hubEvent.Dimensions())
            {
                if (value is null)
                {
                    writer.WriteNull(name);
                }
                else
                {
                    writer.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task SendAsync(List<OutgoingMessage> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await _sender.SendBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (BusException ex)
        {
            LogAuditSendFailed(_logger, batch.Count, ex.Reason, Interlocked.Read(ref _dropped));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Count} audit events ({Reason}); {Dropped} dropped so far. The log keeps every event.")]
    private static partial void LogAuditSendFailed(ILogger logger, int count, BusFailureReason reason, long dropped);
}
