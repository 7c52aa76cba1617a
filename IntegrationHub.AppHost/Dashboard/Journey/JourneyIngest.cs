using System.Text.Json;
using IntegrationHub.Bus;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.AppHost.Dashboard.Journey;

/// <summary>
/// Consumes the audit queue and the message-store queue with the hub's own bus client into the
/// <see cref="JourneyStore"/>: receive a batch (an audit message carries many events), store it in one transaction,
/// then complete it (at-least-once; a repeat shows as a repeated event, which is honest). A body that is not what the
/// services send is dead-lettered with the reason, so it is visible on the queues page rather than silently dropped.
/// </summary>
public sealed partial class JourneyIngest : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private readonly IBusClient _bus;
    private readonly JourneyStore _store;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly Func<bool> _busReady;

    /// <param name="busReady">False while the embedded broker is not listening yet, so start-up does not log connection failures.</param>
    public JourneyIngest(IBusClient bus, JourneyStore store, Func<bool> busReady, ILogger logger)
    {
        _bus = bus;
        _busReady = busReady;
        _store = store;
        _logger = logger;
    }

    public void Start(string? auditQueue, string? storeQueue)
    {
        if (auditQueue is not null)
        {
            _loops.Add(Task.Run(() => ConsumeAsync(auditQueue, ParseAuditEvents, batch => _store.AddEvents(batch), _stop.Token)));
        }

        if (storeQueue is not null)
        {
            _loops.Add(Task.Run(() => ConsumeAsync<StoredMessage>(storeQueue, m => [ParseStoredMessage(m)], batch => _store.AddMessages(batch), _stop.Token)));
        }
    }

    private async Task ConsumeAsync<T>(string queue, Func<ReceivedMessage, IReadOnlyList<T>> parse, Action<List<T>> save, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                while (!_busReady())
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), stop).ConfigureAwait(false);
                }

                await using var receiver = await _bus.CreateReceiverAsync(new ReceiverOptions { EntityPath = queue, PrefetchCount = 200 }, stop).ConfigureAwait(false);
                while (!stop.IsCancellationRequested)
                {
                    var messages = await receiver.ReceiveAsync(200, TimeSpan.FromSeconds(5), stop).ConfigureAwait(false);
                    var good = new List<(ReceivedMessage Message, IReadOnlyList<T> Parsed)>(messages.Count);
                    foreach (var message in messages)
                    {
                        try
                        {
                            good.Add((message, parse(message)));
                        }
                        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
                        {
                            await receiver.DeadLetterAsync(message, "UnreadableBody", ex.Message, stop).ConfigureAwait(false);
                        }
                    }

                    if (good.Count == 0)
                    {
                        continue;
                    }

                    save([.. good.SelectMany(g => g.Parsed)]);
                    foreach (var (message, _) in good)
                    {
                        await receiver.CompleteAsync(message, stop).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (IsBusTrouble(ex) || !stop.IsCancellationRequested)
            {
                if (IsBusTrouble(ex))
                {
                    // The broker is starting, restarting or gone: quietly (the resources page shows the bus).
                    LogRetrying(_logger, queue, ex.Message);
                }
                else
                {
                    // Anything else (the journey database full or locked, say) is said aloud; it must not end the
                    // ingest for the rest of the run either. What was received and not completed is redelivered.
                    LogIngestFailed(_logger, queue, ex.GetType().Name, ex.Message);
                }

                try
                {
                    await Task.Delay(RetryDelay, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static bool IsBusTrouble(Exception ex) => ex is BusException or TimeoutException or IOException or InvalidOperationException;

    /// <summary>
    /// The audit queue's body: a JSON array of events (see AuditBatch), or one event's object as a single event
    /// was sent before events were packed — messages still queued from an earlier version read the same.
    /// </summary>
    public static IReadOnlyList<AuditEvent> ParseAuditEvents(ReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ParseAuditEvents(message.Body.Span);
    }

    public static IReadOnlyList<AuditEvent> ParseAuditEvents(ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            return [ParseAuditEvent(root)];
        }

        var events = new List<AuditEvent>(root.GetArrayLength());
        foreach (var element in root.EnumerateArray())
        {
            events.Add(ParseAuditEvent(element));
        }

        return events;
    }

    private static AuditEvent ParseAuditEvent(JsonElement root) =>
        new(
            Optional(root, "control_id"),
            Required(root, "workflow_id"),
            Required(root, "microservice_id"),
            Required(root, "event_type"),
            DateTimeOffset.Parse(Required(root, "timestamp"), System.Globalization.CultureInfo.InvariantCulture),
            Optional(root, "message_content") ?? string.Empty,
            Optional(root, "validation_result"),
            Optional(root, "error_details"),
            Optional(root, "correlation_id"));

    /// <summary>The message-store queue's body: a MessageStoreRecord as JSON (spec §10.6 keys).</summary>
    public static StoredMessage ParseStoredMessage(ReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var document = JsonDocument.Parse(message.Body);
        var root = document.RootElement;
        var raw = Required(root, "RawPayload");
        return new StoredMessage(
            ControlIds.Of(raw),
            Required(root, "CorrelationId"),
            Required(root, "ProcessingComponent"),
            Optional(root, "SourceSystem") ?? string.Empty,
            Optional(root, "TargetSystem") ?? string.Empty,
            Optional(root, "MessageReceivedAt") ?? string.Empty,
            raw);
    }

    private static string Required(JsonElement root, string name) =>
        Optional(root, name) ?? throw new KeyNotFoundException($"'{name}' is missing");

    private static string? Optional(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Journey: cannot read {Queue} yet ({Error}); retrying")]
    private static partial void LogRetrying(ILogger logger, string queue, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journey: reading {Queue} failed ({ErrorType}: {Error}); retrying")]
    private static partial void LogIngestFailed(ILogger logger, string queue, string errorType, string error);
}
