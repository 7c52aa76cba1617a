namespace IntegrationHub.Bus.Emulator.Engine;

internal enum RecordState : byte
{
    Available,
    Locked,
    Scheduled,
    Deleted,
}

/// <summary>
/// The broker's in-memory index entry for one stored message. Kept small on purpose (a backlog of a million
/// messages holds a million of these): the encoded message lives in SQLite and is only cached here while the
/// memory budget allows; the message id is not kept (the stored row and the encoded message hold it; inserts
/// carry it beside the record); lock state is allocated only for messages that are actually delivered.
/// </summary>
internal sealed class MessageRecord
{
    public long Seq;
    public string? SessionId;
    public long EnqueuedMs;
    public long ExpiresMs;
    public long ScheduledMs;
    public int DeliveryCount;
    public RecordState State;
    public bool DeadLetter;
    public bool IsDuplicate;

    /// <summary>The encoded message as stored, or null when evicted from the cache.</summary>
    public byte[]? Body;

    // Lock state lives only in memory: a restart releases every lock.
    private DeliveryLock? _lock;

    public Guid LockToken
    {
        get => _lock?.Token ?? Guid.Empty;
        set => Lock().Token = value;
    }

    public long LockedUntilMs
    {
        get => _lock?.UntilMs ?? 0;
        set => Lock().UntilMs = value;
    }

    public ConsumerLink? Holder
    {
        get => _lock?.Holder;
        set => Lock().Holder = value;
    }

    private DeliveryLock Lock() => _lock ??= new DeliveryLock();

    private sealed class DeliveryLock
    {
        public Guid Token;
        public long UntilMs;
        public ConsumerLink? Holder;
    }
}
