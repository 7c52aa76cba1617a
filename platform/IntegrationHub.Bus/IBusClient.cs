namespace IntegrationHub.Bus;

/// <summary>The bus port: one per process, owns the connection. Thread-safe.</summary>
public interface IBusClient : IAsyncDisposable
{
    /// <summary>A sender for a queue or topic. Cheap; the link is opened on first use and reopened after loss.</summary>
    IBusSender CreateSender(string entityPath);

    /// <summary>
    /// Opens a peek-lock receiver. For a session receiver this returns once the session is locked
    /// (or throws <see cref="BusException"/> with <see cref="BusFailureReason.SessionCannotBeLocked"/>).
    /// </summary>
    Task<IBusReceiver> CreateReceiverAsync(ReceiverOptions options, CancellationToken cancellationToken = default);
}

/// <summary>Sends to one entity. Thread-safe.</summary>
public interface IBusSender : IAsyncDisposable
{
    string EntityPath { get; }

    /// <summary>Returns only after the broker accepted (durably stored) the message; throws otherwise.</summary>
    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default);

    /// <summary>Sends the messages as one atomic batch transfer; all are accepted or none.</summary>
    Task SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends any number of messages as consecutive batches that each fit the entity's maximum message size
    /// (the replay job's mode). Returns the number sent; a single message too large for any batch raises
    /// <see cref="BusFailureReason.MessageSizeExceeded"/>. Batches before a failure stay sent.
    /// </summary>
    Task<int> SendInBatchesAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>Schedules through the entity's management node; returns the sequence numbers (for cancelling).</summary>
    Task<IReadOnlyList<long>> ScheduleAsync(IReadOnlyList<OutgoingMessage> messages, DateTimeOffset enqueueTime, CancellationToken cancellationToken = default);

    Task CancelScheduledAsync(long sequenceNumber, CancellationToken cancellationToken = default);
}

/// <summary>A peek-lock receiver on a queue, subscription or dead-letter queue, optionally bound to one session.</summary>
public interface IBusReceiver : IAsyncDisposable
{
    string EntityPath { get; }

    /// <summary>The locked session, or null for a plain receiver.</summary>
    string? SessionId { get; }

    /// <summary>Session lock expiry (session receivers only).</summary>
    DateTimeOffset? SessionLockedUntil { get; }

    /// <summary>Receives up to <paramref name="maxMessages"/>, waiting at most <paramref name="maxWait"/> for the first one.</summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default);

    Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken = default);

    /// <summary>Unlocks the message for redelivery; the broker increments its delivery count.</summary>
    Task AbandonAsync(ReceivedMessage message, IReadOnlyDictionary<string, object?>? propertiesToModify = null, CancellationToken cancellationToken = default);

    /// <summary>Unlocks a message without counting a failed delivery (for messages behind a failed one in a batch).</summary>
    Task ReleaseAsync(ReceivedMessage message, CancellationToken cancellationToken = default);

    Task DeadLetterAsync(ReceivedMessage message, string reason, string? description = null, CancellationToken cancellationToken = default);

    /// <summary>Extends the message lock; returns the new expiry (plain receivers).</summary>
    Task<DateTimeOffset> RenewLockAsync(ReceivedMessage message, CancellationToken cancellationToken = default);

    /// <summary>Extends the session lock; returns the new expiry (session receivers).</summary>
    Task<DateTimeOffset> RenewSessionLockAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The session's state: opaque bytes kept by the broker per session, independent of its messages, until set again
    /// (spec §5.3 of the bus dialect); null when none was set. Session receivers only.
    /// </summary>
    Task<byte[]?> GetSessionStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the session's state (null clears it); returns once the broker has stored it. Session receivers only.</summary>
    Task SetSessionStateAsync(byte[]? state, CancellationToken cancellationToken = default);

    /// <summary>Reads messages without locking them, from the given sequence number on.</summary>
    Task<IReadOnlyList<ReceivedMessage>> PeekAsync(int maxMessages, long fromSequenceNumber = 0, CancellationToken cancellationToken = default);
}

/// <summary>Which session a receiver binds to.</summary>
public enum SessionMode
{
    /// <summary>A plain (non-session) receiver.</summary>
    None,
    /// <summary>The session named in <see cref="ReceiverOptions.SessionId"/>.</summary>
    Named,
    /// <summary>Whichever session the broker offers next.</summary>
    NextAvailable,
}

public sealed record ReceiverOptions
{
    /// <summary>Queue, <c>topic/Subscriptions/sub</c>, or either followed by <c>/$deadletterqueue</c>.</summary>
    public required string EntityPath { get; init; }

    public SessionMode SessionMode { get; init; }

    public string? SessionId { get; init; }

    /// <summary>0 = credit only for what each receive call asks for.</summary>
    public int PrefetchCount { get; init; }

    /// <summary>
    /// Settle through <c>$management update-disposition</c> and wait for the broker's answer, so a lock that expired
    /// while the link stayed up is reported (<see cref="BusFailureReason.MessageLockLost"/>) instead of being
    /// silently ignored. Costs one round trip per settlement; off by default (link dispositions, fire-and-forget).
    /// </summary>
    public bool ConfirmSettlement { get; init; }

    /// <summary>How long the broker may wait for a session to become available (next-available).</summary>
    public TimeSpan SessionAcceptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public static ReceiverOptions ForQueue(string entityPath) => new() { EntityPath = entityPath };

    public static ReceiverOptions ForSession(string entityPath, string sessionId) =>
        new() { EntityPath = entityPath, SessionMode = SessionMode.Named, SessionId = sessionId };

    public static ReceiverOptions ForNextSession(string entityPath, TimeSpan? acceptTimeout = null) =>
        new() { EntityPath = entityPath, SessionMode = SessionMode.NextAvailable, SessionAcceptTimeout = acceptTimeout ?? TimeSpan.FromSeconds(60) };

    public static string DeadLetterPath(string entityPath) => entityPath + "/$deadletterqueue";
}
