using System.Text.Json;
using IntegrationHub.Bus;
using IntegrationHub.Bus.Coalescing;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Runtime.Store;

/// <summary>
/// Sends message-store records (spec §10.6) to MESSAGE_STORE_QUEUE_NAME: one JSON text message, no session.
/// A failure is logged and swallowed: the store never blocks the message path. Disabled when no queue is set.
/// </summary>
public sealed partial class MessageStoreClient(IBusClient bus, string? queueName, ILogger<MessageStoreClient> logger) : IAsyncDisposable
{
    // A server stores one record per connection, many at once: they share batch transfers.
    private readonly CoalescingSender? _sender = queueName is null ? null : new(bus.CreateSender(queueName));

    public bool IsEnabled => _sender is not null;

    public async Task StoreAsync(MessageStoreRecord record, CancellationToken cancellationToken)
    {
        if (_sender is null)
        {
            return;
        }

        try
        {
            // The default encoder escapes every non-ASCII character, as the existing store service expects.
            var json = JsonSerializer.SerializeToUtf8Bytes(record, MessageStoreJsonContext.Default.MessageStoreRecord);
            await _sender.SendAsync(new OutgoingMessage(json) { ContentType = "application/json" }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is BusException or TimeoutException or InvalidOperationException)
        {
            LogStoreFailed(logger, _sender.EntityPath, record.CorrelationId, ex.GetType().Name, ex.Message);
        }
    }

    /// <summary>Lets records already queued finish before the link closes.</summary>
    public ValueTask DisposeAsync() => _sender?.DisposeAsync() ?? ValueTask.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "Message store send to {Queue} failed for CorrelationId {CorrelationId}: {ErrorType} {Error}")]
    private static partial void LogStoreFailed(ILogger logger, string queue, string correlationId, string errorType, string error);
}
