namespace IntegrationHub.Bus;

/// <summary>A message received in peek-lock mode. Settle it through the receiver that returned it.</summary>
public sealed class ReceivedMessage
{
    private static readonly IReadOnlyDictionary<string, object?> EmptyProperties = new Dictionary<string, object?>();

    public ReadOnlyMemory<byte> Body { get; init; }

    public IReadOnlyDictionary<string, object?> ApplicationProperties { get; init; } = EmptyProperties;

    public string? MessageId { get; init; }

    public string? SessionId { get; init; }

    public string? CorrelationId { get; init; }

    public string? ContentType { get; init; }

    public string? Subject { get; init; }

    /// <summary>Number of times the message has been locked, this delivery included (1 on first delivery).</summary>
    public int DeliveryCount { get; init; }

    public DateTimeOffset EnqueuedTime { get; init; }

    public long SequenceNumber { get; init; }

    /// <summary>Lock expiry of the message (for session messages the broker reports the session lock).</summary>
    public DateTimeOffset LockedUntil { get; internal set; }

    public Guid LockToken { get; init; }

    /// <summary>Set on dead-lettered messages.</summary>
    public string? DeadLetterReason => ApplicationProperties.TryGetValue("DeadLetterReason", out var v) ? v as string : null;

    public string? DeadLetterErrorDescription => ApplicationProperties.TryGetValue("DeadLetterErrorDescription", out var v) ? v as string : null;

    /// <summary>The adapter's own record of where the message came from (link and delivery); opaque to callers.</summary>
    internal object? SettlementHandle { get; init; }

    public string BodyAsString() => System.Text.Encoding.UTF8.GetString(Body.Span);

}
