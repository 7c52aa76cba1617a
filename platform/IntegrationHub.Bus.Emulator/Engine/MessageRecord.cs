namespace IntegrationHub.Bus.Emulator.Engine;

internal enum RecordState : byte
{
    Available,
    Locked,
    Scheduled,
    Deleted,
}

/// <summary>
/// The broker's in-memory index entry for one stored message. Kept small on purpose: the encoded message
/// lives in SQLite and is only cached here while the memory budget allows.
/// </summary>
internal sealed class MessageRecord
{
    public long Seq;
    public string? SessionId;
    public string? MessageId;
    public long EnqueuedMs;
    public long ExpiresMs;
    public long ScheduledMs;
    public int DeliveryCount;
    public RecordState State;
    public bool DeadLetter;

    /// <summary>The encoded message as stored, or null when evicted from the cache.</summary>
    public byte[]? Body;

    // Lock state lives only in memory: a restart releases every lock.
    public Guid LockToken;
    public long LockedUntilMs;
    public ConsumerLink? Holder;

    public bool IsDuplicate;
}
