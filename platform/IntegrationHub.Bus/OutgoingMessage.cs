namespace IntegrationHub.Bus;

/// <summary>A message to send. Only <see cref="Body"/> is required.</summary>
public sealed class OutgoingMessage
{
    public OutgoingMessage(ReadOnlyMemory<byte> body) => Body = body;

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Travels as AMQP group-id; required by session-enabled entities.</summary>
    public string? SessionId { get; init; }

    /// <summary>Used by the broker for duplicate detection; the hub sets MSH-10 here.</summary>
    public string? MessageId { get; init; }

    public string? CorrelationId { get; init; }

    public string? ContentType { get; init; }

    public string? Subject { get; init; }

    public TimeSpan? TimeToLive { get; init; }

    /// <summary>When set, the broker holds the message back until this time.</summary>
    public DateTimeOffset? ScheduledEnqueueTime { get; init; }

    /// <summary>Simple values only (string, numbers, bool, DateTime, Guid, byte[]).</summary>
    public IDictionary<string, object?> ApplicationProperties { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>The trace context of the code that queued the message, when it is encoded later elsewhere.</summary>
    internal (string? TraceParent, string? TraceState)? CapturedTraceContext { get; set; }

    public static OutgoingMessage FromText(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));
}
